"""What letters ask of the ledger in bulk: the claims still owed after their due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .repository import Repository

# A claim's balance on :d exactly as domain.claims.balance_on counts it: the assessment if
# made by then, plus adjustments and refunds, less receipts and write-offs dated by then.
_OVERDUE_SQL = """
SELECT c.claim_id, c.due_date,
    c.amount + coalesce(sum(CASE e.kind WHEN 'adjustment' THEN e.amount WHEN 'refund' THEN e.amount
                                        ELSE -e.amount END), 0) AS owed,
    EXISTS (SELECT 1 FROM guarantors g WHERE g.claim_id = c.claim_id) AS has_guarantor
FROM claims c
LEFT JOIN money_events e ON e.claim_id = c.claim_id AND e.date <= :d
WHERE c.due_date < :d AND c.assessed_on <= :d
GROUP BY c.claim_id
HAVING owed > 0
ORDER BY c.claim_id
"""


@dataclass(frozen=True)
class OverdueClaim:
    claim_id: str
    due_date: date
    owed: int
    has_guarantor: bool


class LetterQueries(Repository):
    """What letters read from the ledger in bulk."""

    def overdue_claims(self, as_of: date) -> list[OverdueClaim]:
        """Every claim past its due date with something still owed on `as_of`, by claim id."""
        rows = self._db.conn.execute(_OVERDUE_SQL, {"d": as_of.isoformat()})
        return [OverdueClaim(r[0], date.fromisoformat(r[1]), r[2], bool(r[3])) for r in rows]
