"""The bulk assessment (本日の作業, case classes) gives each claim what it gets assessed alone."""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, Guarantor, LegalNature
from claimdesk.services import casework as cw
from claimdesk.services import entries
from claimdesk.services.case_loader import load_cases
from claimdesk.services.casework_settings import casework_settings, set_casework_setting
from claimdesk.services.procedures import load_procedures
from claimdesk.storage.ledger import Ledger

WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")
CHILD = ClaimType("児童手当等返還金", LegalNature.PUBLIC, "一般会計", "諸収入")
RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
TODAY = date(2026, 6, 1)
DUE = date(2021, 6, 30)  # five years before 2026-06-30: the limitation is near


@pytest.fixture(scope="module")
def demo_ledger():
    from claimdesk.services.demo import fill_demo

    led = Ledger.memory()
    fill_demo(led, "small", today=date(2026, 11, 30))
    yield led
    led.close()


def test_claims_alike_but_for_what_the_rules_read_are_each_assessed_as_alone(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3", operator="佐藤") as led:
        for t in (WELFARE, CHILD, RENT):
            entries.add_claim_type(led, t)
        set_casework_setting(led, "limitation.years_by_claim_type", {CHILD.name: 10})
        entries.add_debtor(led, Debtor("D1", "山田 太郎"))
        # W and V: alike, nothing logged (they share one work-out); each other claim differs
        # from them in one thing the state depends on
        claims = {"W": WELFARE, "V": WELFARE, "G": WELFARE, "C": CHILD, "R": RENT, "K": WELFARE}
        for claim_id, kind in claims.items():
            entries.add_claim(led, Claim(claim_id, "D1", kind.name, 2021, date(2021, 6, 1), 80000, DUE))
        entries.add_claim(led, Claim("L", "D1", WELFARE.name, 2021, date(2021, 6, 1), 80000, date(2021, 7, 30)))
        cw.add_liable_party(led, "G", Guarantor("G", "山田 花子"))  # someone else is liable
        entries.record_event(led, "K", EventKind.RECEIPT, date(2025, 1, 10), 1000)  # a part payment
        settings, procedures = casework_settings(led), load_procedures(led)
        bulk = {c.line.claim_id: c for c in load_cases(led, TODAY, settings, procedures)}
        assert set(bulk) == {*claims, "L"}
        for claim_id, case in bulk.items():
            (alone,) = load_cases(led, TODAY, settings, procedures, claim_ids=[claim_id])
            assert (case.line, case.state, case.history) == (alone.line, alone.state, alone.history), claim_id
        assert bulk["W"].state is bulk["V"].state  # shared
        # V, alike W in all but its id: taken from W's work-out, its history made only when asked for
        assert [claim_id for claim_id, case in bulk.items() if case.bare] == ["V"]
        assert bulk["G"].state.has_liable_parties and not bulk["W"].state.has_liable_parties
        near = bulk["W"].state.limitation.limitation_date
        assert bulk["C"].state.limitation.limitation_date > near and bulk["K"].state.limitation.limitation_date > near
        assert bulk["L"].state.limitation.limitation_date > near
        assert bulk["R"].state.procedure is not bulk["W"].state.procedure


def test_the_bulk_reads_give_named_claims_the_states_and_classes_of_the_whole_reads(tmp_path):
    """`rules_only`: only each claim's latest plan matched, receipts from the first arrangement
    on; the states (plans, promises, limitation) and classes stay those of the whole reads."""
    with Ledger.open(tmp_path / "l.sqlite3", operator="佐藤") as led:
        entries.add_claim_type(led, WELFARE)
        entries.add_debtor(led, Debtor("D1", "山田 太郎"))
        for claim_id in "ABC":
            entries.add_claim(led, Claim(claim_id, "D1", WELFARE.name, 2024, date(2024, 6, 1), 80000, date(2024, 6, 30)))
        old = cw.create_instalment_plan(led, ["A", "B"], signed_on=date(2025, 1, 10), total=50000, count=10,
                                        first_due=date(2025, 2, 3))
        cw.cancel_instalment_plan(led, old.plan_id, date(2025, 6, 2), "再誓約のため")
        latest = cw.create_instalment_plan(led, ["A"], signed_on=date(2025, 7, 1), total=18000, count=6,
                                           first_due=date(2025, 8, 1))
        cw.create_instalment_plan(led, ["C"], signed_on=date(2025, 3, 3), total=8000, count=2,
                                  first_due=date(2025, 4, 1))
        cw.record_promise(led, ["B"], 4000, date(2025, 9, 30), on=date(2025, 9, 1))
        for claim_id, on, amount in (("A", date(2025, 1, 6), 2000),  # before every plan
                                     ("A", date(2025, 7, 1), 3000),  # the latest plan's signing day counts
                                     ("A", date(2025, 8, 1), 3000), ("B", date(2025, 8, 20), 5000),
                                     ("B", date(2025, 9, 15), 3000), ("C", date(2025, 4, 1), 4000)):
            entries.record_event(led, claim_id, EventKind.RECEIPT, on, amount)
        settings, procedures = casework_settings(led), load_procedures(led)
        bulk = {c.line.claim_id: c for c in load_cases(led, TODAY, settings, procedures)}
        named = {c.line.claim_id: c for c in load_cases(led, TODAY, settings, procedures, claim_ids=["A", "B"],
                                                        rules_only=True)}
        assert set(named) == {"A", "B"}
        for claim_id in "ABC":
            (alone,) = load_cases(led, TODAY, settings, procedures, claim_ids=[claim_id])
            # (the limitation of a claim due this late is only known to be far off: its receipts unread)
            assert _arranged(bulk[claim_id]) == _arranged(alone), claim_id
            if claim_id in named:
                assert _arranged(named[claim_id]) == _arranged(alone), claim_id
                assert named[claim_id].state == bulk[claim_id].state
        (a_alone,) = load_cases(led, TODAY, settings, procedures, claim_ids=["A"])
        assert [p.plan_id for p in a_alone.history.plans] == [old.plan_id, latest.plan_id]  # shown whole
        (a_rules,) = load_cases(led, TODAY, settings, procedures, claim_ids=["A"], rules_only=True)
        assert [p.plan_id for p in a_rules.history.plans] == [latest.plan_id]  # only what the state reads
        assert _arranged(a_rules) == _arranged(a_alone)  # its receipts read from the plan's signing day
        assert [p.plan_id for p in bulk["A"].history.plans] == [old.plan_id, latest.plan_id]  # (B's latest too)
        plan = bulk["A"].state.plan
        assert plan.plan_id == latest.plan_id and plan.lines[0].paid == 3000  # the receipt of its signing day
        assert bulk["B"].state.plan.plan_id == old.plan_id and bulk["B"].state.promise.paid == 3000


def test_the_bulk_read_leaves_out_only_entries_that_change_nothing_for_the_claims_read(tmp_path, monkeypatch):
    """Entries about claims not read are left out, but not a correction that moves an entry
    off a claim read, nor a return of a letter (the log's bulk scan, as for many debtors)."""
    monkeypatch.setattr("claimdesk.storage.casework._SCAN_FROM", 1)
    with Ledger.open(tmp_path / "l.sqlite3", operator="佐藤") as led:
        entries.add_claim_type(led, WELFARE)
        entries.add_debtor(led, Debtor("D1", "山田 太郎"))
        for claim_id in "XY":
            entries.add_claim(led, Claim(claim_id, "D1", WELFARE.name, 2025, date(2025, 6, 1), 9000, date(2025, 6, 30)))
        entries.record_event(led, "Y", EventKind.RECEIPT, date(2025, 7, 1), 9000)  # settled: not read in bulk
        moved_off = cw.log_contact(led, ["X"], "phone", "電話", on=date(2025, 8, 1), next_action="再度電話",
                                   next_action_on=date(2026, 6, 10))
        cw.correct_entry(led, moved_off.entry_id, "債権の誤り", claim_ids=["Y"])  # names Y only now
        moved_on = cw.log_contact(led, ["Y"], "phone", "来庁の約束", on=date(2025, 8, 5))
        fixed = cw.correct_entry(led, moved_on.entry_id, "債権の誤り", claim_ids=["X"])
        cw.log_contact(led, ["Y"], "phone", "完納の確認", on=date(2025, 9, 1), next_action="確認",
                       next_action_on=date(2026, 6, 15))
        letter = cw.log_contact(led, ["X", "Y"], "letter_out", "催告書", on=date(2025, 7, 10), letter_kind="reminder")
        back = cw.mark_letter_returned(led, letter.entry_id, on=date(2025, 7, 20))
        settings, procedures = casework_settings(led), load_procedures(led)
        (bulk,) = load_cases(led, TODAY, settings, procedures)
        (alone,) = load_cases(led, TODAY, settings, procedures, claim_ids=["X"])
        ids = [e.entry_id for e in bulk.history.log.current]
        assert ids == [e.entry_id for e in alone.history.log.current] == [fixed.entry_id, back.entry_id,
                                                                          letter.entry_id]
        assert list(bulk.history.log.returned) == list(alone.history.log.returned) == [letter.entry_id]
        assert _arranged(bulk) == _arranged(alone)


def _arranged(case):
    s = case.state
    return case.line, s.stage, s.kind, s.next_step, s.plan, s.promise, s.resume_on, s.limitation_state


@pytest.mark.parametrize("day", [date(2026, 11, 30), date(2026, 6, 30), date(2027, 5, 31), date(2025, 4, 15)])
def test_classes_without_the_steps_are_the_classes_of_the_full_assessment(demo_ledger, day):
    """load_classes leaves each claim's procedure steps out (no class reads them): every
    claim of the demo's casework gets the class its full state gives, on days before, in
    and after its history."""
    from claimdesk.domain.case import StageKind
    from claimdesk.services.case_loader import load_classes

    settings, procedures = casework_settings(demo_ledger), load_procedures(demo_ledger)
    full = load_cases(demo_ledger, day, settings, procedures)
    ids = [c.line.claim_id for c in full]
    assert {c.state.kind for c in full} >= {StageKind.PROCEDURE, StageKind.FINISHED}  # steps would matter
    classed = {line.claim_id: line.case_class for line in load_classes(demo_ledger, day, settings, procedures, ids)}
    assert classed == {c.line.claim_id: c.line.case_class for c in load_cases(
        demo_ledger, day, settings, procedures, claim_ids=ids, rules_only=True)}
    assert len(set(classed.values())) >= 3
