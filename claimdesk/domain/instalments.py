"""Instalment plans (分納誓約 / 履行延期): the schedule, and instalments matched to receipts.

Receipts paid on or after the day the plan was signed go to the instalments in order,
oldest first (a late payment catches up the oldest arrears). An instalment is missed
when it is not covered by its due date (plus the grace days); the acceleration clause
breaks the plan at the N-th miss (default two): the whole balance falls due.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

from .errors import REASONS, Refusal
from .money import Yen
from .open_days import OpenDays
from .periods import period_end

REASONS.update({
    "plan_total_positive": "分納の総額は1円以上にしてください",
    "plan_count_range": "分納の回数は1〜600回にしてください",
    "plan_interval": "分納の間隔は1か月以上にしてください",
    "plan_each_below_one_yen": "1回あたりの額が1円未満になります",
    "schedule_empty": "分納の予定を1回以上入力してください",
    "schedule_amount_positive": "{number}回目の額は1円以上にしてください",
    "schedule_not_rising": "{number}回目の納付日が前の回より後になっていません",
})


@dataclass(frozen=True)
class InstalmentRules:
    missed_to_break: int = 2
    grace_days: int = 0
    open_days: OpenDays = OpenDays()  # an instalment due on a closed day is due the next open day


class PlanKind(str, Enum):
    PLEDGE = "pledge"  # 分納誓約: the debtor's signed promise, an acknowledgment
    DEFERMENT = "deferment"  # 履行延期の特約 (令171条の6): a decision with approval

    @property
    def label(self) -> str:
        return "分納誓約" if self is PlanKind.PLEDGE else "履行延期の特約"


@dataclass(frozen=True)
class Instalment:
    seq: int
    due_on: date
    amount: Yen


class Payment(NamedTuple):
    """A receipt as plans, promises and the limitation clock see it: net of reversals.

    A tuple, not a dataclass: the worklist makes one for every receipt of every claim in
    arrears (about 185,000 on the large demo ledger).
    """

    on: date
    amount: Yen
    claim_id: str = ""


@dataclass(frozen=True)
class Plan:
    """A plan as recorded: its schedule and the claims it covers."""

    debtor_id: str
    claim_ids: tuple[str, ...]
    kind: PlanKind
    signed_on: date
    instalments: tuple[Instalment, ...]
    plan_id: int | None = None
    entry_id: int | None = None  # the signed pledge or the approved decision
    cancelled_on: date | None = None

    @property
    def total(self) -> Yen:
        return sum(i.amount for i in self.instalments)


def equal_schedule(total: Yen, count: int, first: date, interval_months: int = 1,
                   open_days: OpenDays | None = OpenDays()) -> tuple[Instalment, ...]:
    """`count` instalments of `total`, the odd yen on the first, every `interval_months`.

    The k-th date is k periods of `interval_months` counted from the first (民法143条: from
    1/31 or 4/30 to each month's end), moved to the next open day when the office is
    closed on it (`open_days=None` keeps the calendar dates).
    """
    if total <= 0:
        raise Refusal("total", "plan_total_positive")
    if not 1 <= count <= 600:
        raise Refusal("count", "plan_count_range")
    if interval_months < 1:
        raise Refusal("interval_months", "plan_interval")
    if total < count:
        raise Refusal("count", "plan_each_below_one_yen")
    each, odd = divmod(total, count)
    # Counted from the first date each time, so a plan on the 31st comes back to the 31st.
    dates = [first] + [period_end(first, months=k * interval_months) for k in range(1, count)]
    if open_days is not None:
        dates = [open_days.on_or_after(d) for d in dates]
    return tuple(Instalment(k + 1, d, each + (odd if k == 0 else 0)) for k, d in enumerate(dates))


def explicit_schedule(items: Sequence[tuple[date, Yen]]) -> tuple[Instalment, ...]:
    """A schedule as the clerk lists it: dates strictly rising, amounts of at least 1円."""
    if not items:
        raise Refusal("schedule", "schedule_empty")
    result: list[Instalment] = []
    for k, (on, amount) in enumerate(items, 1):
        if amount <= 0:
            raise Refusal("schedule", "schedule_amount_positive", number=k)
        if result and on <= result[-1].due_on:
            raise Refusal("schedule", "schedule_not_rising", number=k)
        result.append(Instalment(k, on, amount))
    return tuple(result)


class InstalmentStatus(str, Enum):
    PAID = "paid"
    PAID_LATE = "paid_late"
    MISSED = "missed"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        return {"paid": "納付済", "paid_late": "遅れて納付", "missed": "未納",
                "upcoming": "納期前"}[self.value]


@dataclass(frozen=True)
class InstalmentLine:
    instalment: Instalment
    paid: Yen  # applied to this instalment as of the day
    covered_on: date | None  # when it was paid in full
    status: InstalmentStatus
    missed: bool  # not covered by its due date plus grace (counts toward the clause)


class PlanStatus(str, Enum):
    ACTIVE = "active"
    BROKEN = "broken"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"active": "履行中", "broken": "不履行（期限の利益喪失）", "completed": "完了",
                "cancelled": "取消"}[self.value]


@dataclass(frozen=True)
class PlanState:
    """A plan matched against receipts as of a day."""

    plan_id: int | None
    kind: PlanKind
    signed_on: date
    lines: tuple[InstalmentLine, ...]
    status: PlanStatus
    broken_on: date | None  # the day the acceleration clause took effect
    cancelled_on: date | None

    @property
    def total(self) -> Yen:
        return sum(line.instalment.amount for line in self.lines)

    @property
    def paid(self) -> Yen:
        return sum(line.paid for line in self.lines)

    @property
    def missed(self) -> tuple[InstalmentLine, ...]:
        return tuple(line for line in self.lines if line.status is InstalmentStatus.MISSED)

    @property
    def arrears(self) -> Yen:
        """What is overdue and still unpaid."""
        return sum(line.instalment.amount - line.paid for line in self.missed)

    @property
    def next_due(self) -> InstalmentLine | None:
        return next((line for line in self.lines if line.status is InstalmentStatus.UPCOMING), None)


def plan_state(plan: Plan, payments: Iterable[Payment], as_of: date,
               rules: InstalmentRules = InstalmentRules()) -> PlanState:
    """A recorded plan matched against the receipts on its claims."""
    claims = set(plan.claim_ids)
    return match_plan(plan.instalments, [p for p in payments if not p.claim_id or p.claim_id in claims],
                      plan.signed_on, as_of, rules, kind=plan.kind, cancelled_on=plan.cancelled_on,
                      plan_id=plan.plan_id)


def match_plan(
    instalments: Sequence[Instalment],
    payments: Iterable[Payment],
    signed_on: date,
    as_of: date,
    rules: InstalmentRules = InstalmentRules(),
    *,
    kind: PlanKind = PlanKind.PLEDGE,
    cancelled_on: date | None = None,
    plan_id: int | None = None,
) -> PlanState:
    """Match the receipts paid since signing (up to `as_of`) to the instalments in order."""
    grace = timedelta(days=rules.grace_days)
    pool = sorted((p for p in payments if signed_on <= p.on <= as_of), key=lambda p: p.on)
    paid_on = [p.on for p in pool]
    unused = [p.amount for p in pool]  # what each receipt has left for later instalments
    lines: list[InstalmentLine] = []
    misses, broken_on = 0, None
    first, n = 0, len(unused)  # receipts before `first` are used up: no need to look at them again
    for inst in instalments:
        need, covered_on = inst.amount, None
        i = first
        while need and i < n:
            take = min(need, unused[i])
            if take > 0:
                unused[i] -= take
                need -= take
                if need == 0:
                    covered_on = paid_on[i]
            i += 1
        while first < n and unused[first] <= 0:
            first += 1
        paid = inst.amount - need
        limit = rules.open_days.on_or_after(inst.due_on) + grace
        missed = limit < as_of and (covered_on is None or covered_on > limit)
        if covered_on is not None:
            status = InstalmentStatus.PAID_LATE if covered_on > limit else InstalmentStatus.PAID
        else:
            status = InstalmentStatus.MISSED if limit < as_of else InstalmentStatus.UPCOMING
        if missed:
            misses += 1
            if misses == rules.missed_to_break and broken_on is None:
                broken_on = limit + timedelta(days=1)
        lines.append(InstalmentLine(inst, paid, covered_on, status, missed))
    if cancelled_on is not None and cancelled_on <= as_of:
        plan_status = PlanStatus.CANCELLED
    elif all(line.covered_on is not None for line in lines):
        plan_status = PlanStatus.COMPLETED
    elif broken_on is not None:
        plan_status = PlanStatus.BROKEN
    else:
        plan_status = PlanStatus.ACTIVE
    return PlanState(plan_id, kind, signed_on, tuple(lines), plan_status, broken_on,
                     cancelled_on if plan_status is PlanStatus.CANCELLED else None)
