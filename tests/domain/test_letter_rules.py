"""What may be sent: a demanding letter only for a claim in arrears, its deadline never early."""

from datetime import date

import pytest

from claimdesk.domain.letter_rules import DEMANDING_KINDS, Unsendable, payment_deadline, why_not_sent
from claimdesk.domain.letters import LetterKind

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


def test_the_payment_deadline_is_never_before_a_listed_claims_due_date():
    assert payment_deadline(date(2026, 3, 11), [date(2026, 2, 28), date(2026, 1, 31)]) == date(2026, 3, 11)
    assert payment_deadline(date(2026, 3, 11), [date(2026, 2, 28), date(2026, 3, 31)]) == date(2026, 3, 31)
    assert Unsendable.NOT_OVERDUE.label == "納期限を過ぎていません"
