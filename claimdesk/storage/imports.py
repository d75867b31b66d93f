"""Import batches as the ledger keeps them: what was imported, from which content, and
whether the batch was reversed (migration m007_imports)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.claims import Claim, MoneyEvent
from .claims import Claims
from .money import Money
from .operator import now_text
from .repository import Repository
from .rows import new_id


@dataclass(frozen=True)
class ImportBatch:
    """One import: the files, their SHA-256, the counts, who and when; and its reversal."""

    batch_id: int
    claims_file: str
    claims_sha256: str
    transactions_file: str
    transactions_sha256: str
    claims: int
    debtors_new: int
    debtors_updated: int
    claim_types_new: int
    events: int
    again_reason: str
    operator: str
    imported_at: datetime
    reversed_at: datetime | None = None
    reversed_by: str = ""
    reversal_reason: str = ""

    @property
    def reversed(self) -> bool:
        return self.reversed_at is not None

    @property
    def files(self) -> str:
        """The batch's files as named: claims + transactions, either may be missing."""
        return " + ".join(f for f in (self.claims_file, self.transactions_file) if f)


_SELECT = (
    "SELECT b.id, b.claims_file, b.claims_sha256, b.transactions_file, b.transactions_sha256,"
    " b.claims, b.debtors_new, b.debtors_updated, b.claim_types_new, b.events, b.again_reason,"
    " b.operator, b.imported_at, r.reversed_at, coalesce(r.operator, ''), coalesce(r.reason, '')"
    " FROM import_batches b LEFT JOIN import_reversals r ON r.batch_id = b.id"
)


def _batch(r) -> ImportBatch:
    return ImportBatch(
        batch_id=r[0], claims_file=r[1], claims_sha256=r[2], transactions_file=r[3],
        transactions_sha256=r[4], claims=r[5], debtors_new=r[6], debtors_updated=r[7],
        claim_types_new=r[8], events=r[9], again_reason=r[10], operator=r[11],
        imported_at=datetime.fromisoformat(r[12]),
        reversed_at=None if r[13] is None else datetime.fromisoformat(r[13]),
        reversed_by=r[14], reversal_reason=r[15])


class ImportBatches(Repository):
    """The ledger's import batches (owned by a `Ledger`: `ledger.imports`)."""

    def add(self, *, claims_file: str, claims_sha256: str, transactions_file: str,
            transactions_sha256: str, counts: dict[str, int], again_reason: str = "") -> int:
        """Record a batch (inside the import's transaction); returns its number."""
        return new_id(self._db.execute(
            "INSERT INTO import_batches (claims_file, claims_sha256, transactions_file,"
            " transactions_sha256, claims, debtors_new, debtors_updated, claim_types_new, events,"
            " again_reason, operator, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [claims_file, claims_sha256, transactions_file, transactions_sha256, counts["claims"],
             counts["debtors_new"], counts["debtors_updated"], counts["claim_types_new"],
             counts["events"], again_reason, self._operator, now_text()]).lastrowid)

    def all(self) -> list[ImportBatch]:
        """Every batch, newest first."""
        return [_batch(r) for r in self._db.execute(_SELECT + " ORDER BY b.id DESC")]

    def get(self, batch_id: int) -> ImportBatch | None:
        row = self._db.execute(_SELECT + " WHERE b.id = ?", [batch_id]).fetchone()
        return None if row is None else _batch(row)

    def with_content(self, sha256: str) -> ImportBatch | None:
        """The first batch that imported a file with this SHA-256 (as claims or transactions)."""
        row = self._db.execute(
            _SELECT + " WHERE b.claims_sha256 = ?1 OR b.transactions_sha256 = ?1 ORDER BY b.id LIMIT 1",
            [sha256]).fetchone()
        return None if row is None else _batch(row)

    def claims(self, batch_id: int) -> list[Claim]:
        """The claims the batch added, in one query (a batch may hold 100,000 of them)."""
        rows = self._db.execute(Claims._CLAIM_SELECT + " WHERE c.import_batch = ? ORDER BY c.claim_id",
                                [batch_id])
        return [Claims._claim(r) for r in rows]

    def open_events(self, batch_id: int) -> list[MoneyEvent]:
        """The money events the batch added that no reversal undid yet, in one query."""
        rows = self._db.execute(
            Money._EVENT_SELECT + " e WHERE e.import_batch = ? AND NOT EXISTS"
            " (SELECT 1 FROM money_events r WHERE r.reverses = e.id) ORDER BY e.id", [batch_id])
        return [Money._event(r) for r in rows]

    def later_events(self, batch_id: int) -> list[MoneyEvent]:
        """Events on the batch's claims that the batch did not add and that are not undone."""
        rows = self._db.execute(
            Money._EVENT_SELECT + " e WHERE e.claim_id IN (SELECT claim_id FROM claims WHERE import_batch = ?1)"
            " AND e.import_batch IS NOT ?1 AND e.reverses IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM money_events r WHERE r.reverses = e.id) ORDER BY e.id", [batch_id])
        return [Money._event(r) for r in rows]

    def add_reversal(self, batch_id: int, reason: str, events_reversed: int, claims_cancelled: int) -> None:
        """Record that the batch was reversed (inside the reversal's transaction)."""
        self._db.execute(
            "INSERT INTO import_reversals (batch_id, reason, events_reversed, claims_cancelled,"
            " operator, reversed_at) VALUES (?,?,?,?,?,?)",
            [batch_id, reason, events_reversed, claims_cancelled, self._operator, now_text()])
