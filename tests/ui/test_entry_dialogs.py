"""The entry dialogs: fields checked as typed, OK only when valid, refusals shown in place."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableView

from claimdesk.domain.claims import DebtorKind, EventKind
from claimdesk.services import entries
from claimdesk.services.details import claim_detail, debtor_detail
from claimdesk.ui.dialogs import ClaimDialog, DebtorDialog, EventDialog, ReversalDialog
from claimdesk.ui.fields import AmountField, DateField

# `session` (D0001 with C0001 and C0002, today 2026-11-30) and `rent` are in conftest.py.


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok(dialog):
    button = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is dialog.ok_button
    return button


def retype(qtbot, typist, field, text):
    field.clear()
    typist(field, text)
    field.editingFinished.emit()


@pytest.mark.parametrize("typed, reason", [
    ("-5", "金額は1円以上の整数で入力してください"),
    ("12.5", "金額は1円単位の整数で入力してください"),
    ("abc", "金額として読めません"),
])
def test_an_invalid_amount_keeps_ok_disabled_and_saves_nothing(qtbot, session, typed, reason):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.RECEIPT))
    assert not ok(dialog).isEnabled()  # nothing typed yet
    qtbot.keyClicks(dialog.amount_field, typed)
    assert not ok(dialog).isEnabled()
    assert reason in dialog.amount_field.message_label.text()
    assert dialog.amount_field.message_label.is_error() and dialog.amount_field.message_label.isVisible()
    assert reason in ok(dialog).toolTip()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.amount_field, Qt.Key.Key_Return)
    assert session.ledger.event_count() == 0 and dialog.isVisible()


def test_amount_field_reads_what_clerks_type(qtbot, typist):
    field = AmountField()
    qtbot.addWidget(field)
    typist(field, "１２，０００円")
    assert field.value() == 12000 and field.error() is None
    assert field.message_label.text() == "12,000円"
    field.editingFinished.emit()
    assert field.text() == "12,000"
    assert field.alignment() & Qt.AlignmentFlag.AlignRight
    signed = AmountField(signed=True)
    qtbot.addWidget(signed)
    with qtbot.waitSignal(signed.validity_changed, check_params_cb=lambda valid: valid):
        qtbot.keyClicks(signed, "-500")
    assert signed.value() == -500 and "500円の減額" in signed.message_label.text()


def test_date_field_reads_wareki_and_the_calendar_fills_it(qtbot, typist):
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    typist(field, "令和8年5月1日")
    assert field.value() == date(2026, 5, 1)
    assert field.message_label.text() == "令和8年5月1日（2026年）"
    field.clear()
    qtbot.keyClicks(field, "2026-02-30")
    assert field.value() is None and "存在しない日付です" in field.error()
    popup = field.show_calendar()
    popup.calendar.setSelectedDate(QDate(2026, 6, 15))
    qtbot.keyClick(popup.calendar.findChild(QTableView), Qt.Key.Key_Return)
    assert field.value() == date(2026, 6, 15) and field.text() == "令和8年6月15日"
    assert field.error() is None and not popup.isVisible()


def test_a_receipt_is_saved_with_enter_and_tells_the_session(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.RECEIPT))
    assert dialog.date_field.value() == date(2026, 11, 30)  # today by default
    dialog.method_combo.setCurrentText("口座振替")
    qtbot.keyClicks(dialog.amount_field, "3000")
    with qtbot.waitSignal(session.changed):
        qtbot.keyClick(dialog.amount_field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (line,) = claim_detail(session.ledger, "C0001").history
    assert (line.event.amount, line.event.method, line.event.operator) == (3000, "口座振替", "テスト担当")
    assert line.balance_after == 47000 and dialog.saved.event_id == line.event.event_id


def test_escape_cancels_without_saving(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.RECEIPT))
    qtbot.keyClicks(dialog.amount_field, "3000")
    qtbot.keyClick(dialog.amount_field, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and session.ledger.event_count() == 0


def test_accounting_year_follows_the_closing_period_and_can_be_overridden(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0002", EventKind.RECEIPT))
    dialog.date_field.clear()
    qtbot.keyClicks(dialog.date_field, "2026-05-10")
    assert dialog.accounting_year_label.text().startswith("令和7年度")
    assert "出納整理期間" in dialog.accounting_year_label.text()
    assert not dialog.year_spin.isEnabled()
    dialog.date_field.clear()
    qtbot.keyClicks(dialog.date_field, "2026-06-01")
    assert dialog.accounting_year_label.text() == "令和8年度"
    dialog.date_field.clear()
    qtbot.keyClicks(dialog.date_field, "2026-05-10")
    qtbot.mouseClick(dialog.override_check, Qt.MouseButton.LeftButton)
    assert dialog.year_spin.isEnabled() and dialog.year_spin.text() == "令和7年度"
    dialog.year_spin.setValue(2026)
    assert dialog.accounting_year_label.text().startswith("令和8年度（指定")
    qtbot.keyClicks(dialog.amount_field, "5000")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    (line,) = claim_detail(session.ledger, "C0002").history
    assert line.event.accounting_year == 2026 and line.event.accounting_year_overridden


def test_a_write_off_needs_a_reason_and_a_legal_basis(qtbot, session, typist):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.WRITE_OFF))
    assert dialog.amount_field.value() == 50000  # the balance, ready to write off
    assert not ok(dialog).isEnabled()
    assert dialog.note_field.message_label.text() == "必須項目です"
    combo = dialog.legal_basis_field.parentWidget()
    combo.setCurrentIndex(0)
    assert dialog.legal_basis_field.text() == "民法166条（時効の援用）"  # private claim first
    assert not ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert session.ledger.event_count() == 0
    typist(dialog.note_field, "時効援用の申出")
    assert ok(dialog).isEnabled()
    dialog.legal_basis_field.clear()
    assert not ok(dialog).isEnabled()
    assert "根拠となる法令" in dialog.legal_basis_field.message_label.text()
    typist(dialog.legal_basis_field, "民法166条")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    (line,) = claim_detail(session.ledger, "C0001").history
    assert line.event.note == "時効援用の申出（根拠: 民法166条）" and line.balance_after == 0


def test_an_adjustment_is_signed_and_needs_a_reason(qtbot, session, typist):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.ADJUSTMENT))
    qtbot.keyClicks(dialog.amount_field, "-2000")
    assert not ok(dialog).isEnabled()
    typist(dialog.note_field, "減免決定")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert entries.ledger_balance(session.ledger, "C0001") == 48000


def test_a_refusal_by_the_service_is_shown_at_its_field_and_nothing_is_saved(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.REFUND))
    qtbot.keyClicks(dialog.amount_field, "1000")
    assert ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and session.ledger.event_count() == 0
    assert "還付額が過納額（0円）を超えています" in dialog.amount_field.message_label.text()
    assert not ok(dialog).isEnabled()  # until something is changed
    qtbot.keyClicks(dialog.amount_field, "0")
    assert ok(dialog).isEnabled() and not dialog.amount_field.message_label.is_error()


def test_a_date_before_the_assessment_is_refused_in_place(qtbot, session):
    dialog = shown(qtbot, EventDialog(session, "C0001", EventKind.RECEIPT))
    dialog.date_field.clear()
    qtbot.keyClicks(dialog.date_field, "R8.3.31")
    qtbot.keyClicks(dialog.amount_field, "100")
    assert "調定日（令和8年4月1日）より前です" in dialog.date_field.message_label.text()
    assert not ok(dialog).isEnabled()


def test_a_reversal_needs_a_reason(qtbot, session, typist):
    receipt = entries.record_event(session.ledger, "C0001", EventKind.RECEIPT, date(2026, 5, 1), 20000)
    dialog = shown(qtbot, ReversalDialog(session, receipt.event_id))
    assert "20,000円" in [w.text() for w in dialog.findChildren(type(dialog.header))]
    assert not ok(dialog).isEnabled()
    typist(dialog.reason_field, "別人の納付を誤って入力")
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.saved.reverses == receipt.event_id and dialog.saved.note == "別人の納付を誤って入力"
    again = shown(qtbot, ReversalDialog(session, receipt.event_id))
    assert not ok(again).isEnabled()
    assert again.general_error.text() == "この取引はすでに取り消されています"


def test_a_debtor_needs_a_name(qtbot, session, typist):
    dialog = shown(qtbot, DebtorDialog(session))
    qtbot.keyClicks(dialog.id_field, "D0002")
    assert not ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert session.ledger.debtor_count() == 1
    typist(dialog.name_field, "x")
    dialog.name_field.clear()
    assert dialog.name_field.message_label.text() == "氏名を入力してください"
    typist(dialog.name_field, "佐藤 花子")
    qtbot.keyClicks(dialog.postal_field, "123")
    assert "123-4567" in dialog.postal_field.message_label.text() and not ok(dialog).isEnabled()
    qtbot.keyClicks(dialog.postal_field, "4567")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    saved = debtor_detail(session.ledger, "D0002").debtor
    assert (saved.name, saved.postal_code, saved.kind) == ("佐藤 花子", "123-4567", DebtorKind.PERSON)


def test_a_corporation_has_a_representative_and_ids_are_not_reused(qtbot, session, typist):
    dialog = shown(qtbot, DebtorDialog(session))
    qtbot.mouseClick(dialog.corporation_radio, Qt.MouseButton.LeftButton)
    assert dialog.form.labelForField(dialog.name_field.parentWidget()).text() == "名称"
    assert dialog.representative_field.isVisible() and not dialog.workplace_field.isVisible()
    qtbot.keyClicks(dialog.id_field, "D0001")
    typist(dialog.name_field, "株式会社みなと")
    typist(dialog.representative_field, "港 一郎")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert "すでに使われています" in dialog.id_field.message_label.text() and dialog.isVisible()
    dialog.id_field.clear()
    qtbot.keyClicks(dialog.id_field, "H0001")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    saved = debtor_detail(session.ledger, "H0001").debtor
    assert saved.kind is DebtorKind.CORPORATION and saved.representative == "港 一郎"


def test_editing_a_debtor_keeps_the_id(qtbot, session, typist):
    debtor = debtor_detail(session.ledger, "D0001").debtor
    dialog = shown(qtbot, DebtorDialog(session, debtor))
    assert dialog.id_field.isReadOnly() and dialog.name_field.text() == "山田 太郎"
    assert ok(dialog).isEnabled()
    typist(dialog.address_field, "東京都港区1-1")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert debtor_detail(session.ledger, "D0001").debtor.address == "東京都港区1-1"


def test_a_claim_due_before_its_assessment_is_refused_at_the_due_date(qtbot, session, rent):
    dialog = shown(qtbot, ClaimDialog(session, "D0001"))
    assert dialog.type_combo.currentText() == rent.name
    assert dialog.fiscal_year_spin.text() == "令和8年度"
    assert dialog.assessed_field.value() == date(2026, 11, 30)
    qtbot.keyClicks(dialog.claim_id_field, "C0003")
    qtbot.keyClicks(dialog.amount_field, "12000")
    qtbot.keyClicks(dialog.due_field, "2026-11-01")
    assert "納期限が調定日（令和8年11月30日）より前です" in dialog.due_field.message_label.text()
    assert not ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert session.ledger.claim_count() == 2
    dialog.assessed_field.clear()
    qtbot.keyClicks(dialog.assessed_field, "2026-10-01")
    assert ok(dialog).isEnabled()  # moving the 調定日 back answers the objection
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    saved = claim_detail(session.ledger, "C0003").claim
    assert (saved.amount, saved.assessed_on, saved.due_date, saved.fiscal_year) == (
        12000, date(2026, 10, 1), date(2026, 11, 1), 2026)


def test_a_claim_id_in_use_is_refused_at_the_claim_id(qtbot, session):
    dialog = shown(qtbot, ClaimDialog(session, "D0001"))
    qtbot.keyClicks(dialog.claim_id_field, "C0001")
    qtbot.keyClicks(dialog.amount_field, "12000")
    qtbot.keyClicks(dialog.due_field, "2026-12-31")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert "すでに使われています" in dialog.claim_id_field.message_label.text()
    assert dialog.isVisible() and session.ledger.claim_count() == 2
