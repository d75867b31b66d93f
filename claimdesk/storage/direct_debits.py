"""口座振替 registrations as the ledger keeps them: append-only, the latest entry in force
(migration m011_receipts)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from ..domain.direct_debit import AccountType, DirectDebit
from .as_of import late_param, owed_sql
from .operator import now_text
from .repository import Repository
from .rows import insert_rows

_COLUMNS = ("debtor_id", "bank_code", "branch_code", "account_type", "account_number", "holder_kana",
            "customer_number", "starts_on", "ends_on", "operator", "entered_at")
_SELECT = ("SELECT d.debtor_id, d.bank_code, d.branch_code, d.account_type, d.account_number, d.holder_kana,"
           " d.customer_number, d.starts_on, d.ends_on, d.id, d.operator, d.entered_at FROM direct_debits d")
# The entry in force of each debtor: the latest one.
_LATEST = "d.id = (SELECT max(l.id) FROM direct_debits l WHERE l.debtor_id = d.debtor_id)"


def _entry(r) -> DirectDebit:
    return DirectDebit(r[0], r[1], r[2], AccountType(r[3]), r[4], r[5], r[6], date.fromisoformat(r[7]),
                       None if r[8] is None else date.fromisoformat(r[8]), r[9], r[10],
                       datetime.fromisoformat(r[11]))


class DirectDebits(Repository):
    """The ledger's 口座振替 registrations (owned by a `Ledger`: `ledger.direct_debits`)."""

    def add(self, entries: Iterable[DirectDebit]) -> list[int]:
        """Append registrations (a new account, a change or an end); returns their ids."""
        who, when = self._operator, now_text()
        rows = ((e.debtor_id, e.bank_code, e.branch_code, e.account_type.value, e.account_number, e.holder_kana,
                 e.customer_number, e.starts_on.isoformat(), None if e.ends_on is None else e.ends_on.isoformat(),
                 who, when) for e in entries)
        with self._db.atomic():
            return insert_rows(self._db.conn, "direct_debits", _COLUMNS, rows)

    def history(self, debtor_id: str) -> list[DirectDebit]:
        """The debtor's entries, oldest first."""
        return [_entry(r) for r in self._db.execute(_SELECT + " WHERE d.debtor_id = ? ORDER BY d.id", [debtor_id])]

    def current(self, debtor_id: str) -> DirectDebit | None:
        """The debtor's entry in force (possibly ended), or None if never registered."""
        row = self._db.execute(_SELECT + " WHERE d.debtor_id = ? ORDER BY d.id DESC LIMIT 1", [debtor_id]).fetchone()
        return None if row is None else _entry(row)

    def latest(self) -> list[DirectDebit]:
        """Every debtor's entry in force (ended ones too), by debtor."""
        return [_entry(r) for r in self._db.execute(_SELECT + f" WHERE {_LATEST} ORDER BY d.debtor_id")]

    def with_customer_number(self, number: str) -> list[DirectDebit]:
        """The entries in force that carry this customer number (one debtor each)."""
        rows = self._db.execute(_SELECT + f" WHERE d.customer_number = ? AND {_LATEST} ORDER BY d.debtor_id",
                                [number])
        return [_entry(r) for r in rows]

    def with_customer_numbers(self, numbers: Iterable[str]) -> dict[str, list[DirectDebit]]:
        """`with_customer_number` for many numbers in one query (a bank file's lines): number → entries."""
        found: dict[str, list[DirectDebit]] = {}
        rows = self._db.execute(
            _SELECT + f" WHERE d.customer_number IN (SELECT value FROM json_each(?)) AND {_LATEST}"
            " ORDER BY d.debtor_id", [json.dumps(sorted(set(numbers)))])
        for r in rows:
            entry = _entry(r)
            found.setdefault(entry.customer_number, []).append(entry)
        return found

    def active_debtors(self, day: date) -> set[str]:
        """The debtors whose 口座振替 applies on `day`."""
        rows = self._db.execute(
            f"SELECT d.debtor_id FROM direct_debits d WHERE {_LATEST} AND d.starts_on <= ?1"
            " AND (d.ends_on IS NULL OR d.ends_on >= ?1)", [day.isoformat()])
        return {r[0] for r in rows}

    def arrears_without(self, day: date) -> list[tuple[str, str, str, int, int]]:
        """Debtors owing past-due money on `day` whose 口座振替 does not apply then:
        (debtor id, name, address, claims in arrears, amount), the largest amount first."""
        owed = owed_sql()
        rows = self._db.execute(
            f"SELECT c.debtor_id, b.name, b.address, count(*), sum({owed}) FROM claims c"
            " JOIN debtors b ON b.debtor_id = c.debtor_id"
            f" WHERE c.due_date < :today AND {owed} > 0 AND NOT EXISTS (SELECT 1 FROM direct_debits d"
            f" WHERE d.debtor_id = c.debtor_id AND {_LATEST} AND d.starts_on <= :today"
            " AND (d.ends_on IS NULL OR d.ends_on >= :today))"
            " GROUP BY c.debtor_id ORDER BY 5 DESC, c.debtor_id",
            {"today": day.isoformat(), "late": late_param(self._db.conn, day)})
        return [tuple(r) for r in rows]
