"""The letter preview: the batch PDF on screen, printed, opened elsewhere, recorded as sent."""

from datetime import date

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from claimdesk.domain.letters import LetterKind
from claimdesk.services import casework
from claimdesk.services.letters import render_batch
from claimdesk.ui import letter_preview
from claimdesk.ui.letter_preview import LetterPreview, SentDateDialog, make_letters

TODAY = date(2026, 11, 30)


@pytest.fixture
def session(make_session):
    return make_session(address="東京都世田谷区三宿3-6-1")


@pytest.fixture
def batch(session, tmp_path):
    return render_batch(session.ledger, LetterKind.DEMAND, tmp_path / "print" / "demand.pdf", TODAY,
                        claim_ids=["C0001", "C0002"])


@pytest.fixture
def preview(qtbot, session, batch):
    dialog = LetterPreview(session, batch)
    qtbot.addWidget(dialog)
    return dialog


def test_the_batch_is_shown_page_by_page(preview, batch):
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.document.pageCount() == batch.pages == 1
    assert preview.view.document() is preview.document
    assert preview.summary.text() == "督促状 1通・1ページ（demand.pdf）"
    assert not preview.skipped.isVisibleTo(preview)


def test_printing_draws_every_page(preview, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    assert preview.print_letters(printer)
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert printed.pageCount() == 1


def test_open_in_the_system_viewer(preview, batch, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    preview.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(batch.path))]


def test_recording_logs_each_letter_and_keeps_a_copy(qtbot, preview, session):
    with qtbot.waitSignal(preview.recorded) as recorded, qtbot.waitSignal(session.changed):
        assert preview.record_sent(date(2026, 12, 1))
    (sent,) = recorded.args[0]
    (line,) = casework.contact_log(session.ledger, debtor_id="D0001")
    assert line.entry.entry_id == sent.entry_id and line.entry.letter_kind is LetterKind.DEMAND
    assert line.entry.claim_ids == ("C0001", "C0002") and line.entry.on == date(2026, 12, 1)
    assert (session.path.parent / line.entry.document_path).exists()
    assert not preview.record_button.isEnabled() and preview.record_button.text() == "記録済み"


def test_recording_twice_is_refused_with_a_message(preview, session, monkeypatch):
    shown = []
    monkeypatch.setattr(letter_preview, "show_error", lambda parent, title, message, details="": shown.append(message))
    assert preview.record_sent(TODAY)
    assert not preview.record_sent(TODAY)
    assert shown == ["山田 太郎 様あての督促状は、すでに発送を記録しています（交渉記録 1）"]
    assert len(casework.contact_log(session.ledger, debtor_id="D0001")) == 1


def test_sent_date_starts_today_and_not_before_the_issue(qtbot, batch):
    dialog = SentDateDialog(batch, date(2026, 12, 3))
    qtbot.addWidget(dialog)
    assert dialog.sent_on() == date(2026, 12, 3) and dialog.date.text() == "令和8年12月3日"
    dialog.date.setText("R8.11.25")  # before the letters were issued
    assert not dialog.ok_button.isEnabled()
    assert dialog.date.message_label.text() == "発行日（令和8年11月30日）より前の日付です"
    dialog.date.setText("令和8年12月1日")
    assert dialog.ok_button.isEnabled() and dialog.sent_on() == date(2026, 12, 1)


def test_letters_are_made_in_the_background_then_previewed(qtbot, session, tmp_path):
    task = make_letters(None, session, LetterKind.REMINDER, claim_ids=["C0001"], output=tmp_path / "r.pdf")
    qtbot.waitUntil(task.is_done, timeout=10000)
    assert task.preview.batch.path == tmp_path / "r.pdf" and task.preview.document.pageCount() == 1
    task.preview.close()


def test_a_mistake_in_the_background_is_shown_and_no_file_is_left(qtbot, session, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("claimdesk.ui.operations.show_error",
                        lambda parent, title, message, details="": shown.append(message) or QMessageBox())
    task = make_letters(None, session, LetterKind.DEMAND, claim_ids=["NOPE"], output=tmp_path / "x.pdf")
    qtbot.waitUntil(task.is_done, timeout=10000)
    assert shown == ["債権番号 NOPE は台帳にありません"] and not (tmp_path / "x.pdf").exists()


def _image_placement(pdf_path):
    """The page size and where the page image is drawn (x, y, width, height in points)."""
    from pypdf import PdfReader

    page = PdfReader(str(pdf_path)).pages[0]
    placed = []

    def visit(op, args, cm, tm):
        if op == b"Do":
            placed.append((float(cm[4]), float(cm[5]), float(cm[0]), float(cm[3])))
    page.extract_text(visitor_operand_before=visit)
    return (float(page.mediabox.width), float(page.mediabox.height)), placed


def test_printing_is_a4_at_100_percent_from_the_papers_corner(preview, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    printer.setPageMargins(letter_preview.QMarginsF(20, 20, 20, 20), letter_preview.QPageLayout.Unit.Millimeter)
    assert preview.print_letters(printer)
    assert printer.fullPage()
    (width, height), placed = _image_placement(tmp_path / "printed.pdf")
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    ((x, y, w, h),) = placed
    # The whole page image covers the whole sheet: not shrunk into the printer's margins.
    assert abs(x) < 1 and abs(abs(w) - 595.3) < 1 and abs(abs(h) - 841.9) < 1
    assert abs(y) < 1 or abs(y - 841.9) < 1


def test_on_cups_the_pdf_itself_goes_to_the_printer_unscaled(preview, batch, monkeypatch):
    ran = []
    monkeypatch.setattr(letter_preview.subprocess, "run", lambda command, **kw: ran.append(command))
    letter_preview.system_print(batch.path, "Office_Laser", 2)
    (command,) = ran
    assert command[0] == "lp" and command[-1] == str(batch.path)
    assert "print-scaling=none" in command and "media=A4" in command
    assert command[command.index("-d") + 1] == "Office_Laser" and command[command.index("-n") + 1] == "2"
