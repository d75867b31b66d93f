"""Procedure definitions (checked when read) and the stage derived from a claim's history."""

from dataclasses import replace
from datetime import date

import pytest

from claimdesk.domain.case import CaseHistory, StageKind, StepTiming, assess_case
from claimdesk.domain.casework_settings import CaseworkSettings
from claimdesk.domain.claims import LegalNature
from claimdesk.domain.contacts import Channel, ContactEntry, Decision, LegalEffect, LetterKind, Party, resolve_log
from claimdesk.domain.instalments import Instalment, Payment, Plan, PlanKind, plan_state
from claimdesk.domain.procedure import ProcedureError, parse_procedure
from claimdesk.domain.promises import Promise, promise_states

STEPS = [
    {"id": "demand", "title": "督促状の発送", "stage": "督促", "what": "督促状を送る", "why": "施行令171条",
     "after": "due_date", "days": 1, "deadline_days": 20, "letter": "demand", "checklist": ["住所を確認"]},
    {"id": "call", "title": "電話催告", "stage": "催告", "what": "電話する", "why": "早期の接触",
     "after": "previous", "days": 11, "deadline_days": 30},
    {"id": "guarantor", "title": "保証人への請求", "stage": "保証人", "what": "請求", "why": "民法454条",
     "after": "previous", "days": 10, "deadline_days": 40, "letter": "guarantor", "only_if": "guarantors"},
    {"id": "lawyer", "title": "弁護士委任", "stage": "法的措置", "what": "委任", "why": "令171条の2",
     "after": "demand", "days": 180, "deadline_days": 365, "approval": True, "decision": "lawyer_referral",
     "group": "legal"},
    {"id": "suspend", "title": "徴収停止", "stage": "法的措置", "what": "停止", "why": "令171条の5",
     "after": "demand", "days": 180, "deadline_days": 365, "approval": True,
     "decision": "collection_suspension", "group": "legal"},
    {"id": "waiver", "title": "放棄", "stage": "整理", "what": "放棄", "why": "条例", "after": "suspend",
     "days": 365, "deadline_days": 400, "approval": True, "decision": "waiver", "requires": "suspend"},
    {"id": "write_off", "title": "不納欠損", "stage": "整理", "what": "欠損", "why": "消滅", "after": "previous",
     "days": 0, "deadline_days": 30, "approval": True, "decision": "write_off", "when": "extinguished"},
]
PROC = parse_procedure({"legal_nature": "private", "title": "私債権", "steps": STEPS}, "private.toml")
SETTINGS = CaseworkSettings()
DUE = date(2026, 4, 30)


def entry(n, on, channel=Channel.INTERNAL, **kw):
    kw.setdefault("party", Party.NONE if channel is Channel.INTERNAL else Party.DEBTOR)
    return ContactEntry("D1", ("A",), on, channel, kw.pop("summary", "記録"), entry_id=n, **kw)


def history(entries=(), **kw):
    kw.setdefault("legal_nature", LegalNature.PRIVATE)
    return CaseHistory("A", "区営住宅使用料", kw.pop("legal_nature"), kw.pop("due", DUE), kw.pop("balance", 50_000),
                       0, kw.pop("receipts", ()), resolve_log(entries), **kw)


def test_the_letters_effect_becomes_the_steps_effect_unless_written():
    assert PROC.step("demand").effect is LegalEffect.DEMAND
    assert PROC.step("guarantor").effect is LegalEffect.NONE  # a guarantor's letter binds the guarantor only


def test_nothing_before_the_due_date_and_the_demand_right_after():
    assert assess_case(history(), PROC, SETTINGS, DUE).kind is StageKind.NOT_DUE
    state = assess_case(history(), PROC, SETTINGS, date(2026, 5, 1))
    assert (state.stage, state.next_step.step.id) == ("督促", "demand")
    assert (state.next_step.due_on, state.next_step.deadline) == (date(2026, 5, 1), date(2026, 5, 20))
    assert state.next_step.timing(date(2026, 5, 21)) is StepTiming.OVERDUE


def test_a_step_not_done_for_months_is_overdue_not_skipped():
    state = assess_case(history(), PROC, SETTINGS, date(2026, 11, 30))
    assert state.next_step.step.id == "demand" and state.next_step.timing(date(2026, 11, 30)) is StepTiming.OVERDUE


def test_a_logged_demand_notice_completes_the_step_and_times_the_next():
    demand = entry(1, date(2026, 5, 12), Channel.LETTER_OUT, letter_kind=LetterKind.DEMAND)
    state = assess_case(history([demand]), PROC, SETTINGS, date(2026, 5, 20))
    assert state.next_step.step.id == "call"
    # 'previous' is the demand of 5/12: due 11 days later, by 30 days later
    assert (state.next_step.due_on, state.next_step.deadline) == (date(2026, 5, 23), date(2026, 6, 11))
    assert state.progress[0].done_on == date(2026, 5, 12)


def test_a_step_done_twice_counts_from_its_latest_day_whatever_the_order_entered():
    """By step id, by letter and by decision: the latest day (entries entered out of date order)."""
    later = entry(1, date(2026, 6, 1), Channel.LETTER_OUT, letter_kind=LetterKind.DEMAND)
    earlier = entry(2, date(2026, 5, 12), Channel.LETTER_OUT, letter_kind=LetterKind.DEMAND)
    calls = [entry(3, date(2026, 6, 20), Channel.PHONE, step_id="call"),
             entry(4, date(2026, 6, 10), Channel.PHONE, step_id="call")]
    decided = dict(approver="課長", approved_on=date(2026, 7, 1), basis="令171条の5",
                   decision=Decision.COLLECTION_SUSPENSION)
    stops = [entry(5, date(2026, 7, 3), **decided), entry(6, date(2026, 7, 1), **decided)]
    state = assess_case(history([later, earlier, *calls, *stops]), PROC, SETTINGS, date(2026, 7, 10))
    done = dict(state.done)
    assert (done["demand"], done["call"], done["suspend"]) == (date(2026, 6, 1), date(2026, 6, 20), date(2026, 7, 3))


def test_a_returned_demand_did_not_happen():
    demand = entry(1, date(2026, 5, 12), Channel.LETTER_OUT, letter_kind=LetterKind.DEMAND)
    back = entry(2, date(2026, 5, 20), Channel.LETTER_IN, party=Party.OTHER, returned_letter_of=1)
    state = assess_case(history([demand, back]), PROC, SETTINGS, date(2026, 5, 21))
    assert state.next_step.step.id == "demand"


def test_steps_only_for_claims_with_guarantors_and_a_later_step_done_passes_earlier_ones():
    steps = [entry(1, date(2026, 5, 12), Channel.LETTER_OUT, letter_kind=LetterKind.DEMAND),
             entry(2, date(2026, 6, 1), step_id="call")]
    without = assess_case(history(steps), PROC, SETTINGS, date(2026, 12, 1))
    assert without.next_step.step.id == "lawyer"
    assert [o.id for o in without.next_step.options] == ["suspend"]
    with_guarantor = assess_case(history(steps, has_liable_parties=True), PROC, SETTINGS, date(2026, 12, 1))
    assert with_guarantor.next_step.step.id == "guarantor"
    jumped = assess_case(history(steps[:1] + [entry(3, date(2026, 6, 2), step_id="guarantor")],
                                 has_liable_parties=True), PROC, SETTINGS, date(2026, 12, 1))
    assert [p.passed for p in jumped.progress][:3] == [False, True, False]
    assert jumped.next_step.step.id == "lawyer"


def test_one_of_a_group_is_enough_and_a_suspension_leads_to_the_waiver_a_year_on():
    steps = [entry(1, date(2026, 5, 12), Channel.LETTER_OUT, letter_kind=LetterKind.DEMAND),
             entry(2, date(2026, 6, 1), step_id="call"),
             entry(3, date(2026, 11, 1), decision=Decision.COLLECTION_SUSPENSION, approver="課長",
                   approved_on=date(2026, 10, 30), basis="所在不明（令171条の5第2号）")]
    state = assess_case(history(steps), PROC, SETTINGS, date(2026, 12, 1))
    assert state.stage == "徴収停止中"
    assert (state.next_step.step.id, state.next_step.due_on) == ("waiver", date(2027, 11, 1))


def test_a_pending_promise_pauses_and_a_broken_one_brings_the_step_back_at_once():
    made = entry(1, date(2026, 5, 10), Channel.PHONE)
    promise = Promise("D1", ("A",), date(2026, 5, 10), 50_000, date(2026, 6, 30), 1, 1)
    pending = promise_states([promise], [], date(2026, 6, 1))
    assert assess_case(history([made], promises=tuple(pending)), PROC, SETTINGS, date(2026, 6, 1)).kind \
        is StageKind.PROMISE
    broken = promise_states([promise], [], date(2026, 7, 15))
    state = assess_case(history([made], promises=tuple(broken)), PROC, SETTINGS, date(2026, 7, 15))
    # the demand was due 5/1–5/20; after the promise broke on 7/1 it is due again from 7/1 for 19
    # days: 7/20 is 海の日, so the deadline is the next open day, 7/21
    assert (state.resume_on, state.next_step.due_on, state.next_step.deadline) == (
        date(2026, 7, 1), date(2026, 7, 1), date(2026, 7, 21))
    assert state.next_step.timing(date(2026, 7, 21)) is StepTiming.DUE  # not overdue on the open day
    assert state.next_step.timing(date(2026, 7, 22)) is StepTiming.OVERDUE


def test_an_active_plan_pauses_the_procedure():
    plan = Plan("D1", ("A",), PlanKind.PLEDGE, date(2026, 5, 10), (Instalment(1, date(2026, 5, 31), 25_000),
                                                                    Instalment(2, date(2026, 6, 30), 25_000)))
    active = plan_state(plan, [Payment(date(2026, 5, 30), 25_000, "A")], date(2026, 6, 10))
    state = assess_case(history(plans=(active,), balance=25_000), PROC, SETTINGS, date(2026, 6, 10))
    assert (state.kind, state.stage, state.next_step) == (StageKind.PLAN, "分納誓約中", None)


def test_an_extinguished_claim_has_only_the_write_off_left():
    invoked = entry(1, date(2031, 6, 1), Channel.LETTER_IN, legal_effect=LegalEffect.INVOCATION,
                    summary="時効援用通知を受領")
    state = assess_case(history([invoked]), PROC, SETTINGS, date(2031, 6, 2))
    assert state.kind is StageKind.EXTINGUISHED and state.extinguished_by == "時効の援用"
    assert (state.next_step.step.id, state.next_step.deadline) == ("write_off", date(2031, 7, 1))


def test_public_claims_are_extinguished_by_time_alone():
    public = replace(PROC, legal_nature=LegalNature.PUBLIC)
    state = assess_case(history(legal_nature=LegalNature.PUBLIC), public, SETTINGS, date(2031, 5, 1))
    assert (state.extinguished_on, state.extinguished_by) == (date(2031, 5, 1), "時効完成")


def test_settled_claims_need_nothing():
    assert assess_case(history(balance=0), PROC, SETTINGS, date(2026, 6, 1)).kind is StageKind.SETTLED


# --- definitions are checked when read ---------------------------------------------------

def bad(**changes):
    step = {**STEPS[1], **changes}
    return {"legal_nature": "private", "title": "私債権", "steps": [STEPS[0], {k: v for k, v in step.items() if v is not None}]}


@pytest.mark.parametrize("data,message", [
    (bad(deadline_days=5), 'private.toml: steps[1] (id = "call"): deadline_days: days（11）以上にしてください（5）'),
    (bad(after="nowhere"), 'steps[1] (id = "call"): after: due_date、previous、またはこれより前の手順の id'),
    (bad(letter="fax"), 'steps[1] (id = "call"): letter: 「fax」は使えません'),
    (bad(approval=True), 'steps[1] (id = "call"): decision: 決裁が必要な手順には decision'),
    (bad(decision="enforcement_suspension", approval=True), "執行停止はこの種類の債権（私債権）には使えません"),
    (bad(id="demand"), 'steps[1] (id = "demand"): id: 同じ id の手順がすでにあります'),
    (bad(title=None), 'steps[1] (id = "call"): title: 入力してください'),
    (bad(days="11"), "days: 0以上の日数（整数）で書いてください（'11'）"),
    (bad(colour="red"), 'steps[1] (id = "call"): colour: 不明な項目です'),
    (bad(checklist="住所を確認"), "checklist: 文字列の一覧で書いてください"),
    ({"legal_nature": "private", "title": "x", "steps": []}, "private.toml: steps: [[steps]] を1つ以上"),
    ({"legal_nature": "civil", "title": "x", "steps": STEPS}, "private.toml: legal_nature:"),
])
def test_a_wrong_definition_names_the_file_the_step_and_the_key(data, message):
    with pytest.raises(ProcedureError) as e:
        parse_procedure(data, "private.toml")
    assert message in str(e.value)


def test_a_file_for_another_kind_is_refused():
    with pytest.raises(ProcedureError, match="このファイルは public の手順です"):
        parse_procedure({"legal_nature": "private", "title": "x", "steps": STEPS}, "public.toml", LegalNature.PUBLIC)
