"""Open days of the municipality: a deadline on a closed day moves to the next open day.

地方自治法4条の2第4項 (and the ordinances made under it): when the last day of a period
set for dealings with the municipality falls on one of its holidays, the period ends on
the next day that is not one. Closed are Saturdays, Sundays, the national holidays
(国民の祝日に関する法律, from the `jpholiday` package rather than a hand-kept table, so
振替休日 and 国民の休日 come right; `holidays` holds its answers for the years in use) and the municipality's own closing days — 12月29日
to 1月3日 by default, a ledger setting, with room for a one-off closure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import jpholiday

from .errors import REASONS, Refusal
from .holidays import is_holiday

REASONS.update({
    "closing_days_not_list": '閉庁日は ["12-29", "2027-05-06"] のような一覧で指定してください',
    "closing_day_form": "閉庁日は MM-DD（毎年）か YYYY-MM-DD（その日だけ）で指定してください（{text}）",
})

DEFAULT_CLOSING_DAYS = ("12-29", "12-30", "12-31", "01-01", "01-02", "01-03")

_EVERY_YEAR = re.compile(r"(\d{2})-(\d{2})")
_ONE_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class OpenDays:
    """Which days the municipality is open: not weekends, holidays, or its closing days."""

    yearly: frozenset[tuple[int, int]] = frozenset((int(d[:2]), int(d[3:])) for d in DEFAULT_CLOSING_DAYS)
    once: frozenset[date] = frozenset()
    # Answers already given: the worklist asks for the same few thousand dates again and
    # again (every instalment of every plan), and a holiday look-up is not free.
    _known: dict[date, date] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def is_open(self, d: date) -> bool:
        """True on a day the office is open for payments and filings."""
        return not (d.weekday() >= 5 or (d.month, d.day) in self.yearly or d in self.once
                    or is_holiday(d))

    def closed_reason(self, d: date) -> str:
        """Why a day is closed, in words ('' on an open day)."""
        if d.weekday() == 5:
            return "土曜日"
        if d.weekday() == 6:
            return "日曜日"
        if name := jpholiday.is_holiday_name(d):
            return name
        if (d.month, d.day) in self.yearly or d in self.once:
            return "閉庁日"
        return ""

    def on_or_after(self, d: date) -> date:
        """`d` if it is open, else the next open day (地方自治法4条の2第4項)."""
        found = self._known.get(d)
        if found is None:
            found = d
            while not self.is_open(found):
                found += timedelta(days=1)
            self._known[d] = found
        return found


def parse_closing_days(items: object, where: str = "closing_days") -> OpenDays:
    """Closing days from settings: 'MM-DD' every year, 'YYYY-MM-DD' one day only."""
    if isinstance(items, str) or not isinstance(items, (list, tuple)):
        raise Refusal(where, "closing_days_not_list")
    yearly, once = set(), set()
    for item in items:
        text = str(item).strip()
        try:
            if m := _ONE_DAY.fullmatch(text):
                once.add(date(*(int(g) for g in m.groups())))
                continue
            if m := _EVERY_YEAR.fullmatch(text):
                month, day = int(m.group(1)), int(m.group(2))
                date(2028, month, day)  # a leap year, so that 02-29 is a real day
                yearly.add((month, day))
                continue
        except ValueError:
            raise Refusal(where, "no_such_date", text=text) from None
        raise Refusal(where, "closing_day_form", text=text)
    return OpenDays(frozenset(yearly), frozenset(once))
