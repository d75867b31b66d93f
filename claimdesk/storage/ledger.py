"""A department's ledger: one SQLite file, read and written as domain objects.

All SQL of ClaimDesk lives in this package, and `Ledger` is the one way in: its public
methods and the repositories it owns (`casework`, `targets`, `register`, `worklist`,
`letters`, `imports`, `payments`, `direct_debits`, `receipt_files`) are the API; the connection is private. A `Ledger` owns one connection;
background work opens its own `Ledger` on the same file (SQLite connections are not
shared between threads).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ..domain.claims import Claim, ClaimType, Debtor, Guarantor, MoneyEvent
from ..domain.summary import ClaimFigures
from .casework import Casework
from .claims import Claims
from .connection import LedgerDatabase
from .debtors import Debtors
from .direct_debits import DirectDebits
from .enforcement import EnforcementRecords
from .errors import LedgerError, LedgerFileError, speaks_ledger_errors, translated
from .guard import OpenCheck, check_on_open, forget_check, holder_text, take_writer_lock
from .imports import ImportBatches
from .ledger_integrity import IntegrityMixin
from .letters import LetterQueries
from .migrate import prepare
from .migrations.m007_imports import DELETE_STAMP
from .money import Money
from .operator import current_operator, now_text, stamp_text
from .parties import Parties
from .payments import Payments
from .pending_totals import PendingTotals
from .receipt_files import ReceiptFiles
from .register import Register
from .sharing import WriterLock
from .targets import SheetNotesTable, Targets
from .worklist import WorklistQueries

__all__ = ["Ledger", "LedgerError", "LedgerFileError", "current_operator", "now_text"]


@speaks_ledger_errors
class Ledger(IntegrityMixin):
    """Read and write one ledger file."""

    def __init__(self, db: LedgerDatabase, path: Path | None, operator: str | None = None):
        """Wrap an open, migrated connection (use `open` or `memory`)."""
        self._db = db
        self.path = path
        self.operator = operator or current_operator()
        self.backup_path: Path | None = None
        self.open_check: OpenCheck | None = None
        self._writer_lock: WriterLock | None = None
        self._debtors = Debtors(db, self)
        self._claims = Claims(db, self)
        self._money = Money(db, self)
        self.casework = Casework(db, self)
        self.targets = Targets(db, self)
        self.register = Register(db, self)
        self.worklist = WorklistQueries(db, self)
        self.letters = LetterQueries(db, self)
        self.imports = ImportBatches(db, self)
        self.parties = Parties(db, self)
        self.enforcement = EnforcementRecords(db, self)
        self.sheet_notes = SheetNotesTable(db, self)
        self.payments = Payments(db, self)
        self.direct_debits = DirectDebits(db, self)
        self.receipt_files = ReceiptFiles(db, self)

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, operator: str | None = None, create: bool = True) -> Ledger:
        """Open (or create) the ledger at `path`, migrating an older one after a backup."""
        path = Path(path)
        if not path.exists() and not create:
            raise LedgerError(f"台帳ファイルがありません: {path}")
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        operator = operator or current_operator()
        lock, holder = take_writer_lock(path, operator)
        try:
            db, backup = prepare(path, migrate=holder is None)
        except BaseException as e:
            if lock is not None:
                lock.release()
            if isinstance(e, sqlite3.Error):  # e.g. an old ledger on a read-only share cannot be migrated
                raise translated(e) from e
            raise
        ledger = cls(db, path, operator)
        ledger.backup_path = backup
        ledger._writer_lock = lock
        db.holder = lambda: holder_text(path)
        if holder is not None:
            db.set_read_only(f"{holder.text()}記録できるのは一度に1人です。")
        ledger.open_check = check_on_open(db, path)
        return ledger

    @classmethod
    def memory(cls, operator: str | None = None) -> Ledger:
        """A ledger in memory, for tests and previews."""
        db, _ = prepare(None)
        return cls(db, None, operator)

    def close(self) -> None:
        """Close the connection (and let go of the writer lock); the ledger cannot be used afterwards."""
        self._db.close()
        if self.open_check is not None:
            forget_check(self.path)
            self.open_check = None
        if self._writer_lock is not None:
            self._writer_lock.release()
            self._writer_lock = None

    @property
    def read_only_reason(self) -> str | None:
        """Why nothing may be written (held by another, damaged), or None when writable."""
        check = self.open_check
        return self._db.read_only_reason or (check.reason if check is not None else None)

    def set_busy_listener(self, listener) -> None:
        """`listener(text)` is told, in Japanese, whenever a write waits for a busy ledger."""
        self._db.on_busy = listener

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[Ledger]:
        """All writes inside happen together or not at all."""
        try:
            with self._db.atomic():
                yield self
        except sqlite3.Error as e:  # the commit itself can fail: locked, read-only, disk full
            raise translated(e) from e

    def change_stamp(self) -> tuple:
        """A value that changes whenever this or another connection writes the ledger (for caches)."""
        conn = self._db.conn
        return (self.path, conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)

    # --- settings --------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        """The ledger's setting `key`, or `default`."""
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting; change_history keeps the old value, who changed it and when."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO settings (key, value, changed_by, changed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
                " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                [key, value, self.operator, stamp_text()],
            )

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        """The ledger's settings whose key starts with `prefix` + '.'."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute("SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'",
                                [escaped + ".%"]).fetchall()
        return dict(rows)

    def delete_setting(self, key: str) -> None:
        """Remove a setting (its default applies again), kept in change_history."""
        with self._db.atomic():
            # Stamped first, so the history trigger knows ClaimDesk deleted it, and who.
            self._db.execute("UPDATE settings SET changed_by = ?, changed_at = ? WHERE key = ?",
                             [self.operator, DELETE_STAMP + stamp_text(), key])
            self._db.execute("DELETE FROM settings WHERE key = ?", [key])

    def change_history(self, subject: str, key: str | None = None) -> list[dict]:
        """Inserts, changes and deletes of claim types, guarantors or settings, oldest first."""
        where, args = "subject = ?", [subject]
        if key is not None:
            where, args = where + " AND key = ?", [subject, key]
        return list(self._db.query(f"SELECT * FROM change_history WHERE {where} ORDER BY id", args))

    # --- debtors ---------------------------------------------------------------------

    def debtor(self, debtor_id: str) -> Debtor | None:
        """The debtor's current particulars, or None."""
        return self._debtors.debtor(debtor_id)

    def save_debtor(self, debtor: Debtor) -> None:
        """Add a debtor, or record new particulars (the old ones go to debtor_history)."""
        return self._debtors.save_debtor(debtor)

    def add_debtors(self, debtors: Iterable[Debtor]) -> int:
        """Register many new debtors at once (a demo or an import); an id in use is refused."""
        return self._debtors.add_debtors(debtors)

    def debtor_count(self) -> int:
        """How many debtors the ledger holds."""
        return self._debtors.debtor_count()

    def debtor_history(self, debtor_id: str) -> list[dict]:
        """The debtor's earlier particulars, oldest first, as rows."""
        return self._debtors.debtor_history(debtor_id)

    def debtor_search_keys(self) -> dict[str, str]:
        """Every debtor's folded id, name, かな and phone (what the register's search matches)."""
        return self._debtors.search_keys()

    # --- claims and guarantors -------------------------------------------------------

    def claim_types(self) -> list[ClaimType]:
        """Every claim type, by account, budget section and name."""
        return self._claims.claim_types()

    def claim_type(self, name: str) -> ClaimType | None:
        """The claim type of that name, or None."""
        return self._claims.claim_type(name)

    def add_claim_type(self, claim_type: ClaimType) -> None:
        """Register a claim type; a name in use is refused."""
        return self._claims.add_claim_type(claim_type)

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None."""
        return self._claims.claim(claim_id)

    def claims(self, debtor_id: str | None = None) -> list[Claim]:
        """Every claim (of one debtor, if given), by claim id."""
        return self._claims.claims(debtor_id)

    def existing_claim_ids(self, claim_ids: Iterable[str]) -> set[str]:
        """Which of these claim ids the ledger already holds."""
        return self._claims.existing_claim_ids(claim_ids)

    def claim_count(self) -> int:
        """How many claims the ledger holds."""
        return self._claims.claim_count()

    def add_claims(self, claims: Iterable[Claim], *, source: str = "", batch: int | None = None) -> int:
        """Record new claims (their debtor and claim type must exist); returns how many."""
        return self._claims.add_claims(claims, source=source, batch=batch)

    def add_claim(self, claim: Claim) -> None:
        """Record one new claim."""
        return self._claims.add_claim(claim)

    def add_guarantor(self, g: Guarantor) -> int:
        """Record a guarantor of a claim; returns its id."""
        return self._claims.add_guarantor(g)

    def add_guarantors(self, guarantors: Iterable[Guarantor]) -> int:
        """Record many guarantors at once (a demo or an import); returns how many."""
        return self._claims.add_guarantors(guarantors)

    def guarantors(self, claim_id: str, as_of: date | None = None) -> list[Guarantor]:
        """The claim's guarantors and heirs, oldest first; with `as_of`, those still liable that day."""
        return self._claims.guarantors(claim_id, as_of)

    # --- money events ----------------------------------------------------------------

    def events(self, claim_id: str) -> list[MoneyEvent]:
        """The claim's money events, oldest first (by date, then as entered)."""
        return self._money.events(claim_id)

    def event(self, event_id: int) -> MoneyEvent | None:
        """The money event with this id, or None."""
        return self._money.event(event_id)

    def events_in_order(self, claim_ids: Iterable[str]) -> Iterator[tuple[str, int, MoneyEvent]]:
        """(claim id, event id, event) of these claims, claim by claim, each oldest first."""
        return self._money.events_in_order(claim_ids)

    def is_reversed(self, event_id: int) -> bool:
        """Whether a reversal of this event was recorded."""
        return self._money.is_reversed(event_id)

    def add_events(self, events: Iterable[MoneyEvent], *, source: str = "",
                   batch: int | None = None) -> list[int]:
        """Append money events (of import batch `batch`); returns their ids. Nothing is
        written if one is refused."""
        return self._money.add_events(events, source=source, batch=batch)

    def add_event(self, event: MoneyEvent) -> MoneyEvent:
        """Append one money event; returns it as recorded."""
        return self._money.add_event(event)

    def event_count(self) -> int:
        """How many money events the ledger holds."""
        return self._money.event_count()

    def summary_figures(self, fiscal_year: int, as_of: date) -> Iterator[ClaimFigures]:
        """Every claim FY's summary counts (not those settled before it) as `ClaimFigures`, one SQL pass."""
        return self._money.summary_figures(fiscal_year, as_of)

    def summary_totals(self, periods, today: date | None = None) -> list[dict]:
        """For each (fiscal year, as of): (claim type, category) → the summary's six totals, one
        pass over what the ledger has not kept; given `today`, the closed years summed are kept."""
        return self._money.summary_totals(periods, today)

    def summary_totals_started(self, periods, today: date | None = None) -> PendingTotals:
        """`summary_totals` begun beside the caller's work: `.result()` gives them (and keeps
        what it may), `.abandon()` stops them; summed at once where they cannot run apart."""
        return self._money.summary_totals_started(periods, today)

    def prepare_summary_totals(self, periods, today: date) -> bool:
        """Sum and keep, before anyone waits, what `summary_totals` of these periods could keep."""
        return self._money.prepare_summary_totals(periods, today)
