"""What a claim's limitation is (時効, domain.md §4): the rules' numbers, the facts that move
it, the date found and the trail of what each fact did, told as lines.

limitation.py runs the clock that finds it; this holds what the clock reads and returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import NamedTuple

from .contacts import LegalEffect, LetterKind
from .instalments import Payment
from .money import format_yen
from .text import Phrase

RENEWED = "時効の更新"  # the outcome of a renewal, which notes() folds for runs of payments


@dataclass(frozen=True)
class LimitationRules:
    """The numbers an ordinance or the law sets; defaults from domain.md §4."""

    years: int = 5
    judgment_years: int = 10
    demand_renewal_days: int = 10  # 督促: renewal on the 10th day after issue (tax practice)
    reminder_months: int = 6
    negotiation_months: int = 12
    negotiation_max_years: int = 5
    warn_days: int = 180


@dataclass(frozen=True)
class LimitationFact:
    """Something in a claim's history that may move its limitation date."""

    on: date
    effect: LegalEffect
    what: str = ""  # how the clerk knows it, if not from the fields below
    paid: int | None = None  # a part payment: its amount
    entry_id: int | None = None  # the contact log entry …
    letter: LetterKind | None = None  # … and its letter: '督促状（交渉記録 12）'

    @property
    def label(self) -> str:
        """What the fact is, in words (made only when shown)."""
        if self.what:
            return self.what
        if self.paid is not None:
            return f"一部納付 {format_yen(self.paid)}"
        what = self.letter.label if self.letter is not None else self.effect.label
        return f"{what}（交渉記録 {self.entry_id}）" if self.entry_id is not None else what


class LimitationState(str, Enum):
    RUNNING = "running"
    APPROACHING = "approaching"
    EXTINGUISHED = "extinguished"  # public claim: gone without 援用, write off
    STANDING = "standing"  # private claim past its date: stands until invoked
    INVOKED = "invoked"  # private claim invoked: gone, write off

    @property
    def label(self) -> str:
        return {"running": "進行中", "approaching": "時効間近", "extinguished": "時効完成（消滅・要不納欠損）",
                "standing": "時効期間経過（援用があるまで存続）", "invoked": "時効援用済（消滅・要不納欠損）"}[self.value]


@dataclass(frozen=True)
class Limitation:
    """A claim's limitation date as of a day, and why."""

    public: bool
    limitation_date: date  # the last day; suspension included
    period_end: date  # the last day of the running period, without suspension
    rests_on: Phrase  # what the running period started from
    suspended_by: Phrase | None  # what postpones completion
    trail: tuple[tuple[LimitationFact | PaymentRun, Phrase], ...] = ()  # every fact considered and what it did
    invoked_on: date | None = None

    @property
    def notes(self) -> tuple[Phrase, ...]:
        """The trail as lines; part payments that each renewed the period in turn are one line."""
        lines: list[Phrase] = []
        first: Payment | None = None
        last: Payment | None = None
        count = 0

        def flush() -> None:
            if not count:
                return
            assert first is not None and last is not None  # set together with count
            if count == 1:
                lines.append(Phrase.of("{on} {label}: " + RENEWED, on=last.on, label=as_fact(last).label))
            else:
                lines.append(Phrase.of("{first}〜{last} 一部納付 {count}回: そのつど" + RENEWED + "（最後は {last}）",
                                       first=first.on, last=last.on, count=count))

        for item, outcome in self.trail:
            if isinstance(item, PaymentRun) and outcome.template == RENEWED:
                first, last, count = (first if count else item.first), item.last, count + item.times
                continue
            flush()
            count = 0
            fact = as_fact(item)
            lines.append(Phrase.of("{on} {label}: {outcome}", on=fact.on, label=fact.label, outcome=outcome))
        flush()
        return tuple(lines)

    def days_left(self, today: date) -> int:
        """Days until the limitation date (0 on the day itself, negative once past)."""
        return (self.limitation_date - today).days

    def state(self, today: date, warn_days: int) -> LimitationState:
        if self.invoked_on is not None and self.invoked_on <= today:
            return LimitationState.INVOKED
        if today > self.limitation_date:
            return LimitationState.EXTINGUISHED if self.public else LimitationState.STANDING
        if self.days_left(today) <= warn_days:
            return LimitationState.APPROACHING
        return LimitationState.RUNNING

    @property
    def basis(self) -> Phrase:
        """One line for the claim page: the date's grounds."""
        if self.suspended_by is None:
            return self.rests_on
        return Phrase.of("{rests_on}、{suspended_by}", rests_on=self.rests_on, suspended_by=self.suspended_by)


class PaymentRun(NamedTuple):
    """Part payments one after another, each inside the period the one before renewed."""

    first: Payment
    last: Payment
    times: int  # how many payments (not "count": that is tuple's own method)


def as_fact(item: LimitationFact | PaymentRun | Payment) -> LimitationFact:
    """Part payments travel as `Payment` tuples; shown, they are facts like the others."""
    if isinstance(item, LimitationFact):
        return item
    if isinstance(item, PaymentRun):
        item = item.last
    return LimitationFact(item.on, LegalEffect.ACKNOWLEDGMENT, paid=item.amount)
