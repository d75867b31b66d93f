"""「本日の作業」: every claim with something to do on a day, most urgent first.

Built fresh from the ledger each time (nothing is stored or scheduled), so what fell
due while the program was closed is simply overdue. SQL first narrows the ledger to the
claims that still owe money and are past due or have casework; only those are assessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.case_class import CaseClass, in_class
from ..domain.claims import LegalNature
from ..domain.worklist import (
    ClaimLine,
    Urgency,
    WorkItem,
    WorkKind,
    final_missing_item,
    refund_item,
    transfer_failed_item,
    work_items,
)
from ..domain.zengin import result_label
from ..storage.ledger import Ledger
from ..storage.worklist import ClaimHead
from .case_loader import load_cases
from .casework_settings import casework_settings
from .clock import today as clock_today
from .gc_pause import cyclic_gc_paused
from .procedures import load_procedures
from .receipts_cvs import final_wait_days

__all__ = ["WorklistFilter", "Worklist", "worklist", "debtor_search_keys", "WorkItem", "WorkKind", "Urgency"]


@dataclass(frozen=True)
class WorklistFilter:
    """Which items to show: empty `kinds` means all kinds."""

    kinds: frozenset[WorkKind] = frozenset()
    claim_type: str | None = None
    legal_nature: LegalNature | None = None
    urgencies: frozenset[Urgency] = frozenset()
    debtor_id: str | None = None
    case_class: CaseClass | str | None = None  # a class, or '整理' for all of them


@dataclass(frozen=True)
class Worklist:
    as_of: date
    items: tuple[WorkItem, ...]
    claims_examined: int  # claims that still owe and were looked at
    counts: dict = field(default_factory=dict)  # WorkKind → items of that kind (before the kind filter)


def worklist(ledger: Ledger, as_of: date | None = None, filter: WorklistFilter = WorklistFilter(),
             claim_ids: Iterable[str] | None = None) -> Worklist:
    """The worklist of `as_of` (default today), filtered, sorted by urgency then deadline.

    With `claim_ids`, only the items of those claims: what a page needs to bring its list
    up to date after a write that names the claims it changed (services.changes).

    Everything is taken as it stood on `as_of`: history dated after it is left out, and
    balances are that day's (a claim paid since is listed for a day it still owed). A
    claim holding 過誤納金 that day has a 還付 item until a refund is recorded.
    """
    with cyclic_gc_paused():  # see there: tens of thousands of records, none in a cycle
        return _worklist(ledger, as_of or clock_today(), filter, None if claim_ids is None else set(claim_ids))


def _worklist(ledger: Ledger, as_of: date, filter: WorklistFilter, claim_ids: set[str] | None) -> Worklist:
    settings = casework_settings(ledger)
    # Named claims are read whatever they owe; a settled or not-yet-due one simply has no items.
    cases = load_cases(ledger, as_of, settings, load_procedures(ledger), claim_ids=claim_ids,
                       claim_type=filter.claim_type, legal_nature=filter.legal_nature)
    items: list[WorkItem] = []
    counts: dict[WorkKind, int] = {}
    # Claims with nothing logged share their state (assess_case's memo), so their items
    # differ only in the claim: worked out once per state, then made for each claim.
    shared: dict[int, list[WorkItem]] = {}
    for case in cases:
        if filter.debtor_id and case.line.debtor_id != filter.debtor_id:
            continue
        if not in_class(case.line.case_class, filter.case_class):
            continue
        history = None if case.bare else case.history
        if history is not None and (history.log.current or history.log.returned or history.enforcement):
            found = work_items(case.line, case.state, history.log, as_of, settings.urgent_days,
                               case.debtor_changed_at, history.enforcement, settings.enforcement_suspension_years,
                               settings.follow_up)
        else:
            model = shared.get(id(case.state))
            if model is None:
                model = shared[id(case.state)] = work_items(case.line, case.state, case.history.log, as_of,
                                                            settings.urgent_days, follow_up=settings.follow_up)
                found = model
            else:
                line = case.line
                found = [WorkItem(i.kind, i.urgency, line, i.phrase, i.due_on, i.deadline, i.step_id) for i in model]
        for item in found:
            counts[item.kind] = counts.get(item.kind, 0) + 1
            if filter.kinds and item.kind not in filter.kinds:
                continue
            if filter.urgencies and item.urgency not in filter.urgencies:
                continue
            items.append(item)
    kind, nature = filter.claim_type, filter.legal_nature
    # A claim holding 過誤納金 is no open case: under a 回収/整理 filter it has no 還付 item.
    extra = [] if filter.case_class is not None else [
        refund_item(_line(o), o.since)
        for o in ledger.worklist.overpaid_claims(as_of, claim_type=kind, legal_nature=nature, claim_ids=claim_ids)]
    classes = {case.line.claim_id: case.line.case_class for case in cases}
    extra += [transfer_failed_item(_line(f, classes), f.failed_on, f.amount, result_label(f.result_code))
              for f in ledger.worklist.failed_transfers(as_of, claim_type=kind, legal_nature=nature,
                                                        claim_ids=claim_ids)
              if in_class(classes.get(f.claim_id), filter.case_class)]
    waited = as_of - timedelta(days=final_wait_days(ledger))
    extra += [final_missing_item(_line(a, classes), a.paid_on, a.amount, a.number, a.file)
              for a in ledger.worklist.awaiting_final(as_of, waited, claim_type=kind, legal_nature=nature,
                                                      claim_ids=claim_ids)
              if in_class(classes.get(a.claim_id), filter.case_class)]
    for item in extra:
        if filter.debtor_id and item.claim.debtor_id != filter.debtor_id:
            continue
        counts[item.kind] = counts.get(item.kind, 0) + 1
        if (filter.kinds and item.kind not in filter.kinds) or (filter.urgencies and item.urgency not in filter.urgencies):
            continue
        items.append(item)
    items.sort(key=lambda i: i.sort_key)
    return Worklist(as_of, tuple(items), len(cases), counts)


def debtor_search_keys(ledger: Ledger) -> dict[str, str]:
    """Every debtor's folded id, name, かな and phone: what the list's search box matches
    of a debtor, as the register's does (a clerk types かな as often as 漢字)."""
    return ledger.debtor_search_keys()


def _line(head: ClaimHead, classes: dict[str, CaseClass | None] | None = None) -> ClaimLine:
    """The worklist row's claim from a storage row (with its 回収/整理 class, when known)."""
    cls = classes.get(head.claim_id) if classes is not None else None
    return ClaimLine(head.claim_id, head.debtor_id, head.debtor_name, head.claim_type, head.legal_nature,
                     head.balance, cls)
