"""Letter kinds, deadlines and instalment schedules."""

from datetime import date

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.contacts import LetterKind as LoggedKind
from claimdesk.domain.letters import LetterKind, instalment_schedule, letter_deadline, parse_letter_kind


def test_kind_from_code_or_japanese_name():
    assert parse_letter_kind("final_reminder") is LetterKind.FINAL_REMINDER
    assert parse_letter_kind("督促状") is LetterKind.DEMAND
    with pytest.raises(InvalidValue, match="kind: 文書の種類が不明です（dunning）"):
        parse_letter_kind("dunning")


def test_the_kinds_printed_are_the_kinds_logged():
    assert LetterKind is LoggedKind


def test_deadline_counts_days_and_skips_weekends():
    assert letter_deadline(date(2026, 11, 30), 10) == date(2026, 12, 10)  # Thursday
    assert letter_deadline(date(2026, 12, 1), 11) == date(2026, 12, 14)  # Sat 12/12 → Mon
    assert letter_deadline(date(2026, 12, 1), 12) == date(2026, 12, 14)  # Sun 12/13 → Mon
    assert letter_deadline(date(2026, 12, 1), 11, skip_weekends=False) == date(2026, 12, 12)


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
