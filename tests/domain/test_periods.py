"""Periods (民法140条・143条) and open days (地方自治法4条の2第4項), in exact dates.

The rule is counted once, in `period_end`; each clock that uses it is pinned here at the
month ends where adding months and clamping goes wrong: 2/28 and 2/29, 1/30 and 1/31,
3/31, and the 30th of a 30-day month, in leap and common years.
"""

from datetime import date

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.open_days import OpenDays, parse_closing_days
from claimdesk.domain.periods import period_end


@pytest.mark.parametrize("event,kw,end", [
    # docs/domain.md §4a's own examples
    (date(2026, 1, 30), {"months": 1}, date(2026, 2, 28)),
    (date(2028, 1, 30), {"months": 1}, date(2028, 2, 29)),
    (date(2027, 2, 28), {"years": 5}, date(2032, 2, 29)),
    (date(2026, 4, 15), {"months": 6}, date(2026, 10, 15)),
    # the last day of a month: the period starts on the 1st and ends at a month's end
    (date(2026, 1, 31), {"months": 1}, date(2026, 2, 28)),
    (date(2028, 1, 31), {"months": 1}, date(2028, 2, 29)),
    (date(2026, 2, 28), {"months": 1}, date(2026, 3, 31)),
    (date(2028, 2, 28), {"months": 1}, date(2028, 3, 28)),  # not a month end in a leap year
    (date(2028, 2, 29), {"months": 1}, date(2028, 3, 31)),
    (date(2026, 3, 31), {"months": 1}, date(2026, 4, 30)),
    (date(2026, 4, 30), {"months": 1}, date(2026, 5, 31)),
    (date(2026, 4, 30), {"months": 6}, date(2026, 10, 31)),
    (date(2026, 9, 30), {"months": 1}, date(2026, 10, 31)),
    (date(2026, 8, 31), {"months": 6}, date(2027, 2, 28)),
    (date(2027, 8, 31), {"months": 6}, date(2028, 2, 29)),
    (date(2026, 1, 29), {"months": 1}, date(2026, 2, 28)),  # no 2/30: the month's last day
    (date(2028, 1, 28), {"months": 1}, date(2028, 2, 28)),  # 2/29 exists: the day before it
    # years across leap days
    (date(2024, 2, 29), {"years": 5}, date(2029, 2, 28)),
    (date(2024, 2, 28), {"years": 4}, date(2028, 2, 28)),
    (date(2023, 2, 28), {"years": 5}, date(2028, 2, 29)),
    (date(2026, 2, 28), {"years": 1}, date(2027, 2, 28)),
    (date(2027, 2, 28), {"years": 1}, date(2028, 2, 29)),
    (date(2025, 12, 31), {"years": 10}, date(2035, 12, 31)),
    (date(2026, 6, 30), {"years": 5}, date(2031, 6, 30)),
    # days: the day after is day one
    (date(2026, 12, 22), {"days": 10}, date(2027, 1, 1)),
    (date(2028, 2, 20), {"days": 10}, date(2028, 3, 1)),
    (date(2026, 2, 20), {"days": 10}, date(2026, 3, 2)),
])
def test_period_end(event, kw, end):
    assert period_end(event, **kw) == end


def test_a_period_counts_forward_only():
    with pytest.raises(ValueError):
        period_end(date(2026, 1, 1), days=-1)


def test_closed_days_weekends_holidays_and_the_year_end():
    days = OpenDays()
    assert days.on_or_after(date(2027, 1, 1)) == date(2027, 1, 4)  # 元日 (Fri), Sat, Sun(1/3) → Mon
    assert days.on_or_after(date(2026, 12, 28)) == date(2026, 12, 28)  # Monday, still open
    assert days.on_or_after(date(2026, 12, 29)) == date(2027, 1, 4)
    assert days.on_or_after(date(2026, 5, 3)) == date(2026, 5, 7)  # 憲法記念日 … 振替休日 5/6
    assert days.on_or_after(date(2026, 9, 19)) == date(2026, 9, 24)  # Sat, Sun, 敬老の日, 国民の休日, 秋分の日
    assert days.on_or_after(date(2027, 1, 11)) == date(2027, 1, 12)  # 成人の日
    assert days.closed_reason(date(2026, 9, 22)) == "国民の休日"
    assert days.closed_reason(date(2026, 12, 30)) == "閉庁日"
    assert days.closed_reason(date(2026, 12, 26)) == "土曜日"
    assert days.closed_reason(date(2026, 12, 28)) == ""


def test_closing_days_are_a_setting():
    days = parse_closing_days(["12-29", "12-30", "12-31", "01-01", "01-02", "01-03", "2027-01-04"])
    assert days.on_or_after(date(2027, 1, 1)) == date(2027, 1, 5)  # a one-off closure on 1/4
    assert days.on_or_after(date(2028, 1, 4)) == date(2028, 1, 4)  # only in 2027
    none = parse_closing_days([])
    assert none.on_or_after(date(2026, 12, 29)) == date(2026, 12, 29)
    assert none.on_or_after(date(2027, 1, 1)) == date(2027, 1, 4)  # 元日 and the weekend stay closed
    for bad in (["12/29"], ["02-30"], "12-29", ["2027-02-29"]):
        with pytest.raises(InvalidValue) as e:
            parse_closing_days(bad, "casework.calendar.closing_days")
        assert e.value.field == "casework.calendar.closing_days"
