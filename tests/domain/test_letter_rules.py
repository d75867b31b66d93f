"""What may be sent: a demanding letter only for a claim in arrears, its deadline never early."""

from datetime import date

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.letter_rules import DEMANDING_KINDS, Unsendable, payment_deadline, why_not_sent
from claimdesk.domain.letters import LetterKind, instalment_schedule, letter_deadline

ASSESSED, DUE = date(2026, 2, 1), date(2026, 2, 28)


@pytest.mark.parametrize("kind", sorted(DEMANDING_KINDS, key=lambda k: k.value))
@pytest.mark.parametrize("issued, owed, why", [
    (date(2026, 1, 31), 5_000, Unsendable.NOT_ASSESSED),
    (date(2026, 2, 27), 5_000, Unsendable.NOT_OVERDUE),
    (date(2026, 2, 28), 5_000, Unsendable.NOT_OVERDUE),  # the due date itself: not yet in arrears
    (date(2026, 3, 1), 5_000, None),  # the day after
    (date(2026, 3, 1), 0, Unsendable.NO_BALANCE),
    (date(2026, 3, 1), -100, Unsendable.NO_BALANCE),  # overpaid
])
def test_demanding_letters_only_for_a_claim_in_arrears(kind, issued, owed, why):
    assert why_not_sent(kind, ASSESSED, DUE, owed, issued) is why


def test_other_letters_need_only_a_balance():
    for kind in set(LetterKind) - DEMANDING_KINDS:
        assert why_not_sent(kind, ASSESSED, DUE, 5_000, date(2026, 2, 10)) is None
        assert why_not_sent(kind, ASSESSED, DUE, 0, date(2026, 2, 10)) is Unsendable.NO_BALANCE


def test_deadline_counts_days_and_skips_weekends():
    assert letter_deadline(date(2026, 11, 30), 10) == date(2026, 12, 10)  # Thursday
    assert letter_deadline(date(2026, 12, 1), 11) == date(2026, 12, 14)  # Sat 12/12 → Mon
    assert letter_deadline(date(2026, 12, 1), 12) == date(2026, 12, 14)  # Sun 12/13 → Mon
    assert letter_deadline(date(2026, 12, 1), 11, open_days=None) == date(2026, 12, 12)


def test_a_deadline_on_a_holiday_or_closing_day_moves_to_the_next_open_day():
    # 督促状 issued 2026-12-22 with 10 days: 令和9年1月1日 (元日, closed to 1/3) → 1/4 (Monday)
    assert letter_deadline(date(2026, 12, 22), 10) == date(2027, 1, 4)
    assert letter_deadline(date(2026, 12, 22), 10, open_days=None) == date(2027, 1, 1)
    assert letter_deadline(date(2026, 12, 18), 11) == date(2027, 1, 4)  # 12/29, a closing day
    assert letter_deadline(date(2026, 12, 18), 10) == date(2026, 12, 28)  # Monday 12/28 is open
    assert letter_deadline(date(2026, 4, 23), 10) == date(2026, 5, 7)  # 5/3 … 5/6 (振替休日)
    assert letter_deadline(date(2027, 1, 1), 10) == date(2027, 1, 12)  # 1/11 成人の日
    assert letter_deadline(date(2028, 2, 19), 10) == date(2028, 2, 29)  # leap day, a Tuesday


def test_schedule_rounds_payments_up_and_the_last_takes_the_rest():
    plan = instalment_schedule(190_600, 12, date(2026, 12, 31), open_days=None)
    assert [i.amount for i in plan] == [15_900] * 11 + [15_700]
    assert sum(i.amount for i in plan) == 190_600
    # month ends stay month ends (民法143条: a period from the 31st ends at each month's end)
    assert [i.due_date for i in plan[:3]] == [date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28)]
    assert plan[3].due_date == date(2027, 3, 31)
    assert [i.due_date for i in instalment_schedule(3_000, 3, date(2027, 4, 30), open_days=None)] == [
        date(2027, 4, 30), date(2027, 5, 31), date(2027, 6, 30)]  # the 30th of a 30-day month
    assert [i.due_date for i in instalment_schedule(3_000, 3, date(2028, 1, 31), open_days=None)] == [
        date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]


def test_schedule_dates_on_closed_days_move_to_the_next_open_day():
    # 12/31 closing day → 1/4; 1/31 Sunday → 2/1; 2/28 Sunday → 3/1; 3/31 Wednesday stays.
    plan = instalment_schedule(4_000, 4, date(2026, 12, 31))
    assert [i.due_date for i in plan] == [date(2027, 1, 4), date(2027, 2, 1), date(2027, 3, 1), date(2027, 3, 31)]


def test_schedule_of_a_small_debt_ends_early():
    plan = instalment_schedule(1_000, 12, date(2026, 12, 15))
    assert [i.amount for i in plan] == [100] * 10
    with pytest.raises(InvalidValue):
        instalment_schedule(0, 3, date(2026, 12, 15))


def test_the_payment_deadline_is_never_before_a_listed_claims_due_date():
    assert payment_deadline(date(2026, 3, 11), [date(2026, 2, 28), date(2026, 1, 31)]) == date(2026, 3, 11)
    assert payment_deadline(date(2026, 3, 11), [date(2026, 2, 28), date(2026, 3, 31)]) == date(2026, 3, 31)
    assert Unsendable.NOT_OVERDUE.label == "納期限を過ぎていません"
