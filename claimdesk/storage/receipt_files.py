"""Receipt files taken (口座振替結果, コンビニ) and what each of their lines did
(migration m011_receipts)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .operator import now_text
from .repository import Repository
from .rows import insert_rows, new_id


@dataclass(frozen=True)
class ReceiptFileRecord:
    """A receipt file as the log keeps it."""

    file_id: int
    file: str
    sha256: str
    format: str
    report: str
    data_lines: int
    received: int
    received_amount: int
    failed: int
    failed_amount: int
    confirmed: int
    confirmed_amount: int
    import_batch: int | None
    operator: str
    taken_at: datetime


@dataclass(frozen=True)
class LineRecord:
    """What one line of a receipt file did; a line spread over claims has one record each."""

    line: int
    outcome: str  # received, failed, confirmed
    key: str  # the customer number or the 納付番号
    debtor_id: str
    claim_id: str | None
    paid_on: date
    amount: int
    result_code: str = ""
    store: str = ""
    event_id: int | None = None
    late_charge: int = 0  # the 延滞金 part of a store payment (m014_receipts2), beside `amount`


_FILE_COLUMNS = ("file", "sha256", "format", "report", "data_lines", "received", "received_amount", "failed",
                 "failed_amount", "confirmed", "confirmed_amount", "import_batch", "operator", "taken_at")
_LINE_COLUMNS = ("file_id", "line", "outcome", "key", "debtor_id", "claim_id", "paid_on", "amount",
                 "result_code", "store", "event_id", "late_charge")
_LINE_SELECT = ("SELECT line, outcome, key, debtor_id, claim_id, paid_on, amount, result_code, store, event_id,"
                " late_charge FROM receipt_lines l")


def _line(r) -> LineRecord:
    return LineRecord(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), *r[6:])


def _file(r) -> ReceiptFileRecord:
    return ReceiptFileRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13],
                             datetime.fromisoformat(r[14]))


class ReceiptFiles(Repository):
    """The log of receipt files (owned by a `Ledger`: `ledger.receipt_files`)."""

    _SELECT = "SELECT id, " + ", ".join(_FILE_COLUMNS[:-1]) + ", taken_at FROM receipt_files"

    def with_content(self, sha256: str) -> ReceiptFileRecord | None:
        """The file taken with this SHA-256, or None."""
        row = self._db.execute(self._SELECT + " WHERE sha256 = ?", [sha256]).fetchone()
        return None if row is None else _file(row)

    def get(self, file_id: int) -> ReceiptFileRecord | None:
        row = self._db.execute(self._SELECT + " WHERE id = ?", [file_id]).fetchone()
        return None if row is None else _file(row)

    def all(self) -> list[ReceiptFileRecord]:
        """Every file taken, newest first."""
        return [_file(r) for r in self._db.execute(self._SELECT + " ORDER BY id DESC")]

    def add(self, file: str, sha256: str, format: str, report: str, counts: dict[str, int],
            import_batch: int | None, lines: Iterable[LineRecord]) -> int:
        """Record a file and its lines (inside the taking's transaction); returns its id."""
        with self._db.atomic():
            file_id = new_id(self._db.execute(
                f"INSERT INTO receipt_files ({', '.join(_FILE_COLUMNS)}) VALUES ({','.join('?' * len(_FILE_COLUMNS))})",
                [file, sha256, format, report, counts["data_lines"], counts["received"], counts["received_amount"],
                 counts["failed"], counts["failed_amount"], counts["confirmed"], counts["confirmed_amount"],
                 import_batch, self._operator, now_text()]).lastrowid)
            insert_rows(self._db.conn, "receipt_lines", _LINE_COLUMNS, (
                (file_id, r.line, r.outcome, r.key, r.debtor_id, r.claim_id, r.paid_on.isoformat(), r.amount,
                 r.result_code, r.store, r.event_id, r.late_charge) for r in lines))
        return file_id

    def lines(self, file_id: int) -> list[LineRecord]:
        """The file's line records, in line order."""
        rows = self._db.execute(_LINE_SELECT + " WHERE file_id = ? ORDER BY line, id", [file_id])
        return [_line(r) for r in rows]

    def received_keys(self, keys: Iterable[str]) -> dict[str, list[LineRecord]]:
        """Receipts standing under these keys (納付番号), by key: a 確報 after its 速報.

        A receipt taken back (its import reversed) no longer stands: the slip can be
        received again, and its 確報 is then a receipt."""
        found: dict[str, list[LineRecord]] = {}
        for key in set(keys):
            for r in self._db.execute(
                    _LINE_SELECT + " WHERE key = ? AND outcome IN ('received', 'confirmed') AND NOT EXISTS"
                    " (SELECT 1 FROM money_events m WHERE m.reverses = l.event_id)", [key]):
                found.setdefault(key, []).append(_line(r))
        return found

    def late_charges_paid(self, claim_id: str, as_of: date) -> list[tuple[date, int]]:
        """(day, yen) of the 延滞金 parts of store payments on the claim up to `as_of`, less
        those taken back, oldest first."""
        return self.late_charges_paid_by_claim(as_of, claim_id).get(claim_id, [])

    def late_charges_paid_by_claim(self, as_of: date | None = None,
                                   claim_id: str | None = None) -> dict[str, list[tuple[date, int]]]:
        """The same for every claim that has any (or for `claim_id` alone), up to `as_of` if
        given: claim id → [(day, yen)].

        A batch of letters or 納付書 reads them once: they are few (only store payments
        of a 納付書 that asked a late charge)."""
        rows = self._db.execute(
            "SELECT claim_id, paid_on, late_charge FROM receipt_lines l WHERE (? IS NULL OR claim_id = ?)"
            " AND (? IS NULL OR paid_on <= ?) AND late_charge > 0 AND outcome = 'received'"
            " AND NOT EXISTS (SELECT 1 FROM money_events m WHERE m.reverses = l.event_id)"
            " ORDER BY claim_id, paid_on, id", [claim_id, claim_id, as_of and as_of.isoformat(),
                                                as_of and as_of.isoformat()])
        found: dict[str, list[tuple[date, int]]] = {}
        for claim, day, yen in rows:
            found.setdefault(claim, []).append((date.fromisoformat(day), yen))
        return found

    def failed_transfers(self, since: date) -> list[tuple[str, str | None, date, int, str, str]]:
        """Failed transfers dated on or after `since`: (debtor id, claim id, date, amount,
        result code, file), oldest first."""
        rows = self._db.execute(
            "SELECT l.debtor_id, l.claim_id, l.paid_on, l.amount, l.result_code, f.file FROM receipt_lines l"
            " JOIN receipt_files f ON f.id = l.file_id WHERE l.outcome = 'failed' AND l.paid_on >= ?"
            " ORDER BY l.paid_on, l.id", [since.isoformat()])
        return [(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows]
