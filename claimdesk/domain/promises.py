"""Promises to pay (納付約束): an amount by a date, kept or broken as the receipts show.

Nobody marks a promise kept: receipts on its claims from the day it was made to its
date (plus grace days) decide. When several promises run at once, a receipt counts
once, for the promise due first. A promise replaced before its date by a newer promise
or a plan is superseded, not broken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from .errors import REASONS, Refusal
from .instalments import Payment
from .money import Yen

REASONS.update({
    "promise_amount_positive": "約束の金額は1円以上にしてください",
    "promise_due_before_made": "約束の期日が約束した日より前です",
})


@dataclass(frozen=True)
class Promise:
    debtor_id: str
    claim_ids: tuple[str, ...]
    made_on: date
    amount: Yen
    due_on: date
    promise_id: int | None = None
    entry_id: int | None = None  # the contact in which it was made

    def __post_init__(self) -> None:
        if self.amount <= 0:
            raise Refusal("amount", "promise_amount_positive")
        if self.due_on < self.made_on:
            raise Refusal("due_on", "promise_due_before_made")
        if not self.claim_ids:
            raise Refusal("claim_id", "claim_required")


class PromiseStatus(str, Enum):
    PENDING = "pending"
    KEPT = "kept"
    BROKEN = "broken"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return {"pending": "約束中", "kept": "履行", "broken": "不履行", "superseded": "変更"}[self.value]


@dataclass(frozen=True)
class PromiseState:
    promise: Promise
    status: PromiseStatus
    paid: Yen  # counted toward it by its date (or as of the day, while pending)
    settled_on: date | None  # kept on, broken on (the day after the date), or superseded on


@dataclass(slots=True)
class _Slot:
    """A receipt while promises take from it: what is left of it for later ones."""

    on: date
    left: Yen
    claim_id: str


def promise_states(promises: Sequence[Promise], payments: Iterable[Payment], as_of: date,
                   grace_days: int = 0, replaced_on: Sequence[date] = ()) -> list[PromiseState]:
    """Each promise's status as of `as_of`, in the order given.

    `replaced_on` are the days newer arrangements were made (promises are included
    automatically; pass the signing dates of plans): one made after a promise and before
    its date supersedes it.
    """
    grace = timedelta(days=grace_days)
    pool = [_Slot(p.on, p.amount, p.claim_id) for p in sorted(payments, key=lambda p: p.on) if p.on <= as_of]
    arrangements = sorted({p.made_on for p in promises} | set(replaced_on))
    states: dict[int, PromiseState] = {}
    for index in sorted(range(len(promises)), key=lambda i: (promises[i].due_on, i)):
        p = promises[index]
        limit = p.due_on + grace
        need, kept_on = p.amount, None
        claims = set(p.claim_ids)
        for slot in pool:
            if need == 0 or slot.on > limit:
                break
            if slot.on < p.made_on or (slot.claim_id and slot.claim_id not in claims) or slot.left <= 0:
                continue
            take = min(need, slot.left)
            slot.left -= take
            need -= take
            if need == 0:
                kept_on = slot.on
        paid = p.amount - need
        newer = next((d for d in arrangements if p.made_on < d <= min(limit, as_of)), None)
        if kept_on is not None:
            state = PromiseState(p, PromiseStatus.KEPT, paid, kept_on)
        elif newer is not None:
            state = PromiseState(p, PromiseStatus.SUPERSEDED, paid, newer)
        elif limit < as_of:
            state = PromiseState(p, PromiseStatus.BROKEN, paid, limit + timedelta(days=1))
        else:
            state = PromiseState(p, PromiseStatus.PENDING, paid, None)
        states[index] = state
    return [states[i] for i in range(len(promises))]
