"""Letters as the trade knows them (domain.md §8): kinds, deadlines, instalments, when due.

Every number here is only a default: the ledger's settings hold the values a department
uses (services/letters.py reads them), because ordinances and rules decide them.
"""

from __future__ import annotations

import calendar
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Mapping

from .errors import InvalidValue
from .money import Yen


class LetterKind(str, Enum):
    """The letters ClaimDesk prints; the value is the name scripts and forms use."""

    DEMAND = "demand"
    REMINDER = "reminder"
    FINAL_REMINDER = "final_reminder"
    INSTALMENT_PLEDGE = "instalment_pledge"
    ACKNOWLEDGMENT = "acknowledgment"
    GUARANTOR = "guarantor"
    CONSULTATION = "consultation"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> "LetterKind":
        """A kind from its code name (demand …) or its Japanese name (督促状 …)."""
        s = unicodedata.normalize("NFKC", str(text)).strip()
        for kind in cls:
            if s in (kind.value, kind.label):
                return kind
        raise InvalidValue(f"文書の種類が不明です（{text}）: {', '.join(k.value for k in cls)} のいずれか",
                           "kind")


_LABELS = {
    LetterKind.DEMAND: "督促状",
    LetterKind.REMINDER: "催告書",
    LetterKind.FINAL_REMINDER: "最終催告書",
    LetterKind.INSTALMENT_PLEDGE: "債務承認及び分納誓約書",
    LetterKind.ACKNOWLEDGMENT: "債務承認書",
    LetterKind.GUARANTOR: "保証人への履行請求書",
    LetterKind.CONSULTATION: "納付相談のご案内",
}

# Days from the issue date to the deadline printed on the letter (domain.md §3: a 督促
# gives 10–15 days, default 10; a 催告書 20 days). The rest are common practice.
DEFAULT_DEADLINE_DAYS = {
    LetterKind.DEMAND: 10,
    LetterKind.REMINDER: 20,
    LetterKind.FINAL_REMINDER: 10,
    LetterKind.INSTALMENT_PLEDGE: 14,
    LetterKind.ACKNOWLEDGMENT: 14,
    LetterKind.GUARANTOR: 20,
    LetterKind.CONSULTATION: 14,
}


def letter_deadline(issued_on: date, days: int, *, skip_weekends: bool = True) -> date:
    """The deadline `days` after issue; one falling on a Saturday or Sunday moves to Monday.

    National holidays and the year-end closure are not known here: a department that
    needs them sets the days so the deadline misses them, or corrects the letter.
    """
    if days < 0:
        raise InvalidValue(f"期限までの日数は0以上にしてください（{days}）", "days")
    deadline = issued_on + timedelta(days=days)
    if skip_weekends and deadline.weekday() >= 5:
        deadline += timedelta(days=7 - deadline.weekday())
    return deadline


@dataclass(frozen=True)
class Instalment:
    """One payment of an instalment plan (分納)."""

    number: int
    due_date: date
    amount: Yen


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it has no such day."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def instalment_schedule(total: Yen, count: int, first_due: date, *, unit: Yen = 100) -> list[Instalment]:
    """Split `total` into at most `count` monthly payments, each a multiple of `unit`.

    Payments are rounded up to the unit so the schedule ends early rather than late; the
    last payment takes what is left. A month-end first date keeps month ends
    (1/31 → 2/28 → 3/31), since payment slips fall due at a month's end.
    """
    if total <= 0:
        raise InvalidValue("分納する金額がありません", "total")
    if count < 1:
        raise InvalidValue(f"分納回数は1回以上にしてください（{count}）", "count")
    per = -(-total // count)
    per = -(-per // unit) * unit if unit > 1 else per
    keep_month_end = first_due == month_end(first_due)
    plan, left, n = [], total, 0
    while left > 0:
        due = add_months(first_due, n)
        if keep_month_end:
            due = month_end(due)
        n += 1
        pay = min(per, left)
        plan.append(Instalment(n, due, pay))
        left -= pay
    return plan


# --- when a letter is due (until the guided-steps engine decides it) -------------------

DUE_KINDS = (LetterKind.DEMAND, LetterKind.REMINDER, LetterKind.FINAL_REMINDER, LetterKind.GUARANTOR)
DEFAULT_REMINDER_AFTER_DAYS = 90  # domain.md §3: a 催告書 at about 3 months in arrears
DEFAULT_NEXT_STEP_AFTER_DAYS = 30  # a letter's deadline has passed with room to spare


def letter_is_due(
    kind: LetterKind,
    *,
    due_date: date,
    owed: Yen,
    as_of: date,
    sent: Mapping[LetterKind, date],
    has_guarantor: bool = False,
    reminder_after_days: int = DEFAULT_REMINDER_AFTER_DAYS,
    next_step_after_days: int = DEFAULT_NEXT_STEP_AFTER_DAYS,
) -> bool:
    """The simple rule of `--due`: is `kind` the letter this claim calls for now?

    `sent` holds the latest date each kind of letter was logged as sent on the claim.
    - demand: unpaid after the due date, and no 督促状 sent yet;
    - reminder: a 督促状 sent, `reminder_after_days` in arrears, no 催告書 since the 督促状;
    - final_reminder: a 催告書 sent `next_step_after_days` ago or more, none since;
    - guarantor: the claim has a guarantor and a 最終催告書 went unanswered as long.
    """
    if owed <= 0 or due_date >= as_of:
        return False
    wait = timedelta(days=next_step_after_days)
    demand, reminder = sent.get(LetterKind.DEMAND), sent.get(LetterKind.REMINDER)
    final = sent.get(LetterKind.FINAL_REMINDER)
    if kind is LetterKind.DEMAND:
        return demand is None
    if kind is LetterKind.REMINDER:
        return (demand is not None and (as_of - due_date).days >= reminder_after_days
                and (reminder is None or reminder < demand))
    if kind is LetterKind.FINAL_REMINDER:
        return reminder is not None and as_of - reminder >= wait and (final is None or final < reminder)
    if kind is LetterKind.GUARANTOR:
        done = sent.get(LetterKind.GUARANTOR)
        return has_guarantor and final is not None and as_of - final >= wait and (done is None or done < final)
    raise InvalidValue(f"{kind.label}は対象を自動では選べません。債権番号を指定してください", "kind")
