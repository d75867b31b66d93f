"""From the claim page: retract an entry, cancel a plan, record a signed pledge as printed,
add / end / replace a guarantor, add an heir to every claim — driven as a clerk would."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from claimdesk.domain.letters import LetterKind
from claimdesk.services import casework
from claimdesk.services.letter_log import confirm_sent
from claimdesk.services.letters import render_batch
from claimdesk.ui import contact_log_model as lm
from claimdesk.ui import parties_box as pb
from claimdesk.ui.claim_page import ClaimPage

TODAY = date(2026, 11, 30)


@pytest.fixture
def session(make_session):
    return make_session(address="東京都世田谷区三宿3-6-1")


def page_of(qtbot, session, claim_id="C0001"):
    page = ClaimPage(session, claim_id)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def ok(qtbot, dialog):
    assert dialog.ok_button.isEnabled(), dialog.problems()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.general_error.text()


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_a_retracted_entry_stays_in_the_log_struck_through(qtbot, session, typist):
    casework.log_contact(session.ledger, "C0001", "電話", "別の人の通話を誤って記録", on=TODAY, today=TODAY)
    page = page_of(qtbot, session)
    log = page.casework.log
    assert not log.retract_button.isEnabled()
    log.table.selectRow(0)
    dialog = log.open_retract_dialog()
    assert not dialog.ok_button.isEnabled()  # a reason is required
    typist(dialog.reason_field, "別の債務者")
    ok(qtbot, dialog)
    assert log.model.rowCount() == 1
    assert cell(log.model, 0, lm.SUMMARY) == "［取消: 別の債務者］別の人の通話を誤って記録"
    assert cell(log.model, 0, lm.SUMMARY, Qt.ItemDataRole.FontRole).strikeOut()
    log.table.selectRow(0)
    assert not log.retract_button.isEnabled() and not log.correct_button.isEnabled()
    assert casework.contact_log(session.ledger, claim_id="C0001") == []  # it counts for nothing


def test_cancelling_the_plan_from_the_page(qtbot, session, typist):
    casework.create_instalment_plan(session.ledger, "C0001", signed_on=TODAY, total=50_000, count=5,
                                    first_due=date(2026, 12, 31), today=TODAY)
    page = page_of(qtbot, session)
    box = page.casework.plan
    assert box.cancel_button.isEnabled()
    dialog = box.open_cancel_dialog()
    typist(dialog.reason_field, "金額の誤り")
    ok(qtbot, dialog)
    assert box.plan.cancelled_on == TODAY
    assert not box.cancel_button.isEnabled()
    assert "分納誓約を取消: 金額の誤り" in [line.entry.summary for line in casework.contact_log(
        session.ledger, claim_id="C0001")]


def test_a_signed_pledge_is_recorded_from_the_printed_schedule_in_two_fields(qtbot, session, tmp_path):
    batch = render_batch(session.ledger, LetterKind.INSTALMENT_PLEDGE, tmp_path / "p.pdf", TODAY,
                         claim_ids=["C0001"], instalments=2, first_due=date(2026, 12, 28))
    confirm_sent(session.ledger, batch, TODAY)
    page = page_of(qtbot, session)
    dialog = page.casework.plan.open_signed_dialog()
    assert dialog.letter_combo.currentText().startswith("令和8年11月30日発送 債務承認及び分納誓約書")
    assert "総額 50,000円・2回" in dialog.letter_combo.currentText()
    assert "1回目 令和8年12月28日 25,000円" in dialog.schedule_label.text()
    ok(qtbot, dialog)
    plan = page.casework.plan.plan
    assert [(line.instalment.due_on, line.instalment.amount) for line in plan.lines] == [
        (date(2026, 12, 28), 25_000), (date(2027, 1, 28), 25_000)]
    assert page.casework.limitation.date_label.text().startswith("令和13年11月30日")  # renewed by the signature
    again = page.casework.plan.open_signed_dialog()
    assert not again.ok_button.isEnabled() and again.letter_combo.count() == 0


def test_guarantor_added_ended_and_replaced_and_an_heir_on_every_claim(qtbot, session, typist):
    page = page_of(qtbot, session)
    page.sections.setCurrentWidget(page.parties)
    box = page.parties
    assert box.model.rowCount() == 0 and not box.end_button.isEnabled()

    dialog = box.open_add_dialog()
    typist(dialog.name_field, "佐藤 一郎")
    typist(dialog.address_field, "港区芝1-1")
    ok(qtbot, dialog)
    dialog = box.open_add_dialog()
    dialog.role_combo.set_value("heir")
    assert dialog.all_check.isChecked()  # an heir takes over all the debtor's claims
    typist(dialog.name_field, "山田 花子")
    typist(dialog.relation_field, "長女")
    ok(qtbot, dialog)
    assert [p.name for p in casework.liable_parties(session.ledger, "C0002")] == ["山田 花子"]
    assert [cell(box.model, r, pb.ROLE) for r in range(2)] == ["連帯保証人", "相続人"]
    assert page.guarantors_label.text() == "連帯保証人 佐藤 一郎　港区芝1-1\n相続人 山田 花子（長女）"

    box.table.selectRow(0)
    dialog = box.open_replace_dialog()
    typist(dialog.name_field, "佐藤 二郎")
    typist(dialog.reason_field, "保証人の変更")
    ok(qtbot, dialog)
    assert cell(box.model, 0, pb.STATE) == "令和8年11月30日 終了: 保証人の変更（後任: 佐藤 二郎）"
    assert cell(box.model, 2, pb.NAME) == "佐藤 二郎" and cell(box.model, 2, pb.STATE) == "責任あり"
    box.table.selectRow(0)
    assert not box.end_button.isEnabled()  # already ended

    box.table.selectRow(1)
    dialog = box.open_end_dialog()
    typist(dialog.reason_field, "相続放棄")
    ok(qtbot, dialog)
    assert cell(box.model, 1, pb.STATE) == "令和8年11月30日 終了: 相続放棄"
    assert [g.name for g in session.ledger.guarantors("C0001", as_of=TODAY)] == ["佐藤 二郎"]
    assert page.guarantors_label.text().startswith("連帯保証人 佐藤 二郎")


def test_an_heir_with_a_share_and_a_plain_guarantor_are_each_labelled_by_kind(qtbot, session, typist):
    from claimdesk.ui.debtor_page import DebtorPage

    page = page_of(qtbot, session)
    box = page.parties
    dialog = box.open_add_dialog()
    assert not dialog.share_field.isEnabled()  # only an heir has a share
    dialog.role_combo.set_value("surety")
    typist(dialog.name_field, "鈴木 三郎")
    ok(qtbot, dialog)
    dialog = box.open_add_dialog()
    dialog.role_combo.set_value("heir")
    typist(dialog.name_field, "山田 花子")
    typist(dialog.share_field, "半分")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "1/2 や 2分の1 の形" in dialog.share_field.message_label.text()
    assert casework.liable_parties(session.ledger, "C0001")[1:] == []  # nothing saved
    dialog.share_field.clear()
    typist(dialog.share_field, "2分の1")
    ok(qtbot, dialog)
    assert [cell(box.model, r, pb.ROLE) for r in range(2)] == ["保証人", "相続人（法定相続分 2分の1）"]
    assert page.guarantors_label.text() == "保証人 鈴木 三郎\n相続人（法定相続分 2分の1） 山田 花子"

    box.table.selectRow(0)
    assert not box.share_button.isEnabled()  # a guarantor has no share
    box.table.selectRow(1)
    dialog = box.open_share_dialog()
    assert dialog.all_check.isChecked()  # the heir of the debtor's other claim too
    typist(dialog.share_field, "1/3")
    ok(qtbot, dialog)
    assert cell(box.model, 1, pb.ROLE) == "相続人（法定相続分 3分の1）"
    assert [p.kind_label for p in casework.liable_parties(session.ledger, "C0002")] == ["相続人（法定相続分 3分の1）"]

    debtor = DebtorPage(session, "D0001")
    qtbot.addWidget(debtor)
    assert debtor.form.labelForField(debtor.values["guarantors"]).text() == "保証人・相続人"
    assert debtor.values["guarantors"].text().splitlines() == [  # the claims oldest year first
        "相続人（法定相続分 3分の1） 山田 花子（債権 C0002）",
        "保証人 鈴木 三郎（債権 C0001）", "相続人（法定相続分 3分の1） 山田 花子（債権 C0001）"]
