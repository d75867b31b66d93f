"""Late charges (docs/domain.md §5) with every yen worked out by hand in the comments."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from claimdesk.domain.charges import (
    PrivateChargeRules,
    PublicChargeRules,
    YearRates,
    late_charge,
    private_default_interest,
    public_late_charge,
)
from claimdesk.domain.claims import Claim, EventKind, LegalNature, new_event, reversal_of
from claimdesk.domain.dates import format_wareki

D = Decimal
RULES = PublicChargeRules(special=(
    YearRates(2023, D("2.4"), D("8.7")), YearRates(2024, D("2.4"), D("8.7")),
    YearRates(2025, D("2.4"), D("8.7")), YearRates(2026, D("2.8"), D("9.1")),
))


def claim(amount, due, assessed=None):
    return Claim("C", "D1", "保育園保育料", 2023, assessed or date(due.year, 1, 1), amount, due)


def test_public_late_charge_across_rate_changes_and_a_leap_year():
    # 250,800円 due 2023-12-20; 100,000円 paid 2024-03-15; as of 2026-02-10.
    # Base cut to 1,000円: 250,000 (then 150,800 → 150,000). Lower rate up to one month
    # after the due date (2023-12-21 … 2024-01-20), the higher one after. 2024 is a leap
    # year, still /365. The rates change at each new year (2026: 9.1%).
    #   2023-12-21…12-31  11 days 250,000 × 2.4% × 11/365  =    180.82 →    180
    #   2024-01-01…01-20  20 days 250,000 × 2.4% × 20/365  =    328.76 →    328
    #   2024-01-21…03-15  55 days 250,000 × 8.7% × 55/365  =  3,277.39 →  3,277  (11 + 29 + 15)
    #   2024-03-16…12-31 291 days 150,000 × 8.7% × 291/365 = 10,404.24 → 10,404
    #   2025-01-01…12-31 365 days 150,000 × 8.7% × 365/365 = 13,050.00 → 13,050
    #   2026-01-01…02-10  41 days 150,000 × 9.1% × 41/365  =  1,533.28 →  1,533
    #   sum 28,772 → cut to 100円: 28,700
    c = claim(250_800, date(2023, 12, 20))
    paid = new_event(c, EventKind.RECEIPT, date(2024, 3, 15), 100_000)
    result = public_late_charge(c.amount, c.due_date, [paid], date(2026, 2, 10), RULES)
    assert [(s.start, s.end, s.days, s.principal, s.rate, s.amount) for s in result.segments] == [
        (date(2023, 12, 21), date(2023, 12, 31), 11, 250_000, D("2.4"), 180),
        (date(2024, 1, 1), date(2024, 1, 20), 20, 250_000, D("2.4"), 328),
        (date(2024, 1, 21), date(2024, 3, 15), 55, 250_000, D("8.7"), 3_277),
        (date(2024, 3, 16), date(2024, 12, 31), 291, 150_000, D("8.7"), 10_404),
        (date(2025, 1, 1), date(2025, 12, 31), 365, 150_000, D("8.7"), 13_050),
        (date(2026, 1, 1), date(2026, 2, 10), 41, 150_000, D("9.1"), 1_533),
    ]
    assert result.amount == 28_700 and result.notes == ()


def test_the_lower_rate_runs_one_calendar_month_from_the_day_after_the_due_date():
    # due 2025-01-31: lower rate 2025-02-01 … 02-28 (one month), higher from 03-01.
    #   28 days 100,000 × 2.4% × 28/365 = 184.10 → 184
    #   31 days 100,000 × 8.7% × 31/365 = 738.90 → 738      sum 922 → 900 → under 1,000: none
    result = public_late_charge(100_000, date(2025, 1, 31), [], date(2025, 3, 31), RULES)
    assert [(s.end, s.amount) for s in result.segments] == [(date(2025, 2, 28), 184), (date(2025, 3, 31), 738)]
    assert result.amount == 0 and "1,000円未満のため延滞金なし" in [n.text() for n in result.notes]
    # one more month: + 30 days × 100,000 × 8.7% / 365 = 715.07 → 715; 184 + 738 + 715 = 1,637 → 1,600
    assert public_late_charge(100_000, date(2025, 1, 31), [], date(2025, 4, 30), RULES).amount == 1_600


def test_no_late_charge_on_a_base_under_2000_yen():
    # 1,999円 for a whole year: the base is under 2,000円, so nothing at all
    result = public_late_charge(1_999, date(2024, 4, 30), [], date(2025, 4, 30), RULES)
    assert result.amount == 0 and result.segments == ()
    # 2,999円 → base 2,000円: 2,000 × 8.7% × 365/365 = 174 plus a little: still under 1,000円
    assert public_late_charge(2_999, date(2024, 4, 30), [], date(2025, 4, 30), RULES).amount == 0


def test_a_part_payment_taking_the_base_under_2000_stops_the_charge():
    # 12,500円 due 2024-04-30, 11,000円 paid 2024-05-31 leaves 1,500円: no charge after.
    #   2024-05-01…05-31  31 days 12,000 × 2.4% × 31/365 = 24.46 → 24, then nothing
    c = claim(12_500, date(2024, 4, 30))
    result = public_late_charge(12_500, c.due_date, [new_event(c, EventKind.RECEIPT, date(2024, 5, 31), 11_000)],
                                date(2026, 4, 30), RULES)
    assert [(s.principal, s.amount) for s in result.segments] == [(12_000, 24)]
    assert "計算の基礎となる額が2,000円未満の期間は延滞金なし" in [n.text() for n in result.notes]


def test_once_paid_in_full_the_charge_stops_without_a_note_about_small_bases():
    # 100,000円 due 2025-01-31, paid in full 2025-04-30: 184 + 738 + 715 = 1,637 → 1,600, no more after
    c = claim(100_000, date(2025, 1, 31))
    result = public_late_charge(c.amount, c.due_date, [new_event(c, EventKind.RECEIPT, date(2025, 4, 30), 100_000)],
                                date(2026, 1, 31), RULES)
    assert (result.amount, result.notes) == (1_600, ())


def test_a_reversed_receipt_does_not_lower_the_principal():
    c = claim(250_800, date(2023, 12, 20))
    paid = new_event(c, EventKind.RECEIPT, date(2024, 3, 15), 100_000)
    paid = replace(paid, event_id=1)
    undone = reversal_of(paid, "口座振替の不能")
    result = public_late_charge(c.amount, c.due_date, [paid, undone], date(2024, 3, 31), RULES)
    assert {s.principal for s in result.segments} == {250_000}


def test_a_year_missing_from_the_rate_table_uses_the_base_rates_and_says_so():
    result = public_late_charge(100_000, date(2026, 11, 30), [], date(2027, 1, 31), RULES)
    # 2026-12-01…12-31 (the first month) at 2.8%; 2027-01-01…01-31 at 本則 14.6%
    assert [s.rate for s in result.segments] == [D("2.8"), D("14.6")]
    assert result.notes[0].text() == "2027年の特例の割合が設定にないため本則（7.3%・14.6%）で計算"


def test_private_default_interest_at_the_legal_rate():
    # 60,000円 due 2025-06-30, as of 2026-03-01: 244 days × 3% → 60,000 × 3% × 244/365 = 1,203.28
    result = private_default_interest(60_000, date(2025, 6, 30), [], date(2026, 3, 1))
    assert result.amount == 1_203 and result.name == "遅延損害金" and [n.text() for n in result.notes] == ["法定利率 年3%"]


def test_the_legal_rate_is_fixed_when_default_began():
    # due 2020-03-30: default from 2020-03-31, before the reform → 5%; due 2020-03-31 → 3%
    # 100,000 × 5% × 366/365 (2020-03-31 … 2021-03-31) = 5,013.69 → 5,013
    old = private_default_interest(100_000, date(2020, 3, 30), [], date(2021, 3, 31))
    assert old.amount == 5_013 and "年5%" in old.notes[0].text()
    # The reform's date stays a date: the claim page writes it in 和暦.
    assert old.notes[0].text(format_wareki) == "法定利率 年5%（令和2年4月1日前に遅滞）"
    # 100,000 × 3% × 365/365 = 3,000
    assert private_default_interest(100_000, date(2020, 3, 31), [], date(2021, 3, 31)).amount == 3_000


def test_a_contract_rate_and_no_tax_style_rounding():
    # 10,000 × 14.6% × 10/365 = 40.00; 10,000 × 5% × 10/365 = 13.69 → 13 (not cut to 100)
    assert private_default_interest(10_000, date(2025, 6, 30), [], date(2025, 7, 10), contract_rate=D("5")).amount == 13


def test_private_payments_go_to_interest_first():
    # 60,000円 due 2025-06-30; 10,000円 paid 2025-12-31.
    #   to 12-31: 60,000 × 3% × 184/365 = 907.39 → 907 paid as interest, 9,093 to principal
    #   2026-01-01…03-01: 50,907 × 3% × 60/365 = 251.04
    #   total 907.39 + 251.04 = 1,158.44 → 1,158; paid 907, outstanding 251
    c = claim(60_000, date(2025, 6, 30))
    paid = new_event(c, EventKind.RECEIPT, date(2025, 12, 31), 10_000)
    result = private_default_interest(60_000, c.due_date, [paid], date(2026, 3, 1))
    assert (result.amount, result.paid, result.outstanding) == (1_158, 907, 251)
    assert [s.principal for s in result.segments] == [60_000, 50_907]
    principal_first = private_default_interest(60_000, c.due_date, [paid], date(2026, 3, 1),
                                               PrivateChargeRules(principal_first=True))
    # 907.39 + 50,000 × 3% × 60/365 = 907.39 + 246.57 = 1,153.96 → 1,153
    assert (principal_first.amount, principal_first.paid) == (1_153, 0)


def test_by_legal_nature_and_nothing_before_the_due_date():
    private = PrivateChargeRules()
    assert late_charge(LegalNature.PRIVATE, 60_000, date(2025, 6, 30), [], date(2026, 3, 1), RULES, private).amount == 1_203
    assert late_charge(LegalNature.PUBLIC, 60_000, date(2025, 6, 30), [], date(2025, 6, 30), RULES, private).amount == 0
    assert late_charge(LegalNature.ENFORCED_PUBLIC, 45_000, date(2025, 7, 31), [], date(2026, 3, 1), RULES,
                       private).name == "延滞金"
