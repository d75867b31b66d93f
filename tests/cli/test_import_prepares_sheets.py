"""After `claimdesk import` (and `claimdesk demo`) the 個票's closed years are already summed
and kept: the import is the long write a clerk waits for, the next 個票 is not."""

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from claimdesk.cli import main
from claimdesk.domain.sheets import periods
from claimdesk.services import sheets
from claimdesk.storage.errors import LedgerDamagedError

DATA = Path(__file__).resolve().parents[1] / "data"  # the sample ledger's CSVs (tests/data/README.md)
TODAY = date(2027, 9, 30)  # the samples run to 2027-09-07
CLOSED = [(p.fiscal_year, p.as_of) for p in periods(2027, TODAY)][:4]  # FY2023-2026, each as of 5/31 after


def kept(path):
    conn = sqlite3.connect(path)
    try:
        years = [(fy, date.fromisoformat(d)) for fy, d in conn.execute(
            "SELECT fiscal_year, as_of FROM stored_periods ORDER BY fiscal_year")]
        carried = [fy for (fy,) in conn.execute("SELECT fiscal_year FROM carried_years")]
    finally:
        conn.close()
    return years, carried


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", TODAY.isoformat())
    path = tmp_path / "ledger.sqlite3"
    assert main(["--db", str(path), "department", "--code", "JUTAKU", "--name", "住宅課"]) == 0
    return path


def imported(path):
    return main(["--db", str(path), "import", "--claims", str(DATA / "ledger-ja-cp932-claims.csv"),
                 "--transactions", str(DATA / "ledger-ja-cp932-transactions.csv")])


def test_an_import_leaves_the_closed_years_and_the_balances_brought_in_kept(db, capsys):
    assert imported(db) == 0
    assert "取り込みました" in capsys.readouterr().out
    assert kept(db) == (CLOSED, [2027])


def test_the_import_stands_when_summing_for_the_sheets_fails(db, capsys, monkeypatch, caplog):
    def failing(*_):
        raise LedgerDamagedError("台帳ファイルが壊れているか読み込めません: disk I/O error")

    monkeypatch.setattr(sheets, "prepare_sheets", failing)
    assert imported(db) == 0
    assert "取り込みました" in capsys.readouterr().out
    assert "個票の集計の準備に失敗しました" in caplog.text
    assert kept(db) == ([], [])
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 20
    conn.close()


def test_a_refused_import_sums_nothing(db, tmp_path, capsys):
    bad = tmp_path / "claims.csv"
    bad.write_text("claim_id,debtor_id\nX1,D1\n", encoding="utf-8")
    assert main(["--db", str(db), "import", "--claims", str(bad)]) == 2
    assert kept(db) == ([], [])


def test_the_demo_is_made_with_its_sheets_summed(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2026-12-03")
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    assert kept(path) == ([(p.fiscal_year, p.as_of) for p in periods(2026, date(2026, 12, 3))][:4], [2026])
