"""「本日の作業」: what a claim needs done on a day, and in which order to do it.

An item stays on the list until the history shows it handled: a broken promise or plan
until a later contact is logged, a returned letter until the debtor is contacted again
or their address changes, a next action until a later entry is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum, IntEnum
from typing import Protocol

from .case import CaseState, StageKind, StepTiming
from .case_class import CaseClass
from .claims import LegalNature
from .contacts import ContactEntry, LogView
from .enforcement import Enforcement, FollowUpDays
from .instalments import PlanStatus
from .limitation import LimitationState
from .money import Yen, format_yen
from .promises import PromiseStatus
from .text import Phrase


class WorkKind(str, Enum):
    STEP = "step"
    NEXT_ACTION = "next_action"
    PROMISE_BROKEN = "promise_broken"
    INSTALMENT_MISSED = "instalment_missed"
    PLAN_BROKEN = "plan_broken"
    LIMITATION_NEAR = "limitation_near"
    LIMITATION_PASSED = "limitation_passed"
    LETTER_RETURNED = "letter_returned"
    REFUND = "refund"  # 過誤納金 held: to be refunded (還付)
    ENFORCEMENT = "enforcement"  # 財産調査の回答待ち, 差押の手続中, 執行停止の3年経過
    TRANSFER_FAILED = "transfer_failed"  # 口座振替不能: the bank could not debit the account
    FINAL_MISSING = "final_missing"  # a コンビニ 速報 whose 確報 has not come

    @property
    def label(self) -> str:
        return {"step": "手順", "next_action": "次回対応", "promise_broken": "約束不履行",
                "instalment_missed": "分納未納", "plan_broken": "分納不履行",
                "limitation_near": "時効間近", "limitation_passed": "時効",
                "letter_returned": "返戻・所在調査", "refund": "還付", "enforcement": "滞納処分",
                "transfer_failed": "口座振替不能", "final_missing": "確報未着"}[self.value]


_KIND_ORDER = {kind: i for i, kind in enumerate(WorkKind)}


class Urgency(IntEnum):
    """Lower comes first."""

    URGENT = 0  # a limitation date within days, a plan just broken
    OVERDUE = 1  # past its deadline
    DUE = 2  # to be done now
    NOTICE = 3  # to know and to plan for

    @property
    def label(self) -> str:
        return ("緊急", "期限超過", "対応時期", "確認")[self]


@dataclass(frozen=True)
class ClaimLine:
    """What a worklist row shows of its claim."""

    claim_id: str
    debtor_id: str
    debtor_name: str
    claim_type: str
    legal_nature: LegalNature
    balance: Yen
    case_class: CaseClass | None = None  # 回収 / 整理 (set once the claim is assessed)


@dataclass(frozen=True)
class WorkItem:
    kind: WorkKind
    urgency: Urgency
    claim: ClaimLine
    phrase: Phrase  # one line, Japanese, its dates as dates
    due_on: date  # since when it is to be done
    deadline: date | None = None
    step_id: str = ""

    @property
    def title(self) -> str:
        """The one line with ISO dates, as the command line prints it."""
        return self.phrase.text()

    @property
    def sort_key(self) -> tuple[object, ...]:
        """Most urgent first; within a class, the oldest deadline first."""
        return (self.urgency, self.deadline or self.due_on, self.claim.claim_id, _KIND_ORDER[self.kind])


def _followed_up(log: LogView, since: date, after: ContactEntry | None = None) -> bool:
    """A current entry dated on or after `since` (other than, and later than, `after`)."""
    for e in log.current:
        if after is not None and (e.on, e.entry_id or 0) <= (after.on, after.entry_id or 0):
            continue
        if e.on >= since:
            return True
    return False


NO_ENFORCEMENT = Enforcement()
SHIPPED_FOLLOW_UP = FollowUpDays()


def work_items(claim: ClaimLine, case: CaseState, log: LogView, today: date, urgent_days: int,
               particulars_changed_at: datetime | None = None,
               enforcement: Enforcement = NO_ENFORCEMENT, suspension_years: int = 3,
               follow_up: FollowUpDays = SHIPPED_FOLLOW_UP) -> list[WorkItem]:
    """The claim's items on the worklist of `today`.

    `particulars_changed_at`: when the debtor's address (or other particulars) was last
    entered; a returned letter recorded before that needs no more 所在調査. `follow_up`:
    when 滞納処分 records come back (the ledger's settings, worklist.*).
    """
    if case.kind is StageKind.SETTLED:
        return []
    items: list[WorkItem] = []

    def add(kind: WorkKind, urgency: Urgency, phrase: Phrase, due_on: date, deadline: date | None = None,
            step_id: str = "") -> None:
        items.append(WorkItem(kind, urgency, claim, phrase, due_on, deadline, step_id))

    if case.kind is not StageKind.NOT_DUE:
        _limitation(case, today, urgent_days, add)
        _step(case, today, add)
        _arrangements(case, log, add)
        if enforcement:
            _enforcement(case, enforcement, today, suspension_years, follow_up, add)
    for letter_id, returned in log.returned.items():
        if _followed_up(log, returned.on, after=returned):
            continue
        # (Both are entry times to the second; an update in the same second counts as after.)
        if (particulars_changed_at is not None and returned.entered_at is not None
                and particulars_changed_at >= returned.entered_at):
            continue
        add(WorkKind.LETTER_RETURNED, Urgency.DUE,
            Phrase.of("文書が返戻（{on}、交渉記録 {entry}）: 所在調査", on=returned.on, entry=letter_id), returned.on)
    latest = log.current[0] if log.current else None
    if latest is not None and latest.next_action_on is not None and latest.next_action_on <= today:
        add(WorkKind.NEXT_ACTION, Urgency.OVERDUE if latest.next_action_on < today else Urgency.DUE,
            Phrase.of("{action}（予定 {on}）", action=latest.next_action, on=latest.next_action_on),
            latest.next_action_on)
    return items


class _Add(Protocol):
    """How the checks below add an item to the claim's list."""

    def __call__(self, kind: WorkKind, urgency: Urgency, phrase: Phrase, due_on: date,
                 deadline: date | None = ..., step_id: str = ...) -> None: ...


_GONE = (LimitationState.EXTINGUISHED, LimitationState.INVOKED)
WRITE_OFF_NEEDED = "{state}（{on}）: 不納欠損が必要"  # the phrase of a claim gone by limitation


def _limitation(case: CaseState, today: date, urgent_days: int, add: _Add) -> None:
    lim, state = case.limitation, case.limitation_state
    if state is LimitationState.APPROACHING:
        days = lim.days_left(today)
        add(WorkKind.LIMITATION_NEAR, Urgency.URGENT if days <= urgent_days else Urgency.DUE,
            Phrase.of("時効まで{days}日（{on}）: 更新・完成猶予の手段を検討", days=days, on=lim.limitation_date),
            today, lim.limitation_date)
    elif state is LimitationState.STANDING:
        add(WorkKind.LIMITATION_PASSED, Urgency.NOTICE,
            Phrase.of("時効期間経過（{on}）: 援用があるまで存続（援用の有無を確認）", on=lim.limitation_date),
            lim.limitation_date)
    elif state in _GONE:
        add(WorkKind.LIMITATION_PASSED, Urgency.NOTICE,
            Phrase.of(WRITE_OFF_NEEDED, state=state.label.split("（")[0], on=lim.limitation_date),
            lim.limitation_date)


def _step(case: CaseState, today: date, add: _Add) -> None:
    step = case.next_step
    if step is None or step.due_on > today:
        return
    if step.step.when == "extinguished" and (case.limitation_state in _GONE
                                             or case.extinguished_by.startswith("執行停止")):
        return  # the limitation or enforcement item already says a write-off is needed
    timing = step.timing(today)
    add(WorkKind.STEP, Urgency.OVERDUE if timing is StepTiming.OVERDUE else Urgency.DUE,
        Phrase.of("{step}（期限 {on}）", step=step.step.title, on=step.deadline), step.due_on, step.deadline,
        step.step.id)


def _arrangements(case: CaseState, log: LogView, add: _Add) -> None:
    plan = case.plan
    if plan is not None and plan.status is PlanStatus.ACTIVE and plan.missed:
        first = plan.missed[0].instalment
        add(WorkKind.INSTALMENT_MISSED, Urgency.OVERDUE,
            Phrase.of("分納 第{seq}回（{on}）から未納 計{arrears}", seq=first.seq, on=first.due_on,
                      arrears=format_yen(plan.arrears)),
            first.due_on)
    elif (plan is not None and plan.status is PlanStatus.BROKEN and plan.broken_on is not None
          and not _followed_up(log, plan.broken_on)):
        add(WorkKind.PLAN_BROKEN, Urgency.URGENT,
            Phrase.of("{plan}の不履行（{on} 期限の利益喪失）: 残額の一括請求", plan=plan.kind.label, on=plan.broken_on),
            plan.broken_on)
    promise = case.promise
    if (promise is not None and promise.status is PromiseStatus.BROKEN and promise.settled_on is not None
            and not _followed_up(log, promise.settled_on)):
        p = promise.promise
        add(WorkKind.PROMISE_BROKEN, Urgency.OVERDUE,
            Phrase.of("納付約束 {amount}（{on}まで）不履行（納付 {paid}）", amount=format_yen(p.amount), on=p.due_on,
                      paid=format_yen(promise.paid)),
            promise.settled_on)


def _enforcement(case: CaseState, e: Enforcement, today: date, years: int, days: FollowUpDays,
                 add: _Add) -> None:
    for i in e.inquiries:
        due = i.asked_on + timedelta(days=days.answer_wait)
        if i.answered_on is None and due <= today:
            add(WorkKind.ENFORCEMENT, Urgency.DUE,
                Phrase.of("財産調査の回答待ち（{on} {whom}に照会）: 回答を確認", on=i.asked_on, whom=i.asked_of), due)
    for seizure in e.seizures:
        due = seizure.seized_on + timedelta(days=days.seizure_check)
        if seizure.ended_on is None and due <= today:
            add(WorkKind.ENFORCEMENT, Urgency.DUE,
                Phrase.of("差押え（{on}、{what}）手続中: 取立て・配当と終了を確認", on=seizure.seized_on,
                          what=seizure.property), due)
    s = e.suspension
    if s is None or case.kind is StageKind.SETTLED:
        return
    gone = s.extinguishes_on(years)
    if gone is None:
        return
    if gone <= today:
        what = "執行停止・即時消滅" if s.immediate else f"執行停止{years}年経過"
        add(WorkKind.ENFORCEMENT, Urgency.DUE,
            Phrase.of(what + "（{on}消滅）: 消滅の確認・不納欠損", on=gone), gone)
    elif (gone - today).days <= days.suspension_notice:
        add(WorkKind.ENFORCEMENT, Urgency.NOTICE,
            Phrase.of("執行停止が{on}に{years}年経過: 資力回復の有無を確認し消滅に備える", on=gone, years=years),
            today, gone)


def refund_item(claim: ClaimLine, overpaid_since: date) -> WorkItem:
    """The 還付 item of a claim holding 過誤納金 (`claim.balance` is negative) since a day."""
    return WorkItem(WorkKind.REFUND, Urgency.DUE, claim,
                    Phrase.of("過誤納金 {amount} の還付（{on} の収納から）", amount=format_yen(-claim.balance),
                              on=overpaid_since),
                    overpaid_since)


def transfer_failed_item(claim: ClaimLine, failed_on: date, amount: int, reason: str) -> WorkItem:
    """The 口座振替不能 item of a claim whose transfer failed and was not followed up."""
    return WorkItem(WorkKind.TRANSFER_FAILED, Urgency.DUE, claim,
                    Phrase.of("口座振替不能（{on}、{amount}、{reason}）: 納付書の送付・連絡",
                              on=failed_on, amount=format_yen(amount), reason=reason),
                    failed_on)


def final_missing_item(claim: ClaimLine, paid_on: date, amount: int, number: str, file: str) -> WorkItem:
    """The 確認 item of a コンビニ 速報 receipt whose 確報 has not come after the days waited."""
    return WorkItem(WorkKind.FINAL_MISSING, Urgency.NOTICE, claim,
                    Phrase.of("コンビニ確報を収納代行会社に確認（未着: {on}収納、{amount}、納付番号 {number}、"
                              "速報 {file}）", on=paid_on, amount=format_yen(amount), number=number, file=file),
                    paid_on)
