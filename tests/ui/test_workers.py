"""Background tasks: progress and results arrive as signals, cancelling stops the work."""

import threading
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.services.cancel import Cancelled, CancelToken
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor
from claimdesk.services.session import open_ledger
from claimdesk.services.summary_export import export_summary
from claimdesk.ui.workers import Task, on_own_ledger, run_with_progress, start_with_progress


def test_progress_and_result_arrive_as_signals(qtbot):
    def work(progress):
        for i in range(3):
            progress(i + 1, 3)
        return "済"

    task = Task(work)
    reports = []
    task.progress.connect(lambda done, total: reports.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        task.start()
    assert finished.args == ["済"]
    assert reports == [(1, 3), (2, 3), (3, 3)]
    assert not task.is_running()


def test_cancel_stops_the_work_at_its_next_report(qtbot):
    gate, seen = threading.Event(), []

    def work(progress):
        gate.wait(5)
        try:
            progress(1, 2)
        except Cancelled:
            seen.append("cancelled")
            raise
        return "not reached"

    task = Task(work)
    with qtbot.assertNotEmitted(task.finished), qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        task.cancel()
        gate.set()
    assert seen == ["cancelled"]


def test_a_user_error_reports_its_own_message(qtbot):
    def work(progress):
        raise InvalidValue("所管課が設定されていません", "department")

    task = Task(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    assert failed.args == ["所管課が設定されていません", ""]
    assert isinstance(task.error, InvalidValue) and task.error.field == "department"


def test_an_unexpected_error_is_logged_with_its_traceback(qtbot, caplog):
    def work(progress):
        return 1 / 0

    task = Task(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    message, details = failed.args
    assert message == "予期しないエラーが発生しました"
    assert "ZeroDivisionError" in details and "Traceback" in details
    assert any(r.name == "claimdesk" and r.exc_info for r in caplog.records)


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


def test_the_work_runs_on_its_own_ledger_connection(qtbot, ledger_path):
    threads = []

    def work(ledger, progress):
        threads.append(threading.get_ident())
        return ledger.claim_count()

    task = Task(on_own_ledger(ledger_path, work))
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        task.start()
    assert finished.args == [1]
    assert threads and threads[0] != threading.get_ident()


def test_a_cancelled_export_leaves_no_file(qtbot, ledger_path, tmp_path):
    out = tmp_path / "out" / "収納状況.csv"
    gate = threading.Event()

    def work(ledger, progress):
        gate.wait(5)
        return export_summary(ledger, 2026, date(2026, 9, 30), out, progress=progress)

    task = Task(on_own_ledger(ledger_path, work))
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        task.cancel()
        gate.set()
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_run_with_progress_returns_the_result(qtbot, ledger_path, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    out = tmp_path / "s.csv"
    rows = run_with_progress(parent, "出力", "出力しています…", on_own_ledger(
        ledger_path, lambda ledger, progress: export_summary(ledger, 2026, date(2026, 9, 30), out,
                                                             progress=progress)))
    assert len(rows) == 3 and out.exists()


def test_run_with_progress_shows_a_failure_in_a_message_box(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress):
        raise InvalidValue("出力先に書き込めません")

    assert run_with_progress(parent, "出力", "出力しています…", work) is None
    box = parent.findChild(QMessageBox)
    assert box is not None and box.text() == "出力先に書き込めません"
    box.close()


def test_start_with_progress_does_not_block(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()

    def work(progress):
        gate.wait(5)
        progress(1, 1)
        return 42

    task = start_with_progress(parent, "処理", "処理しています…", work)
    assert task.is_running()  # the call returned while the work waits
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        gate.set()
    assert finished.args == [42]


def test_the_progress_dialog_appears_and_its_button_cancels(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    stop = threading.Event()

    def work(progress):
        for i in range(1000):
            progress(i, 1000)
            stop.wait(0.01)
        return "finished"

    task = start_with_progress(parent, "処理", "処理しています…", work)
    qtbot.waitUntil(lambda: (d := parent.findChild(QProgressDialog)) is not None and d.isVisible(), timeout=3000)
    dialog = parent.findChild(QProgressDialog)
    assert dialog.labelText() == "処理しています…" and dialog.maximum() == 1000
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        dialog.findChild(QPushButton).click()
    stop.set()
