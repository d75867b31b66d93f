"""Background operations: the outcome arrives in the GUI thread, once, to a page still there."""

import threading
from datetime import date

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.services.cancel import Cancelled, CancelToken
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor
from claimdesk.services.session import open_ledger
from claimdesk.services.summary_export import export_summary
from claimdesk.ui import operations
from claimdesk.ui.operations import BackgroundOp, on_own_ledger


@pytest.fixture
def page(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_success_gets_the_result_and_the_reports_in_the_gui_thread(qtbot, page):
    gui, seen, reports = threading.get_ident(), [], []

    def work(progress):
        for i in range(3):
            progress(i + 1, 3)
        return "済"

    op = (BackgroundOp(page, work).progress(lambda d, t: reports.append((d, t, threading.get_ident())))
          .success(lambda result: seen.append((result, threading.get_ident()))).run_in_background())
    qtbot.waitUntil(op.is_done, timeout=5000)
    assert seen == [("済", gui)]
    assert reports == [(1, 3, gui), (2, 3, gui), (3, 3, gui)]
    assert not op.is_running() and not operations._live


def test_a_named_error_reaches_the_failure_callback_with_its_own_message(qtbot, page):
    failures, successes = [], []

    def work(progress):
        raise InvalidValue("所管課が設定されていません", "department")

    op = BackgroundOp(page, work).success(successes.append).failure(failures.append).run_in_background()
    qtbot.waitUntil(op.is_done, timeout=5000)
    (failure,) = failures
    assert failure.message == "所管課が設定されていません" and failure.details == ""
    assert isinstance(failure.error, InvalidValue) and failure.error.field == "department"
    assert successes == []


def test_an_unexpected_error_is_shown_in_a_box_with_its_traceback_and_logged(qtbot, page, caplog):
    op = BackgroundOp(page, lambda progress: 1 / 0).with_progress("出力", "出力しています…").run_in_background()
    qtbot.waitUntil(op.is_done, timeout=5000)
    box = page.findChild(QMessageBox)
    assert box is not None and box.text() == "予期しないエラーが発生しました"
    assert box.windowTitle() == "出力" and "ZeroDivisionError" in box.detailedText()
    assert any(r.name == "claimdesk" and r.exc_info for r in caplog.records)
    box.close()


def test_cancel_by_the_clerk_stops_the_work_and_calls_cancelled(qtbot, page):
    gate, seen, ends = threading.Event(), [], []

    def work(progress):
        gate.wait(5)
        try:
            progress(1, 2)
        except Cancelled:
            seen.append("cancelled")
            raise
        return "not reached"

    op = (BackgroundOp(page, work).with_progress("処理", "処理しています…").success(seen.append)
          .cancelled(lambda: seen.append("told")).ended(lambda: ends.append(1)).run_in_background())
    op._dialog_cancelled()  # what the dialog's button does
    gate.set()
    qtbot.waitUntil(op.is_done, timeout=5000)
    assert seen == ["cancelled", "told"] and ends == [1]
    assert page.findChild(QProgressDialog) is None or not page.findChild(QProgressDialog).isVisible()


def test_a_superseded_run_delivers_nothing(qtbot, page):
    gate, seen = threading.Event(), []
    first = BackgroundOp(page, lambda progress: gate.wait(5) and "old").success(seen.append).run_in_background()
    first.cancel()  # the page moved on (another day, another period)
    second = BackgroundOp(page, lambda progress: "new").success(seen.append).run_in_background()
    gate.set()
    qtbot.waitUntil(lambda: first.is_done() and second.is_done(), timeout=5000)
    assert seen == ["new"]


def test_closing_the_page_while_the_op_runs_delivers_nothing_and_stops_the_work(qtbot):
    gate, seen, stopped = threading.Event(), [], []
    widget = QWidget()

    def work(progress):
        gate.wait(5)
        try:
            progress(1, 1)
        except Cancelled:
            stopped.append(True)
            raise
        return "late"

    op = (BackgroundOp(widget, work).with_progress("処理", "処理しています…").success(seen.append)
          .failure(seen.append).cancelled(lambda: seen.append("cancelled")).run_in_background())
    shiboken6.delete(widget)  # the page (and its progress dialog) are gone while the work runs
    gate.set()
    qtbot.waitUntil(op.is_done, timeout=5000)
    assert seen == [] and stopped == [True] and not operations._live


def test_many_operations_in_a_row_all_deliver_and_leave_nothing_behind(qtbot):
    results = []
    ops = []
    for i in range(200):
        widget = QWidget()  # half of the pages are closed before their op ends
        op = BackgroundOp(widget, lambda progress, i=i: (progress(1, 1), i)[1]).success(results.append)
        ops.append((widget, op.run_in_background()))
        if i % 2:
            shiboken6.delete(widget)
    qtbot.waitUntil(lambda: all(op.is_done() for _, op in ops), timeout=30000)
    assert sorted(results) == list(range(0, 200, 2))
    assert not operations._live
    for widget, _ in ops:
        if shiboken6.isValid(widget):
            shiboken6.delete(widget)


def test_cancel_token_progress_checks_then_reports():
    token, reports = CancelToken(), []
    progress = token.progress(lambda done, total: reports.append(done))
    progress(1, 2)
    token.cancel()
    with pytest.raises(Cancelled):
        progress(2, 2)
    assert reports == [1]


@pytest.fixture
def ledger_path(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        set_department(ledger, "KYUSHOKU", "学務課")
        add_claim_type(ledger, ClaimType("学校給食費", LegalNature.PRIVATE, "一般会計", "諸収入"))
        add_debtor(ledger, Debtor("D1", "山田 太郎"))
        add_claim(ledger, Claim("A", "D1", "学校給食費", 2026, date(2026, 4, 1), 4500, date(2026, 4, 30)))
    return path


def test_the_work_runs_on_its_own_ledger_connection(qtbot, page, ledger_path):
    threads = []

    def work(ledger, progress):
        threads.append(threading.get_ident())
        return ledger.claim_count()

    op = BackgroundOp(page, on_own_ledger(ledger_path, work)).run_in_background()
    qtbot.waitUntil(op.is_done, timeout=5000)
    assert op.result == 1
    assert threads and threads[0] != threading.get_ident()


def test_a_cancelled_export_leaves_no_file(qtbot, page, ledger_path, tmp_path):
    out = tmp_path / "out" / "収納状況.csv"
    gate = threading.Event()

    def work(ledger, progress):
        gate.wait(5)
        return export_summary(ledger, 2026, date(2026, 9, 30), out, progress=progress)

    op = BackgroundOp(page, on_own_ledger(ledger_path, work)).run_in_background()
    op.cancel()
    gate.set()
    qtbot.waitUntil(op.is_done, timeout=5000)
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_the_call_returns_while_the_work_runs(qtbot, page):
    gate = threading.Event()

    def work(progress):
        gate.wait(5)
        progress(1, 1)
        return 42

    op = BackgroundOp(page, work).with_progress("処理", "処理しています…").run_in_background()
    assert op.is_running()
    gate.set()
    qtbot.waitUntil(op.is_done, timeout=5000)
    assert op.result == 42


def test_the_progress_dialog_appears_and_its_button_cancels(qtbot, page):
    page.show()
    stop, seen = threading.Event(), []

    def work(progress):
        for i in range(1000):
            progress(i, 1000)
            stop.wait(0.01)
        return "finished"

    op = (BackgroundOp(page, work).with_progress("処理", "処理しています…").cancelled(lambda: seen.append("c"))
          .run_in_background())
    qtbot.waitUntil(lambda: (d := page.findChild(QProgressDialog)) is not None and d.isVisible(), timeout=3000)
    dialog = page.findChild(QProgressDialog)
    assert dialog.labelText() == "処理しています…" and dialog.maximum() == 1000
    dialog.findChild(QPushButton).click()
    qtbot.waitUntil(op.is_done, timeout=5000)
    stop.set()
    assert seen == ["c"]


def test_at_the_end_of_the_program_running_work_is_cancelled_and_waited_for(qtbot, page):
    stopped = []

    def work(progress):
        for i in range(500):  # ten seconds unless cancelled
            try:
                progress(i, 500)
            except Cancelled:
                stopped.append(i)
                raise
            threading.Event().wait(0.02)
        return "done"

    op = BackgroundOp(page, work).run_in_background()
    qtbot.waitUntil(lambda: op.is_running(), timeout=2000)
    assert operations.stop_all(wait_ms=5000)  # returns once the worker has left
    assert len(stopped) == 1 and stopped[0] < 500
    qtbot.waitUntil(op.is_done, timeout=2000)
