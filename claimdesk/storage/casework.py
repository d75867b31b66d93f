"""Casework in SQLite: contact entries, promises, instalment plans, liable parties.

Every table here is append-only (migrations.m003_casework). Entries are read back whole,
superseded ones included: which version stands is the domain's business
(`contacts.resolve_log`), so the history can always be shown as it was written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date

from ..domain.claims import Guarantor
from ..domain.contacts import ContactEntry
from ..domain.instalments import Instalment, Plan, PlanKind
from ..domain.promises import Promise
from ..domain.text import search_key
from .casework_bulk import (
    HEAD_COLUMNS,
    HEADS_OF,
    PROMISE_COLUMNS,
    PROMISES_OF,
    ArrangementRead,
    LogScan,
    PlanHead,
    arrangement_read,
    log_scan,
    plan_heads_from_rows,
    promises_from_rows,
    scanned_entries,
)
from .casework_rows import (
    ENTRY_COLUMNS,
    ENTRY_SELECT,
    RULE_SELECT,
    day_or_none,
    entry_from_row,
    entry_values,
    instalment_from_row,
    rule_entry_from_row,
)
from .errors import LedgerError
from .operator import now_text, stamp_text
from .repository import Repository
from .rows import insert_rows, new_id

# Above this many debtors a bulk read scans the log once in id order, with every entry's
# claims read in one grouped pass, instead of looking up each debtor and each entry's claims.
_SCAN_FROM = 1000


def _message(err: Exception) -> str:
    text = str(err)
    if "UNIQUE constraint failed: contact_entries.corrects" in text:
        return "この記録はすでに訂正されています（最新の訂正をさらに訂正してください）"
    if "FOREIGN KEY" in text:
        return "参照先（債務者・債権・記録・保証人）が台帳にありません"
    return f"台帳に記録できません: {text}"


_PLAN_SELECT = """
    SELECT p.id, e.debtor_id, p.kind, p.signed_on, p.entry_id, x.cancelled_on,
        (SELECT group_concat(claim_id, char(31)) FROM contact_entry_claims l WHERE l.entry_id = p.entry_id)
    FROM instalment_plans p JOIN contact_entries e ON e.id = p.entry_id
    LEFT JOIN plan_cancellations x ON x.plan_id = p.id"""


class Casework(Repository):
    """The contact log, promises, instalment plans and liable parties of one ledger."""

    def add_entry(self, e: ContactEntry) -> int:
        """Append a contact entry and its claims; returns its id."""
        values = entry_values(e, self._operator, now_text())
        conn = self._db.conn
        marks = ",".join("?" * len(ENTRY_COLUMNS))
        with self._db.atomic():
            try:
                entry_id = new_id(conn.execute(
                    f"INSERT INTO contact_entries ({', '.join(ENTRY_COLUMNS)}) VALUES ({marks})", values
                ).lastrowid)
                conn.executemany("INSERT INTO contact_entry_claims (entry_id, claim_id) VALUES (?, ?)",
                                 [(entry_id, c) for c in sorted(set(e.claim_ids))])
            except sqlite3.IntegrityError as err:  # the triggers' messages are for people
                raise LedgerError(_message(err)) from None
        return entry_id

    def next_ids(self) -> tuple[int, int]:
        """The next free ids of contact_entries and instalment_plans (for `add_history`)."""
        row = self._db.execute("SELECT (SELECT coalesce(max(id), 0) + 1 FROM contact_entries),"
                                " (SELECT coalesce(max(id), 0) + 1 FROM instalment_plans)").fetchone()
        return row[0], row[1]

    def add_history(self, entries: Sequence[ContactEntry],
                    promises: Iterable[tuple[int, date, int, date]] = (), plans: Iterable[Plan] = ()) -> None:
        """Write a whole stretch of casework at once, with the ids the caller gave (the demo ledger).

        The per-entry functions above take a transaction and a round trip per row; a history
        of 100,000 entries is written here many rows to a statement instead (`insert_rows`,
        measured at about 60% of executemany's time for these wide rows). Entries carry their
        `entry_id` (from `next_ids`, counted up), so that promises ((entry_id, made_on,
        amount, due_on)), plans (with `plan_id` and `entry_id`) and returned letters can
        point at them before they are written. The schema's triggers and CHECKs still check
        every row; what the services check (dates, legal effects, decisions by kind of
        claim) is the caller's business.
        """
        operator, when = self._operator, now_text()
        conn, plans = self._db.conn, list(plans)
        with self._db.atomic():
            try:
                insert_rows(conn, "contact_entries", ("id",) + ENTRY_COLUMNS,
                             ((e.entry_id, *entry_values(e, operator, when)) for e in entries))
                insert_rows(conn, "contact_entry_claims", ("entry_id", "claim_id"),
                             ((e.entry_id, c) for e in entries for c in sorted(set(e.claim_ids))))
                insert_rows(conn, "promises", ("entry_id", "made_on", "amount", "due_on", "operator", "entered_at"),
                             ((entry_id, made.isoformat(), amount, due.isoformat(), operator, when)
                              for entry_id, made, amount, due in promises))
                insert_rows(conn, "instalment_plans", ("id", "entry_id", "kind", "signed_on", "total", "operator",
                                                        "entered_at"),
                             ((p.plan_id, p.entry_id, p.kind.value, p.signed_on.isoformat(), p.total, operator, when)
                              for p in plans))
                insert_rows(conn, "instalments", ("plan_id", "seq", "due_on", "amount"),
                             ((p.plan_id, i.seq, i.due_on.isoformat(), i.amount) for p in plans for i in p.instalments))
            except sqlite3.IntegrityError as err:
                raise LedgerError(_message(err)) from None

    def entry(self, entry_id: int) -> ContactEntry | None:
        """The entry with this id, as written, or None."""
        row = self._db.execute(ENTRY_SELECT + " WHERE e.id = ?", [entry_id]).fetchone()
        return None if row is None else entry_from_row(row)

    def correction_of(self, entry_id: int) -> int | None:
        """The id of the entry that corrected (or retracted) this one, if any."""
        row = self._db.execute("SELECT id FROM contact_entries WHERE corrects = ?", [entry_id]).fetchone()
        return row[0] if row else None

    def return_of(self, letter_entry_id: int) -> int | None:
        """The id of the entry recording that this letter came back, if any."""
        row = self._db.execute(
            "SELECT id FROM contact_entries WHERE returned_letter_of = ? AND retracted = 0"
            " AND id NOT IN (SELECT corrects FROM contact_entries WHERE corrects IS NOT NULL)",
            [letter_entry_id]).fetchone()
        return row[0] if row else None

    def entries_of_claim(self, claim_id: str) -> list[ContactEntry]:
        """Every entry of the claim's debtor, oldest first (corrections may move claims)."""
        row = self._db.execute("SELECT debtor_id FROM claims WHERE claim_id = ?", [claim_id]).fetchone()
        return self.entries_of_debtors([row[0]]) if row else []

    def entries_of_debtors(self, debtor_ids: Iterable[str], *, rules_only: bool = False,
                           naming: set[str] | None = None, scan: LogScan | None = None) -> list[ContactEntry]:
        """Every entry of the debtors, oldest first, superseded ones too.

        `rules_only`: only the fields the casework rules read, the free texts empty (the
        worklist's and the case classes' bulk read); never for showing or printing entries.
        `naming` (with `rules_only`): an entry naming none of these claims may be left out
        unless it corrects or returns another (which can change what stands for them): for
        reads that look only at these claims' part of each log (`LogView.for_claim`).
        `scan` (with `rules_only`): the whole log's rows, read beside the caller's other
        work (`log_scan_started`), to take the entries from.
        """
        debtor_ids = set(debtor_ids)
        if rules_only and (scan is not None or len(debtor_ids) >= _SCAN_FROM):
            return scanned_entries(self._db.conn, scan, debtor_ids, naming)
        select, make = (RULE_SELECT, rule_entry_from_row) if rules_only else (ENTRY_SELECT, entry_from_row)
        rows = self._in_chunks(select + " WHERE e.debtor_id IN ({})", debtor_ids)
        return [make(r) for r in sorted(rows, key=lambda r: r[0])]

    def log_scan_started(self) -> LogScan:
        """The bulk read of the log for many debtors begun beside the caller's other work
        (a thread: beside.py); hand it to `entries_of_debtors(scan=…)`, or `abandon()` it."""
        return log_scan(self._db)

    def search_entries(self, text: str, limit: int = 200) -> list[ContactEntry]:
        """Entries whose words (folded like names) contain `text`, newest first."""
        key = search_key(text)
        if not key:
            return []
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute(
            ENTRY_SELECT + " WHERE e.search_key LIKE ? ESCAPE '\\' ORDER BY e.contact_date DESC, e.id DESC LIMIT ?",
            [f"%{escaped}%", limit]).fetchall()
        return [entry_from_row(r) for r in rows]

    def add_promise(self, entry_id: int, made_on: date, amount: int, due_on: date) -> int:
        """Append a promise made in the entry; returns its id."""
        with self._db.atomic():
            return new_id(self._db.execute(
                "INSERT INTO promises (entry_id, made_on, amount, due_on, operator, entered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [entry_id, made_on.isoformat(), amount, due_on.isoformat(), self._operator, now_text()],
            ).lastrowid)

    def promises_of_debtors(self, debtor_ids: Iterable[str]) -> list[Promise]:
        """The debtors' promises with the claims of the entry each was made in."""
        return promises_from_rows(self._in_chunks(f"SELECT {PROMISE_COLUMNS} {PROMISES_OF} IN ({{}})", debtor_ids))

    def arrangements_started(self, debtor_ids: Iterable[str]) -> ArrangementRead:
        """`promises_of_debtors` and `plan_heads_of_debtors` read beside the caller's other
        work (a thread: beside.py), for many debtors at once (本日の作業's)."""
        return arrangement_read(self._db, debtor_ids)

    def add_plan(self, entry_id: int, kind: PlanKind, signed_on: date,
                 instalments: Sequence[Instalment]) -> int:
        """Append a plan signed in the entry with its instalments; returns its id."""
        conn = self._db.conn
        with self._db.atomic():
            plan_id = new_id(conn.execute(
                "INSERT INTO instalment_plans (entry_id, kind, signed_on, total, operator, entered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [entry_id, kind.value, signed_on.isoformat(), sum(i.amount for i in instalments),
                 self._operator, now_text()]).lastrowid)
            conn.executemany("INSERT INTO instalments (plan_id, seq, due_on, amount) VALUES (?, ?, ?, ?)",
                             [(plan_id, i.seq, i.due_on.isoformat(), i.amount) for i in instalments])
        return plan_id

    def cancel_plan(self, plan_id: int, cancelled_on: date, entry_id: int) -> None:
        """Record that a plan was cancelled in the entry; a second cancellation is refused."""
        with self._db.atomic():
            try:
                self._db.execute(
                    "INSERT INTO plan_cancellations (plan_id, cancelled_on, entry_id, operator, entered_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [plan_id, cancelled_on.isoformat(), entry_id, self._operator, now_text()])
            except sqlite3.IntegrityError as err:
                if "UNIQUE" in str(err):
                    raise LedgerError("この分納計画はすでに取り消されています") from None
                raise LedgerError(_message(err)) from None

    def plans_of_debtors(self, debtor_ids: Iterable[str]) -> list[Plan]:
        """The debtors' plans with their instalments, the claims they cover and any cancellation."""
        return self._plans(self._in_chunks(_PLAN_SELECT + " WHERE e.debtor_id IN ({})", debtor_ids))

    def plan_heads_of_debtors(self, debtor_ids: Iterable[str]) -> list[PlanHead]:
        """The debtors' plans without their instalments: which to read whole is the caller's choice."""
        return plan_heads_from_rows(self._in_chunks(f"SELECT {HEAD_COLUMNS} {HEADS_OF} IN ({{}})", debtor_ids))

    def plans_by_id(self, plan_ids: Iterable[int]) -> list[Plan]:
        """The plans with these ids, with their instalments and any cancellation."""
        return self._plans(self._in_chunks(_PLAN_SELECT + " WHERE p.id IN ({})", plan_ids))

    def _plans(self, rows) -> list[Plan]:
        rows = sorted(rows)
        # every plan's instalments in one pass (a query per plan took a third of the worklist)
        by_plan: dict[int, list[tuple]] = {}
        for plan_id, seq, due_on, amount in self._in_chunks(
                "SELECT plan_id, seq, due_on, amount FROM instalments WHERE plan_id IN ({}) ORDER BY plan_id, seq",
                [r[0] for r in rows]):
            by_plan.setdefault(plan_id, []).append((seq, due_on, amount))
        plans, fromiso = [], date.fromisoformat
        for r in rows:
            inst = by_plan.get(r[0], ())
            plans.append(Plan(
                debtor_id=r[1], claim_ids=tuple(sorted(r[6].split("\x1f"))), kind=PlanKind(r[2]),
                signed_on=date.fromisoformat(r[3]),
                instalments=tuple([instalment_from_row(s, fromiso(d), a) for s, d, a in inst]),
                plan_id=r[0], entry_id=r[4], cancelled_on=day_or_none(r[5]),
            ))
        return plans

    def _in_chunks(self, sql: str, keys: Iterable) -> list[tuple]:
        """Run `sql` (with one IN ({}) for the keys) in chunks under SQLite's variable limit."""
        keys, rows = sorted(set(keys)), []
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows += self._db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def add_liable_party(self, g: Guarantor, role: str) -> int:
        """A guarantor or an heir of a claim (one balance, several people liable for it)."""
        with self._db.atomic():
            return new_id(self._db.execute(
                "INSERT INTO guarantors (claim_id, name, kana, postal_code, address, phone, relation, role,"
                " entered_by, entered_at, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [g.claim_id, g.name, g.kana, g.postal_code, g.address, g.phone, g.relation, role,
                 self._operator, now_text(), self._operator, stamp_text()]).lastrowid)

    def last_liable_party_id(self) -> int:
        """The largest guarantor/heir id so far (0 when none)."""
        return self._db.execute("SELECT coalesce(max(id), 0) FROM guarantors").fetchone()[0]

    def liable_parties_after(self, after_id: int) -> list[tuple[int, str, str]]:
        """(id, claim_id, name) of the guarantors and heirs added since `after_id`, oldest first."""
        return self._db.execute("SELECT id, claim_id, name FROM guarantors WHERE id > ? ORDER BY id",
                                 [after_id]).fetchall()

    def liable_parties(self, claim_id: str) -> list[tuple[Guarantor, str]]:
        """The claim's guarantors and heirs with their role, oldest first."""
        rows = self._db.execute(
            "SELECT claim_id, name, kana, postal_code, address, phone, relation, id, role"
            " FROM guarantors WHERE claim_id = ? ORDER BY id", [claim_id]).fetchall()
        return [(Guarantor(*r[:8]), r[8]) for r in rows]

    def debtors_with_entries(self, among: Iterable[str] | None = None) -> set[str]:
        """Debtors (of `among`, if given) that have any contact entry (the rest need no casework reads)."""
        if among is None:
            return {r[0] for r in self._db.execute("SELECT DISTINCT debtor_id FROM contact_entries")}
        # a register page's few debtors: looked up, not the whole log's debtors read
        sql = ("SELECT DISTINCT debtor_id FROM contact_entries"
               " WHERE debtor_id IN (SELECT value FROM json_each(?))")
        return {r[0] for r in self._db.execute(sql, [json.dumps(sorted(set(among)))])}
