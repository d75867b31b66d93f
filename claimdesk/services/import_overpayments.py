"""Receipts in an import that pay more than their claim owes: warnings, not errors.

The bank has the money, so the import takes such a receipt; but the excess is 過誤納金
to be refunded, and the clerk must hear of it with the file and line, as for an error.

The import writes its transactions a chunk at a time and keeps none of them (issue 13),
so this notes, while they are written, only what finds the claims that may be overpaid;
those few are then walked in the ledger, in the order their balance runs.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence

from ..domain.claims import Claim, EventKind, MoneyEvent
from ..domain.money import format_yen
from ..storage.ledger import Ledger
from .csvfiles import ImportProblem


class Receipts:
    """What the warnings need of the transactions written: lines by event id, and lows."""

    def __init__(self, claims: dict[str, Claim], stored: dict[str, Claim]):
        self.claims, self.stored = claims, stored
        # The lowest balance an imported claim can reach: its amount less every decrease
        # this file makes, in whatever order. A claim that stays at or above zero so cannot
        # be overpaid; the others, and receipts for claims already in the ledger, are walked.
        self.lowest: dict[str, int] = {}
        self.receipted: set[str] = set()
        self.ids, self.lines = array("q"), array("q")  # ascending ids of the events written

    def note(self, written: Sequence[tuple[int, MoneyEvent]], ids: Sequence[int]) -> None:
        """The (line, event) pairs of one chunk, written with these ids (ascending)."""
        lowest, claims = self.lowest, self.claims
        for (line, e), event_id in zip(written, ids):
            self.ids.append(event_id)
            self.lines.append(line)
            effect = e.effect
            if effect < 0 and e.claim_id in claims:
                lowest[e.claim_id] = lowest.get(e.claim_id, claims[e.claim_id].amount) + effect
            if e.kind is EventKind.RECEIPT:
                self.receipted.add(e.claim_id)

    def _line(self, event_id: int) -> int:
        """The file line of an event this import wrote, or 0 for one recorded before."""
        i = bisect_left(self.ids, event_id)
        return self.lines[i] if i < len(self.ids) and self.ids[i] == event_id else 0

    def warnings(self, ledger: Ledger, file: str, column: str) -> list[ImportProblem]:
        """A warning for each imported receipt that takes its claim's balance below zero.

        Events are taken in date order, as the balance runs; on one date, those recorded
        before the import first, then the file's in file order.
        """
        walked = sorted(c for c in self.receipted if c not in self.claims or self.lowest.get(c, 0) < 0)
        warnings = []
        balance, current = 0, None
        for claim_id, event_id, event in ledger.events_in_order(walked):
            if claim_id != current:
                current = claim_id
                balance = (self.claims.get(claim_id) or self.stored[claim_id]).amount
            before, balance = balance, balance + event.effect
            line = self._line(event_id)
            if line and event.kind is EventKind.RECEIPT and balance < 0:
                excess = min(-balance, event.amount)
                warnings.append(ImportProblem(file, line, column, (
                    f"収納額 {format_yen(event.amount)} が残高 {format_yen(max(before, 0))} を"
                    f"{format_yen(excess)}超えています。超える分は還付が必要です（過誤納）")))
        return sorted(warnings, key=lambda w: w.line)


__all__ = ["Receipts"]
