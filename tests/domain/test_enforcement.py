"""差押 and 執行停止 on the limitation clock and on extinction, with exact dates."""

from datetime import date

import pytest

from claimdesk.domain.case import CaseHistory, StageKind, assess_case
from claimdesk.domain.casework_settings import CaseworkSettings
from claimdesk.domain.claims import LegalNature
from claimdesk.domain.contacts import LegalEffect, resolve_log
from claimdesk.domain.enforcement import (
    Enforcement,
    Seizure,
    SeizureEnd,
    Suspension,
    SuspensionGround,
    SuspensionLaw,
    check_self_enforcement,
    check_suspension,
)
from claimdesk.domain.errors import Refusal
from claimdesk.domain.instalments import Payment
from claimdesk.domain.limitation import LimitationFact, LimitationState, limitation
from claimdesk.domain.procedure import parse_procedure

ENFORCED = LegalNature.ENFORCED_PUBLIC
DUE = date(2026, 1, 31)  # period alone: 2026-02-01 … 2031-01-31


def seizure(on, ended=None, end=SeizureEnd.ENDED, amount=30_000):
    return Seizure(("A",), on, "〇〇銀行 普通預金", amount, ended, end if ended else None)


def test_a_seizure_that_ends_renews_the_period_from_the_day_after_its_end():
    # seized 2027-01-31 (a month end), ended 2027-03-31: five years from 2027-04-01 → 2032-03-31
    lim = limitation(ENFORCED, DUE, [], date(2027, 6, 1), seizures=[seizure(date(2027, 1, 31), date(2027, 3, 31))])
    assert lim.limitation_date == date(2032, 3, 31)
    assert lim.basis.text() == "差押（2027-01-31）の終了の翌日から5年（更新）"
    assert [n.text() for n in lim.notes] == [
        "2027-01-31 差押（〇〇銀行 普通預金）: 完成猶予（差押の手続が終わるまで、民法148条1項）",
        "2027-03-31 差押（2027-01-31）の終了: 時効の更新（民法148条2項）"]


def test_a_seizure_ending_on_a_leap_day_renews_to_the_28th_five_years_on():
    lim = limitation(ENFORCED, DUE, [], date(2028, 3, 1), seizures=[seizure(date(2027, 12, 1), date(2028, 2, 29))])
    assert lim.limitation_date == date(2033, 2, 28)


def test_a_running_seizure_holds_the_clock_whatever_the_period_says():
    # due 2021-01-31 → 2026-01-31; seized 2025-12-15, still running on 2026-06-01 (period passed)
    lim = limitation(ENFORCED, date(2021, 1, 31), [], date(2026, 6, 1), seizures=[seizure(date(2025, 12, 15))])
    assert lim.state(date(2026, 6, 1), 180) is LimitationState.RUNNING
    assert lim.limitation_date == date(2031, 6, 1)  # at least: were it to end today
    assert lim.basis.text().endswith("差押（2025-12-15）の手続中のため完成猶予（終了の翌日から5年で更新）")
    # ended on 2026-07-31: renewed from 2026-08-01 to 2031-07-31
    ended = limitation(ENFORCED, date(2021, 1, 31), [], date(2026, 8, 1),
                       seizures=[seizure(date(2025, 12, 15), date(2026, 7, 31))])
    assert ended.limitation_date == date(2031, 7, 31)


def test_a_void_seizure_leaves_six_months_only():
    # due 2021-01-31 → 2026-01-31; seized 2025-12-15, cancelled as void 2026-02-28: six months from 03-01 → 2026-08-31
    lim = limitation(ENFORCED, date(2021, 1, 31), [], date(2026, 3, 1),
                     seizures=[seizure(date(2025, 12, 15), date(2026, 2, 28), SeizureEnd.VOID)])
    assert lim.limitation_date == date(2026, 8, 31)
    assert "差押の取消（2026-02-28）により2026-08-31まで完成猶予" in lim.basis.text()


def test_a_seizure_after_completion_does_nothing():
    lim = limitation(ENFORCED, date(2020, 1, 31), [], date(2025, 6, 1), seizures=[seizure(date(2025, 3, 1))])
    assert lim.limitation_date == date(2025, 1, 31)
    assert lim.notes[-1].text().endswith("時効完成後の差押のため効果なし")


def test_a_payment_during_a_seizure_renews_and_the_end_renews_again():
    pays = [Payment(date(2027, 2, 28), 10_000, "A")]
    lim = limitation(ENFORCED, DUE, [LimitationFact(date(2026, 2, 10), LegalEffect.DEMAND, "督促状")],
                     date(2028, 1, 1), payments=pays, seizures=[seizure(date(2027, 1, 31), date(2027, 5, 31))])
    assert lim.limitation_date == date(2032, 5, 31)


def suspension(on, immediate=False, ground=SuspensionGround.NO_PROPERTY):
    return Suspension(("A",), on, SuspensionLaw.LOCAL_TAX, ground, immediate)


@pytest.mark.parametrize("on, gone", [
    (date(2026, 2, 28), date(2029, 3, 1)),   # 3 years end 2029-02-28
    (date(2025, 2, 28), date(2028, 3, 1)),   # ends on the day before 2028-03-01: 2028-02-29
    (date(2028, 2, 29), date(2031, 3, 1)),   # from a leap day: ends 2031-02-28
    (date(2026, 4, 30), date(2029, 5, 1)),
    (date(2026, 12, 31), date(2030, 1, 1)),
])
def test_three_years_of_suspension_extinguish_the_claim_the_day_after(on, gone):
    assert suspension(on).extinguishes_on(3) == gone


def test_an_immediate_extinction_is_on_the_day_and_only_for_no_property():
    assert suspension(date(2026, 3, 31), immediate=True).extinguishes_on() == date(2026, 3, 31)
    assert suspension(date(2026, 3, 31), True).law_text == "地方税法15条の7第1項第1号・第5項（即時消滅）"
    check_suspension(SuspensionGround.NO_PROPERTY, True)
    with pytest.raises(Refusal) as e:
        check_suspension(SuspensionGround.HARDSHIP, True)
    assert e.value.field == "immediate"


@pytest.mark.parametrize("nature", [LegalNature.PUBLIC, LegalNature.PRIVATE])
def test_only_enforced_public_claims_may_be_enforced(nature):
    check_self_enforcement("A", ENFORCED)
    with pytest.raises(Refusal) as e:
        check_self_enforcement("A", nature)
    assert e.value.field == "claim_id" and e.value.code == "no_self_enforcement"
    assert nature.label in str(e.value)


PROC = parse_procedure({"legal_nature": "enforced_public", "title": "強制", "steps": [
    {"id": "demand", "title": "督促", "stage": "督促", "what": "x", "why": "y", "after": "due_date", "days": 1,
     "deadline_days": 20},
    {"id": "write_off", "title": "不納欠損", "stage": "整理", "what": "欠損", "why": "消滅", "after": "previous",
     "days": 0, "deadline_days": 30, "approval": True, "decision": "write_off", "when": "extinguished"}]},
    "enforced.toml")


def test_a_suspension_extinguishes_the_case_and_brings_the_write_off():
    h = CaseHistory("A", "保育料", ENFORCED, DUE, 40_000, 0, (), resolve_log([]),
                    enforcement=Enforcement(suspensions=(suspension(date(2026, 6, 30)),)))
    before = assess_case(h, PROC, CaseworkSettings(), date(2029, 6, 30))
    assert before.kind is not StageKind.EXTINGUISHED
    after = assess_case(h, PROC, CaseworkSettings(), date(2029, 7, 1))
    assert (after.kind, after.extinguished_on, after.extinguished_by) == (
        StageKind.EXTINGUISHED, date(2029, 7, 1), "執行停止3年継続")
    assert after.next_step.step.id == "write_off"
    now = CaseHistory("A", "保育料", ENFORCED, DUE, 40_000, 0, (), resolve_log([]),
                      enforcement=Enforcement(suspensions=(suspension(date(2026, 6, 30), True),)))
    state = assess_case(now, PROC, CaseworkSettings(), date(2026, 6, 30))
    assert (state.extinguished_on, state.extinguished_by) == (date(2026, 6, 30), "執行停止・即時消滅")


def test_records_as_of_a_day_forget_later_ends():
    e = Enforcement(seizures=(seizure(date(2027, 1, 31), date(2027, 3, 31)), seizure(date(2027, 6, 1))))
    past = e.as_of(date(2027, 2, 15))
    assert len(past.seizures) == 1 and past.seizures[0].ended_on is None
