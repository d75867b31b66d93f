"""The 個票's case-class table: claims certainly 回収 counted in SQL, the rest assessed.

The counts must be those of assessing every open claim (as the 引継書 does): a claim
without casework whose limitation has passed is 時効経過, not 回収, and a claim named in a
contact entry is assessed, while one of the same debtor named in none is certainly 回収.
"""

from datetime import date

import pytest

from claimdesk.domain.case_class import CaseClass, limitation_ahead_from
from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.limitation import earliest_limitation_date
from claimdesk.services import casework as cw
from claimdesk.services import entries
from claimdesk.services.casefile import class_counts, handover
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
NURSERY = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
TODAY = date(2027, 3, 1)


@pytest.fixture
def ledger():
    led = Ledger.memory(operator="佐藤")
    led.set_setting("department_code", "JUTAKU")
    led.set_setting("department_name", "住宅課")
    entries.add_claim_type(led, RENT)
    entries.add_claim_type(led, NURSERY)
    for debtor in ("D1", "D2", "D3"):
        entries.add_debtor(led, Debtor(debtor, f"債務者 {debtor}"))

    def claim(claim_id, debtor, kind, fy, assessed_on, amount, due):
        entries.add_claim(led, Claim(claim_id, debtor, kind.name, fy, assessed_on, amount, due))

    # D1 has casework: a promise on A; B is past due with nothing logged on it
    claim("A", "D1", RENT, 2025, date(2025, 6, 1), 40000, date(2025, 6, 30))
    claim("B", "D1", RENT, 2026, date(2026, 6, 1), 9000, date(2026, 6, 30))
    cw.log_contact(led, ["A"], "電話", "本人と話した", on=date(2027, 1, 10), today=TODAY)
    cw.record_promise(led, ["A"], 10000, date(2027, 3, 31), on=date(2027, 2, 1), today=TODAY)
    # D2 has none: C past due, N not yet due, P paid, and two claims past their limitation
    claim("C", "D2", RENT, 2026, date(2026, 5, 1), 12000, date(2026, 5, 31))
    claim("N", "D2", NURSERY, 2026, date(2027, 2, 1), 8000, date(2027, 3, 31))
    claim("P", "D2", RENT, 2026, date(2026, 5, 1), 3000, date(2026, 5, 31))
    entries.record_event(led, "P", EventKind.RECEIPT, date(2026, 6, 1), 3000, method="窓口", today=TODAY)
    claim("OLD", "D2", RENT, 2020, date(2020, 6, 1), 15000, date(2020, 6, 30))  # private: 5 years passed
    claim("GONE", "D3", NURSERY, 2021, date(2021, 7, 1), 6000, date(2021, 7, 31))  # public: extinguished
    # paid in part in 2022: the payment renewed the limitation, still running
    claim("PAID", "D3", NURSERY, 2021, date(2021, 7, 1), 5000, date(2021, 7, 31))
    entries.record_event(led, "PAID", EventKind.RECEIPT, date(2022, 8, 1), 1000, method="窓口", today=TODAY)
    yield led
    led.close()


def _table(counts):
    return {c.case_class: (c.claims, c.balance) for c in counts if c.claims}


def test_certain_claims_in_sql_and_the_rest_assessed_give_the_full_assessment(ledger):
    counts = class_counts(ledger, TODAY)
    assert _table(counts[RENT.name]) == {
        CaseClass.NEGOTIATING: (1, 40000),   # A: promise pending
        CaseClass.COLLECT: (2, 9000 + 12000),  # B (its debtor has casework, none on B), C: both in SQL
        CaseClass.TIME_BARRED: (1, 15000),   # OLD: no casework, yet not 回収
    }
    assert _table(counts[NURSERY.name]) == {
        CaseClass.COLLECT: (2, 8000 + 4000),  # N not yet due, PAID renewed by its payment
        CaseClass.TIME_BARRED: (1, 6000),  # GONE
    }
    assert _summed(counts) == _table(handover(ledger, TODAY).classes)


def _summed(counts):
    """The table of every claim type together: what the 引継書 counts by assessing every open claim."""
    summed: dict = {}
    for per_type in counts.values():
        for cls, (n, yen) in _table(per_type).items():
            summed[cls] = (summed.get(cls, (0, 0))[0] + n, summed.get(cls, (0, 0))[1] + yen)
    return summed


@pytest.mark.parametrize("day", [date(2025, 6, 30), date(2025, 7, 1), date(2026, 7, 31), date(2026, 8, 1)])
def test_on_the_limitation_date_and_the_day_after_the_counts_are_the_full_assessment(ledger, day):
    counts = class_counts(ledger, day)
    assert _summed(counts) == _table(handover(ledger, day).classes)
    # OLD (due 2020-06-30) reaches its limitation date on 2025-06-30, GONE (due 2021-07-31) on 2026-07-31
    old_barred = _table(counts[RENT.name]).get(CaseClass.TIME_BARRED)
    assert old_barred == ((1, 15000) if day >= date(2025, 7, 1) else None)
    gone = _table(counts[NURSERY.name]).get(CaseClass.TIME_BARRED)
    assert gone == ((1, 6000) if day >= date(2026, 8, 1) else None)


@pytest.mark.parametrize("today,years", [(date(2027, 3, 1), 5), (date(2024, 2, 29), 5), (date(2028, 2, 29), 4),
                                         (date(2026, 1, 1), 2), (date(2026, 12, 31), 10)])
def test_limitation_ahead_from_is_the_first_due_date_whose_limitation_cannot_have_passed(today, years):
    first = limitation_ahead_from(today, years)
    assert earliest_limitation_date(first, years) >= today
    assert earliest_limitation_date(date.fromordinal(first.toordinal() - 1), years) < today


def test_only_claims_named_in_the_log_or_near_their_limitation_are_assessed(ledger):
    certain, assessed = ledger.worklist.class_table_parts(TODAY, limitation_ahead_from(TODAY, 5))
    # A is named in the log; OLD, GONE and PAID are due before the limitation can be ahead.
    # B is D1's as A is, but nothing names B: its rules read nothing but its due date and money.
    assert sorted(assessed) == ["A", "GONE", "OLD", "PAID"]
    assert certain == {RENT.name: (2, 9000 + 12000), NURSERY.name: (1, 8000)}
