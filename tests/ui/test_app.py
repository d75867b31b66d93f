"""The main window as a clerk meets it: first start, Japanese everywhere, pages open."""

from datetime import date

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.services import entries
from claimdesk.services.session import open_ledger
from claimdesk.ui.app import create_app, register_fonts
from claimdesk.ui.main_window import MainWindow
from claimdesk.ui.welcome import DepartmentDialog, FirstStartDialog

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def ledger_path(tmp_path):
    path = tmp_path / "l.sqlite3"
    with open_ledger(path) as led:
        entries.add_claim_type(led, RENT)
        entries.add_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ"))
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)))
    return path


@pytest.fixture
def window(qtbot, ledger_path):
    create_app()
    w = MainWindow(ledger_path, today=date(2026, 11, 30))
    qtbot.addWidget(w)
    w.show()
    return w


def test_fonts_and_qt_translations_are_japanese(qapp):
    create_app()
    assert "IPAexGothic" in register_fonts()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    assert qapp.font().family() == "IPAexGothic"


def test_register_and_summary_tabs_and_menus(window):
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["本日の作業", "債権台帳", "収納状況"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "入力(&E)", "文書(&L)", "表示(&V)", "ヘルプ(&H)"]
    assert window.register.model.rowCount() == 1


def test_opening_a_claim_and_its_debtor_reuses_tabs(window):
    window.open_claim("A")
    window.open_claim("A")
    assert window.tabs.count() == 4 and "A" in window.tabs.tabText(3)
    window.tabs.widget(3).open_debtor.emit("D1")
    assert window.tabs.count() == 5 and window.tabs.currentIndex() == 4
    window._close_tab(4)
    window._close_tab(0)  # the worklist cannot be closed
    window._close_tab(1)  # nor the register
    assert window.tabs.count() == 4


def test_department_dialog_checks_the_code_as_typed(qtbot, window):
    dialog = DepartmentDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name.setText("住宅課")
    dialog.code.setText("住宅 01")
    assert not ok.isEnabled()
    assert "半角英数字" in dialog.code.message_label.text() and dialog.code.message_label.isVisible()
    dialog.code.setText("JUTAKU01")
    assert ok.isEnabled()
    ok.click()
    assert not dialog.isVisible()
    assert window.windowTitle().startswith("住宅課 — ")


def test_first_start_asks_for_the_department_and_the_letter_essentials(qtbot, window):
    from claimdesk.services.first_start import needs_first_start
    from claimdesk.services.letter_settings import letter_settings, missing_settings

    assert needs_first_start(window.session.ledger)
    dialog = FirstStartDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name.setText("住宅課")
    dialog.code.setText("JUTAKU01")
    assert not ok.isEnabled()  # who sends the letters and whom to call are still missing
    assert "自治体名: 自治体名を入力してください" in ok.toolTip()
    dialog.letters["letter_municipality"].setText("みどり区")
    dialog.letters["letter_issuer"].setText("みどり区長 緑川 一郎")
    dialog.code.setText("JUTAKU 01")
    dialog.letters["letter_contact"].setText("電話 03-5432-0000")
    assert not ok.isEnabled() and "半角英数字" in dialog.code.message_label.text()
    dialog.code.setText("JUTAKU01")
    assert ok.isEnabled()
    ok.click()
    assert not dialog.isVisible()
    ledger = window.session.ledger
    assert not needs_first_start(ledger) and not missing_settings(letter_settings(ledger))
    assert letter_settings(ledger).sender().issuer == "みどり区長 緑川 一郎"
    assert window.windowTitle().startswith("住宅課 — ")


def test_first_start_stores_nothing_when_a_letter_value_is_refused(qtbot, window, monkeypatch):
    from claimdesk.domain.errors import InvalidValue
    from claimdesk.services import first_start
    from claimdesk.services.department import get_department

    def refuse(ledger, values):
        raise InvalidValue("長すぎます", "letter_contact")
    monkeypatch.setattr(first_start, "check_letter_settings", refuse)
    dialog = FirstStartDialog(window.session, window)
    qtbot.addWidget(dialog)
    for field, text in ((dialog.name, "住宅課"), (dialog.code, "J1"), (dialog.letters["letter_municipality"], "み"),
                        (dialog.letters["letter_issuer"], "み区長"), (dialog.letters["letter_contact"], "電話")):
        field.setText(text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.letters["letter_contact"].message_label.text() == "長すぎます"
    assert get_department(window.session.ledger).code == ""


def test_recent_ledgers_are_remembered(qtbot, window, tmp_path):
    other = tmp_path / "other.sqlite3"
    window.open_ledger(other)
    assert window.session.path == other and window.register.model.rowCount() == 0
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent[:2] == [str(other), str(tmp_path / "l.sqlite3")]


def test_a_broken_ledger_file_is_a_clear_message(qtbot, tmp_path, monkeypatch):
    from claimdesk.ui import app as app_module

    shown = []
    monkeypatch.setattr(app_module, "show_error", lambda parent, error, tb="": shown.append(str(error)))
    monkeypatch.setattr(app_module, "install_excepthook", lambda: None)
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a ledger")
    assert app_module.run_gui(bad) == 2
    assert "SQLiteの形式でない" in shown[0]


SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"  # the sample ledger (tests/data/README.md)


def test_import_from_the_window_fills_register_and_filters(qtbot, window, monkeypatch):
    from claimdesk.services import sheets
    from claimdesk.ui.import_dialog import import_files

    prepared = []
    real = sheets.prepare_sheets_after_import
    monkeypatch.setattr(sheets, "prepare_sheets_after_import",
                        lambda ledger, on=None: (prepared.append(on), real(ledger, on))[1])
    window.session.set_today(date(2027, 9, 30))  # the samples run to 2027-09-07
    op = import_files(window, window.session, SAMPLES / "ledger-ja-cp932-claims.csv",
                      SAMPLES / "ledger-ja-cp932-transactions.csv")
    qtbot.waitUntil(op.is_done, timeout=20000)
    assert op.result.claims == 20
    assert window.register.model.rowCount() == 21
    # the 個票's closed years summed and kept within the import (its effect: tests/cli/test_import_prepares_sheets.py)
    assert prepared == [date(2027, 9, 30)]
    assert window.register.claim_type.findText("保育園保育料") > 0
    window.register.search.setText("鈴木")
    window.register.apply_filters()
    assert window.register.model.rowCount() == 4  # 鈴木 花子 (2 claims), 直子, 誠


def test_a_failed_import_changes_nothing_and_lists_the_problems(qtbot, window, tmp_path, monkeypatch):
    from claimdesk.ui import operations
    from claimdesk.ui.import_dialog import import_files

    bad = tmp_path / "claims.csv"
    bad.write_text("claim_id,debtor_id\nX1,D1\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(operations, "show_error", lambda parent, title, message, details="": shown.append((message, details)))
    op = import_files(window, window.session, bad, None)
    qtbot.waitUntil(op.is_done, timeout=10000)
    assert op.result is None
    assert window.register.model.rowCount() == 1
    assert "claims.csv:1" in shown[0][1]


def test_unexpected_error_shows_japanese_box_with_details_and_logs_it(qtbot, monkeypatch, _private_user_dirs):
    import sys

    from claimdesk.ui import app as app_module

    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(
        (self.text(), self.detailedText(), self.informativeText())) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_excepthook()
    try:
        raise ZeroDivisionError("ゼロ除算")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    text, details, info = boxes[0]
    assert text.startswith("予期しないエラーが発生しました")
    assert "ZeroDivisionError: ゼロ除算" in details and "Traceback" in details
    logs = list(_private_user_dirs.rglob("claimdesk.log"))
    assert logs and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
    assert "claimdesk.log" in info


def test_demo_flag_opens_the_window_on_a_filled_temporary_ledger(monkeypatch):
    from claimdesk import cli
    from claimdesk.ui import app as app_module

    opened = []
    monkeypatch.setattr(app_module, "run_gui", lambda path, temporary: opened.append((path, temporary)) or 0)
    assert cli.main(["--demo"]) == 0
    ((path, temporary),) = opened
    with open_ledger(path) as led:
        assert led.claim_count() == 600
    assert "claimdesk-demo-" in str(path) and path.parent == temporary  # removed when the window closes
    __import__("shutil").rmtree(temporary)


def test_a_receipt_entered_on_a_claim_page_updates_the_register_balance(qtbot, window, typist):
    from PySide6.QtCore import Qt

    from claimdesk.ui.register_model import COLUMNS

    balance_col = [key for key, _ in COLUMNS].index("balance")
    register = window.register.model
    assert register.index(0, balance_col).data() == "50,000"
    window.open_claim("A")
    page = window.tabs.currentWidget()
    qtbot.mouseClick(page.receipt_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.date_field.clear()
    typist(dialog.date_field, "R8.5.1")
    typist(dialog.amount_field, "２０，０００円")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert register.index(0, balance_col).data() == "30,000"
    assert register.index(0, [key for key, _ in COLUMNS].index("status")).data() == "滞納"


def test_letters_menu_makes_a_batch_for_the_selection_or_everything_due(qtbot, window, monkeypatch):
    from PySide6.QtCore import QItemSelectionModel

    from claimdesk.domain.contacts import LetterKind
    from claimdesk.services import entries
    from claimdesk.ui import letter_preview

    entries.add_claim(window.session.ledger, Claim("B", "D1", RENT.name, 2026, date(2026, 5, 1), 50000, date(2026, 5, 31)))
    window.session.notify_changed()
    made = []
    monkeypatch.setattr(letter_preview, "make_letters", lambda parent, session, kind, **kw: made.append((kind, kw)))
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    menus["文書(&L)"].aboutToShow.emit()  # (filled as it opens, not before the first paint)
    menus["文書(&L)"].aboutToShow.emit()  # and only once
    assert [a.text() for a in menus["文書(&L)"].actions()][:4] == ["納付書を同封(&P)", "納付書", "", "督促状"]
    assert len(menus["文書(&L)"].actions()) == 3 + len(LetterKind)
    window.tabs.setCurrentWidget(window.register)
    view = window.register.table
    for row in (0, 1):
        view.selectionModel().select(window.register.model.index(row, 0),
                                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    window.make_letters(LetterKind.REMINDER, selected=True)
    window.make_letters(LetterKind.DEMAND, selected=False)
    assert made == [(LetterKind.REMINDER, {"claim_ids": ["A", "B"], "with_payment_slip": False}),
                    (LetterKind.DEMAND, {"due": True, "with_payment_slip": False})]


def test_started_from_the_desktop_the_window_paints_before_it_opens_the_ledger(qtbot, ledger_path):
    create_app()
    w = MainWindow(ledger_path, today=date(2026, 11, 30), after_first_paint=True)
    qtbot.addWidget(w)
    assert w.session is None and not w.menuBar().isEnabled()
    assert "台帳を開いています" in w.centralWidget().text()
    importing = next(a for a in w.findChildren(QAction) if a.text().startswith("台帳CSVの取込み"))
    assert importing.shortcut().isEmpty()  # key sequences are made after the first paint
    with qtbot.waitSignal(w.opened, timeout=10_000):
        w.show()
    assert importing.shortcut().toString() == "Ctrl+I"
    assert w.session is not None and w.centralWidget() is w.tabs and w.menuBar().isEnabled()
    assert w.register.model.rowCount() == 1
    assert [w.tabs.tabText(i) for i in range(3)] == ["本日の作業", "債権台帳", "収納状況"]

