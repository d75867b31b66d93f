"""「本日の作業」: every claim with something to do on a day, most urgent first.

Built fresh from the ledger each time (nothing is stored or scheduled), so what fell
due while the program was closed is simply overdue. SQL first narrows the ledger to the
claims that still owe money and are past due or have casework; only those are assessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from ..domain.claims import LegalNature
from ..domain.worklist import ClaimLine, Urgency, WorkItem, WorkKind, refund_item, work_items
from ..storage.ledger import Ledger
from .case_loader import cyclic_gc_paused, load_cases
from .casework_settings import casework_settings
from .procedures import load_procedures
from .clock import today as clock_today

__all__ = ["WorklistFilter", "Worklist", "worklist", "WorkItem", "WorkKind", "Urgency"]


@dataclass(frozen=True)
class WorklistFilter:
    """Which items to show: empty `kinds` means all kinds."""

    kinds: frozenset[WorkKind] = frozenset()
    claim_type: str | None = None
    legal_nature: LegalNature | None = None
    urgencies: frozenset[Urgency] = frozenset()
    debtor_id: str | None = None


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
    for case in cases:
        if filter.debtor_id and case.line.debtor_id != filter.debtor_id:
            continue
        for item in work_items(case.line, case.state, case.history.log, as_of, settings.urgent_days,
                               case.debtor_changed_at):
            counts[item.kind] = counts.get(item.kind, 0) + 1
            if filter.kinds and item.kind not in filter.kinds:
                continue
            if filter.urgencies and item.urgency not in filter.urgencies:
                continue
            items.append(item)
    for o in ledger.worklist.overpaid_claims(as_of, claim_type=filter.claim_type, legal_nature=filter.legal_nature,
                                             claim_ids=claim_ids):
        if filter.debtor_id and o.debtor_id != filter.debtor_id:
            continue
        item = refund_item(ClaimLine(o.claim_id, o.debtor_id, o.debtor_name, o.claim_type, o.legal_nature,
                                     o.balance), o.since)
        counts[item.kind] = counts.get(item.kind, 0) + 1
        if (filter.kinds and item.kind not in filter.kinds) or (filter.urgencies and item.urgency not in filter.urgencies):
            continue
        items.append(item)
    items.sort(key=lambda i: i.sort_key)
    return Worklist(as_of, tuple(items), len(cases), counts)
