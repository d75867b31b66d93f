"""Instalment plans: the schedule, receipts matched oldest first, the acceleration clause."""

from datetime import date

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.instalments import (
    Instalment,
    InstalmentRules,
    InstalmentStatus,
    Payment,
    PlanStatus,
    equal_schedule,
    explicit_schedule,
    match_plan,
)

PLAN = (Instalment(1, date(2026, 4, 30), 10_000), Instalment(2, date(2026, 5, 31), 10_000),
        Instalment(3, date(2026, 6, 30), 10_000))
SIGNED = date(2026, 4, 10)


def test_equal_schedule_puts_the_odd_yen_on_the_first_and_keeps_month_ends():
    plan = equal_schedule(100_000, 3, date(2026, 1, 31), open_days=None)
    assert [(i.seq, i.due_on, i.amount) for i in plan] == [
        (1, date(2026, 1, 31), 33_334), (2, date(2026, 2, 28), 33_333), (3, date(2026, 3, 31), 33_333)]
    assert [i.due_on for i in equal_schedule(4_000, 2, date(2026, 1, 15), interval_months=3)] == [
        date(2026, 1, 15), date(2026, 4, 15)]


def test_equal_schedule_moves_closed_days_to_the_next_open_day():
    # 2026-01-31 is a Saturday, 2026-02-28 a Saturday, 2026-03-31 a Tuesday.
    plan = equal_schedule(100_000, 3, date(2026, 1, 31))
    assert [i.due_on for i in plan] == [date(2026, 2, 2), date(2026, 3, 2), date(2026, 3, 31)]
    # The 30th of a 30-day month is that month's end: 4/30 → 5/31 (a Sunday → 6/1) → 6/30.
    assert [i.due_on for i in equal_schedule(3_000, 3, date(2026, 4, 30), open_days=None)] == [
        date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30)]
    assert [i.due_on for i in equal_schedule(3_000, 3, date(2026, 4, 30))] == [
        date(2026, 4, 30), date(2026, 6, 1), date(2026, 6, 30)]
    # Year end: 11/30 → 12/30 is a closing day, and so is every day to 1/3 → 令和9年1月4日.
    assert [i.due_on for i in equal_schedule(2_000, 2, date(2026, 11, 30))] == [
        date(2026, 11, 30), date(2027, 1, 4)]
    # Leap year: from 2028-01-30 the next is 2/29 (a Tuesday).
    assert [i.due_on for i in equal_schedule(2_000, 2, date(2028, 1, 31), open_days=None)] == [
        date(2028, 1, 31), date(2028, 2, 29)]


def test_an_instalment_due_on_a_closed_day_is_missed_only_after_the_next_open_day():
    # The clerk listed 2026-05-03 (憲法記念日, a Sunday): due in fact on 5/7 (5/4–5/6 holidays).
    plan = (Instalment(1, date(2026, 5, 3), 10_000), Instalment(2, date(2026, 6, 3), 10_000))
    state = match_plan(plan, [Payment(date(2026, 5, 7), 10_000)], date(2026, 4, 1), date(2026, 5, 20))
    assert state.lines[0].status is InstalmentStatus.PAID
    state = match_plan(plan, [Payment(date(2026, 5, 8), 10_000)], date(2026, 4, 1), date(2026, 5, 20))
    assert state.lines[0].status is InstalmentStatus.PAID_LATE


@pytest.mark.parametrize("args,field", [
    ((0, 3, date(2026, 1, 31)), "total"),
    ((100, 0, date(2026, 1, 31)), "count"),
    ((2, 3, date(2026, 1, 31)), "count"),
])
def test_equal_schedule_refuses_nonsense(args, field):
    with pytest.raises(InvalidValue) as e:
        equal_schedule(*args)
    assert e.value.field == field


def test_an_explicit_schedule_must_rise():
    assert [i.amount for i in explicit_schedule([(date(2026, 5, 1), 5000), (date(2026, 6, 1), 7000)])] == [5000, 7000]
    with pytest.raises(InvalidValue, match="2回目の納付日"):
        explicit_schedule([(date(2026, 5, 1), 5000), (date(2026, 5, 1), 7000)])


def test_paid_on_time_then_one_miss_is_not_yet_broken():
    # 4/28 covers the first; nothing by 5/31 (a miss); 6/10 covers the second, late.
    payments = [Payment(date(2026, 4, 28), 10_000), Payment(date(2026, 6, 10), 10_000)]
    state = match_plan(PLAN, payments, SIGNED, date(2026, 6, 30))
    assert [line.status for line in state.lines] == [
        InstalmentStatus.PAID, InstalmentStatus.PAID_LATE, InstalmentStatus.UPCOMING]
    assert [line.missed for line in state.lines] == [False, True, False]
    assert state.status is PlanStatus.ACTIVE and state.arrears == 0 and state.next_due.instalment.seq == 3


def test_the_second_miss_breaks_the_plan_the_next_morning():
    payments = [Payment(date(2026, 4, 28), 10_000), Payment(date(2026, 6, 10), 10_000)]
    state = match_plan(PLAN, payments, SIGNED, date(2026, 7, 1))
    assert state.status is PlanStatus.BROKEN and state.broken_on == date(2026, 7, 1)
    assert state.arrears == 10_000 and [line.instalment.seq for line in state.missed] == [3]


def test_a_late_payment_catches_up_the_oldest_instalment_first():
    # nothing in April; 15,000 on 5/20 covers April (late) and half of May
    state = match_plan(PLAN, [Payment(date(2026, 5, 20), 15_000)], SIGNED, date(2026, 5, 25))
    assert [(line.paid, line.status) for line in state.lines] == [
        (10_000, InstalmentStatus.PAID_LATE), (5_000, InstalmentStatus.UPCOMING), (0, InstalmentStatus.UPCOMING)]


def test_payments_before_signing_do_not_count_but_one_on_the_day_does():
    payments = [Payment(date(2026, 4, 9), 10_000), Payment(date(2026, 4, 10), 10_000)]
    state = match_plan(PLAN, payments, SIGNED, date(2026, 5, 1))
    assert state.paid == 10_000 and state.lines[0].covered_on == date(2026, 4, 10)


def test_grace_days_and_the_number_of_misses_are_settings():
    rules = InstalmentRules(missed_to_break=1, grace_days=5)
    assert match_plan(PLAN, [], SIGNED, date(2026, 5, 5), rules).status is PlanStatus.ACTIVE
    state = match_plan(PLAN, [], SIGNED, date(2026, 5, 6), rules)
    assert (state.status, state.broken_on) == (PlanStatus.BROKEN, date(2026, 5, 6))


def test_completed_and_cancelled():
    payments = [Payment(date(2026, 6, 30), 30_000)]
    assert match_plan(PLAN, payments, SIGNED, date(2026, 7, 31)).status is PlanStatus.COMPLETED
    cancelled = match_plan(PLAN, [], SIGNED, date(2026, 7, 31), cancelled_on=date(2026, 5, 15))
    assert cancelled.status is PlanStatus.CANCELLED and cancelled.cancelled_on == date(2026, 5, 15)
