"""What may be sent: the rules that keep a letter from demanding what the law does not allow.

A 督促状, 催告書 or 最終催告書 demands payment of a claim in arrears, so it can only be
sent for a claim past its due date (納期限の翌日以後) that still has a balance on the
issue date, and the payment deadline it prints is never before the claim's own due
date. Other letters (a pledge, an acknowledgment, an invitation to talk) only need a
balance to speak of.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum

from .contacts import LetterKind
from .money import Yen

DEMANDING_KINDS = frozenset({LetterKind.DEMAND, LetterKind.REMINDER, LetterKind.FINAL_REMINDER})


class Unsendable(str, Enum):
    """Why a claim gets no letter (a reason code; the window and the command line phrase it)."""

    NOT_ASSESSED = "not_assessed"  # the assessment (調定) is dated after the issue date
    NOT_OVERDUE = "not_overdue"  # the issue date is on or before the due date
    NO_BALANCE = "no_balance"  # nothing owed on the issue date (paid, written off or overpaid)
    NO_GUARANTOR = "no_guarantor"  # a letter to the guarantor, but none is registered

    @property
    def label(self) -> str:
        return {"not_assessed": "発行日に調定されていません", "not_overdue": "納期限を過ぎていません",
                "no_balance": "発行日に未納額がありません",
                "no_guarantor": "連帯保証人が登録されていません"}[self.value]


def why_not_sent(kind: LetterKind, assessed_on: date, due_date: date, owed: Yen,
                 issued_on: date) -> Unsendable | None:
    """Why a letter of `kind` issued on `issued_on` may not go out for this claim (None: it may)."""
    if assessed_on > issued_on:
        return Unsendable.NOT_ASSESSED
    if kind in DEMANDING_KINDS and issued_on <= due_date:
        return Unsendable.NOT_OVERDUE
    if owed <= 0:
        return Unsendable.NO_BALANCE
    return None


def payment_deadline(computed: date, due_dates: Iterable[date]) -> date:
    """A letter's 納付期限: the computed one, never before the due date of a claim it lists."""
    return max([computed, *due_dates])
