"""Letter kinds, deadlines, instalment schedules and the simple rule of --due."""

from datetime import date

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.letters import (
    LetterKind, add_months, instalment_schedule, letter_deadline, letter_is_due,
)


def test_kind_from_code_or_japanese_name():
    assert LetterKind.parse("final_reminder") is LetterKind.FINAL_REMINDER
    assert LetterKind.parse("督促状") is LetterKind.DEMAND
    with pytest.raises(InvalidValue, match="kind: 文書の種類が不明です（dunning）"):
        LetterKind.parse("dunning")


def test_deadline_counts_days_and_skips_weekends():
    assert letter_deadline(date(2026, 11, 30), 10) == date(2026, 12, 10)  # Thursday
    assert letter_deadline(date(2026, 12, 1), 11) == date(2026, 12, 14)  # Sat 12/12 → Mon
    assert letter_deadline(date(2026, 12, 1), 12) == date(2026, 12, 14)  # Sun 12/13 → Mon
    assert letter_deadline(date(2026, 12, 1), 11, skip_weekends=False) == date(2026, 12, 12)


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_schedule_rounds_payments_up_and_the_last_takes_the_rest():
    plan = instalment_schedule(190_600, 12, date(2026, 12, 31))
    assert [i.amount for i in plan] == [15_900] * 11 + [15_700]
    assert sum(i.amount for i in plan) == 190_600
    # month ends stay month ends
    assert [i.due_date for i in plan[:3]] == [date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28)]
    assert plan[3].due_date == date(2027, 3, 31)


def test_schedule_of_a_small_debt_ends_early():
    plan = instalment_schedule(1_000, 12, date(2026, 12, 15))
    assert [i.amount for i in plan] == [100] * 10
    with pytest.raises(InvalidValue):
        instalment_schedule(0, 3, date(2026, 12, 15))


AS_OF = date(2026, 11, 30)


def due(kind, sent=None, *, due_date=date(2026, 6, 30), owed=1000, guarantor=False):
    return letter_is_due(kind, due_date=due_date, owed=owed, as_of=AS_OF, sent=sent or {},
                         has_guarantor=guarantor)


def test_demand_is_due_once_overdue_and_not_yet_demanded():
    assert due(LetterKind.DEMAND)
    assert not due(LetterKind.DEMAND, owed=0)
    assert not due(LetterKind.DEMAND, due_date=AS_OF)
    assert not due(LetterKind.DEMAND, {LetterKind.DEMAND: date(2026, 7, 15)})


def test_reminder_follows_a_demand_after_three_months_in_arrears():
    demanded = {LetterKind.DEMAND: date(2026, 7, 15)}
    assert not due(LetterKind.REMINDER)
    assert due(LetterKind.REMINDER, demanded)
    assert not due(LetterKind.REMINDER, demanded, due_date=date(2026, 10, 1))  # 60 days
    assert not due(LetterKind.REMINDER, demanded | {LetterKind.REMINDER: date(2026, 9, 1)})


def test_final_reminder_and_guarantor_wait_for_the_previous_letter():
    sent = {LetterKind.DEMAND: date(2026, 7, 15), LetterKind.REMINDER: date(2026, 11, 10)}
    assert not due(LetterKind.FINAL_REMINDER, sent)  # 20 days since the reminder
    sent[LetterKind.REMINDER] = date(2026, 10, 1)
    assert due(LetterKind.FINAL_REMINDER, sent)
    sent[LetterKind.FINAL_REMINDER] = date(2026, 11, 10)
    assert not due(LetterKind.GUARANTOR, sent, guarantor=True)
    sent[LetterKind.FINAL_REMINDER] = date(2026, 10, 30)
    assert due(LetterKind.GUARANTOR, sent, guarantor=True)
    assert not due(LetterKind.GUARANTOR, sent, guarantor=False)


def test_letters_chosen_by_hand_have_no_due_rule():
    with pytest.raises(InvalidValue, match="債権番号を指定"):
        due(LetterKind.INSTALMENT_PLEDGE)
