"""The 個票's five years summed in one SQL pass (storage/summary_years.py), at the edges of a year.

Each year must be the standard summary of that year as `build_summary` makes it claim by
claim, and some figures are worked out by hand: a claim assessed in one year and paid in
another, receipts on 3/31, 4/1 and 5/31 (出納整理期間) and 6/1, a receipt booked to an
earlier year after its closing period, a leap day, a refund, a write-off, an adjustment.
"""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.sheets import periods
from claimdesk.domain.summary import summary_rows
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.sheets import claim_type_sheets
from claimdesk.services.summary_export import build_summary, ledger_targets
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
NURSERY = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def ledger():
    led = Ledger.memory(operator="佐藤")
    set_department(led, "JUTAKU", "住宅課")
    add_claim_type(led, RENT)
    add_claim_type(led, NURSERY)
    for debtor in ("D1", "D2", "D3"):
        add_debtor(led, Debtor(debtor, f"債務者 {debtor}"))

    def claim(claim_id, debtor, kind, fy, assessed_on, amount, due):
        add_claim(led, Claim(claim_id, debtor, kind.name, fy, assessed_on, amount, due))

    def event(claim_id, kind, on, amount, **kw):
        record_event(led, claim_id, kind, on, amount, method="窓口" if kind is EventKind.RECEIPT else "", today=TODAY, accept_overpayment=True, **kw)

    # Assessed in FY2023, paid in FY2024 and FY2025: carried in both.
    claim("Y", "D1", RENT, 2023, date(2023, 5, 10), 30000, date(2023, 5, 31))
    event("Y", EventKind.RECEIPT, date(2024, 6, 3), 10000)
    event("Y", EventKind.RECEIPT, date(2025, 7, 1), 5000)
    # FY2024: 3/31 and 4/1 (closing period: FY2024's), 5/31 (still FY2024's), 6/1 (FY2025's).
    claim("X", "D1", RENT, 2024, date(2024, 6, 1), 10000, date(2024, 6, 30))
    event("X", EventKind.RECEIPT, date(2025, 3, 31), 1000)
    event("X", EventKind.RECEIPT, date(2025, 4, 1), 2000)
    event("X", EventKind.RECEIPT, date(2025, 5, 31), 3000)
    event("X", EventKind.RECEIPT, date(2025, 6, 1), 1500)
    # Booked to FY2024 though paid after its closing period: not in FY2024's closed figures.
    event("X", EventKind.RECEIPT, date(2025, 7, 15), 500, accounting_year=2024)
    # A leap day: assessed and paid on 2024-02-29 (FY2023), then an adjustment.
    claim("L", "D2", NURSERY, 2023, date(2024, 2, 29), 8000, date(2024, 2, 29))
    event("L", EventKind.RECEIPT, date(2024, 2, 29), 3000)
    event("L", EventKind.ADJUSTMENT, date(2024, 3, 1), -1000, note="減免")
    # Overpaid, then refunded the next year; written off in part.
    claim("O", "D3", RENT, 2024, date(2024, 4, 1), 5000, date(2024, 4, 30))
    event("O", EventKind.RECEIPT, date(2024, 5, 1), 6000)
    event("O", EventKind.REFUND, date(2025, 6, 10), 1000)
    claim("W", "D3", NURSERY, 2022, date(2022, 7, 1), 20000, date(2022, 7, 31))
    event("W", EventKind.RECEIPT, date(2023, 5, 31), 4000)
    event("W", EventKind.WRITE_OFF, date(2025, 3, 31), 16000, note="所在不明",
          legal_basis="地方自治法施行令171条の5")
    # Assessed after a sheet's date: not in that year yet.
    claim("F", "D2", RENT, 2026, date(2026, 11, 1), 7000, date(2026, 11, 30))
    yield led
    led.close()


SHEETS = [(2026, TODAY), (2026, date(2026, 4, 15)), (2025, date(2026, 5, 31)), (2025, date(2026, 3, 31)),
          (2024, date(2025, 4, 1)), (2023, date(2024, 2, 29)), (2024, date(2025, 2, 28)), (2026, date(2026, 10, 31))]


@pytest.mark.parametrize("fy,as_of", SHEETS)
def test_each_year_of_the_one_pass_is_the_standard_summary_of_that_year(ledger, fy, as_of):
    chosen = periods(fy, as_of)
    totals = ledger.summary_totals([(p.fiscal_year, p.as_of) for p in chosen])
    for period, year in zip(chosen, totals):
        rows = summary_rows(department_code="JUTAKU", department_name="住宅課", fiscal_year=period.fiscal_year,
                            as_of=period.as_of, claim_types=ledger.claim_types(), totals=year,
                            targets=ledger_targets(ledger, period.fiscal_year))
        assert rows == build_summary(ledger, period.fiscal_year, period.as_of), period
    # a period alone sums the same as among the five
    assert ledger.summary_totals([(chosen[-1].fiscal_year, chosen[-1].as_of)]) == totals[-1:]


def _row(sheet, year, category):
    return sheet.rows[[p.fiscal_year for p in sheet.periods].index(year)][category]


def test_figures_by_hand_across_the_closing_period_and_a_late_booking(ledger):
    rent = next(s for s in claim_type_sheets(ledger, 2026, TODAY) if s.claim_type == RENT.name)
    fy2024 = _row(rent, 2024, "current")  # X and O, closed on 2025-05-31
    # X: 1,000 (3/31) + 2,000 (4/1) + 3,000 (5/31); O: 6,000 received, 1,000 overpaid
    assert (fy2024.assessed, fy2024.collected, fy2024.outstanding) == (15000, 12000, 4000)
    assert fy2024.refund_unpaid == 1000
    fy2024_carried = _row(rent, 2024, "carried")  # Y: 30,000 from FY2023, 10,000 paid 2024-06-03
    assert (fy2024_carried.assessed, fy2024_carried.collected, fy2024_carried.outstanding) == (30000, 10000, 20000)
    assert fy2024_carried.delinquent_debtors == 1
    fy2025 = _row(rent, 2025, "carried")
    # X carried with 4,000 (6/1's 1,500 is FY2025's; the late 500 booked to FY2024 counts before FY2025);
    # Y: 20,000 carried, 5,000 paid; O, overpaid at the close of FY2024, is not carried (nor its refund)
    assert fy2025.assessed == 3500 + 20000
    assert fy2025.collected == 1500 + 5000
    assert fy2025.outstanding == 2000 + 15000
    fy2026 = _row(rent, 2026, "current")  # F, assessed 2026-11-01: in as of 12-03
    assert (fy2026.assessed, fy2026.outstanding) == (7000, 7000)
    october = next(s for s in claim_type_sheets(ledger, 2026, date(2026, 10, 31)) if s.claim_type == RENT.name)
    assert _row(october, 2026, "current").assessed == 0  # not yet assessed on 10-31


def test_a_leap_day_and_a_year_taken_inside_its_closing_period(ledger):
    nursery = next(s for s in claim_type_sheets(ledger, 2024, date(2025, 4, 1)) if s.claim_type == NURSERY.name)
    assert [p.as_of for p in nursery.periods] == [date(2021, 5, 31), date(2022, 5, 31), date(2023, 5, 31),
                                                  date(2024, 5, 31), date(2025, 4, 1)]
    fy2023 = _row(nursery, 2023, "current")  # L: 8,000 − 1,000, 3,000 paid on the leap day
    assert (fy2023.assessed, fy2023.collected, fy2023.outstanding) == (7000, 3000, 4000)
    w2023 = _row(nursery, 2023, "carried")  # W: 4,000 paid on 2023-05-31 is FY2022's
    assert (w2023.assessed, w2023.collected) == (16000, 0)
    w2024 = _row(nursery, 2024, "carried")  # W written off on 2025-03-31; L carried 4,000
    assert (w2024.assessed, w2024.written_off, w2024.outstanding) == (16000 + 4000, 16000, 4000)
    leap = next(s for s in claim_type_sheets(ledger, 2023, date(2024, 2, 29)) if s.claim_type == NURSERY.name)
    assert (_row(leap, 2023, "current").assessed, _row(leap, 2023, "current").collected) == (8000, 3000)
