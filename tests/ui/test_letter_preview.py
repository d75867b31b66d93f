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
    assert dialog.sent_on() == date(2026, 12, 3)
    dialog.date.setDate(dialog.date.minimumDate().addDays(-5))
    assert dialog.sent_on() == TODAY


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
