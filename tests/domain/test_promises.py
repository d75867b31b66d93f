"""Promises to pay: kept or broken as the receipts show, never marked by hand."""

from datetime import date

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.instalments import Payment
from claimdesk.domain.promises import Promise, PromiseStatus, promise_states

MADE = date(2026, 5, 10)


def promise(amount=30_000, due=date(2026, 5, 31), claims=("A",), made=MADE, pid=1):
    return Promise("D1", claims, made, amount, due, pid)


def test_kept_when_paid_by_the_date():
    (state,) = promise_states([promise()], [Payment(date(2026, 5, 31), 30_000, "A")], date(2026, 6, 1))
    assert (state.status, state.paid, state.settled_on) == (PromiseStatus.KEPT, 30_000, date(2026, 5, 31))


def test_pending_until_the_date_then_broken_the_next_day():
    payments = [Payment(date(2026, 5, 20), 10_000, "A")]
    (pending,) = promise_states([promise()], payments, date(2026, 5, 31))
    assert (pending.status, pending.paid) == (PromiseStatus.PENDING, 10_000)
    (broken,) = promise_states([promise()], payments, date(2026, 6, 1))
    assert (broken.status, broken.paid, broken.settled_on) == (PromiseStatus.BROKEN, 10_000, date(2026, 6, 1))


def test_a_payment_after_the_date_does_not_keep_it_and_grace_days_help():
    payments = [Payment(date(2026, 6, 3), 30_000, "A")]
    assert promise_states([promise()], payments, date(2026, 6, 5))[0].status is PromiseStatus.BROKEN
    assert promise_states([promise()], payments, date(2026, 6, 5), grace_days=3)[0].status is PromiseStatus.KEPT


def test_receipts_before_the_promise_or_on_other_claims_do_not_count():
    payments = [Payment(date(2026, 5, 9), 30_000, "A"), Payment(date(2026, 5, 20), 30_000, "B")]
    assert promise_states([promise()], payments, date(2026, 6, 1))[0].status is PromiseStatus.BROKEN


def test_two_promises_do_not_count_one_receipt_twice():
    first, second = promise(10_000, date(2026, 5, 31)), promise(10_000, date(2026, 6, 30), pid=2)
    states = promise_states([first, second], [Payment(date(2026, 5, 25), 10_000, "A")], date(2026, 7, 1))
    assert [s.status for s in states] == [PromiseStatus.KEPT, PromiseStatus.BROKEN]


def test_a_newer_promise_or_plan_before_the_date_supersedes():
    old, new = promise(), promise(20_000, date(2026, 6, 30), made=date(2026, 5, 25), pid=2)
    states = promise_states([old, new], [], date(2026, 6, 15))
    assert [(s.status, s.settled_on) for s in states] == [
        (PromiseStatus.SUPERSEDED, date(2026, 5, 25)), (PromiseStatus.PENDING, None)]
    (by_plan,) = promise_states([old], [], date(2026, 6, 15), replaced_on=[date(2026, 5, 20)])
    assert by_plan.status is PromiseStatus.SUPERSEDED


def test_a_promise_needs_an_amount_and_a_date_after_it_was_made():
    with pytest.raises(InvalidValue):
        promise(amount=0)
    with pytest.raises(InvalidValue) as e:
        promise(due=date(2026, 5, 1))
    assert e.value.field == "due_on"
