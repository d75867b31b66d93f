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
    qtbot.keyClicks(dialog.amount_field, "3000")
    dialog.date_field.clear()
    qtbot.keyClicks(dialog.date_field, "2026-12-01")
    assert dialog.date_field.error() == "日付が今日（令和8年11月30日）より後です。将来の日付の取引は入力できません"
    assert dialog.date_field.message_label.isVisible() and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.amount_field, Qt.Key.Key_Return)
    assert session.ledger.event_count() == 0
    dialog.date_field.clear()
    qtbot.keyClicks(dialog.date_field, "2026-11-30")
    assert dialog.ok_button.isEnabled()


def test_a_receipt_beyond_the_balance_needs_the_overpayment_choice(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.RECEIPT))
    assert not dialog.overpayment_row.isVisible()
    qtbot.keyClicks(dialog.amount_field, "50000")
    assert not dialog.overpayment_row.isVisible() and dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.amount_field, "0")  # 500,000円: 450,000円 too much
    assert dialog.overpayment_row.isVisible()
    assert dialog.overpayment_note.text() == "残高 50,000円 を 450,000円 超えています（超える分は過誤納金として還付が必要）"
    assert not dialog.ok_button.isEnabled() and "過誤納金として受け入れる" in dialog.ok_button.toolTip()
    qtbot.keyClick(dialog.amount_field, Qt.Key.Key_Return)
    assert session.ledger.event_count() == 0 and dialog.isVisible()
    qtbot.mouseClick(dialog.overpayment_check, Qt.MouseButton.LeftButton,
                     pos=QPoint(6, dialog.overpayment_check.height() // 2))
    assert dialog.overpayment_check.isChecked() and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert claim_detail(session.ledger, "C0001", date(2026, 11, 30)).balance == -450_000
