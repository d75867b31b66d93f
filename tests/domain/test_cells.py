"""CSV text cells never start a formula, and read back as written."""

import pytest

from claimdesk.domain.cells import escape_cell, unescape_cell


@pytest.mark.parametrize("text, cell", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+81", "'+81"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("'=x", "''=x"), ("''+x", "'''+x"),
    ("住宅課", "住宅課"), ("'quoted", "'quoted"), ("a=b", "a=b"), ("", ""),
])
def test_escape_and_back(text, cell):
    assert escape_cell(text) == cell
    assert unescape_cell(cell) == text
