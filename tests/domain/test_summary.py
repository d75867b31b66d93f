"""The standard summary exactly as docs/exchange-format.md §1 defines it."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from claimdesk.domain.claims import Claim, ClaimType, EventKind, LegalNature, balance_on, new_event
from claimdesk.domain.dates import default_accounting_year
from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.summary import claim_figures, standard_summary

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
FEE = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
LUNCH = ClaimType("学校給食費", LegalNature.PRIVATE, "学校給食費会計", "給食費")


def summarize(claims_events, fy, as_of, types=(RENT,), targets=None):
    figures = [claim_figures(c, evs, fy, as_of) for c, evs in claims_events]
    return standard_summary(department_code="D01", department_name="住宅課", fiscal_year=fy,
                            as_of=as_of, claim_types=types, figures=figures, targets=targets)


def row(rows, claim_type, category):
    return next(r for r in rows if r.claim_type == claim_type and r.category == category)


def worked_example():
    a = Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30))
    events = [new_event(a, EventKind.RECEIPT, d, amount) for d, amount in [
        (date(2025, 8, 10), 3000), (date(2026, 5, 10), 2000), (date(2026, 7, 1), 4000)]]
    return [(a, events)]


def test_worked_example_fy2025_current():
    r = row(summarize(worked_example(), 2025, date(2026, 5, 31)), RENT.name, "current")
    assert (r.assessed, r.collected, r.outstanding, r.collection_rate) == (12000, 5000, 7000, Decimal("41.7"))
    assert r.as_record()["collection_rate"] == "41.7"


def test_worked_example_fy2026_carried():
    rows = summarize(worked_example(), 2026, date(2026, 9, 30))
    r = row(rows, RENT.name, "carried")
    assert (r.assessed, r.collected, r.outstanding, r.collection_rate) == (7000, 4000, 3000, Decimal("57.1"))
    cur = row(rows, RENT.name, "current")
    assert (cur.assessed, cur.collected, cur.outstanding) == (0, 0, 0)
    assert cur.as_record()["collection_rate"] == ""


def test_closing_period_receipt_counts_in_the_previous_year_only_as_of_its_date():
    # As of 2026-05-09 the closing-period receipt of 5/10 has not happened yet.
    r = row(summarize(worked_example(), 2025, date(2026, 5, 9)), RENT.name, "current")
    assert (r.collected, r.outstanding) == (3000, 9000)


def test_three_rows_per_type_in_contract_order_even_without_figures():
    rows = summarize(worked_example(), 2025, date(2026, 3, 31), types=(LUNCH, RENT, FEE))
    assert [(r.account, r.budget_section, r.claim_type, r.category) for r in rows] == [
        ("一般会計", "使用料及手数料", RENT.name, "current"),
        ("一般会計", "使用料及手数料", RENT.name, "carried"),
        ("一般会計", "使用料及手数料", RENT.name, "total"),
        ("一般会計", "分担金及負担金", FEE.name, "current"),
        ("一般会計", "分担金及負担金", FEE.name, "carried"),
        ("一般会計", "分担金及負担金", FEE.name, "total"),
        ("学校給食費会計", "給食費", LUNCH.name, "current"),
        ("学校給食費会計", "給食費", LUNCH.name, "carried"),
        ("学校給食費会計", "給食費", LUNCH.name, "total"),
    ]
    assert row(rows, FEE.name, "total").as_record()["assessed"] == "0"
    assert rows[0].as_record()["legal_nature"] == "private"


def test_overpaid_claim_at_year_close_is_not_carried_and_refund_unpaid_shows_in_its_year():
    c = Claim("B", "D2", RENT.name, 2025, date(2025, 6, 1), 10000, date(2025, 6, 30))
    events = [new_event(c, EventKind.RECEIPT, date(2025, 7, 1), 11000)]
    cur = row(summarize([(c, events)], 2025, date(2026, 3, 31)), RENT.name, "current")
    assert (cur.assessed, cur.collected, cur.outstanding, cur.refund_unpaid) == (10000, 11000, 0, 1000)
    carried = row(summarize([(c, events)], 2026, date(2026, 9, 30)), RENT.name, "carried")
    assert (carried.assessed, carried.collected, carried.refund_unpaid) == (0, 0, 0)


def test_refund_within_the_year_clears_refund_unpaid():
    c = Claim("B", "D2", RENT.name, 2025, date(2025, 6, 1), 10000, date(2025, 6, 30))
    events = [new_event(c, EventKind.RECEIPT, date(2025, 7, 1), 11000),
              new_event(c, EventKind.REFUND, date(2025, 8, 1), 1000)]
    cur = row(summarize([(c, events)], 2025, date(2026, 3, 31)), RENT.name, "current")
    assert (cur.collected, cur.outstanding, cur.refund_unpaid) == (10000, 0, 0)


def test_write_off_and_adjustment_in_carried_year():
    c = Claim("C", "D3", RENT.name, 2023, date(2023, 6, 1), 50000, date(2023, 6, 30))
    events = [
        new_event(c, EventKind.RECEIPT, date(2023, 9, 1), 10000),
        new_event(c, EventKind.ADJUSTMENT, date(2024, 2, 1), -5000),   # FY2023
        new_event(c, EventKind.ADJUSTMENT, date(2026, 6, 1), -2000),   # FY2026
        new_event(c, EventKind.RECEIPT, date(2026, 7, 1), 3000),
        new_event(c, EventKind.WRITE_OFF, date(2027, 2, 1), 30000),
    ]
    r = row(summarize([(c, events)], 2026, date(2027, 3, 31)), RENT.name, "carried")
    # carried in: 50,000 − 10,000 − 5,000 = 35,000; plus the FY2026 adjustment −2,000.
    assert (r.assessed, r.collected, r.written_off, r.outstanding) == (33000, 3000, 30000, 0)
    assert r.delinquent_debtors == 0


def test_assessment_after_as_of_does_not_count():
    c = Claim("E", "D4", RENT.name, 2026, date(2026, 10, 1), 8000, date(2026, 10, 31))
    r = row(summarize([(c, [])], 2026, date(2026, 9, 30)), RENT.name, "current")
    assert r.assessed == 0


def test_delinquent_debtors_counted_once_per_type_and_category_and_in_both_for_total():
    d = "D5"
    cur1 = Claim("F1", d, RENT.name, 2026, date(2026, 4, 1), 1000, date(2026, 4, 30))
    cur2 = Claim("F2", d, RENT.name, 2026, date(2026, 5, 1), 1000, date(2026, 5, 31))
    old = Claim("F3", d, RENT.name, 2024, date(2024, 4, 1), 1000, date(2024, 4, 30))
    not_due = Claim("F4", "D6", RENT.name, 2026, date(2026, 9, 1), 1000, date(2026, 10, 31))
    due_today = Claim("F5", "D7", RENT.name, 2026, date(2026, 9, 1), 1000, date(2026, 9, 30))
    rows = summarize([(c, []) for c in (cur1, cur2, old, not_due, due_today)], 2026, date(2026, 9, 30))
    assert row(rows, RENT.name, "current").delinquent_debtors == 1  # due date must be before D
    assert row(rows, RENT.name, "carried").delinquent_debtors == 1
    assert row(rows, RENT.name, "total").delinquent_debtors == 2


def test_targets_are_written_with_one_decimal():
    rows = summarize(worked_example(), 2025, date(2026, 3, 31),
                     targets={(RENT.name, "current"): Decimal("95")})
    assert row(rows, RENT.name, "current").as_record()["target_rate"] == "95.0"
    assert row(rows, RENT.name, "carried").as_record()["target_rate"] == ""


def test_as_of_outside_year_is_refused():
    with pytest.raises(InvalidValue, match="基準日"):
        summarize(worked_example(), 2025, date(2026, 6, 1))


def random_ledger(rng: random.Random, n_claims: int):
    types = (RENT, FEE, LUNCH)
    out = []
    for i in range(n_claims):
        fy = rng.randint(2021, 2026)
        assessed_on = date(fy, 4, 1) + timedelta(days=rng.randint(0, 360))
        claim = Claim(f"C{i}", f"D{rng.randint(1, n_claims // 3 + 1)}", rng.choice(types).name, fy,
                      assessed_on, rng.randint(1, 200) * 100, assessed_on + timedelta(days=rng.randint(0, 40)))
        events = []
        for _ in range(rng.randint(0, 6)):
            on = assessed_on + timedelta(days=rng.randint(0, 1500))
            kind = rng.choice(list(EventKind))
            amount = rng.randint(1, 150) * 100
            if kind is EventKind.ADJUSTMENT:
                amount = rng.choice([-1, 1]) * amount
            override = None
            if rng.random() < 0.1:
                override = default_accounting_year(on, fy) + 1
            events.append(new_event(claim, kind, on, amount, accounting_year=override))
        out.append((claim, events))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_identity_and_totals_hold_on_random_ledgers(seed):
    rng = random.Random(seed)
    ledger = random_ledger(rng, 300)
    for fy in range(2021, 2027):
        for as_of in (date(fy, 9, 30), date(fy + 1, 3, 31), date(fy + 1, 5, 31)):
            rows = summarize(ledger, fy, as_of, types=(RENT, FEE, LUNCH))
            assert len(rows) == 9
            for r in rows:
                assert r.outstanding == r.assessed - (r.collected + r.written_off) + r.refund_unpaid
                assert r.outstanding >= 0 and r.refund_unpaid >= 0
            for i in range(0, 9, 3):
                cur, car, tot = rows[i:i + 3]
                for col in ("assessed", "collected", "written_off", "refund_unpaid", "outstanding",
                            "delinquent_debtors"):
                    assert getattr(tot, col) == getattr(cur, col) + getattr(car, col)
                if tot.assessed:
                    num, den = 1000 * tot.collected, tot.assessed  # rate × 10, half up, in integers
                    tenths = (2 * num + den) // (2 * den) if num >= 0 else -((-2 * num + den) // (2 * den))
                    assert tot.collection_rate == Decimal(tenths) / 10


def test_net_outstanding_equals_the_ledger_balances_of_the_years_claims():
    """Σ(outstanding − refund_unpaid) is the balance, by balance_on, of what the year holds."""
    rng = random.Random(42)
    ledger = random_ledger(rng, 400)
    fy, as_of = 2025, date(2026, 5, 31)
    rows = summarize(ledger, fy, as_of, types=(RENT, FEE, LUNCH))
    net = sum(r.outstanding - r.refund_unpaid for r in rows if r.category == "total")
    expected = 0
    for claim, events in ledger:
        if claim.fiscal_year == fy:
            expected += balance_on(claim, [e for e in events if e.accounting_year == fy], as_of).owed
        elif claim.fiscal_year < fy:
            if balance_on(claim, [e for e in events if e.accounting_year < fy], as_of).owed > 0:
                expected += balance_on(claim, [e for e in events if e.accounting_year <= fy], as_of).owed
    assert net == expected
    assert net != 0
