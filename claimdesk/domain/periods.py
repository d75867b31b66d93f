"""Periods counted as the Civil Code counts them (民法140条・143条), one rule for every clock.

A period of days, months or years from an event starts on the day after the event
(初日不算入, 民法140条). A period of months or years ends on the day before the day of
the last month that corresponds to the starting day; when that month has no such day,
on the last day of that month (民法143条2項). So one month from 1/30 ends on 2/28 (2/29
in a leap year), five years from 2027-02-28 end on 2032-02-29, and a period starting on
the 1st ends on the last day of a month.

Every rule that counts a period — the limitation periods, the 催告 and 協議 suspensions,
the 督促's effect, the low rate of 延滞金, instalments, reply and step deadlines — asks
`period_end`, so that no rule adds months to a date and clamps on its own.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = ["period_end", "period_start"]


_DAY = timedelta(days=1)


def period_start(event: date) -> date:
    """The first day of a period that runs from `event` (the next day: 初日不算入)."""
    return event + _DAY


def period_end(event: date, *, days: int = 0, months: int = 0, years: int = 0) -> date:
    """The last day of a period of `years`, `months` and then `days` counted from `event`."""
    if days < 0 or months < 0 or years < 0:
        raise ValueError("a period is counted forward only")
    end = event
    total = years * 12 + months
    if total:
        start = event + _DAY
        year, month = divmod(start.year * 12 + start.month - 1 + total, 12)
        month += 1
        day = start.day
        # The day before the corresponding day, or the month's last day if there is none.
        # (The worklist counts tens of thousands of periods: the calendar only past the 28th.)
        if day <= 28 or day <= calendar.monthrange(year, month)[1]:
            end = date(year, month, day) - _DAY
        else:
            end = date(year, month, calendar.monthrange(year, month)[1])
    return end + timedelta(days=days) if days else end
