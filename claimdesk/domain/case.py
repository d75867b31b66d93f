"""Where a claim stands in its procedure, derived from its history alone.

Nothing here is stored: the stage, the next step and its deadline come from the due
date, the receipts, the contact log (steps done, letters sent and returned, decisions),
promises and plans. A step is never skipped because nobody opened the program on the
day it fell due; it is simply overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

from .casework_settings import CaseworkSettings
from .claims import LegalNature
from .contacts import Channel, Decision, LegalEffect, LetterKind, LogView, delivered
from .enforcement import Enforcement, decided_extinguishes_on, decided_only
from .instalments import Payment, PlanState, PlanStatus
from .limitation import Limitation, LimitationFact, LimitationState, limitation
from .money import Yen
from .open_days import OpenDays
from .periods import period_end
from .procedure import Procedure, StepDef
from .promises import PromiseState, PromiseStatus


@dataclass(frozen=True)
class CaseHistory:
    """What one claim's derivation needs, gathered by the caller."""

    claim_id: str
    claim_type: str
    legal_nature: LegalNature
    due_date: date
    balance: Yen
    written_off: Yen
    receipts: tuple[Payment, ...]  # net of reversals, this claim only
    log: LogView  # the entries concerning this claim
    promises: tuple[PromiseState, ...] = ()
    plans: tuple[PlanState, ...] = ()
    has_liable_parties: bool = False  # guarantors or heirs
    enforcement: Enforcement = Enforcement()  # 財産調査・差押・執行停止 (current entries only)
    referred_on: date | None = None  # the latest referral to 生活困窮者自立支援 or 法テラス


class StageKind(str, Enum):
    NOT_DUE = "not_due"
    SETTLED = "settled"
    PROCEDURE = "procedure"
    PROMISE = "promise"
    PLAN = "plan"
    EXTINGUISHED = "extinguished"
    FINISHED = "finished"  # every step that applies is done


class StepTiming(str, Enum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {"upcoming": "予定", "due": "対応時期", "overdue": "期限超過"}[self.value]


@dataclass(frozen=True)
class NextStep:
    step: StepDef
    due_on: date  # from this day the step is to be done …
    deadline: date  # … by this day
    options: tuple[StepDef, ...] = ()  # alternatives of the same group

    def timing(self, today: date) -> StepTiming:
        if today > self.deadline:
            return StepTiming.OVERDUE
        return StepTiming.DUE if today >= self.due_on else StepTiming.UPCOMING


class StepProgress(NamedTuple):
    """A step of the claim's procedure and how far it got (a tuple: one per step per claim)."""

    step: StepDef
    done_on: date | None
    applies: bool  # False: not for this claim (no guarantor, prerequisite not done …)
    passed: bool = False  # not done, but a later step was: skipped by the clerk


@dataclass(frozen=True)
class CaseState:
    stage: str
    kind: StageKind
    next_step: NextStep | None
    limitation: Limitation
    limitation_state: LimitationState
    extinguished_on: date | None
    extinguished_by: str
    plan: PlanState | None  # the plan in force or last in force
    promise: PromiseState | None  # the latest promise
    resume_on: date | None  # when the procedure took up again after a promise or plan
    procedure: Procedure
    done: tuple[tuple[str, date], ...]  # (step id, latest day done), in the procedure's order
    has_liable_parties: bool

    @property
    def progress(self) -> tuple[StepProgress, ...]:
        """Every step of the procedure and how far it got (made when asked: the claim page)."""
        done = dict(self.done)
        steps = self.procedure.steps
        last_done = max((i for i, s in enumerate(steps) if s.id in done), default=-1)
        result = []
        for i, step in enumerate(steps):
            applies = _applies(step, done, self.has_liable_parties, self.extinguished_on)
            passed = step.id not in done and applies and i < last_done and step.when == ""
            result.append(StepProgress(step, done.get(step.id), applies, passed))
        return tuple(result)


def limitation_facts(history: CaseHistory) -> list[LimitationFact]:
    """The log's entries with a legal effect (undelivered letters have none); payments go apart."""
    facts = []
    for e in history.log.current:
        if e.legal_effect is LegalEffect.NONE:
            continue
        if e.channel is Channel.LETTER_OUT and not delivered(e, history.log):
            continue
        facts.append(LimitationFact(e.on, e.legal_effect, entry_id=e.entry_id, letter=e.letter_kind))
    return facts


def claim_limitation(history: CaseHistory, settings: CaseworkSettings, today: date) -> Limitation:
    """The claim's limitation date as of `today`, from its payments and its log."""
    return limitation(history.legal_nature, history.due_date, limitation_facts(history), today,
                      settings.limitation, settings.limitation_years(history.claim_type), history.receipts,
                      history.enforcement.seizures)


def steps_done(procedure: Procedure, log: LogView) -> dict[str, date]:
    """The latest day each step was done, by step id: by its id, its letter or its decision.

    One pass over the log, then a look-up per step (the worklist does this for every
    claim with casework). The log's current entries are newest first, so the first entry
    seen of a step, letter or decision is its latest.
    """
    by_step: dict[str, date] = {}
    by_letter: dict[LetterKind | None, date] = {}
    by_decision: dict[Decision | None, date] = {}
    for e in log.current:
        if e.step_id and e.step_id not in by_step:
            by_step[e.step_id] = e.on
        if (e.letter_kind is not None and e.letter_kind not in by_letter and e.channel is Channel.LETTER_OUT
                and delivered(e, log)):
            by_letter[e.letter_kind] = e.on
        if e.decision is not None and e.decision not in by_decision:
            by_decision[e.decision] = e.on
    done: dict[str, date] = {}
    if not (by_step or by_letter or by_decision):
        return done
    for step in procedure.steps:
        day = by_step.get(step.id)
        for other in (by_letter.get(step.letter), by_decision.get(step.decision)):
            if other is not None and (day is None or other > day):
                day = other
        if day is not None:
            done[step.id] = day
    return done


def _extinguished(history: CaseHistory, lim: Limitation, settings: CaseworkSettings,
                  today: date) -> tuple[date | None, str]:
    candidates = []
    if lim.public:
        candidates.append((lim.limitation_date + timedelta(days=1), "時効完成"))
    if lim.invoked_on is not None:
        candidates.append((lim.invoked_on, "時効の援用"))
    for e in history.log.current:
        if e.decision in (Decision.WAIVER, Decision.EXEMPTION):
            candidates.append((e.on, e.decision.label))
    for e in decided_only(history.log.current, history.enforcement):  # suspensions with a record: the record decides
        years = settings.enforcement_suspension_years
        # Extinguished when the suspension has lasted `years`: on the day after the period.
        candidates.append((decided_extinguishes_on(e.on, years), f"執行停止{years}年継続"))
    for suspension in history.enforcement.suspensions:
        years = settings.enforcement_suspension_years
        gone = suspension.extinguishes_on(years)
        if gone is not None:
            candidates.append((gone, suspension.reason(years)))
    due = [c for c in candidates if c[0] <= today]
    return min(due) if due else (None, "")


def assess_case(history: CaseHistory, procedure: Procedure, settings: CaseworkSettings,
                today: date, memo: dict[object, CaseState] | None = None, *, steps: bool = True) -> CaseState:
    """The claim's stage, next step, limitation and arrangements as of `today`.

    `memo` (a dict kept across calls for one day) shares the result among claims with
    nothing in their history but a due date: for them it depends only on the due date,
    the kind, the period and whether someone else is liable.
    `steps=False`: the procedure's steps are not worked out (none done, no next step, so
    the stage of a claim in procedure reads as finished): only for `case_class`, which
    reads none of them (the 個票's class table, services/case_loader.load_classes).
    """
    bare = (memo is not None and history.balance > 0 and not history.receipts and not history.log.current
            and not history.plans and not history.promises and not history.enforcement)
    if bare and memo is not None:
        whole = ("case", id(procedure), history.due_date, history.has_liable_parties,
                 settings.limitation_years(history.claim_type), today, steps)
        if whole in memo:
            return memo[whole]
        memo[whole] = assessed = assess_case(history, procedure, settings, today, None, steps=steps)
        return assessed
    lim = claim_limitation(history, settings, today)
    lim_state = lim.state(today, settings.limitation.warn_days)
    gone_on, gone_by = _extinguished(history, lim, settings, today)
    plan = max(history.plans, key=lambda p: (p.signed_on, p.plan_id or 0), default=None)
    promise = max((p for p in history.promises if p.status is not PromiseStatus.SUPERSEDED),
                  key=lambda p: (p.promise.made_on, p.promise.promise_id or 0), default=None)
    resume = _resume_on(plan, promise)
    done = steps_done(procedure, history.log) if steps else {}
    next_step = _next_step(procedure, done, history, gone_on, resume, settings.open_days) if steps else None

    def state(stage: str, kind: StageKind, step: NextStep | None = next_step) -> CaseState:
        return CaseState(stage, kind, step, lim, lim_state, gone_on, gone_by, plan, promise, resume,
                         procedure, tuple(done.items()), history.has_liable_parties)

    if history.balance <= 0:
        return state("欠損済" if history.written_off > 0 else "完納", StageKind.SETTLED, None)
    if history.due_date >= today:
        return state("納期前", StageKind.NOT_DUE, None)
    if gone_on is not None:
        return state(f"消滅（{gone_by}）: 不納欠損待ち", StageKind.EXTINGUISHED)
    if plan is not None and plan.status is PlanStatus.ACTIVE:
        return state(f"{plan.kind.label}中", StageKind.PLAN, None)
    if promise is not None and promise.status is PromiseStatus.PENDING:
        return state("納付約束中", StageKind.PROMISE, None)
    suspended = next((e.decision for e in history.log.current
                      if e.decision in (Decision.COLLECTION_SUSPENSION, Decision.ENFORCEMENT_SUSPENSION)
                      and (e.entry_id not in history.enforcement.entry_ids or history.enforcement.suspension)), None)
    if next_step is None:
        if suspended is not None:
            return state(f"{suspended.label}中", StageKind.FINISHED)
        if not done:
            return state("手順なし", StageKind.FINISHED)
        last = procedure.step(max(done, key=lambda step_id: done[step_id]))
        assert last is not None  # done holds ids of this procedure's steps
        return state(f"{last.title}済（経過観察）", StageKind.FINISHED)
    if suspended is not None and next_step.timing(today) is StepTiming.UPCOMING:
        return state(f"{suspended.label}中", StageKind.PROCEDURE)
    return state(next_step.step.stage, StageKind.PROCEDURE)


def _resume_on(plan: PlanState | None, promise: PromiseState | None) -> date | None:
    """The day the procedure took up again after a broken, cancelled or finished arrangement."""
    days: list[date | None] = []
    if plan is not None and plan.status is not PlanStatus.ACTIVE:
        ends = {PlanStatus.BROKEN: plan.broken_on, PlanStatus.CANCELLED: plan.cancelled_on,
                PlanStatus.COMPLETED: max((l.covered_on for l in plan.lines if l.covered_on), default=None)}
        days.append(ends[plan.status])
    if promise is not None and promise.status in (PromiseStatus.BROKEN, PromiseStatus.KEPT):
        days.append(promise.settled_on)
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _applies(step: StepDef, done: dict[str, date], has_liable_parties: bool, gone_on: date | None) -> bool:
    """Whether a step is for this claim at all (as opposed to done, due or passed)."""
    if step.when == "extinguished":
        return gone_on is not None
    if step.only_if == "guarantors" and not has_liable_parties:
        return False
    return not step.requires or step.requires in done


def _next_step(procedure: Procedure, done: dict[str, date], history: CaseHistory, gone_on: date | None,
               resume: date | None, open_days: OpenDays = OpenDays()) -> NextStep | None:
    """The first step that applies, is not done, and comes after the last one done.

    Steps before the last one done are passed (the clerk went on without them); of a
    group of alternatives one done is enough; once the claim is extinguished only the
    closing steps are left.
    """
    steps = procedure.steps
    last_done = max((i for i, s in enumerate(steps) if s.id in done), default=-1)
    groups_done = {s.group for s in steps if s.group and s.id in done}
    previous = None  # the latest day a step before this one was done
    for i, step in enumerate(steps):
        if step.id in done:
            previous = max(previous or done[step.id], done[step.id])
            continue
        if gone_on is not None and step.when != "extinguished":
            continue
        if not _applies(step, done, history.has_liable_parties, gone_on):
            continue
        if (i < last_done and step.when == "") or (step.group and step.group in groups_done):
            continue
        return _timed(step, steps, done, previous, history.due_date, gone_on, resume, open_days)
    return None


def _timed(step: StepDef, steps: tuple[StepDef, ...], done: dict[str, date], previous: date | None,
           due_date: date, gone_on: date | None, resume: date | None, open_days: OpenDays) -> NextStep:
    anchor: date
    if step.when == "extinguished":
        assert gone_on is not None  # _applies offers a closing step only once extinguished
        anchor = gone_on
    elif step.after == "due_date":
        anchor = due_date
    elif step.after == "previous":
        anchor = previous or due_date
    else:
        anchor = done.get(step.after) or previous or due_date
    due_on = period_end(anchor, days=step.days)
    deadline = period_end(anchor, days=step.deadline_days)
    if resume is not None and due_on < resume:
        # After a broken promise or plan the step is due again, with its usual time to do it.
        due_on, deadline = resume, max(deadline, period_end(resume, days=max(step.deadline_days - step.days, 0)))
    # A deadline on a closed day is met on the next open day (地方自治法4条の2第4項).
    deadline = open_days.on_or_after(deadline)
    options = tuple(s for s in steps if step.group and s.group == step.group and s.id != step.id)
    return NextStep(step, due_on, deadline, options)
