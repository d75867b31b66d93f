from datetime import date

import pytest

from claimdesk.domain.dates import (
    check_as_of,
    default_accounting_year,
    fiscal_year_of,
    format_fiscal_year,
    format_wareki,
    format_wareki_short,
    parse_date,
    parse_fiscal_year,
)
from claimdesk.domain.errors import InvalidValue


@pytest.mark.parametrize("d,fy", [
    (date(2026, 4, 1), 2026), (date(2027, 3, 31), 2026), (date(2026, 3, 31), 2025), (date(2026, 12, 31), 2026),
])
def test_fiscal_year_starts_in_april(d, fy):
    assert fiscal_year_of(d) == fy


@pytest.mark.parametrize("event,claim_fy,expected", [
    (date(2026, 5, 10), 2025, 2025),  # closing period of FY2025
    (date(2026, 5, 31), 2025, 2025),  # last day of the closing period
    (date(2026, 6, 1), 2025, 2026),   # after it
    (date(2026, 4, 1), 2023, 2025),   # an older claim: into the previous year, not the claim's
    (date(2026, 4, 15), 2026, 2026),  # a current claim is not affected
    (date(2026, 3, 31), 2025, 2025),
    (date(2026, 3, 1), 2026, 2025),   # before the claim's year: the contract's rule, unchanged
])
def test_default_accounting_year_closing_period(event, claim_fy, expected):
    assert default_accounting_year(event, claim_fy) == expected


@pytest.mark.parametrize("text,expected", [
    ("2026-04-01", date(2026, 4, 1)), ("2026/4/1", date(2026, 4, 1)), ("２０２６／４／１", date(2026, 4, 1)),
    ("2026年4月1日", date(2026, 4, 1)), ("令和8年4月1日", date(2026, 4, 1)), ("R8.4.1", date(2026, 4, 1)),
    ("r8/4/1", date(2026, 4, 1)), ("令和元年5月1日", date(2019, 5, 1)), ("Ｒ１．５．１", date(2019, 5, 1)),
    ("平成31年4月30日", date(2019, 4, 30)), ("H1.1.8", date(1989, 1, 8)), ("昭和64年1月7日", date(1989, 1, 7)),
    ("令和 8年 4月 1日", date(2026, 4, 1)), ("20260401", date(2026, 4, 1)),
])
def test_parse_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,reason", [
    ("令和8年2月30日", "存在しない"), ("2026-13-01", "存在しない"), ("平成31年5月1日", "令和元年5月1日"),
    ("令和元年4月30日", "始まり"), ("昨日", "読めません"), ("", "入力されていません"), ("令和0年1月1日", "ありません"),
])
def test_parse_date_rejects_with_reason(text, reason):
    with pytest.raises(InvalidValue, match=reason):
        parse_date(text)


def test_format_wareki():
    assert format_wareki(date(2026, 12, 1)) == "令和8年12月1日"
    assert format_wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert format_wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert format_wareki(date(1989, 1, 8)) == "平成元年1月8日"
    assert format_wareki(date(2026, 12, 1), western=True) == "令和8年12月1日（2026年）"
    assert format_wareki_short(date(2026, 4, 1)) == "R8.4.1"


def test_wareki_round_trip_over_many_days():
    d = date(1989, 1, 1)
    while d < date(2031, 1, 1):
        assert parse_date(format_wareki(d)) == d
        d = date.fromordinal(d.toordinal() + 37)


@pytest.mark.parametrize("text,fy", [
    ("2026", 2026), ("2026年度", 2026), ("令和8年度", 2026), ("R8", 2026), ("Ｒ８", 2026),
    ("令和元年度", 2019), ("平成30年度", 2018), (2026, 2026), ("r8年度", 2026),
])
def test_parse_fiscal_year(text, fy):
    assert parse_fiscal_year(text) == fy


def test_parse_fiscal_year_rejects():
    with pytest.raises(InvalidValue, match="年度として読めません"):
        parse_fiscal_year("八年度")
    with pytest.raises(InvalidValue, match="範囲外"):
        parse_fiscal_year("0026")


def test_format_fiscal_year():
    assert format_fiscal_year(2026) == "令和8年度"
    assert format_fiscal_year(2019) == "令和元年度"
    assert format_fiscal_year(2018) == "平成30年度"
    assert format_fiscal_year(1989) == "平成元年度"


def test_as_of_must_lie_in_the_year_or_its_closing_period():
    check_as_of(2025, date(2026, 5, 31))
    check_as_of(2025, date(2025, 4, 1))
    with pytest.raises(InvalidValue, match="基準日"):
        check_as_of(2025, date(2026, 6, 1))
    with pytest.raises(InvalidValue, match="as_of"):
        check_as_of(2025, date(2025, 3, 31))




def test_a_moment_reads_as_wareki_with_its_time():
    from datetime import datetime

    from claimdesk.domain.backups import format_newest_entry
    from claimdesk.domain.dates import format_wareki_time

    assert format_wareki_time(datetime(2019, 5, 1, 9, 5, 7)) == "令和元年5月1日 09:05"
    assert format_wareki_time(datetime(2019, 4, 30, 23, 59, 59), seconds=True) == "平成31年4月30日 23:59:59"
    assert format_newest_entry("2026-11-30T10:05:00.123456") == "令和8年11月30日 10:05"
    assert format_newest_entry("2026-11-30") == "令和8年11月30日"
    assert format_newest_entry("") == ""
