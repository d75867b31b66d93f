"""The receipt dialog: no receipt dated after today; a receipt beyond the balance only by choice."""

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from claimdesk.domain.claims import EventKind
from claimdesk.services.details import claim_detail
from claimdesk.ui.dialogs import EventDialog

# `session`: D0001 with C0001 (50,000円, due 2026-04-30) and C0002, today 2026-11-30.


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_receipt_dated_after_today_is_refused_at_the_date_field(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.RECEIPT))
    qtbot.keyClicks(dialog.amountField, "3000")
    dialog.dateField.clear()
    qtbot.keyClicks(dialog.dateField, "2026-12-01")
    assert dialog.dateField.error() == "日付が今日（令和8年11月30日）より後です。将来の日付の取引は入力できません"
    assert dialog.dateField.messageLabel.isVisible() and not dialog.okButton.isEnabled()
    qtbot.keyClick(dialog.amountField, Qt.Key.Key_Return)
    assert session.ledger.event_count() == 0
    dialog.dateField.clear()
    qtbot.keyClicks(dialog.dateField, "2026-11-30")
    assert dialog.okButton.isEnabled()


def test_a_receipt_beyond_the_balance_needs_the_overpayment_choice(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.RECEIPT))
    assert not dialog.overpaymentRow.isVisible()
    qtbot.keyClicks(dialog.amountField, "50000")
    assert not dialog.overpaymentRow.isVisible() and dialog.okButton.isEnabled()
    qtbot.keyClicks(dialog.amountField, "0")  # 500,000円: 450,000円 too much
    assert dialog.overpaymentRow.isVisible()
    assert dialog.overpaymentNote.text() == "残高 50,000円 を 450,000円 超えています（超える分は過誤納金として還付が必要）"
    assert not dialog.okButton.isEnabled() and "過誤納金として受け入れる" in dialog.okButton.toolTip()
    qtbot.keyClick(dialog.amountField, Qt.Key.Key_Return)
    assert session.ledger.event_count() == 0 and dialog.isVisible()
    qtbot.mouseClick(dialog.overpaymentCheck, Qt.MouseButton.LeftButton,
                     pos=QPoint(6, dialog.overpaymentCheck.height() // 2))
    assert dialog.overpaymentCheck.isChecked() and dialog.okButton.isEnabled()
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert claim_detail(session.ledger, "C0001", date(2026, 11, 30)).balance == -450_000
