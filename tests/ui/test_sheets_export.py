"""個票 from the summary page: the chosen year and date, PDF or Excel, written in a worker."""

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.session import open_ledger
from claimdesk.ui.session import Session
from claimdesk.ui.summary_page import SummaryPage


@pytest.fixture
def page(qtbot, tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        set_department(ledger, "JUTAKU", "住宅課")
        add_claim_type(ledger, ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料"))
        add_debtor(ledger, Debtor("D1", "山田 太郎"))
        add_claim(ledger, Claim("A", "D1", "区営住宅使用料", 2025, date(2025, 6, 1), 12000, date(2025, 6, 30)))
        record_event(ledger, "A", EventKind.RECEIPT, date(2026, 7, 1), 4000, method="窓口")
    session = Session(path, today=date(2026, 9, 30))
    page = SummaryPage(session)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=20000):  # its own figures first: they set the status too
        page.set_period(2026, date(2026, 9, 30))
    yield page
    session.close()


@pytest.mark.parametrize("name, kind", [("個票.pdf", "PDF ファイル (*.pdf)"), ("個票", "Excel ブック (*.xlsx)")])
def test_the_button_writes_the_sheets_of_the_chosen_period(qtbot, page, tmp_path, monkeypatch, name, kind):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / name), kind))
    qtbot.mouseClick(page.sheets_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "出力しました" in page.status.text(), timeout=20000)
    if kind.startswith("PDF"):
        (sheet,) = PdfReader(str(tmp_path / "個票.pdf")).pages
        assert "33.3" in sheet.extract_text()  # FY2026 carried: 4,000 of 12,000
    else:
        assert openpyxl.load_workbook(tmp_path / "個票.xlsx").sheetnames == ["区営住宅使用料"]
    assert "出力しました" in page.status.text()


def test_cancelling_the_file_dialog_writes_nothing(qtbot, page, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    qtbot.mouseClick(page.sheets_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx")] == []
