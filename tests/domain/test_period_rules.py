"""Every rule that counts a period, at the same month ends, in leap and common years.

One row per event date; each column is what one rule must give for an event on that
day, worked out by 民法140条・143条 (the day after is day one; the period ends the day
before the corresponding day, or on the month's last day when there is none). A rule
that added months and clamped would fail at least one row of its column.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from claimdesk.domain.charges import PublicChargeRules, public_late_charge
from claimdesk.domain.claims import LegalNature
from claimdesk.domain.contacts import LegalEffect
from claimdesk.domain.instalments import equal_schedule
from claimdesk.domain.limitation import LimitationFact, limitation

D = date
# event        +1 month        +6 months        +1 year          +5 years         +10 years        +2 months
ROWS = [
    (D(2026, 1, 30), D(2026, 2, 28), D(2026, 7, 30), D(2027, 1, 30), D(2031, 1, 30), D(2036, 1, 30), D(2026, 3, 30)),
    (D(2026, 1, 31), D(2026, 2, 28), D(2026, 7, 31), D(2027, 1, 31), D(2031, 1, 31), D(2036, 1, 31), D(2026, 3, 31)),
    (D(2028, 1, 30), D(2028, 2, 29), D(2028, 7, 30), D(2029, 1, 30), D(2033, 1, 30), D(2038, 1, 30), D(2028, 3, 30)),
    (D(2026, 2, 28), D(2026, 3, 31), D(2026, 8, 31), D(2027, 2, 28), D(2031, 2, 28), D(2036, 2, 29), D(2026, 4, 30)),
    (D(2027, 2, 28), D(2027, 3, 31), D(2027, 8, 31), D(2028, 2, 29), D(2032, 2, 29), D(2037, 2, 28), D(2027, 4, 30)),
    (D(2028, 2, 28), D(2028, 3, 28), D(2028, 8, 28), D(2029, 2, 28), D(2033, 2, 28), D(2038, 2, 28), D(2028, 4, 28)),
    (D(2028, 2, 29), D(2028, 3, 31), D(2028, 8, 31), D(2029, 2, 28), D(2033, 2, 28), D(2038, 2, 28), D(2028, 4, 30)),
    (D(2026, 3, 31), D(2026, 4, 30), D(2026, 9, 30), D(2027, 3, 31), D(2031, 3, 31), D(2036, 3, 31), D(2026, 5, 31)),
    (D(2026, 4, 30), D(2026, 5, 31), D(2026, 10, 31), D(2027, 4, 30), D(2031, 4, 30), D(2036, 4, 30), D(2026, 6, 30)),
    (D(2026, 9, 30), D(2026, 10, 31), D(2027, 3, 31), D(2027, 9, 30), D(2031, 9, 30), D(2036, 9, 30), D(2026, 11, 30)),
]
IDS = [r[0].isoformat() for r in ROWS]
PRIVATE, PUBLIC = LegalNature.PRIVATE, LegalNature.PUBLIC


def fact(on, effect):
    return LimitationFact(on, effect, "記録")


def due_ending_just_after(event: date) -> date:
    """A due date whose five years end 2–7 weeks after `event` (so a 催告 or 協議 on it counts)."""
    return date(event.year - 5, event.month, 1) + timedelta(days=45)


@pytest.mark.parametrize("event,_m1,_m6,_y1,y5,_y10,_m2", ROWS, ids=IDS)
def test_limitation_five_years_from_the_due_date(event, _m1, _m6, _y1, y5, _y10, _m2):
    assert limitation(PUBLIC, event, [], event).limitation_date == y5


@pytest.mark.parametrize("event,_m1,_m6,_y1,y5,_y10,_m2", ROWS, ids=IDS)
def test_demand_renews_five_years_from_its_tenth_day(event, _m1, _m6, _y1, y5, _y10, _m2):
    issued = event - timedelta(days=10)  # its effect falls on `event`
    lim = limitation(PUBLIC, issued - timedelta(days=20), [fact(issued, LegalEffect.DEMAND)], event)
    assert lim.limitation_date == y5


@pytest.mark.parametrize("event,_m1,m6,_y1,_y5,_y10,_m2", ROWS, ids=IDS)
def test_reminder_suspends_six_months(event, _m1, m6, _y1, _y5, _y10, _m2):
    lim = limitation(PRIVATE, due_ending_just_after(event), [fact(event, LegalEffect.REMINDER)], event)
    assert lim.limitation_date == m6


@pytest.mark.parametrize("event,_m1,_m6,y1,_y5,_y10,_m2", ROWS, ids=IDS)
def test_agreement_to_negotiate_suspends_one_year(event, _m1, _m6, y1, _y5, _y10, _m2):
    lim = limitation(PRIVATE, due_ending_just_after(event), [fact(event, LegalEffect.NEGOTIATION)], event)
    assert lim.limitation_date == y1


@pytest.mark.parametrize("event,_m1,_m6,_y1,_y5,y10,_m2", ROWS, ids=IDS)
def test_judgment_gives_ten_years(event, _m1, _m6, _y1, _y5, y10, _m2):
    due = date(event.year - 1, 6, 30)
    assert limitation(PRIVATE, due, [fact(event, LegalEffect.JUDGMENT)], event).limitation_date == y10


@pytest.mark.parametrize("event,m1,_m6,_y1,_y5,_y10,_m2", ROWS, ids=IDS)
def test_late_charge_low_rate_to_one_month_after_the_due_date(event, m1, _m6, _y1, _y5, _y10, _m2):
    charge = public_late_charge(1_000_000, event, [], event + timedelta(days=90), PublicChargeRules())
    low, high = charge.segments[0], charge.segments[1]
    assert (low.start, low.end, low.rate, high.start) == (event + timedelta(days=1), m1, Decimal("7.3"), m1 + timedelta(days=1))


@pytest.mark.parametrize("event,m1,_m6,_y1,_y5,_y10,m2", ROWS, ids=IDS)
def test_monthly_instalments_from_the_first_date(event, m1, _m6, _y1, _y5, _y10, m2):
    assert [i.due_on for i in equal_schedule(3_000, 3, event, open_days=None)] == [event, m1, m2]
