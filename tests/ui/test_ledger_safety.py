"""The window and a ledger's safety: automatic backups, the list, restore, read-only shown."""

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from claimdesk.services.backups import RestoreFailed
from claimdesk.services.session import open_ledger
from claimdesk.ui.app import create_app
from claimdesk.ui.backups_dialog import BackupsDialog
from claimdesk.ui.main_window import MainWindow
from tests.ledger_files import damage_a_page, fill


@pytest.fixture
def ledger_path(tmp_path):
    path = tmp_path / "l.sqlite3"
    with open_ledger(path) as led:
        fill(led)
    return path


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes answered without showing: questions with Yes, the rest recorded."""
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def finished(qtbot, op):
    """Wait for a background operation's outcome; its result."""
    qtbot.waitUntil(op.is_done, timeout=10000)
    return op.result


def open_window(qtbot, path):
    create_app()
    w = MainWindow(path, today=date(2026, 11, 30))
    qtbot.addWidget(w)
    return w


def test_backups_on_open_and_close_listed_and_restored(qtbot, ledger_path, boxes):
    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: not w.safety.backup_op.is_running())  # made in the background
    backups = ledger_path.parent / "backups"
    (first,) = backups.glob("l.auto-*.sqlite3")  # the day's first open
    first_made = first.stat().st_mtime_ns
    made = finished(qtbot, w.make_backup())
    assert made.name.startswith("l.manual-") and "バックアップを作成しました" in w.statusBar().currentMessage()
    dialog = BackupsDialog(w)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.horizontalHeaderItem(i).text() for i in range(5)] == [
        "作成日時", "種類", "大きさ", "最新の記録", "ファイル"]
    assert {dialog.table.item(r, 1).text() for r in range(2)} == {"自動", "手動"}
    assert dialog.table.item(0, 2).text().endswith("KB")
    w.session.ledger.set_setting("department_name", "変更後")
    dialog.table.selectRow([e.path for e in dialog.entries].index(made))
    dialog._restore()
    qtbot.waitUntil(lambda: any("復元しました" in b for b in boxes), timeout=10000)
    assert boxes and "復元しました" in boxes[-1]
    assert w.session.ledger.setting("department_name") == ""  # back as it was
    assert len(list(ledger_path.parent.glob("l.before-restore-*.sqlite3"))) == 1
    assert w.tabs.count() == 3 and w.register.model.rowCount() == 2
    w.close()
    # … and one on close, which the rotation keeps as the day's newest in place of the first.
    (last,) = backups.glob("l.auto-*.sqlite3")
    assert last.stat().st_mtime_ns > first_made


def test_closing_waits_for_the_backup_on_open_still_being_made(qtbot, ledger_path, boxes, monkeypatch):
    """A clerk who closes the window while the day's first backup is still copying: the
    closing backup comes after it, not beside it (the two once wrote one file)."""
    import threading

    from claimdesk.services import backups

    real, order, release = backups.auto_backup, [], threading.Event()

    def recorded(ledger, moment, now=None):
        order.append(f"{moment} start")
        if moment == "open":
            release.wait(10)
        made = real(ledger, moment, now)
        order.append(f"{moment} end")
        return made

    monkeypatch.setattr(backups, "auto_backup", recorded)
    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: order == ["open start"])
    threading.Timer(0.3, release.set).start()
    w.close()
    assert order == ["open start", "open end", "close start", "close end"]
    assert len(list((ledger_path.parent / "backups").glob("l.auto-*.sqlite3"))) >= 1


def test_after_the_backup_on_open_the_sheets_closed_years_are_kept_in_the_background(qtbot, ledger_path, boxes):
    """The clerk's first 個票 of the year does not sum the four closed years: the window did,
    after the day's backup, off the GUI thread."""
    import sqlite3

    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: w.safety.prepare_op is not None and w.safety.prepare_op.is_done(), timeout=10000)
    assert w.safety.prepare_op.result is True
    conn = sqlite3.connect(ledger_path)
    try:
        kept = [fy for (fy,) in conn.execute("SELECT fiscal_year FROM stored_periods ORDER BY fiscal_year")]
    finally:
        conn.close()
    assert kept == [2022, 2023, 2024, 2025]
    w.close()


def test_a_damaged_ledger_shows_read_only_and_offers_the_newest_good_backup(qtbot, ledger_path, boxes, monkeypatch):
    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: not w.safety.backup_op.is_running())
    w.close()
    damage_a_page(ledger_path)
    offered = []

    def answer(box):  # the clerk reads the reason and chooses to restore
        offered.append(box.text())
        box.buttons()[0].click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", answer)
    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: any("復元しました" in b for b in boxes), timeout=15000)
    assert offered and "点検で問題が見つかりました" in offered[0]
    assert "復元しました" in boxes[-1]
    assert "読み取り専用" not in w.windowTitle()
    assert w.session.ledger.read_only_reason is None


def test_read_only_is_visible_in_title_and_status(qtbot, ledger_path, boxes, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # continue read-only
    damage_a_page(ledger_path)
    w = open_window(qtbot, ledger_path)
    assert w.windowTitle().endswith("［読み取り専用］")
    assert w.status.text().startswith("［読み取り専用］") and "点検で問題" in w.status.toolTip()
    assert not list((ledger_path.parent / "backups").glob("*.sqlite3"))  # no backup of a damaged file
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.grab().save(str(ledger_path.parent / "read-only.png"))


def test_a_bad_backup_is_refused_in_the_window_with_its_problems(qtbot, ledger_path, boxes, tmp_path):
    from tests.ledger_files import behind_the_back

    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: not w.safety.backup_op.is_running())
    bad = finished(qtbot, w.make_backup())
    behind_the_back(bad, "DROP TRIGGER money_events_no_delete", "DELETE FROM money_events WHERE id = 2")
    outcome = finished(qtbot, w.restore_backup(bad, confirm=False))
    assert isinstance(outcome, RestoreFailed)
    assert "復元しません。台帳は変更していません" in boxes[-1]
    assert "記録が削除されています: 取引（money_events） 2" in boxes[-1]
    assert w.session is not None and w.session.ledger.event_count() == 5  # the ledger is open again, as it was
    assert not list(tmp_path.glob("l.before-restore-*"))


def test_the_department_chooses_the_backup_folder(qtbot, ledger_path, boxes, tmp_path):
    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: not w.safety.backup_op.is_running())
    dialog = BackupsDialog(w)
    server = tmp_path / "server" / "zeimu"
    assert dialog.set_folder(str(server))
    assert str(server) in dialog.folder.text() and dialog.table.rowCount() == 0
    made = finished(qtbot, w.make_backup())
    assert made.parent == server
    (ledger_path.parent / "blocked").write_text("a file, not a folder")
    assert not dialog.set_folder(str(ledger_path.parent / "blocked" / "sub"))
    assert boxes[-1].startswith("書き込めません（Not a directory）: ")  # the box says バックアップの保存先
    assert w.session.ledger.setting("backup_folder") == str(server)  # unchanged


def test_a_ledger_another_clerk_holds_opens_read_only_saying_who(qtbot, ledger_path, boxes):
    from tests.storage.test_sharing import hold

    other = hold(ledger_path, "鈴木")
    try:
        w = open_window(qtbot, ledger_path)
        assert w.windowTitle().endswith("［読み取り専用］")
        assert "鈴木" in boxes[-1] and "記録できるのは一度に1人です" in boxes[-1]
        assert w.safety.backup_op is None  # no automatic backup from a reader
    finally:
        other.kill()
        other.wait()


def test_a_large_ledger_is_checked_while_the_window_shows_it(qtbot, ledger_path, boxes, monkeypatch):
    from claimdesk.storage import guard

    monkeypatch.setattr(guard, "BACKGROUND_CHECK_BYTES", 0)  # every file counts as large
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self.text()) or 0)
    damage_a_page(ledger_path)
    w = open_window(qtbot, ledger_path)
    qtbot.waitUntil(lambda: any("点検で問題が見つかりました" in b for b in boxes), timeout=10000)
    assert w.windowTitle().endswith("［読み取り専用］")
    assert w.safety.backup_op is None
