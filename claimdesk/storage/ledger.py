"""A department's ledger: one SQLite file, read and written as domain objects.

All SQL of ClaimDesk lives in this package. A `Ledger` owns one connection; background
work opens its own `Ledger` on the same file (SQLite connections are not shared
between threads).
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator

from sqlite_utils import Database

from ..domain.claims import (
    Claim,
    ClaimType,
    Debtor,
    DebtorKind,
    EventKind,
    Guarantor,
    LegalNature,
    MoneyEvent,
)
from ..domain.summary import ClaimFigures
from .casework import Casework
from .errors import LedgerError, LedgerFileError, integrity_message
from .letters import LetterQueries
from .migrate import prepare
from .operator import current_operator, now_text
from .register import Register
from .rows import insert_rows
from .summary import summary_figures
from .targets import Targets
from .worklist import WorklistQueries

__all__ = ["Ledger", "LedgerError", "LedgerFileError", "current_operator", "now_text"]


class Ledger:
    """Read and write one ledger file."""

    def __init__(self, db: Database, path: Path | None, operator: str | None = None):
        """Wrap an open, migrated connection (use `open` or `memory`)."""
        self._db = db
        self.path = path
        self.operator = operator or current_operator()
        self.backup_path: Path | None = None
        self.casework = Casework(db, self)
        self.targets = Targets(db, self)
        self.register = Register(db, self)
        self.worklist = WorklistQueries(db, self)
        self.letters = LetterQueries(db, self)

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, operator: str | None = None, create: bool = True) -> "Ledger":
        """Open (or create) the ledger at `path`, migrating an older one after a backup."""
        path = Path(path)
        if not path.exists() and not create:
            raise LedgerError(f"台帳ファイルがありません: {path}")
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        db, backup = prepare(path)
        ledger = cls(db, path, operator)
        ledger.backup_path = backup
        return ledger

    @classmethod
    def memory(cls, operator: str | None = None) -> "Ledger":
        """A ledger in memory, for tests and previews."""
        db, _ = prepare(None)
        return cls(db, None, operator)

    def close(self) -> None:
        """Close the connection; the ledger cannot be used afterwards."""
        self._db.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator["Ledger"]:
        """All writes inside happen together or not at all."""
        with self._db.atomic():
            yield self

    # --- settings --------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        """The ledger's setting `key`, or `default`."""
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting (replacing its value)."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        """The ledger's settings whose key starts with `prefix` + '.'."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute("SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'",
                                [escaped + ".%"]).fetchall()
        return dict(rows)

    def delete_setting(self, key: str) -> None:
        """Remove a setting (its default applies again)."""
        with self._db.atomic():
            self._db.execute("DELETE FROM settings WHERE key = ?", [key])

    # --- debtors ---------------------------------------------------------------------

    def debtor(self, debtor_id: str) -> Debtor | None:
        """The debtor's current particulars, or None."""
        row = self._db.execute(
            "SELECT debtor_id, name, kana, kind, postal_code, address, phone, workplace,"
            " representative FROM debtors WHERE debtor_id = ?",
            [debtor_id],
        ).fetchone()
        if row is None:
            return None
        return Debtor(row[0], row[1], row[2], DebtorKind(row[3]), *row[4:])

    def save_debtor(self, debtor: Debtor) -> None:
        """Add a debtor, or record new particulars (the old ones go to debtor_history)."""
        values = {
            "debtor_id": debtor.debtor_id, "kind": debtor.kind.value, "name": debtor.name,
            "kana": debtor.kana, "postal_code": debtor.postal_code, "address": debtor.address,
            "phone": debtor.phone, "workplace": debtor.workplace,
            "representative": debtor.representative,
            "changed_by": self.operator, "changed_at": now_text(),
        }
        existing = self.debtor(debtor.debtor_id)
        if existing == debtor:
            return
        with self._db.atomic():
            if existing is None:
                self._db["debtors"].insert(values)
            else:
                self._db["debtors"].update(debtor.debtor_id, values)

    def add_debtors(self, debtors: Iterable[Debtor]) -> int:
        """Register many new debtors at once (a demo or an import); an id in use is refused."""
        who, when = self.operator, now_text()
        rows = ((d.debtor_id, d.kind.value, d.name, d.kana, d.postal_code, d.address, d.phone,
                 d.workplace, d.representative, who, when) for d in debtors)
        with self._db.atomic():
            return len(insert_rows(self._db.conn, "debtors", _DEBTOR_COLUMNS, rows))

    def debtor_count(self) -> int:
        """How many debtors the ledger holds."""
        return self._db.execute("SELECT count(*) FROM debtors").fetchone()[0]

    def debtor_history(self, debtor_id: str) -> list[dict]:
        """The debtor's earlier particulars, oldest first, as rows."""
        return list(self._db.query(
            "SELECT * FROM debtor_history WHERE debtor_id = ? ORDER BY id", [debtor_id]))

    # --- claim types -----------------------------------------------------------------

    def claim_types(self) -> list[ClaimType]:
        """Every claim type, by account, budget section and name."""
        rows = self._db.execute(
            "SELECT name, legal_nature, account, budget_section FROM claim_types"
            " ORDER BY account, budget_section, name"
        ).fetchall()
        return [ClaimType(r[0], LegalNature(r[1]), r[2], r[3]) for r in rows]

    def claim_type(self, name: str) -> ClaimType | None:
        """The claim type of that name, or None."""
        return next((ct for ct in self.claim_types() if ct.name == name), None)

    def add_claim_type(self, claim_type: ClaimType) -> None:
        """Register a claim type; a name in use is refused."""
        if self.claim_type(claim_type.name) is not None:
            raise LedgerError(f"債権名「{claim_type.name}」はすでにあります")
        with self._db.atomic():
            self._db["claim_types"].insert({
                "name": claim_type.name, "legal_nature": claim_type.legal_nature.value,
                "account": claim_type.account, "budget_section": claim_type.budget_section,
            })

    def _claim_type_ids(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT name, id FROM claim_types").fetchall())

    # --- claims ----------------------------------------------------------------------

    _CLAIM_SELECT = (
        "SELECT c.claim_id, c.debtor_id, t.name, c.fiscal_year, c.assessed_on, c.amount,"
        " c.due_date, c.cause FROM claims c JOIN claim_types t ON t.id = c.claim_type_id"
    )

    @staticmethod
    def _claim(row) -> Claim:
        return Claim(row[0], row[1], row[2], row[3], date.fromisoformat(row[4]), row[5],
                     date.fromisoformat(row[6]), row[7])

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None."""
        row = self._db.execute(self._CLAIM_SELECT + " WHERE c.claim_id = ?", [claim_id]).fetchone()
        return None if row is None else self._claim(row)

    def claims(self, debtor_id: str | None = None) -> list[Claim]:
        """Every claim (of one debtor, if given), by claim id."""
        if debtor_id is None:
            rows = self._db.execute(self._CLAIM_SELECT + " ORDER BY c.claim_id").fetchall()
        else:
            rows = self._db.execute(
                self._CLAIM_SELECT + " WHERE c.debtor_id = ? ORDER BY c.claim_id", [debtor_id]
            ).fetchall()
        return [self._claim(r) for r in rows]

    def existing_claim_ids(self, claim_ids: Iterable[str]) -> set[str]:
        """Which of these claim ids the ledger already holds."""
        ids = list(claim_ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(
                f"SELECT claim_id FROM claims WHERE claim_id IN ({marks})", chunk))
        return found

    def claim_count(self) -> int:
        """How many claims the ledger holds."""
        return self._db.execute("SELECT count(*) FROM claims").fetchone()[0]

    def add_claims(self, claims: Iterable[Claim], *, source: str = "") -> int:
        """Record new claims (their debtor and claim type must exist); returns how many."""
        type_ids = self._claim_type_ids()
        who, when = self.operator, now_text()
        rows = []
        for c in claims:
            if c.claim_type not in type_ids:
                raise LedgerError(f"債権名「{c.claim_type}」が登録されていません")
            rows.append((c.claim_id, c.debtor_id, type_ids[c.claim_type], c.fiscal_year,
                         c.assessed_on.isoformat(), c.amount, c.due_date.isoformat(), c.cause,
                         who, when, source))
        with self._db.atomic():
            try:
                self._db.conn.executemany(
                    "INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year,"
                    " assessed_on, amount, due_date, cause, entered_by, entered_at, source)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
            except sqlite3.IntegrityError as e:
                raise LedgerError(integrity_message(e)) from None
        return len(rows)

    def add_claim(self, claim: Claim) -> None:
        """Record one new claim."""
        self.add_claims([claim])

    # --- guarantors ------------------------------------------------------------------

    def add_guarantor(self, g: Guarantor) -> int:
        """Record a guarantor of a claim; returns its id."""
        with self._db.atomic():
            return self._db["guarantors"].insert({
                "claim_id": g.claim_id, "name": g.name, "kana": g.kana,
                "postal_code": g.postal_code, "address": g.address, "phone": g.phone,
                "relation": g.relation, "entered_by": self.operator, "entered_at": now_text(),
            }).last_pk

    def add_guarantors(self, guarantors: Iterable[Guarantor]) -> int:
        """Record many guarantors at once (a demo or an import); returns how many."""
        who, when = self.operator, now_text()
        rows = ((g.claim_id, g.name, g.kana, g.postal_code, g.address, g.phone, g.relation, who, when)
                for g in guarantors)
        with self._db.atomic():
            return len(insert_rows(self._db.conn, "guarantors", _GUARANTOR_COLUMNS, rows))

    def guarantors(self, claim_id: str) -> list[Guarantor]:
        """The claim's guarantors and heirs, oldest first."""
        rows = self._db.execute(
            "SELECT claim_id, name, kana, postal_code, address, phone, relation, id"
            " FROM guarantors WHERE claim_id = ? ORDER BY id", [claim_id]).fetchall()
        return [Guarantor(*r) for r in rows]

    # --- money events ----------------------------------------------------------------

    _EVENT_SELECT = (
        "SELECT claim_id, kind, date, amount, accounting_year, accounting_year_overridden,"
        " method, note, reverses, id, operator, entered_at FROM money_events"
    )

    @staticmethod
    def _event(r) -> MoneyEvent:
        return MoneyEvent(r[0], EventKind(r[1]), date.fromisoformat(r[2]), r[3], r[4], bool(r[5]),
                          r[6], r[7], r[8], r[9], r[10], datetime.fromisoformat(r[11]))

    def events(self, claim_id: str) -> list[MoneyEvent]:
        """The claim's money events, oldest first (by date, then as entered)."""
        rows = self._db.execute(
            self._EVENT_SELECT + " WHERE claim_id = ? ORDER BY date, id", [claim_id]).fetchall()
        return [self._event(r) for r in rows]

    def event(self, event_id: int) -> MoneyEvent | None:
        """The money event with this id, or None."""
        row = self._db.execute(self._EVENT_SELECT + " WHERE id = ?", [event_id]).fetchone()
        return None if row is None else self._event(row)

    def is_reversed(self, event_id: int) -> bool:
        """Whether a reversal of this event was recorded."""
        return self._db.execute(
            "SELECT 1 FROM money_events WHERE reverses = ?", [event_id]).fetchone() is not None

    def add_events(self, events: Iterable[MoneyEvent], *, source: str = "") -> list[int]:
        """Append money events; returns their ids. Nothing is written if one is refused."""
        who, when = self.operator, now_text()
        rows = ((e.claim_id, e.kind.value, e.date.isoformat(), e.amount, e.accounting_year,
                 int(e.accounting_year_overridden), e.method, e.note, e.reverses, who, when, source)
                for e in events)
        with self._db.atomic():
            return insert_rows(self._db.conn, "money_events", _EVENT_COLUMNS, rows)

    def add_event(self, event: MoneyEvent) -> MoneyEvent:
        """Append one money event; returns it as recorded."""
        (event_id,) = self.add_events([event])
        return self.event(event_id)

    def event_count(self) -> int:
        """How many money events the ledger holds."""
        return self._db.execute("SELECT count(*) FROM money_events").fetchone()[0]

    # --- the standard summary --------------------------------------------------------

    def summary_figures(self, fiscal_year: int, as_of: date) -> Iterator[ClaimFigures]:
        """Every claim of FY or earlier reduced to its `ClaimFigures`, in one SQL pass."""
        return summary_figures(self._db.conn, fiscal_year, as_of)


_EVENT_COLUMNS = ("claim_id", "kind", "date", "amount", "accounting_year",
                  "accounting_year_overridden", "method", "note", "reverses", "operator",
                  "entered_at", "source")
_GUARANTOR_COLUMNS = ("claim_id", "name", "kana", "postal_code", "address", "phone", "relation",
                      "entered_by", "entered_at")
_DEBTOR_COLUMNS = ("debtor_id", "kind", "name", "kana", "postal_code", "address", "phone",
                   "workplace", "representative", "changed_by", "changed_at")
