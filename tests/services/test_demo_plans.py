"""The demo's plans that break: month ends, the whole debt, at most sixty instalments."""

from datetime import date

from claimdesk.services.demo_arrangements import _at_pace


def _days(schedule):
    return [(date.fromordinal(o), amount) for o, amount in schedule]


def test_a_plan_at_pace_runs_month_end_by_month_end_until_the_debt_is_paid():
    start = date(2024, 1, 31).toordinal()  # through a leap February
    schedule = _days(_at_pace([], 0, start, 25_000, 10_000))
    assert schedule == [(date(2024, 2, 29), 10_000), (date(2024, 3, 31), 10_000), (date(2024, 4, 30), 5_000)]


def test_a_plan_continues_the_pieces_already_paid():
    paid = [(date(2026, 10, 31).toordinal(), 3_000)]
    schedule = _days(_at_pace(paid, 3_000, paid[-1][0], 9_000, 3_000))
    assert schedule == [(date(2026, 10, 31), 3_000), (date(2026, 11, 30), 3_000), (date(2026, 12, 31), 3_000)]


def test_the_sixtieth_instalment_takes_the_rest():
    schedule = _at_pace([], 0, date(2026, 12, 31).toordinal(), 1_000_000, 1_000)
    assert len(schedule) == 60 and schedule[-1][1] == 1_000_000 - 59 * 1_000
    assert date.fromordinal(schedule[-1][0]) == date(2031, 12, 31)
