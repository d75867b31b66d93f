"""口座振替 in the window: the debtor page, the dialog's inline checks, the register's column and filter."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from claimdesk.domain.register import RegisterQuery
from claimdesk.services.direct_debits import direct_debit_history
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow
from claimdesk.ui.register_model import COLUMNS
from tests.ui.conftest import type_text


@pytest.fixture
def typist(qtbot):
    return lambda widget, text: type_text(qtbot, widget, text)


@pytest.fixture
def window(qtbot, debits):
    create_app()
    w = MainWindow(debits, today=date(2026, 6, 30))
    qtbot.addWidget(w)
    w.show()
    w.resize(1366, 768)
    return w


def page_of(window, debtor_id):
    window.open_debtor(debtor_id)
    return window.tabs.currentWidget()


def test_the_debtor_page_shows_the_registration(window):
    page = page_of(window, "D1")
    assert page.values["direct_debit"].text() == (
        "銀行 0001・支店 001　普通 1234567　ﾔﾏﾀﾞ ﾀﾛｳ　顧客番号 1001　令和8年4月1日から")
    assert page.end_debit_button.isEnabled()
    assert page_of(window, "D3").values["direct_debit"].text() == "なし"


def test_the_dialog_checks_each_field_as_typed_and_registers(qtbot, window, typist, tmp_path):
    page = page_of(window, "D3")
    assert not page.end_debit_button.isEnabled()
    qtbot.mouseClick(page.debit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert not dialog.ok_button.isEnabled()
    typist(dialog.bank_field, "12")
    assert dialog.bank_field.message_label.text() == "銀行コードは4桁の数字です（2桁）"
    typist(dialog.bank_field, "34")
    typist(dialog.branch_field, "012")
    dialog.type_combo.setCurrentIndex(1)
    typist(dialog.number_field, "98765")
    assert dialog.number_field.message_label.text() == "登録: 0098765"
    typist(dialog.holder_field, "佐藤")
    assert "書けない文字「佐」" in dialog.holder_field.message_label.text()
    dialog.holder_field.clear()
    typist(dialog.holder_field, "サトウ ジロウ")
    assert dialog.holder_field.message_label.text() == "登録: ｻﾄｳ ｼﾞﾛｳ"
    typist(dialog.customer_field, "1001")
    assert dialog.ok_button.isEnabled()
    dialog.grab().save(str(tmp_path / "dialog.png"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # 1001 is D1's
    assert dialog.customer_field.message_label.text() == "顧客番号 1001 は債務者 D1 に登録されています"
    dialog.customer_field.clear()
    typist(dialog.customer_field, "3003")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (entry,) = direct_debit_history(window.session.ledger, "D3")
    assert (entry.bank_code, entry.account_type.label, entry.holder_kana, entry.starts_on) == (
        "1234", "当座", "ｻﾄｳ ｼﾞﾛｳ", date(2026, 6, 30))
    assert page.values["direct_debit"].text().startswith("銀行 1234・支店 012　当座 0098765")


def test_ending_it_is_a_new_entry(qtbot, window):
    page = page_of(window, "D2")
    qtbot.mouseClick(page.end_debit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.end_field.clear()
    dialog.end_field.setText("2026-03-31")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.end_field.message_label.text() == "終了日（令和8年3月31日）が開始日（令和8年4月1日）より前です"
    dialog.end_field.setText("令和8年6月30日")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [e.ends_on for e in direct_debit_history(window.session.ledger, "D2")] == [None, date(2026, 6, 30)]
    assert "令和8年6月30日まで（終了）" in page.values["direct_debit"].text()


def test_the_register_has_a_column_and_a_filter(window):
    register = window.register
    column = [k for k, _ in COLUMNS].index("direct_debit")
    model = register.model
    marks = {model.index(r, 0).data(): model.index(r, column).data() for r in range(model.rowCount())}
    assert marks == {"C1": "○", "C2": "○", "C3": "○", "C4": ""}
    register.direct_debit.setCurrentIndex(2)  # 利用なし
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["C4"]
    assert window.session.ledger.register.count(RegisterQuery(direct_debit=True), date(2026, 6, 30)) == 3


def test_the_prospects_list_opens_a_debtor(qtbot, window):
    dialog = window.direct_debit_prospects()
    assert dialog.summary.text() == "口座振替を利用していない滞納者 1人、滞納額 計 5,000円"
    assert [dialog.table.item(0, j).text() for j in (0, 1, 3, 4)] == ["D3", "佐藤 次郎", "1件", "5,000円"]
    dialog.table.cellDoubleClicked.emit(0, 1)
    assert window.tabs.currentWidget().debtor_id == "D3"
    dialog.close()


def test_the_page_keeps_the_history_in_a_tooltip(qtbot, window):
    from claimdesk.services.direct_debits import end_direct_debit
    end_direct_debit(window.session.ledger, "D1", date(2026, 6, 30))
    page = page_of(window, "D1")
    tip = page.values["direct_debit"].toolTip().splitlines()
    assert len(tip) == 2 and tip[1].endswith("令和8年6月30日まで（終了）") and "テスト担当" in tip[0]
