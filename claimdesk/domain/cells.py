"""Text cells a spreadsheet must never run: CSV formula injection, and its undoing.

Excel and LibreOffice read a CSV cell that starts with =, +, -, @, a tab or a CR as a
formula (=HYPERLINK(…) becomes a live link, =cmd|… worse). A text cell that starts so is
written with a leading apostrophe, which the spreadsheet shows as text. So that reading
the file back gives the very same text, a cell that already starts with apostrophes
followed by one of those characters gets one apostrophe more; `unescape_cell` removes
exactly one. Numbers are never escaped: only text columns pass through here.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NEEDS = re.compile(r"'*[=+\-@\t\r]")


def escape_cell(text: str) -> str:
    """The text as a CSV cell that no spreadsheet reads as a formula."""
    return "'" + text if _NEEDS.match(text) else text


def unescape_cell(text: str) -> str:
    """The text `escape_cell` was given."""
    return text[1:] if _ESCAPED.match(text) else text
