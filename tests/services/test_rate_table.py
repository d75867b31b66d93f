"""The shipped 延滞金 rate table (地方税法附則第3条の2): every year from 平成12年, to the yen."""

from datetime import date
from decimal import Decimal

from claimdesk.domain.casework_settings import settings_from_mapping
from claimdesk.domain.charges import public_late_charge
from claimdesk.domain.claims import Claim, EventKind, new_event
from claimdesk.services.casework_settings import default_settings_data

D = Decimal
RULES = settings_from_mapping(default_settings_data()).public_charges

# The published rates (low: to one month after the due date, high: after), as municipalities
# list them: 平成12–13 4.5, 14–18 4.1, 19 4.4, 20 4.7, 21 4.5, 22–25 4.3 (high 14.6 throughout);
# 平成26 2.9/9.2, 27–28 2.8/9.1, 29 2.7/9.0, 30–令和2 2.6/8.9, 令和3 2.5/8.8, 令和4–7 2.4/8.7,
# 令和8 2.8/9.1.
PUBLISHED = {
    2000: ("4.5", "14.6"), 2001: ("4.5", "14.6"), **{y: ("4.1", "14.6") for y in range(2002, 2007)},
    2007: ("4.4", "14.6"), 2008: ("4.7", "14.6"), 2009: ("4.5", "14.6"),
    **{y: ("4.3", "14.6") for y in range(2010, 2014)},
    2014: ("2.9", "9.2"), 2015: ("2.8", "9.1"), 2016: ("2.8", "9.1"), 2017: ("2.7", "9.0"),
    2018: ("2.6", "8.9"), 2019: ("2.6", "8.9"), 2020: ("2.6", "8.9"), 2021: ("2.5", "8.8"),
    **{y: ("2.4", "8.7") for y in range(2022, 2026)}, 2026: ("2.8", "9.1"),
}


def test_every_year_from_2000_is_in_the_table():
    assert {r.year: (str(r.low), str(r.high)) for r in RULES.special} == PUBLISHED
    assert RULES.rates(1999) == (D("7.3"), D("14.6"), True)  # before the 特例: 本則, known
    assert RULES.rates(2027) == (D("7.3"), D("14.6"), False)  # not published yet: said so


def test_a_claim_due_before_2014_is_charged_each_years_own_rate():
    # 1,234,567円 due 2013-11-29, unpaid, as of 2016-01-31; base cut to 1,234,000円.
    # Low rate to one month after the due date: 11/30 … 12/29 (民法143条), then high.
    #   2013-11-30…12-29  30 days × 4.3% (公定歩合0.3%+4%)  = 4,361.26 →   4,361
    #   2013-12-30…12-31   2 days × 14.6%                  =   987.19 →     987
    #   2014               365 days × 9.2%                  =          113,528
    #   2015               365 days × 9.1%                  =          112,294
    #   2016-01-01…01-31  31 days × 9.1%                   = 9,537.30 →   9,537
    #   sum 240,707 → cut to 100円: 240,700
    result = public_late_charge(1_234_567, date(2013, 11, 29), [], date(2016, 1, 31), RULES)
    assert [(s.start, s.end, s.rate, s.amount) for s in result.segments] == [
        (date(2013, 11, 30), date(2013, 12, 29), D("4.3"), 4_361),
        (date(2013, 12, 30), date(2013, 12, 31), D("14.6"), 987),
        (date(2014, 1, 1), date(2014, 12, 31), D("9.2"), 113_528),
        (date(2015, 1, 1), date(2015, 12, 31), D("9.1"), 112_294),
        (date(2016, 1, 1), date(2016, 1, 31), D("9.1"), 9_537),
    ]
    assert (result.amount, result.notes) == (240_700, ())


def test_the_low_month_crosses_a_new_year_and_a_receipt():
    # 300,000円 due 2019-12-20, 100,000円 paid 2020-06-30, as of 2021-02-10.
    #   2019-12-21…12-31  11 days 300,000 × 2.6% =    235.07 →    235
    #   2020-01-01…01-20  20 days 300,000 × 2.6% =    427.39 →    427
    #   2020-01-21…06-30 162 days 300,000 × 8.9% = 11,850.41 → 11,850
    #   2020-07-01…12-31 184 days 200,000 × 8.9% =  8,973.15 →  8,973
    #   2021-01-01…02-10  41 days 200,000 × 8.8% =  1,976.98 →  1,976
    #   sum 23,461 → 23,400
    c = Claim("C", "D1", "保育園保育料", 2019, date(2019, 11, 1), 300_000, date(2019, 12, 20))
    paid = new_event(c, EventKind.RECEIPT, date(2020, 6, 30), 100_000)
    result = public_late_charge(c.amount, c.due_date, [paid], date(2021, 2, 10), RULES)
    assert [(s.days, s.principal, s.rate, s.amount) for s in result.segments] == [
        (11, 300_000, D("2.6"), 235), (20, 300_000, D("2.6"), 427), (162, 300_000, D("8.9"), 11_850),
        (184, 200_000, D("8.9"), 8_973), (41, 200_000, D("8.8"), 1_976)]
    assert result.amount == 23_400


def test_the_low_rate_month_ends_as_the_civil_code_counts():
    # due 2026-01-30: "納期限の翌日から1月を経過する日" is 2026-02-28 (not 2/27).
    #   2026-01-31…02-28  29 days 1,000,000 × 2.8% = 2,224.65 → 2,224
    #   2026-03-01…03-31  31 days 1,000,000 × 9.1% = 7,728.76 → 7,728
    #   sum 9,952 → 9,900
    result = public_late_charge(1_000_000, date(2026, 1, 30), [], date(2026, 3, 31), RULES)
    assert [(s.start, s.end, s.amount) for s in result.segments] == [
        (date(2026, 1, 31), date(2026, 2, 28), 2_224), (date(2026, 3, 1), date(2026, 3, 31), 7_728)]
    assert result.amount == 9_900
    # A leap year: due 2028-01-30, the low rate runs to 2028-02-29; due 2026-01-29 to 2/28.
    assert public_late_charge(1_000_000, date(2028, 1, 30), [], date(2028, 3, 5), RULES).segments[0].end \
        == date(2028, 2, 29)
    assert public_late_charge(1_000_000, date(2026, 1, 29), [], date(2026, 3, 5), RULES).segments[0].end \
        == date(2026, 2, 28)
    # due on the 30th of a 30-day month: 2026-04-30 → low rate 5/1…5/31
    assert public_late_charge(1_000_000, date(2026, 4, 30), [], date(2026, 7, 1), RULES).segments[0].end \
        == date(2026, 5, 31)


def test_a_ledger_adds_next_years_rates_without_losing_the_shipped_years():
    from claimdesk.services.casework_settings import casework_settings, set_casework_setting
    from claimdesk.storage.ledger import Ledger

    led = Ledger.memory()
    set_casework_setting(led, "late_charge.public.special", [{"year": 2027, "low": "2.9", "high": "9.2"}])
    rules = casework_settings(led).public_charges
    assert rules.rates(2027) == (D("2.9"), D("9.2"), True)
    assert rules.rates(2013) == (D("4.3"), D("14.6"), True) and len(rules.special) == len(PUBLISHED) + 1
    # a year given again corrects the shipped one
    set_casework_setting(led, "late_charge.public.special", [{"year": 2026, "low": "2.7", "high": "9.0"}])
    assert casework_settings(led).public_charges.rates(2026) == (D("2.7"), D("9.0"), True)
