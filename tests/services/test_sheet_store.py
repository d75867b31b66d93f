"""The 個票 with its closed years kept in the ledger (m018): the same workbook, checked by `claimdesk check`."""

import sqlite3
from datetime import date

import openpyxl
import pytest

from claimdesk.cli import main
from claimdesk.domain.claims import EventKind
from claimdesk.services.backups import check_ledger
from claimdesk.services.sheets import export_sheets
from claimdesk.storage.ledger import Ledger
from tests.ledger_files import behind_the_back
from tests.storage.test_period_totals import FIVE, TODAY, event, fresh, path, stored
from tests.storage.test_sharing import hold

__all__ = ["path"]  # the ledger fixture of the storage tests


def cells(xlsx):
    book = openpyxl.load_workbook(xlsx)
    return {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None}


def test_the_xlsx_is_the_same_cell_for_cell_with_and_without_the_store(path, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", TODAY.isoformat())
    with Ledger.open(path) as led:
        export_sheets(led, 2026, TODAY, tmp_path / "first.xlsx")  # sums all five, stores four
        assert stored(path) == FIVE[:4]
        export_sheets(led, 2026, TODAY, tmp_path / "stored.xlsx")  # reads them
        event(led, "F", EventKind.RECEIPT, date(2026, 11, 20), 500)
        export_sheets(led, 2026, TODAY, tmp_path / "after.xlsx")
    behind_the_back(path, "DELETE FROM stored_periods")
    with Ledger.open(path) as led:
        export_sheets(led, 2026, TODAY, tmp_path / "bare.xlsx")
    assert stored(path) == FIVE[:4]  # summed at the new receipt, stored again
    first = cells(tmp_path / "first.xlsx")
    assert len(first) > 100 and cells(tmp_path / "stored.xlsx") == first
    assert cells(tmp_path / "after.xlsx") == cells(tmp_path / "bare.xlsx") != first


@pytest.fixture
def tampered(path):
    with Ledger.open(path) as led:
        led.summary_totals(FIVE, TODAY)
    behind_the_back(path, "UPDATE period_totals SET collected = collected + 1000"
                          " WHERE fiscal_year = 2024 AND category = 'carried'"
                          " AND claim_type_id = (SELECT id FROM claim_types WHERE name = '区営住宅使用料')")
    return path


def test_check_reports_a_tampered_stored_period_and_drops_it(tampered, capsys):
    with Ledger.open(tampered) as led:
        (problem,) = check_ledger(led)
        assert led.summary_totals(FIVE) == fresh(tampered, FIVE)
    assert problem.text() == (
        "保存済みの集計が取引から計算し直した値と一致しません: 個票の保存済み年度集計（period_totals） "
        "2024年度 2025-05-31現在: 区営住宅使用料 滞納繰越分（保存分は削除しました。次の個票で計算し直します）")
    assert [fy for fy, _ in stored(tampered)] == [2022, 2023, 2025]
    assert main(["check", "--db", str(tampered)]) == 0
    assert capsys.readouterr().out == "台帳に問題はありません\n"


def test_the_command_line_names_the_period(tampered, capsys):
    assert main(["check", "--db", str(tampered)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "台帳に1件の問題があります"
    assert "period_totals） 2024年度 2025-05-31現在" in lines[0]


def test_a_stored_period_a_later_event_changes_is_not_a_problem(path):
    with Ledger.open(path) as led:
        led.summary_totals(FIVE, TODAY)
        event(led, "X", EventKind.RECEIPT, date(2025, 5, 20), 10)  # changes FY2024 and FY2025
        assert check_ledger(led) == []
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM stored_periods").fetchone()[0] == 4  # replaced when next summed
    conn.close()


def test_a_tampered_period_on_a_ledger_held_elsewhere_is_reported_and_kept(tampered):
    holder = hold(tampered, "鈴木")
    try:
        with Ledger.open(tampered) as led:
            (problem,) = check_ledger(led)
    finally:
        holder.kill()
        holder.wait()
    assert problem.detail.endswith("（台帳に書き込めないため、保存分を削除できませんでした）")
    assert [fy for fy, _ in stored(tampered)] == [2022, 2023, 2024, 2025]


def test_a_class_table_that_fails_stops_the_years_summed_beside_it(path, tmp_path, monkeypatch):
    import threading

    from claimdesk.services import sheets

    def failing(*_):
        raise MemoryError  # as a cancel or anything else the class table may raise

    monkeypatch.setenv("CLAIMDESK_TODAY", TODAY.isoformat())
    monkeypatch.setattr(sheets, "class_counts", failing)
    with Ledger.open(path) as led:
        with pytest.raises(MemoryError):
            export_sheets(led, 2026, TODAY, tmp_path / "sheets.xlsx")
        assert not any(t.name == "claimdesk-summary-totals" for t in threading.enumerate())
    assert stored(path) == []  # what the thread summed is not kept: the 個票 was not made
    assert not (tmp_path / "sheets.xlsx").exists()
