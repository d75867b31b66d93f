"""What the demo's casework mixins share: the state Casework (demo_casework.py) sets up.

Arrangements, Schedule and Mail each hold one part of the demo's casework and are mixed
into Casework; they read and write its state. Declaring that state once here, typed,
lets the type checker follow each mixin on its own.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from ..domain.claims import LegalNature
from ..domain.contacts import Channel, ContactEntry
from ..domain.instalments import InstalmentRules, Plan
from ..domain.procedure import StepDef
from ..storage.ledger import Ledger

# A follow-up of an arrangement or a letter: (day, (what, its id)).
FollowUp = tuple[int, tuple[str, int | None]]


class CaseworkState:
    """The state of the demo's casework, set up by Casework.__init__."""

    ledger: Ledger
    today: date
    T: int  # today's ordinal: the demo counts days as ordinals
    rng: random.Random
    rnd: Callable[[], float]
    plan_rules: InstalmentRules
    grace: int  # days a promise may run late before it counts as broken
    hard_cases: bool  # only some debtors worked on: those arrange (and break) more
    entry_id: int  # the next ids to give (the demo writes its history with its own ids)
    plan_id: int
    entries: list[ContactEntry]
    promises: list[tuple[int, date, int, date]]  # (entry, made on, amount, due on)
    plans: list[Plan]
    order: dict[LegalNature, dict[str, int]]  # each procedure's steps by their place
    groups: dict[LegalNature, dict[str, str]]
    legal: dict[tuple[str, LegalNature], tuple[StepDef, int]]  # (debtor, nature) → (step, day)
    arranged: defaultdict[str, list[tuple[int, int | None]]]  # debtor → [(made, due or None)]
    moved: dict[str, int | None]
    now: int
    stop: int

    def _entry(self, cases: Any, day: int, channel: Channel, summary: str, *, mark: bool = True,
               **fields: Any) -> ContactEntry:
        """One contact entry of the demo history (Casework writes it)."""
        raise NotImplementedError
