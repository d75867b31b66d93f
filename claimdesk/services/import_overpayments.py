"""Receipts in an import that pay more than their claim owes: warnings, not errors.

The bank has the money, so the import takes such a receipt; but the excess is 過誤納金
to be refunded, and the clerk must hear of it with the file and line, as for an error.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..domain.claims import Claim, EventKind, MoneyEvent
from ..domain.money import format_yen
from ..storage.ledger import Ledger
from .csvfiles import ImportProblem


def overpayment_warnings(ledger: Ledger, file: str, column: str, claims: dict[str, Claim],
                         stored: dict[str, Claim], events: Iterable[tuple[int, MoneyEvent]]) -> list[ImportProblem]:
    """A warning for each imported receipt that takes its claim's balance below zero.

    `events` are (line, event) of the file; `claims` the claims imported with it,
    `stored` those already in the ledger (whose recorded events count first). Events
    are taken in date order, as the balance runs; on one date, in file order.
    """
    by_claim: dict[str, list[tuple[int, MoneyEvent]]] = defaultdict(list)
    for line, e in events:
        by_claim[e.claim_id].append((line, e))
    warnings = []
    for claim_id, rows in by_claim.items():
        if not any(e.kind is EventKind.RECEIPT for _, e in rows):
            continue
        claim = claims.get(claim_id) or stored[claim_id]
        recorded = [(0, e) for e in ledger.events(claim_id)] if claim_id not in claims else []
        balance = claim.amount
        for line, e in sorted(recorded + rows, key=lambda r: r[1].date):
            before, balance = balance, balance + e.effect
            if line and e.kind is EventKind.RECEIPT and balance < 0:
                excess = min(-balance, e.amount)
                warnings.append(ImportProblem(file, line, column, (
                    f"収納額 {format_yen(e.amount)} が残高 {format_yen(max(before, 0))} を"
                    f"{format_yen(excess)}超えています。超える分は還付が必要です（過誤納）")))
    return sorted(warnings, key=lambda w: w.line)
