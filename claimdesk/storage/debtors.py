"""A debtor's particulars: kept current, every earlier version kept in debtor_history."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.claims import Debtor, DebtorKind
from .operator import now_text, stamp_text
from .repository import Repository
from .rows import insert_rows
from .search import triggers_off

_DEBTOR_COLUMNS = ("debtor_id", "kind", "name", "kana", "postal_code", "address", "phone",
                   "workplace", "representative", "changed_by", "changed_at")


class Debtors(Repository):
    """Debtors and their history of particulars."""

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
            "changed_by": self._operator, "changed_at": stamp_text(),
        }
        existing = self.debtor(debtor.debtor_id)
        if existing == debtor:
            return
        with self._db.atomic():
            if existing is None:
                self._db.table("debtors").insert(values)
            else:
                self._db.table("debtors").update(debtor.debtor_id, values)

    def add_debtors(self, debtors: Iterable[Debtor]) -> int:
        """Register many new debtors at once (a demo or an import); an id in use is refused."""
        who, when = self._operator, now_text()
        rows = ((d.debtor_id, d.kind.value, d.name, d.kana, d.postal_code, d.address, d.phone,
                 d.workplace, d.representative, who, when) for d in debtors)
        # New debtors have no claims to re-index (their key is set by m002's trigger)
        with self._db.atomic(), triggers_off(self._db):
            return len(insert_rows(self._db.conn, "debtors", _DEBTOR_COLUMNS, rows))

    def debtor_count(self) -> int:
        """How many debtors the ledger holds."""
        return self._db.execute("SELECT count(*) FROM debtors").fetchone()[0]

    def search_keys(self) -> dict[str, str]:
        """Every debtor's folded id, name, かな and phone, as the register's search matches them."""
        return dict(self._db.execute("SELECT debtor_id, search_key FROM debtors").fetchall())

    def debtor_history(self, debtor_id: str) -> list[dict]:
        """The debtor's earlier particulars, oldest first, as rows."""
        return list(self._db.query(
            "SELECT * FROM debtor_history WHERE debtor_id = ? ORDER BY id", [debtor_id]))
