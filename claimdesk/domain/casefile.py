"""経過記録書 and 引継書 as plain data: what the reports print, gathered by services.

The 経過記録書 is one debtor's file for a lawyer (弁護士委任) or a 支払督促: who owes,
what, since when, what was done and what the debtor said — in the order a lawyer reads
it. The 引継書 is the department's state on a day for the clerk who takes over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .case_class import CaseClass
from .charges import LateCharge
from .claims import Claim, Debtor, MoneyEvent
from .contacts import ContactEntry
from .enforcement import Enforcement
from .instalments import PlanState
from .limitation import Limitation
from .money import Yen
from .promises import PromiseState
from .text import Phrase


@dataclass(frozen=True)
class LiablePerson:
    """A guarantor or heir as the file shows them."""

    role: str  # 連帯保証人 / 相続人
    name: str
    address: str = ""
    phone: str = ""
    relation: str = ""
    claim_id: str = ""


@dataclass(frozen=True)
class ClaimFile:
    """One claim of the 経過記録書 as of the file's date."""

    claim: Claim
    legal_nature_label: str
    assessed: Yen  # amount plus adjustments
    collected: Yen
    balance: Yen
    late_charge: LateCharge
    stage: str
    case_class: CaseClass | None
    limitation: Limitation
    extinguished_on: date | None
    extinguished_by: str
    events: tuple[MoneyEvent, ...]  # oldest first
    promises: tuple[PromiseState, ...] = ()
    plans: tuple[PlanState, ...] = ()
    enforcement: Enforcement = Enforcement()


@dataclass(frozen=True)
class CaseFile:
    """経過記録書: one debtor's claims, their history and every contact, as of a day."""

    department_name: str
    as_of: date
    debtor: Debtor
    liable: tuple[LiablePerson, ...]
    claims: tuple[ClaimFile, ...]
    log: tuple[ContactEntry, ...]  # oldest first, current entries only
    returned: dict[int, date] = field(default_factory=dict)  # letter entry id → the date it came back
    prepared_by: str = ""

    @property
    def balance(self) -> Yen:
        return sum(c.balance for c in self.claims)

    @property
    def late_charges(self) -> Yen:
        return sum(c.late_charge.outstanding for c in self.claims)

    @property
    def letters(self) -> tuple[ContactEntry, ...]:
        """Letters sent, oldest first."""
        return tuple(e for e in self.log if e.letter_kind is not None and e.channel.value == "letter_out")

    @property
    def decisions(self) -> tuple[ContactEntry, ...]:
        return tuple(e for e in self.log if e.decision is not None)


@dataclass(frozen=True)
class OpenCase:
    """One line of the 引継書: an open claim, where it stands and what comes next."""

    claim_id: str
    debtor_id: str
    debtor_name: str
    claim_type: str
    balance: Yen
    stage: str
    case_class: CaseClass | None
    next_step: str = ""
    due_on: date | None = None
    deadline: date | None = None
    limitation_date: date | None = None
    limitation_basis: Phrase | None = None  # worded by the report (和暦)


@dataclass(frozen=True)
class RunningPlan:
    debtor_name: str
    claim_ids: tuple[str, ...]
    state: PlanState


@dataclass(frozen=True)
class TargetStanding:
    """One claim type's target and where the year stands (rates in percent)."""

    claim_type: str
    category_label: str
    target: Decimal | None
    actual: Decimal | None
    assessed: Yen
    collected: Yen
    outstanding: Yen


@dataclass(frozen=True)
class ClassCount:
    case_class: CaseClass
    claims: int
    balance: Yen


@dataclass(frozen=True)
class Handover:
    """引継書: the department's open cases on a day, for the clerk who takes over."""

    department_name: str
    as_of: date
    fiscal_year: int
    cases: tuple[OpenCase, ...]  # every open claim past due or with casework
    near_limitation: tuple[OpenCase, ...]  # limitation date within the next 12 months, soonest first
    plans: tuple[RunningPlan, ...]
    classes: tuple[ClassCount, ...]
    targets: tuple[TargetStanding, ...]
    shown_per_stage: int = 40  # lines listed per stage; the rest are counted
    shown_near: int = 200  # claims near their limitation listed, soonest first; the rest are counted
    shown_plans: int = 200  # plans listed, those with arrears first; the rest are counted

    def stages(self) -> list[tuple[str, list[OpenCase]]]:
        """The open cases grouped by stage, each by deadline; the stage with the earliest deadline
        first, stages with nothing to do (経過観察, 分納中 …) last."""
        groups: dict[str, list[OpenCase]] = {}
        for c in self.cases:
            groups.setdefault(c.stage, []).append(c)
        for cases in groups.values():
            cases.sort(key=lambda c: (c.deadline or date.max, c.claim_id))
        return sorted(groups.items(), key=lambda g: (g[1][0].deadline or date.max, -len(g[1]), g[0]))


def count_classes(pairs: Iterable[tuple[CaseClass | None, Yen]],
                  collect: tuple[int, Yen] = (0, 0)) -> tuple[ClassCount, ...]:
    """(class, balance) pairs counted per class, in the classes' order (回収 first);
    `collect`: claims and yen of 回収 counted already."""
    counts = {c: [0, 0] for c in CaseClass}
    counts[CaseClass.COLLECT] = list(collect)
    for cls, balance in pairs:
        if cls is not None:
            counts[cls][0] += 1
            counts[cls][1] += balance
    return tuple(ClassCount(c, n, yen) for c, (n, yen) in counts.items())
