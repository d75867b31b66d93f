"""The holiday table answers exactly what the installed jpholiday answers."""

from datetime import date, timedelta

import jpholiday
import pytest

from claimdesk.domain import holidays
from claimdesk.domain.holidays import TABLE, TABLE_VERSION, is_holiday, table_line, years_in_table
from claimdesk.domain.open_days import OpenDays


def test_the_table_is_of_the_installed_jpholiday():
    assert holidays.installed() == TABLE_VERSION, "claimdesk/domain/holidays.py: 表を作り直し、TABLE_VERSION を更新してください"
    assert years_in_table() is TABLE


def test_another_jpholiday_is_asked_every_day(monkeypatch):
    monkeypatch.setattr(holidays, "_years", [])
    monkeypatch.setattr(holidays, "installed", lambda: "9.9.9")
    assert years_in_table() == {}
    asked = []
    monkeypatch.setattr(jpholiday, "is_holiday", lambda d: asked.append(d) or True)
    assert is_holiday(date(2026, 6, 1)) and asked == [date(2026, 6, 1)]
    monkeypatch.setattr(holidays, "_years", [])
    monkeypatch.setattr(holidays, "installed", lambda: None)  # a frozen build: the table it was built with
    assert years_in_table() is TABLE


@pytest.mark.parametrize("year", sorted(TABLE))
def test_each_year_of_the_table_is_jpholidays(year):
    expected = table_line(year)
    got = " ".join([str(year), *(f"{m:02d}{d:02d}" for m, d in sorted(TABLE[year]))])
    assert got == expected, f"claimdesk/domain/holidays.py: この年の行を次に置き換えてください\n{expected}"


def test_years_outside_the_table_ask_jpholiday():
    assert min(TABLE) > 1980 and max(TABLE) < 2100
    for d in (date(1980, 1, 1), date(1980, 1, 2), date(2100, 1, 1), date(2100, 5, 6), date(2100, 5, 7)):
        assert is_holiday(d) == jpholiday.is_holiday(d)


def test_known_days():
    assert is_holiday(date(2026, 9, 22))  # 国民の休日 between 敬老の日 and 秋分の日
    assert is_holiday(date(2025, 11, 24))  # 振替休日 of 勤労感謝の日 on a Sunday
    assert not is_holiday(date(2026, 9, 24))
    days = OpenDays()
    assert days.on_or_after(date(2026, 9, 19)) == date(2026, 9, 24)  # Sat, Sun, 敬老, 国民の休日, 秋分
    d = date(min(TABLE), 1, 1)
    while d.year <= max(TABLE):  # the open days agree with jpholiday's for every day of the table
        assert days.is_open(d) == (d.weekday() < 5 and (d.month, d.day) not in days.yearly
                                   and not jpholiday.is_holiday(d)), d
        d += timedelta(days=90)
