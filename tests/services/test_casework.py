"""Casework through the services the window and the command line use, on a real ledger file."""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, Guarantor, LegalNature
from claimdesk.domain.errors import ClaimDeskError, InvalidValue, Refusal
from claimdesk.services import casework as cw
from claimdesk.services import entries
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
NURSERY = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
TODAY = date(2026, 3, 1)


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3", operator="佐藤") as led:
        entries.add_claim_type(led, RENT)
        entries.add_claim_type(led, NURSERY)
        entries.add_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ", address="世田谷区池尻1-1"))
        entries.add_debtor(led, Debtor("D2", "鈴木 花子"))
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 60000, date(2025, 6, 30)))
        entries.add_claim(led, Claim("B", "D1", RENT.name, 2025, date(2025, 7, 1), 60000, date(2025, 7, 31)))
        entries.add_claim(led, Claim("H", "D1", NURSERY.name, 2025, date(2025, 7, 1), 45000, date(2025, 7, 31)))
        entries.add_claim(led, Claim("Z", "D2", RENT.name, 2025, date(2025, 6, 1), 10000, date(2025, 6, 30)))
        yield led


def test_a_fresh_claim_page_shows_the_first_step_the_limitation_and_the_late_charge(led):
    view = cw.claim_casework(led, "A", TODAY)
    assert (view.stage, view.next_step.step.id, view.next_step_timing) == ("督促", "demand", cw.StepTiming.OVERDUE)
    assert view.next_step.step.letter is cw.LetterKind.DEMAND and view.next_step.step.checklist
    assert (view.limitation.limitation_date, view.limitation.basis.text()) == (date(2030, 6, 30), "納期限 2025-06-30 の翌日から5年")
    # 60,000 × 3% × 244/365 (2025-07-01 … 2026-03-01) = 1,203.28
    assert (view.late_charge.name, view.late_charge.amount) == ("遅延損害金", 1203)
    assert view.procedure_source.endswith("private.toml") and view.log == ()


def test_a_logged_demand_letter_counts_as_the_demand_for_both_claims(led):
    e = cw.log_contact(led, ["A", "B"], "文書発送", "督促状を発送", on=date(2025, 8, 5), letter_kind="demand",
                       document_hash="9f2c", document_path="letters/2025-08-05.pdf", today=TODAY)
    assert (e.legal_effect, e.claim_ids, e.contact_person, e.operator) == (cw.LegalEffect.DEMAND, ("A", "B"), "佐藤", "佐藤")
    for claim_id in ("A", "B"):
        assert cw.claim_casework(led, claim_id, TODAY).next_step.step.id == "reminder_call"
    assert cw.letters_sent(led, ["A", "Z"]) == {"A": {cw.LetterKind.DEMAND: date(2025, 8, 5)}, "Z": {}}


def test_a_public_claims_demand_renews_and_a_return_undoes_it(led):
    demand = cw.log_contact(led, "H", "文書発送", "督促状", on=date(2025, 8, 10), letter_kind="demand", today=TODAY)
    view = cw.claim_casework(led, "H", TODAY)
    assert view.limitation.limitation_date == date(2030, 8, 20)  # 8/10 + 10 days, then five years
    back = cw.mark_letter_returned(led, demand.entry_id, on=date(2025, 8, 20), today=TODAY)
    assert back.returned_letter_of == demand.entry_id and "返戻" in back.summary
    view = cw.claim_casework(led, "H", TODAY)
    assert view.limitation.limitation_date == date(2030, 7, 31)
    assert view.next_step.step.id == "demand"  # to be served again
    assert cw.WorkKind.LETTER_RETURNED in {i.kind for i in view.work_items}
    assert [line.returned.entry_id for line in view.log if line.returned] == [back.entry_id]
    with pytest.raises(InvalidValue, match="すでに返戻"):
        cw.mark_letter_returned(led, demand.entry_id, today=TODAY)


def test_a_returned_letter_needs_no_search_once_the_address_is_updated(led):
    demand = cw.log_contact(led, "H", "文書発送", "督促状", on=date(2025, 8, 10), letter_kind="demand", today=TODAY)
    cw.mark_letter_returned(led, demand.entry_id, on=date(2025, 8, 20), today=TODAY)
    entries.update_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ", address="目黒区八雲2-2"))
    assert cw.WorkKind.LETTER_RETURNED not in {i.kind for i in cw.claim_casework(led, "H", TODAY).work_items}


def test_a_part_payment_moves_the_limitation_date_on_the_claim_page(led):
    entries.record_event(led, "A", EventKind.RECEIPT, date(2025, 9, 10), 20000)
    view = cw.claim_casework(led, "A", TODAY)
    assert view.limitation.limitation_date == date(2030, 9, 10)
    assert tuple(n.text() for n in view.limitation.notes) == ("2025-09-10 一部納付 20,000円: 時効の更新",)


@pytest.mark.parametrize("kwargs,field", [
    (dict(claim_ids=["A", "Z"]), "claim_id"),
    (dict(claim_ids=["A", "H"]), "claim_id"),
    (dict(claim_ids=["NOPE"]), "claim_id"),
    (dict(channel="FAX"), "channel"),
    (dict(summary=" "), "summary"),
    (dict(on=date(2026, 3, 2)), "on"),
    (dict(next_action="再度電話"), "next_action_on"),
    (dict(letter_kind="demand"), "letter_kind"),
    (dict(legal_effect="demand"), "legal_effect"),
    (dict(party="guarantor", legal_effect="acknowledgment"), "legal_effect"),
    (dict(step_id="no_such_step"), "step_id"),
])
def test_log_contact_refuses_what_does_not_hold(led, kwargs, field):
    args = {"claim_ids": ["A"], "channel": "電話", "summary": "本人と話した", "today": TODAY, **kwargs}
    with pytest.raises(InvalidValue) as e:
        cw.log_contact(led, args.pop("claim_ids"), args.pop("channel"), args.pop("summary"), **args)
    assert e.value.field == field
    assert cw.contact_log(led, debtor_id="D1") == []


def test_corrections_and_retractions_are_new_entries(led):
    call = cw.log_contact(led, "A", "電話", "本人と話した", on=date(2026, 2, 1), reason="失業", today=TODAY)
    first = cw.correct_entry(led, call.entry_id, "相手を誤って記録", party="family", party_name="妻")
    assert (first.corrects, first.reason, first.correction_reason) == (call.entry_id, "失業", "相手を誤って記録")
    # the reason for the correction is positional, so the entry's own `reason` can be corrected too
    fixed = cw.correct_entry(led, first.entry_id, "理由の聞き違い", reason="病気療養")
    assert (fixed.reason, fixed.correction_reason) == ("病気療養", "理由の聞き違い")
    assert (fixed.party, fixed.party_name) == (cw.Party.FAMILY, "妻")
    with pytest.raises(InvalidValue, match="すでに記録"):
        cw.correct_entry(led, call.entry_id, "もう一度", summary="x")
    lines = cw.contact_log(led, claim_id="A")
    assert [line.entry.entry_id for line in lines] == [fixed.entry_id]
    everything = cw.contact_log(led, claim_id="A", include_superseded=True)
    assert [(line.entry.entry_id, line.superseded_by) for line in everything] == [
        (fixed.entry_id, None), (first.entry_id, fixed.entry_id), (call.entry_id, first.entry_id)]
    cw.retract_entry(led, fixed.entry_id, "別の債務者の記録だった")
    assert cw.contact_log(led, claim_id="A") == []
    other = cw.log_contact(led, "A", "電話", "留守", on=date(2026, 2, 2), today=TODAY)
    with pytest.raises(InvalidValue, match="訂正できない項目"):
        cw.correct_entry(led, other.entry_id, "x", operator="誰か")


def test_the_log_is_newest_first_on_the_claim_and_the_debtor_and_searchable(led):
    cw.log_contact(led, "A", "電話", "留守", on=date(2026, 1, 5), today=TODAY)
    cw.log_contact(led, ["A", "B"], "窓口", "来庁。失業中とのこと", on=date(2026, 2, 3), household="単身",
                   next_action="再度電話", next_action_on=date(2026, 3, 10), today=TODAY)
    cw.log_contact(led, "H", "訪問", "不在", on=date(2026, 1, 20), today=TODAY)
    assert [l.entry.summary for l in cw.contact_log(led, claim_id="A")] == ["来庁。失業中とのこと", "留守"]
    assert [l.entry.summary for l in cw.contact_log(led, debtor_id="D1")] == ["来庁。失業中とのこと", "不在", "留守"]
    assert [e.summary for e in cw.search_contacts(led, "しつぎょう")] == []  # kanji is not read as kana …
    assert [e.summary for e in cw.search_contacts(led, "失業")] == ["来庁。失業中とのこと"]  # … but found as written


def test_a_promise_is_followed_by_the_receipts(led):
    promise = cw.record_promise(led, ["A", "B"], 30000, date(2026, 3, 15), on=date(2026, 2, 20), today=TODAY)
    assert promise.claim_ids == ("A", "B") and promise.entry_id is not None
    assert cw.claim_casework(led, "B", TODAY).stage == "納付約束中"
    entries.record_event(led, "B", EventKind.RECEIPT, date(2026, 3, 10), 30000)
    (state,) = cw.claim_casework(led, "A", date(2026, 3, 20)).promises
    assert (state.status, state.paid) == (cw.PromiseStatus.KEPT, 30000)


def test_a_broken_promise_goes_on_the_worklist_until_followed_up(led):
    cw.record_promise(led, "A", 30000, date(2026, 3, 15), on=date(2026, 2, 20), today=TODAY)
    kinds = {i.kind for i in cw.claim_casework(led, "A", date(2026, 3, 16)).work_items}
    assert cw.WorkKind.PROMISE_BROKEN in kinds
    cw.log_contact(led, "A", "電話", "約束不履行について電話", on=date(2026, 3, 16), today=date(2026, 3, 16))
    kinds = {i.kind for i in cw.claim_casework(led, "A", date(2026, 3, 16)).work_items}
    assert cw.WorkKind.PROMISE_BROKEN not in kinds


def test_a_signed_plan_is_an_acknowledgment_and_its_misses_are_followed(led):
    plan = cw.create_instalment_plan(led, ["A", "B"], signed_on=date(2026, 2, 25), total=120000, count=6,
                                     first_due=date(2026, 3, 31), today=TODAY)
    assert [i.amount for i in plan.instalments] == [20000] * 6
    view = cw.claim_casework(led, "A", TODAY)
    assert view.stage == "分納誓約中"
    assert view.limitation.limitation_date == date(2031, 2, 25)  # renewed by the signed pledge
    assert view.log[0].entry.letter_kind is cw.LetterKind.INSTALMENT_PLEDGE
    entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 3, 30), 20000)
    view = cw.claim_casework(led, "A", date(2026, 5, 5))  # April's 20,000 missed
    (state,) = view.plans
    assert state.status is cw.PlanStatus.ACTIVE and state.arrears == 20000
    assert cw.WorkKind.INSTALMENT_MISSED in {i.kind for i in view.work_items}
    # May's instalment: 5/31 is a Sunday, so it is due on Monday 6/1 and not missed that day
    assert [i.due_on for i in plan.instalments[:3]] == [date(2026, 3, 31), date(2026, 4, 30), date(2026, 6, 1)]
    assert cw.claim_casework(led, "B", date(2026, 6, 1)).plans[0].status is cw.PlanStatus.ACTIVE
    view = cw.claim_casework(led, "B", date(2026, 6, 2))  # May's missed too: the second miss
    assert view.plans[0].status is cw.PlanStatus.BROKEN and view.plans[0].broken_on == date(2026, 6, 2)
    assert cw.WorkKind.PLAN_BROKEN in {i.kind for i in view.work_items}


def test_a_plan_from_an_explicit_list_and_its_cancellation(led):
    plan = cw.create_instalment_plan(led, "A", signed_on=date(2026, 2, 25), today=TODAY,
                                     schedule=[(date(2026, 3, 31), 10000), (date(2026, 5, 31), 50000)])
    cw.cancel_instalment_plan(led, plan.plan_id, date(2026, 2, 28), "本人から撤回の申出", today=TODAY)
    (state,) = cw.claim_casework(led, "A", TODAY).plans
    assert state.status is cw.PlanStatus.CANCELLED
    with pytest.raises(ClaimDeskError, match="すでに取り消されています"):
        cw.cancel_instalment_plan(led, plan.plan_id, date(2026, 2, 28), "もう一度", today=TODAY)


def test_a_deferment_needs_approval_and_is_not_for_enforced_claims(led):
    with pytest.raises(InvalidValue) as e:
        cw.create_instalment_plan(led, "A", signed_on=date(2026, 2, 25), total=60000, count=2,
                                  first_due=date(2026, 3, 31), kind="deferment", today=TODAY)
    assert e.value.field == "approver"
    with pytest.raises(InvalidValue, match="強制徴収公債権には使えません"):
        cw.create_instalment_plan(led, "H", signed_on=date(2026, 2, 25), total=45000, count=2,
                                  first_due=date(2026, 3, 31), kind="deferment", approver="課長",
                                  approved_on=date(2026, 2, 24), basis="令171条の6", today=TODAY)
    plan = cw.create_instalment_plan(led, "A", signed_on=date(2026, 2, 25), total=60000, count=2,
                                     first_due=date(2026, 3, 31), kind="deferment", approver="住宅課長 田中",
                                     approved_on=date(2026, 2, 24), basis="令171条の6第1項第1号", today=TODAY)
    entry = cw.contact_log(led, claim_id="A")[0].entry
    assert (entry.decision, entry.approver, plan.kind) == (cw.Decision.DEFERMENT, "住宅課長 田中", cw.PlanKind.DEFERMENT)


def test_completing_a_step_writes_its_entry(led):
    with pytest.raises(InvalidValue, match="確認事項にありません"):
        cw.complete_step(led, "A", "demand", on=date(2025, 7, 5), checklist=["適当な確認"], today=TODAY)
    entry = cw.complete_step(led, "A", "demand", on=date(2025, 7, 5), checklist=["発送日を記録した"], today=TODAY)
    assert (entry.step_id, entry.channel, entry.letter_kind, entry.legal_effect) == (
        "demand", cw.Channel.LETTER_OUT, cw.LetterKind.DEMAND, cw.LegalEffect.DEMAND)
    assert cw.claim_casework(led, "A", TODAY).next_step.step.id == "reminder_call"
    with pytest.raises(InvalidValue):  # a decision step needs its approver, date and basis
        cw.complete_step(led, "A", "lawyer_referral", on=TODAY, today=TODAY)
    decided = cw.complete_step(led, "A", "lawyer_referral", on=TODAY, approver="住宅課長", approved_on=TODAY,
                               basis="委任契約（令和8年2月決裁）", today=TODAY)
    assert decided.decision is cw.Decision.LAWYER_REFERRAL


def test_a_suspension_is_no_bare_decision_any_more_but_an_old_one_still_counts(led):
    """執行停止 has one way in (services.enforcement.record_suspension); a ledger that already
    holds one recorded as a decision (as record_decision wrote it before) keeps its effect."""
    for claim_id in ("A", "H"):
        with pytest.raises(Refusal) as refused:
            cw.record_decision(led, claim_id, "enforcement_suspension", approver="課長", approved_on=TODAY,
                               basis="x", today=TODAY)
        assert (refused.value.field, refused.value.code) == ("decision", "suspension_is_a_record")
    with pytest.raises(Refusal, match="執行停止の記録"):
        cw.log_contact(led, "H", "庁内記録", "執行停止", party="none", decision="enforcement_suspension",
                       approver="課長", approved_on=TODAY, basis="x", today=TODAY)
    with pytest.raises(Refusal) as refused:
        cw.complete_step(led, "H", "enforcement_suspension", approver="課長", approved_on=TODAY, basis="x",
                         today=TODAY)
    assert refused.value.field == "step_id"
    assert cw.contact_log(led, claim_id="H") == []  # nothing written
    entry = old_style_suspension(led, "H", date(2026, 2, 27))
    view = cw.claim_casework(led, "H", TODAY)
    assert entry.decision is cw.Decision.ENFORCEMENT_SUSPENSION and view.stage == "執行停止中"
    # three years from the day after (2026-02-28 … 2029-02-27) have passed on 2029-02-28:
    # the claim is extinguished and only the write-off is left
    assert cw.claim_casework(led, "H", date(2029, 2, 27)).extinguished_on is None
    later = cw.claim_casework(led, "H", date(2029, 2, 28))
    assert (later.extinguished_on, later.next_step.step.id) == (date(2029, 2, 28), "write_off")


def test_guarantors_and_heirs_share_the_one_balance_and_have_their_own_entries(led):
    heir = cw.add_liable_party(led, "A", Guarantor("A", "山田 一郎", relation="長男"), role="heir")
    surety = cw.add_liable_party(led, "A", Guarantor("A", "山田 花子", relation="妹"))
    assert [(p.role_label, p.name) for p in cw.liable_parties(led, "A")] == [("相続人", "山田 一郎"), ("連帯保証人", "山田 花子")]
    letter = cw.log_contact(led, "A", "文書発送", "保証人に履行請求", letter_kind="guarantor",
                            liable_party_id=surety, on=date(2026, 2, 1), today=TODAY)
    assert (letter.party, letter.legal_effect) == (cw.Party.GUARANTOR, cw.LegalEffect.NONE)
    ack = cw.log_contact(led, "A", "文書受領", "相続人から債務承認書", letter_kind="acknowledgment",
                         liable_party_id=heir, on=date(2026, 2, 10), today=TODAY)
    assert (ack.party, ack.legal_effect) == (cw.Party.HEIR, cw.LegalEffect.ACKNOWLEDGMENT)
    assert cw.claim_casework(led, "A", TODAY).limitation.limitation_date == date(2031, 2, 10)
    with pytest.raises(InvalidValue):
        cw.log_contact(led, "B", "電話", "x", liable_party_id=heir, today=TODAY)


def test_late_charge_as_of_any_date_and_settings_per_ledger(led):
    # 45,000円 due 2025-07-31 (延滞金): 8/1–8/31 at 2.4%: 91; 9/1–12/31 at 8.7%: 1,308;
    # 2026-01-01–03-01 at 9.1%: 673 → 2,072 → 2,000
    assert cw.late_charge(led, "H", TODAY).amount == 2000
    assert cw.late_charge(led, "H", date(2025, 7, 31)).amount == 0
    cw.set_casework_setting(led, "late_charge.public.total_minimum", 3000)
    assert cw.late_charge(led, "H", TODAY).amount == 0
    with pytest.raises(InvalidValue) as e:
        cw.set_casework_setting(led, "limitation.warn_days", -1)
    assert e.value.field == "casework.limitation.warn_days"
    cw.set_casework_setting(led, "limitation.warn_days", 2000)
    assert cw.claim_casework(led, "A", TODAY).limitation_state is cw.LimitationState.APPROACHING
    cw.set_casework_setting(led, "limitation.warn_days", None)
    assert cw.casework_settings(led).limitation.warn_days == 180


def test_limitations_of_a_page_of_claims(led):
    entries.record_event(led, "A", EventKind.RECEIPT, date(2025, 9, 10), 20000)
    cw.log_contact(led, "H", "文書発送", "督促状", on=date(2025, 8, 10), letter_kind="demand", today=TODAY)
    found = cw.limitations(led, ["A", "B", "H"], TODAY)
    assert {k: v[0].limitation_date for k, v in found.items()} == {
        "A": date(2030, 9, 10), "B": date(2030, 7, 31), "H": date(2030, 8, 20)}
    assert found["A"][1] is cw.LimitationState.RUNNING
    assert found["A"][0] == cw.claim_casework(led, "A", TODAY).limitation


def old_style_suspension(led, claim_id, on):
    """A 執行停止 as ledgers hold it from before the record: a bare decision entry."""
    from claimdesk.services.contact_log import _new_entry

    return _new_entry(led, claim_id, cw.Channel.INTERNAL, "執行停止を決定", on=on, party=cw.Party.NONE,
                      decision=cw.Decision.ENFORCEMENT_SUSPENSION, approver="保育課長", approved_on=on,
                      basis="地方税法15条の7第1項第1号（財産なし）", today=TODAY)
