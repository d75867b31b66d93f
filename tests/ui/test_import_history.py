"""ファイル → 取込み履歴 and the window's refusal of content imported before."""

from datetime import date
from pathlib import Path

import pytest
from plain_sql import plain
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from claimdesk.services.department import set_department
from claimdesk.services.session import open_ledger
from claimdesk.ui import import_dialog
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow

SAMPLES = Path(__file__).resolve().parents[1] / "data"
CLAIMS = SAMPLES / "ledger-ja-cp932-claims.csv"
EVENTS = SAMPLES / "ledger-ja-cp932-transactions.csv"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2027-09-30")  # the samples' money runs to 2027-09-07
    path = tmp_path / "l.sqlite3"
    with open_ledger(path) as led:
        set_department(led, "K01", "住宅課")
    create_app()
    w = MainWindow(path, today=date(2027, 9, 30))  # after the samples' money
    qtbot.addWidget(w)
    w.show()
    w.reports = []  # the window's 「取り込みました」 boxes: an import is done once it has reported
    monkeypatch.setattr(QMessageBox, "information",
                        lambda *a, **k: w.reports.append(a) or QMessageBox.StandardButton.Ok)
    # the samples hold receipts beyond their balance: that report is a box of its own (過誤納)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: w.reports.append((box.text(),)) or 0)
    return w


def _choose(monkeypatch, claims, events):
    class Chosen:
        def __init__(self, parent):
            self.claims = type("R", (), {"path": lambda self: claims})()
            self.transactions = type("R", (), {"path": lambda self: events})()

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_dialog, "ImportDialog", Chosen)


def test_history_lists_a_batch_and_reverses_it(qtbot, window, monkeypatch):
    _choose(monkeypatch, CLAIMS, EVENTS)
    import_dialog.run_import(window, window.session)
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 20)  # imports run in the background
    dialog = window.import_history()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == f"{CLAIMS.name} + {EVENTS.name}"
    assert not dialog.reverse_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.reverse_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("誤った課のファイル", True))
    dialog.reverse_button.click()
    assert dialog.table.item(0, 6).text().startswith("取消 ")
    assert "誤った課のファイル" in dialog.table.item(0, 6).text()
    assert not dialog.reverse_button.isEnabled()
    window.register.apply_filters()
    balances = plain(window.session.ledger).execute(
        "SELECT sum(amount + adjusted - collected - written_off) FROM claims").fetchone()[0]
    assert balances == 0
    dialog.resize(1000, 300)
    dialog.grab().save(str(Path(window.session.path).with_name("history.png")))


def test_the_same_content_again_asks_why_and_can_be_declined(qtbot, window, monkeypatch):
    _choose(monkeypatch, CLAIMS, None)
    import_dialog.run_import(window, window.session)
    qtbot.waitUntil(lambda: len(window.reports) == 1)
    assert len(window.session.ledger.imports.all()) == 1
    asked = []

    def decline(parent, title, label, *a, **k):
        asked.append(label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", decline)
    import_dialog.run_import(window, window.session)
    assert "この内容は" in asked[0] and "取り込み済み" in asked[0]
    assert len(window.session.ledger.imports.all()) == 1


def test_the_same_receipts_again_with_a_reason_are_imported_and_say_why(qtbot, window, monkeypatch, tmp_path):
    _choose(monkeypatch, CLAIMS, EVENTS)
    import_dialog.run_import(window, window.session)
    qtbot.waitUntil(lambda: len(window.reports) == 1)
    assert len(window.session.ledger.imports.all()) == 1
    header_only = tmp_path / "claims.csv"
    header_only.write_bytes(CLAIMS.read_bytes().splitlines(keepends=True)[0])
    _choose(monkeypatch, header_only, EVENTS)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("銀行の再送分", True))
    import_dialog.run_import(window, window.session)
    qtbot.waitUntil(lambda: len(window.reports) == 2)
    newest = window.session.ledger.imports.all()[0]
    assert (newest.batch_id, newest.again_reason, newest.events) == (2, "銀行の再送分", 35)


def test_file_new_still_creates_a_ledger(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    new = tmp_path / "新しい課.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    monkeypatch.setattr(MainWindow, "welcome_if_needed", lambda self: None)
    window._new_ledger()
    assert new.exists() and window.session.path == new
