"""Text from the ledger never becomes a formula in a spreadsheet (CSV or xlsx)."""

from datetime import date

import pytest
from trust_ledgers import one_claim_ledger

from claimdesk.cli import main
from claimdesk.domain.claims import ClaimType, LegalNature

openpyxl = pytest.importorskip("openpyxl")

EVIL_DEPT = '=HYPERLINK("http://evil.example/","開く")'
EVIL_TYPE = ClaimType("+1+1", LegalNature.PRIVATE, "@SUM(A1)", "-2+3")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    one_claim_ledger(path, department=EVIL_DEPT, claim_type=EVIL_TYPE, assessed_on=date(2026, 6, 1)).close()
    return path


def _export(db, out, what="summary"):
    assert main(["export", what, "--db", str(db), "--fiscal-year", "2026", "--as-of", "2026-09-30",
                 "--output", str(out)]) == 0


def test_summary_csv_escapes_text_cells_only(db, tmp_path):
    out = tmp_path / "s.csv"
    _export(db, out)
    line = out.read_bytes()[3:].decode("utf-8").split("\r\n")[1]
    assert line == ("claimdesk-summary/1,K01,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"開く\"\")\",2026,"
                    "2026-09-30,'@SUM(A1),'-2+3,'+1+1,private,current,12000,0,0,0,12000,0.0,1,")


def test_the_aggregate_reads_the_escaped_text_back_as_typed(db, tmp_path):
    out, agg = tmp_path / "s.csv", tmp_path / "agg.xlsx"
    _export(db, out)
    assert main(["aggregate", str(out), "--output", str(agg)]) == 0
    wb = openpyxl.load_workbook(agg)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    assert EVIL_DEPT in {c.value for c in cells}
    agg_csv = tmp_path / "agg.csv"
    assert main(["aggregate", str(out), "--output", str(agg_csv)]) == 0
    text = agg_csv.read_bytes().decode("utf-8-sig")
    assert "'@SUM(A1)" in text and ",@SUM(A1)" not in text


@pytest.mark.parametrize("what, suffix", [("summary", ".xlsx"), ("sheets", ".xlsx")])
def test_xlsx_has_the_text_as_strings_and_no_formula(db, tmp_path, what, suffix):
    out = tmp_path / f"out{suffix}"
    _export(db, out, what)
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    assert EVIL_TYPE.name in texts
    if what == "summary":
        assert {EVIL_DEPT, "@SUM(A1)", "-2+3"} <= texts
    else:
        assert EVIL_DEPT in texts
