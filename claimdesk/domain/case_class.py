"""Where an open claim belongs: 回収 (collectable, in the procedure) or one of the 整理 classes.

The class is derived from the claim's history on a day, like its stage, never stored:
- 時効経過: the limitation date has passed (a public claim is gone, a private one stands
  until invoked), or the claim is otherwise extinguished and awaits its 不納欠損;
- 執行停止: a 執行停止 (or, for a claim not collected like tax, a 徴収停止) is in force;
- 分納中: an instalment plan or a 履行延期 is running;
- 生活困窮: the debtor was referred to 生活困窮者自立支援 or 法テラス (recorded in the
  contact log) and no arrangement was made since;
- 交渉中: a promise is pending, or an agreement to negotiate was made within a year, or
  a contact's next action is still ahead;
- 回収: everything else that is open.
The order above is the order of precedence.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from .case import CaseHistory, CaseState, StageKind
from .contacts import Decision, LegalEffect
from .limitation import LimitationState, earliest_limitation_date
from .periods import period_end


class CaseClass(str, Enum):
    COLLECT = "collect"
    INSTALMENTS = "instalments"
    NEGOTIATING = "negotiating"
    SUSPENDED = "suspended"
    TIME_BARRED = "time_barred"
    HARDSHIP = "hardship"

    @property
    def label(self) -> str:
        return {"collect": "回収", "instalments": "分納中", "negotiating": "交渉中", "suspended": "執行停止",
                "time_barred": "時効経過", "hardship": "生活困窮"}[self.value]

    @property
    def group(self) -> str:
        """'回収' or '整理'."""
        return "回収" if self is CaseClass.COLLECT else "整理"

    @property
    def full_label(self) -> str:
        """'回収' or '整理（分納中）'."""
        return self.label if self is CaseClass.COLLECT else f"整理（{self.label}）"


def limitation_ahead_from(today: date, years: int) -> date:
    """The earliest due date from which no claim's limitation of `years` can have passed by `today`.

    Without casework (no contact entry, plan, promise or 滞納処分) an open claim is 回収
    unless its limitation has passed: payments only renew it, so a claim due on or after
    this day is 回収 without looking at its history (the 個票 counts those in SQL).
    """
    # Just before the day `years` back, whose earliest limitation date is surely before
    # today; then forward (period_end rises with its start) to the first that is not.
    due = date(today.year - years, today.month, 1) - timedelta(days=1)
    while earliest_limitation_date(due, years) < today:
        due += timedelta(days=1)
    return due


SETTLE = "整理"  # a filter value: every class but 回収


def in_class(cls: CaseClass | None, wanted: CaseClass | str | None) -> bool:
    """Whether a claim of class `cls` passes a filter on `wanted` (None: all; '整理': every 整理 class)."""
    if wanted is None:
        return True
    if wanted == SETTLE:
        return cls is not None and cls is not CaseClass.COLLECT
    return cls is wanted


_PAST = (LimitationState.EXTINGUISHED, LimitationState.STANDING, LimitationState.INVOKED)
_STOPS = (Decision.ENFORCEMENT_SUSPENSION, Decision.COLLECTION_SUSPENSION)


def case_class(history: CaseHistory, state: CaseState, today: date) -> CaseClass | None:
    """The class of an open claim on `today`; None for a claim settled (paid or written off)."""
    if state.kind is StageKind.SETTLED:
        return None
    if state.limitation_state in _PAST or state.kind is StageKind.EXTINGUISHED:
        if state.extinguished_by.startswith("執行停止"):
            return CaseClass.SUSPENDED
        return CaseClass.TIME_BARRED
    recorded = history.enforcement.entry_ids  # a recorded suspension counts only while in force
    if history.enforcement.suspension is not None or any(
            e.decision in _STOPS and e.entry_id not in recorded for e in history.log.current):
        return CaseClass.SUSPENDED
    if state.kind is StageKind.PLAN:
        return CaseClass.INSTALMENTS
    if history.referred_on is not None and not _arranged_since(state, history.referred_on):
        return CaseClass.HARDSHIP
    if state.kind is StageKind.PROMISE or _negotiating(history, today):
        return CaseClass.NEGOTIATING
    return CaseClass.COLLECT


def _arranged_since(state: CaseState, day: date) -> bool:
    """A plan signed or a promise made on or after `day`."""
    return ((state.plan is not None and state.plan.signed_on >= day)
            or (state.promise is not None and state.promise.promise.made_on >= day))


def _negotiating(history: CaseHistory, today: date) -> bool:
    """An agreement to negotiate within its year (民法151条), or a next action still ahead."""
    if any(e.legal_effect is LegalEffect.NEGOTIATION and period_end(e.on, months=12) >= today
           for e in history.log.current):
        return True
    latest = history.log.current[0] if history.log.current else None
    return latest is not None and latest.next_action_on is not None and latest.next_action_on >= today
