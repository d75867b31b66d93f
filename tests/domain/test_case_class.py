"""The case class of an open claim (回収 / 整理), derived from its history on a day."""

from datetime import date

from test_procedure import PROC  # noqa: E402  (tests/domain is on sys.path: rootdir-relative imports)

from claimdesk.domain.case import CaseHistory, assess_case
from claimdesk.domain.case_class import CaseClass, case_class
from claimdesk.domain.casework_settings import CaseworkSettings
from claimdesk.domain.claims import LegalNature
from claimdesk.domain.contacts import Channel, ContactEntry, Decision, LegalEffect, Party, resolve_log
from claimdesk.domain.enforcement import Enforcement, Suspension, SuspensionGround, SuspensionLaw
from claimdesk.domain.instalments import Instalment, Plan, PlanKind, plan_state
from claimdesk.domain.promises import Promise, promise_states

DUE = date(2026, 4, 30)
S = CaseworkSettings()


def entry(n, on, channel=Channel.PHONE, **kw):
    kw.setdefault("party", Party.NONE if channel is Channel.INTERNAL else Party.DEBTOR)
    return ContactEntry("D1", ("A",), on, channel, kw.pop("summary", "記録"), entry_id=n, **kw)


def cls(today, entries=(), nature=LegalNature.PRIVATE, balance=50_000, **kw):
    h = CaseHistory("A", "区営住宅使用料", nature, kw.pop("due", DUE), balance, 0, (), resolve_log(entries), **kw)
    return case_class(h, assess_case(h, PROC, S, today), today)


def test_an_open_claim_in_the_procedure_is_collectable_and_a_paid_one_has_no_class():
    assert cls(date(2026, 6, 1)) is CaseClass.COLLECT
    assert cls(date(2026, 4, 1)) is CaseClass.COLLECT  # not yet due: still in the procedure
    assert cls(date(2026, 6, 1), balance=0) is None
    assert CaseClass.COLLECT.full_label == "回収" and CaseClass.HARDSHIP.full_label == "整理（生活困窮）"


def test_time_barred_from_the_day_after_the_limitation_date():
    # due 2026-04-30: the period ends 2031-04-30
    assert cls(date(2031, 4, 30)) is CaseClass.COLLECT
    assert cls(date(2031, 5, 1)) is CaseClass.TIME_BARRED
    assert cls(date(2031, 5, 1), nature=LegalNature.PUBLIC) is CaseClass.TIME_BARRED


def test_a_running_plan_is_instalments_and_a_promise_or_a_next_action_negotiation():
    plan = Plan("D1", ("A",), PlanKind.PLEDGE, date(2026, 5, 10), (Instalment(1, date(2026, 5, 31), 25_000),
                                                                    Instalment(2, date(2026, 6, 30), 25_000)))
    assert cls(date(2026, 5, 20), plans=(plan_state(plan, [], date(2026, 5, 20)),)) is CaseClass.INSTALMENTS
    promise = Promise("D1", ("A",), date(2026, 5, 10), 50_000, date(2026, 6, 30), 1, 1)
    assert cls(date(2026, 6, 1), [entry(1, date(2026, 5, 10))],
               promises=tuple(promise_states([promise], [], date(2026, 6, 1)))) is CaseClass.NEGOTIATING
    talk = entry(1, date(2026, 6, 1), next_action="再度電話", next_action_on=date(2026, 6, 10))
    assert cls(date(2026, 6, 10), [talk]) is CaseClass.NEGOTIATING
    assert cls(date(2026, 6, 11), [talk]) is CaseClass.COLLECT
    agreed = entry(1, date(2026, 6, 1), legal_effect=LegalEffect.NEGOTIATION)
    assert cls(date(2027, 6, 1), [agreed]) is CaseClass.NEGOTIATING  # the agreement's year, 06-02 … 2027-06-01
    assert cls(date(2027, 6, 2), [agreed]) is CaseClass.COLLECT


def test_a_referral_is_hardship_until_an_arrangement_is_made():
    assert cls(date(2026, 7, 1), referred_on=date(2026, 6, 15)) is CaseClass.HARDSHIP
    plan = Plan("D1", ("A",), PlanKind.PLEDGE, date(2026, 7, 1), (Instalment(1, date(2026, 7, 31), 50_000),))
    signed = plan_state(plan, [], date(2026, 7, 2))
    assert cls(date(2026, 7, 2), referred_on=date(2026, 6, 15), plans=(signed,)) is CaseClass.INSTALMENTS


def test_a_suspension_is_its_own_class_even_once_it_has_extinguished_the_claim():
    stop = entry(1, date(2026, 6, 1), Channel.INTERNAL, decision=Decision.COLLECTION_SUSPENSION, approver="課長",
                 approved_on=date(2026, 6, 1), basis="所在不明")
    assert cls(date(2026, 7, 1), [stop]) is CaseClass.SUSPENDED
    susp = Enforcement(suspensions=(Suspension(("A",), date(2026, 6, 1), SuspensionLaw.LOCAL_TAX,
                                               SuspensionGround.NO_PROPERTY),))
    assert cls(date(2026, 7, 1), nature=LegalNature.ENFORCED_PUBLIC, enforcement=susp) is CaseClass.SUSPENDED
    assert cls(date(2029, 6, 2), nature=LegalNature.ENFORCED_PUBLIC, enforcement=susp) is CaseClass.SUSPENDED
