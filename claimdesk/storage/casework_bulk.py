"""The casework's bulk reads for many claims at once (本日の作業, the case classes, the 引継書),
begun beside the caller's other work (beside.py): the whole contact log, and the promises
and plan heads of many debtors, each one statement returning one JSON text.

`Casework` (casework.py) hands them out (`log_scan_started`, `arrangements_started`) and
turns their rows into the same records as its own reads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from ..domain.contacts import ContactEntry
from ..domain.promises import Promise
from .beside import Beside
from .casework_rows import RULE_COLUMNS, names_one_of, rule_entry_from_row
from .errors import speaks_ledger_errors


class PlanHead(NamedTuple):
    """A plan's id, debtor, claims and signing day: enough to choose which plans to read whole."""

    plan_id: int
    debtor_id: str
    claim_ids: tuple[str, ...]
    signed_on: date


def _scanned_rows(conn: sqlite3.Connection) -> list[list]:
    """The bulk read for many debtors: every entry's rule columns and its claims (as
    group_concat gives them), in id order, in one pass over each table.

    One statement yielding one JSON text, not a row per entry: made beside the caller's
    work, a row at a time would take the GIL back from the caller's thread at every row.
    """
    (text,) = conn.execute(_SCAN).fetchone()
    return json.loads(text) if text else []


_SCAN = f"""SELECT json_group_array(json_array({RULE_COLUMNS.removeprefix("SELECT ")}, claims)) FROM (
    SELECT * FROM contact_entries e LEFT JOIN (
        SELECT entry_id, group_concat(claim_id, char(31)) AS claims FROM contact_entry_claims GROUP BY entry_id
    ) l ON l.entry_id = e.id ORDER BY e.id) e"""


def _rule_entries_scanned(rows: list[list], debtor_ids: set[str], naming: set[str] | None) -> list[ContactEntry]:
    """The entries of the debtors (`entries_of_debtors`) taken from the scanned rows."""
    found = []
    for r in rows:
        if r[1] not in debtor_ids:
            continue
        # (r[14], r[16], r[18]: what it corrects, the letter it returns, its claims)
        if naming is not None and r[18] and r[14] is None and r[16] is None and not names_one_of(r[18], naming):
            continue
        found.append(rule_entry_from_row(r))
    return found


@speaks_ledger_errors
class LogScan:
    """The log's rows for a bulk read, read beside the caller's other work."""

    def __init__(self, read: Beside[list[list]]):
        self._read = read

    def rows(self) -> list[list]:
        return self._read.result()

    def debtors(self) -> set[str]:
        """The debtors with any entry (`Casework.debtors_with_entries`), from the rows read."""
        return {r[1] for r in self._read.result()}

    def abandon(self) -> None:
        """Stop the read if it still runs (not wanted after all), and wait for it."""
        self._read.abandon()


_CLAIMS_OF_ENTRY = "(SELECT group_concat(claim_id, char(31)) FROM contact_entry_claims l WHERE l.entry_id = p.entry_id)"
PROMISE_COLUMNS = f"p.id, e.debtor_id, p.made_on, p.amount, p.due_on, p.entry_id, {_CLAIMS_OF_ENTRY}"
PROMISES_OF = "FROM promises p JOIN contact_entries e ON e.id = p.entry_id WHERE e.debtor_id"
HEAD_COLUMNS = f"p.id, e.debtor_id, p.signed_on, {_CLAIMS_OF_ENTRY}"
HEADS_OF = "FROM instalment_plans p JOIN contact_entries e ON e.id = p.entry_id WHERE e.debtor_id"
_ARRANGEMENTS = f"""SELECT json_array(
    json((SELECT json_group_array(json_array({PROMISE_COLUMNS})) {PROMISES_OF} IN (SELECT value FROM json_each(:d)))),
    json((SELECT json_group_array(json_array({HEAD_COLUMNS})) {HEADS_OF} IN (SELECT value FROM json_each(:d)))))"""


def _arrangement_rows(conn: sqlite3.Connection, debtors: str) -> tuple[list[list], list[list]]:
    """The rows of the debtors' promises and plan heads (one statement, one JSON text: beside.py)."""
    (text,) = conn.execute(_ARRANGEMENTS, {"d": debtors}).fetchone()
    promises, heads = json.loads(text)
    return promises, heads


def promises_from_rows(rows: Iterable[Sequence]) -> list[Promise]:
    return [Promise(r[1], tuple(sorted(r[6].split("\x1f"))), date.fromisoformat(r[2]), r[3],
                    date.fromisoformat(r[4]), r[0], r[5]) for r in sorted(rows, key=_by_id)]


def plan_heads_from_rows(rows: Iterable[Sequence]) -> list[PlanHead]:
    return [PlanHead(r[0], r[1], tuple(sorted(r[3].split("\x1f"))), date.fromisoformat(r[2]))
            for r in sorted(rows, key=_by_id)]


def _by_id(row: Sequence) -> int:
    return row[0]


@speaks_ledger_errors
class ArrangementRead:
    """The promises and plan heads of many debtors, read beside the caller's other work."""

    def __init__(self, read: Beside[tuple[list[list], list[list]]]):
        self._read = read

    def promises(self) -> list[Promise]:
        return promises_from_rows(self._read.result()[0])

    def plan_heads(self) -> list[PlanHead]:
        return plan_heads_from_rows(self._read.result()[1])

    def abandon(self) -> None:
        """Stop the read if it still runs (not wanted after all), and wait for it."""
        self._read.abandon()


def log_scan(db: Database) -> LogScan:
    """The whole log's rows, read beside the caller's other work."""
    return LogScan(Beside(db, _scanned_rows, "contact-log"))


def arrangement_read(db: Database, debtor_ids: Iterable[str]) -> ArrangementRead:
    """The debtors' promises and plan heads, read beside the caller's other work."""
    debtors = json.dumps(sorted(set(debtor_ids)))
    return ArrangementRead(Beside(db, lambda conn: _arrangement_rows(conn, debtors), "arrangements"))


def scanned_entries(conn: sqlite3.Connection, scan: LogScan | None, debtor_ids: set[str],
                    naming: set[str] | None) -> list[ContactEntry]:
    """The debtors' entries (`Casework.entries_of_debtors`) from the whole log: the rows of
    `scan`, or read now on `conn`."""
    return _rule_entries_scanned(scan.rows() if scan is not None else _scanned_rows(conn), debtor_ids, naming)
