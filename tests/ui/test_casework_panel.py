"""The claim page's 交渉・督促 tab and its dialogs, driven as a clerk would, on a real ledger."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from claimdesk.domain.case import NextStep
from claimdesk.domain.claims import Claim, ClaimType, Guarantor, LegalNature
from claimdesk.domain.contacts import Channel, Decision, Party
from claimdesk.domain.instalments import PlanKind
from claimdesk.domain.worklist import WorkKind
from claimdesk.services import casework, entries
from claimdesk.ui import contact_log_model as lm
from claimdesk.ui.arrangement_models import PromisesModel, ScheduleModel
from claimdesk.ui.claim_page import ClaimPage
from claimdesk.ui.debtor_page import DebtorPage
from claimdesk.ui.dialogs.steps import CompleteStepDialog

WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")


@pytest.fixture
def session(make_session):
    """conftest's ledger (today 2026-11-30; C0001: private, 50,000円 due 2026-04-30), with a guarantor."""
    s = make_session()
    s.ledger.add_guarantor(Guarantor("C0001", "山田 花子", relation="妻"))
    return s


def page_of(qtbot, session, claim_id="C0001"):
    page = ClaimPage(session, claim_id)
    qtbot.addWidget(page)
    page.show()
    page.sections.setCurrentWidget(page.casework)
    return page.casework


def ok(qtbot, dialog):
    assert dialog.ok_button.isEnabled(), dialog.problems()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.general_error.text()


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_the_next_step_says_what_why_by_when_and_with_which_letter(qtbot, session):
    panel = page_of(qtbot, session)
    box = panel.next_step
    assert box.stage_label.text() == "段階: 督促"
    assert box.title_label.text() == "督促状の発送"
    assert box.deadline_label.text() == "令和8年5月20日まで（194日超過）"
    assert "施行令第171条" in box.why_label.text() and "催告" in box.why_label.text()
    assert box.letter_label.text() == "督促状（納付期限は発送日から10日後）" and box.letter_button.isVisible()
    assert [c.text() for c in box.checks] == ["宛先の住所・氏名を台帳と照合した", "督促の対象月・金額を確認した",
                                             "発送日を記録した"]
    assert "期限超過" in box.items_label.text() and "▶ 督促状の発送" in box.progress_label.text()
    assert panel.limitation.date_label.text() == "令和13年4月30日（あと1,612日）"
    assert panel.limitation.state_label.text() == "進行中"
    assert panel.limitation.basis_label.text() == "納期限 令和8年4月30日 の翌日から5年"
    assert panel.late_charge.title() == "遅延損害金" and panel.late_charge.amount_label.text() == "879円"


def test_completing_the_step_in_its_dialog_moves_the_claim_on(qtbot, session, typist):
    panel = page_of(qtbot, session)
    box = panel.next_step
    box.checks[0].setChecked(True)
    qtbot.mouseClick(box.complete_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert isinstance(dialog, CompleteStepDialog) and dialog.isVisible()
    assert [c.isChecked() for c in dialog.checks()] == [True, False, False]  # ticks carried over
    assert dialog.channel_combo.value() is Channel.LETTER_OUT
    assert "未確認の項目が2件" in dialog.checklist_note.text()
    assert not dialog.approval.approver_field.isVisible()  # 督促 needs no approval
    typist(dialog.next_action_field, "納付の確認")
    assert not dialog.ok_button.isEnabled()  # a next action needs its date
    typist(dialog.next_date_field, "令和8年12月15日")
    ok(qtbot, dialog)
    assert box.title_label.text() == "電話・訪問による催告"
    assert "✔ 督促状の発送（令和8年11月30日）" in box.progress_label.text()
    line = panel.log.model.line(0).entry
    assert (line.step_id, line.channel, line.checklist) == ("demand", Channel.LETTER_OUT, ("宛先の住所・氏名を台帳と照合した",))
    assert cell(panel.log.model, 0, lm.NEXT) == "令和8年12月15日 納付の確認"
    assert "督促状（交渉記録" in panel.limitation.trail_label.text()


def test_a_step_needing_approval_asks_for_the_approver(qtbot, session, typist):
    procedure = casework.load_procedures(session.ledger)[LegalNature.PRIVATE]
    lawyer, court = procedure.step("lawyer_referral"), procedure.step("court_action")
    step = NextStep(lawyer, date(2026, 11, 1), date(2026, 12, 31), (court,))
    dialog = CompleteStepDialog(session, "C0001", step)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.step_combo.isEnabled() and dialog.approval.approver_field.isVisible()
    assert not dialog.ok_button.isEnabled() and "決裁者" in dialog.ok_button.toolTip()
    dialog.step_combo.set_value(court)
    assert "171条の2" in dialog.approval.basis_field.placeholderText()
    typist(dialog.approval.approver_field, "課長 山本")
    typist(dialog.approval.basis_field, "専決処分")
    ok(qtbot, dialog)
    (entry,) = [line.entry for line in casework.contact_log(session.ledger, claim_id="C0001")]
    assert (entry.decision, entry.approver, entry.basis, entry.channel) == (
        Decision.COURT_ACTION, "課長 山本", "専決処分", Channel.INTERNAL)


def test_a_decision_is_recorded_with_its_approval(qtbot, session, typist):
    panel = page_of(qtbot, session)
    qtbot.mouseClick(panel.next_step.decision_button, Qt.MouseButton.LeftButton)
    dialog = panel.next_step.dialog
    assert [d for d in dialog.decision_combo.values()] == [
        d for d in Decision if d is not Decision.ENFORCEMENT_SUSPENSION]  # 私債権: no 執行停止
    dialog.decision_combo.set_value(Decision.COLLECTION_SUSPENSION)
    assert not dialog.ok_button.isEnabled()
    typist(dialog.approval.approver_field, "課長 山本")
    typist(dialog.approval.basis_field, "施行令171条の5第1号")
    ok(qtbot, dialog)
    assert cell(panel.log.model, 0, lm.SUMMARY) == "［決裁: 徴収停止］徴収停止を決定"


def test_contacts_are_added_searched_and_corrected_never_edited(qtbot, qtmodeltester, session, typist):
    panel = page_of(qtbot, session)
    log = panel.log
    qtbot.mouseClick(log.add_button, Qt.MouseButton.LeftButton)
    dialog = log.dialog
    assert not dialog.ok_button.isEnabled()  # the summary is required
    assert [dialog.party_combo.itemText(i) for i in range(3)] == ["債務者", "連帯保証人 山田 花子", "家族"]
    typist(dialog.time_field, "14:30")
    dialog.channel_combo.set_value(Channel.VISIT)
    typist(dialog.summary_edit, "自宅を訪問。本人と面談した。")
    typist(dialog.reason_field, "病気で休職中")
    typist(dialog.household_field, "妻と二人暮らし")
    typist(dialog.agreement_field, "来月から分納の相談")
    ok(qtbot, dialog)
    qtmodeltester.check(log.model)
    assert [cell(log.model, 0, c) for c in (lm.WHEN, lm.CHANNEL, lm.PARTY, lm.PERSON, lm.SUMMARY, lm.AGREEMENT)] == [
        "令和8年11月30日 14:30", "訪問", "債務者", "テスト担当", "自宅を訪問。本人と面談した。", "来月から分納の相談"]
    assert "病気で休職中" in cell(log.model, 0, lm.SUMMARY, Qt.ItemDataRole.ToolTipRole)

    casework.log_contact(session.ledger, "C0001", "電話", "保証人に連絡", on=date(2026, 11, 2),
                         liable_party_id=session.ledger.guarantors("C0001")[0].guarantor_id, today=session.today())
    session.notify_changed()
    assert [cell(log.model, r, lm.PARTY) for r in range(2)] == ["債務者", "連帯保証人（山田 花子）"]
    typist(log.search, "休職")  # the reason for non-payment is searched too
    assert log.model.rowCount() == 1 and log.count_label.text() == "2件中 1件"

    log.search.clear()
    log.table.selectRow(0)
    qtbot.mouseClick(log.correct_button, Qt.MouseButton.LeftButton)
    fix = log.dialog
    assert fix.windowTitle() == "交渉記録の訂正" and fix.reason_field.text() == "病気で休職中"
    fix.reason_field.clear()
    typist(fix.reason_field, "失業中")  # the entry's own 滞納理由, beside the correction's reason
    assert not fix.ok_button.isEnabled()
    typist(fix.correction_field, "聞き違い")
    ok(qtbot, fix)
    top = log.model.line(0)
    assert top.entry.reason == "失業中" and top.entry.corrects is not None
    assert cell(log.model, 0, lm.SUMMARY).startswith(f"［No.{top.entry.corrects}を訂正］")
    log.all_check.setChecked(True)  # the corrected version too, struck through, pointing at its correction
    old = next(r for r in range(log.model.rowCount()) if log.model.line(r).superseded_by is not None)
    assert cell(log.model, old, lm.SUMMARY).startswith(f"［→ No.{top.entry.entry_id}で訂正］")
    assert cell(log.model, old, lm.SUMMARY, Qt.ItemDataRole.FontRole).strikeOut()


def test_a_returned_letter_is_marked_and_goes_on_the_worklist(qtbot, session):
    casework.complete_step(session.ledger, "C0001", "demand", on=date(2026, 11, 2), today=session.today())
    panel = page_of(qtbot, session)
    log = panel.log
    log.table.selectRow(0)
    assert log.returned_button.isEnabled()
    qtbot.mouseClick(log.returned_button, Qt.MouseButton.LeftButton)
    assert log.dialog.reason_field.text() == "宛所不明"
    ok(qtbot, log.dialog)
    letter = next(r for r in range(log.model.rowCount()) if log.model.line(r).entry.channel is Channel.LETTER_OUT)
    assert cell(log.model, letter, lm.CHANNEL) == "文書発送・督促状（返戻）"
    # The entry's text is shown as written: the service wrote the day sent in 和暦.
    back = next(r for r in range(log.model.rowCount()) if log.model.line(r).entry.returned_letter_of is not None)
    assert cell(log.model, back, lm.SUMMARY) == "督促状（令和8年11月2日発送）が返戻された（宛所不明）"
    assert any(i.kind is WorkKind.LETTER_RETURNED for i in panel.view.work_items)
    assert "所在調査" in panel.next_step.items_label.text()


def test_promises_are_kept_or_broken_by_the_receipts(qtbot, qtmodeltester, session, typist):
    panel = page_of(qtbot, session)
    qtbot.mouseClick(panel.promises.promise_button, Qt.MouseButton.LeftButton)
    dialog = panel.promises.dialog
    assert dialog.amount_field.text() == "50,000"
    dialog.amount_field.clear()
    typist(dialog.amount_field, "10000")
    typist(dialog.due_field, "令和8年11月1日")
    assert not dialog.ok_button.isEnabled()  # before the day it was made
    dialog.due_field.clear()
    typist(dialog.due_field, "令和8年12月10日")
    ok(qtbot, dialog)
    model: PromisesModel = panel.promises.model
    qtmodeltester.check(model)
    assert [cell(model, 0, c) for c in range(5)] == ["令和8年11月30日", "10,000", "令和8年12月10日", "0", "約束中"]
    assert panel.next_step.title_label.text() == "納付約束中"
    session.set_today(date(2026, 12, 11))
    assert cell(model, 0, 4) == "不履行"
    assert cell(model, 0, 4, Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"


def test_a_plan_is_previewed_signed_and_matched_against_receipts(qtbot, qtmodeltester, session, typist):
    panel = page_of(qtbot, session)
    before = panel.limitation.date_label.text()
    qtbot.mouseClick(panel.plan.plan_button, Qt.MouseButton.LeftButton)
    dialog = panel.plan.dialog
    qtmodeltester.check(dialog.preview_model)
    assert dialog.total_field.text() == "50,000" and dialog.first_field.value() == date(2026, 12, 31)
    dialog.count_spin.setValue(5)
    # 12/31 is a closing day of the office: the first instalment is due on the next open day
    assert [cell(dialog.preview_model, r, 1) for r in (0, 1, 4)] == ["令和9年1月4日", "令和9年2月1日", "令和9年4月30日"]
    assert dialog.preview_total.text() == "計5回　総額 50,000円　最終 令和9年4月30日"
    dialog.kind_combo.set_value(PlanKind.DEFERMENT)  # 履行延期 is a decision: its approval is asked
    assert dialog.approval.approver_field.isVisible() and not dialog.ok_button.isEnabled()
    dialog.kind_combo.set_value(PlanKind.PLEDGE)
    assert not dialog.approval.approver_field.isVisible() and dialog.ok_button.isEnabled()
    ok(qtbot, dialog)
    model: ScheduleModel = panel.plan.model
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and cell(model, 0, 5) == "納期前"
    assert panel.limitation.date_label.text() != before  # the signed pledge acknowledges the debt
    assert panel.limitation.basis_label.text().startswith("債務承認及び分納誓約書（交渉記録 1）（令和8年11月30日、承認）")
    session.set_today(date(2027, 1, 5))
    assert cell(model, 0, 5) == "未納"
    assert cell(model, 0, 5, Qt.ItemDataRole.FontRole).bold()
    assert "未納 1回・10,000円" in panel.plan.plan_label.text()


def test_the_late_charge_for_another_day(qtbot, session, typist):
    panel = page_of(qtbot, session)
    box = panel.late_charge
    box.as_of_field.clear()
    typist(box.as_of_field, "令和9年4月30日")
    assert box.amount_label.text() == "1,500円"  # 50,000円 × 3% × 365/365
    session.notify_changed()
    assert box.as_of_field.value() == date(2027, 4, 30)  # the clerk's day stays


def test_limitation_passed_reads_by_the_kind_of_claim(qtbot, session):
    entries.add_claim_type(session.ledger, WELFARE)
    entries.add_claim(session.ledger, Claim("W1", "D0001", WELFARE.name, 2019, date(2019, 4, 1), 10000,
                                            date(2019, 4, 30)))
    entries.add_claim(session.ledger, Claim("R1", "D0001", "区営住宅使用料", 2019, date(2019, 4, 1), 10000,
                                            date(2021, 4, 30)))
    assert "不納欠損が必要" in page_of(qtbot, session, "W1").limitation.state_label.text()
    session.set_today(date(2026, 12, 1))
    private = page_of(qtbot, session, "R1").limitation
    assert "援用するまで存続" in private.state_label.text()


def test_the_debtor_page_shows_every_claims_log_and_adds_to_it(qtbot, session, typist):
    casework.log_contact(session.ledger, "C0002", "電話", "C0002について電話", on=date(2026, 11, 1),
                         today=session.today())
    page = DebtorPage(session, "D0001")
    qtbot.addWidget(page)
    page.show()
    log = page.log
    assert log.model.rowCount() == 1 and cell(log.model, 0, lm.CLAIMS) == "C0002"
    qtbot.mouseClick(log.add_button, Qt.MouseButton.LeftButton)
    dialog = log.dialog
    assert [c.isChecked() for c in dialog.claim_checks] == [True, True]
    next(c for c in dialog.claim_checks if c.property("claim_id") == "C0002").setChecked(False)
    dialog.party_combo.set_party(Party.FAMILY)
    typist(dialog.party_name_field, "妻")
    typist(dialog.summary_edit, "妻から電話。来週来庁する。")
    ok(qtbot, dialog)
    assert [cell(log.model, 0, c) for c in (lm.PARTY, lm.CLAIMS)] == ["家族（妻）", "C0001"]
    assert log.model.rowCount() == 2


def test_the_steps_letter_is_made_previewed_and_then_counts_as_the_step(qtbot, make_session):
    session = make_session(address="東京都港区芝公園1-1-1")
    panel = page_of(qtbot, session)
    box = panel.next_step
    with qtbot.waitSignal(box.letter_button.clicked):
        qtbot.mouseClick(box.letter_button, Qt.MouseButton.LeftButton)
    task = box.letter_task
    qtbot.waitUntil(task.is_done, timeout=20000)
    preview = task.preview
    assert preview.batch.kind.label == "督促状" and preview.batch.letters[0].claim_ids == ("C0001",)
    assert box.title_label.text() == "督促状の発送"  # printing logs nothing …
    assert preview.record_sent(session.today())  # … the clerk's confirmation does
    preview.close()
    assert box.title_label.text() == "電話・訪問による催告"
    assert panel.log.model.line(0).entry.letter_kind.label == "督促状"


def test_the_steps_letter_asks_for_the_sender_first_on_a_fresh_ledger(qtbot, make_session):
    from claimdesk.ui.letter_settings_form import LetterSettingsDialog

    session = make_session(address="東京都港区芝公園1-1-1", letters_ready=False)
    box = page_of(qtbot, session).next_step
    qtbot.mouseClick(box.letter_button, Qt.MouseButton.LeftButton)
    dialog = box.letter_task
    assert isinstance(dialog, LetterSettingsDialog) and dialog.isVisible()
    assert dialog.form.missing() == ["letter_municipality", "letter_issuer", "letter_contact"]
    dialog.reject()  # cancelled: no letter, nothing logged
    assert dialog.follow_up is None and box.title_label.text() == "督促状の発送"
