"""The targets table (migration m004_targets): append entries, read those in force.

Entries are never changed: the newest entry per (claim type, fiscal year, category) is
in force, and the older ones are the history a department can show.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.targets import SheetNotes, Target, rate_to_tenths, tenths_to_rate
from .errors import LedgerError
from .operator import now_text
from .repository import Repository

_SELECT = (
    "SELECT ct.name, t.fiscal_year, t.category, t.rate_tenths, t.basis, t.actions,"
    " t.entered_by, t.entered_at FROM targets t JOIN claim_types ct ON ct.id = t.claim_type_id"
)


def _target(row) -> Target:
    rate = None if row[3] is None else tenths_to_rate(row[3])
    return Target(row[0], row[1], row[2], rate, row[4], row[5], row[6], row[7])


class Targets(Repository):
    """The targets table: entries appended, the newest per key in force."""

    def append(self, targets: Iterable[Target]) -> int:
        """Append the entries together (or none of them); returns how many were written."""
        type_ids = dict(self._db.execute("SELECT name, id FROM claim_types").fetchall())
        who, when = self._operator, now_text()
        rows = []
        for t in targets:
            if t.claim_type not in type_ids:
                raise LedgerError(f"債権名「{t.claim_type}」が登録されていません")
            tenths = None if t.rate is None else rate_to_tenths(t.rate)
            rows.append((type_ids[t.claim_type], t.fiscal_year, t.category, tenths, t.basis, t.actions, who, when))
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT INTO targets (claim_type_id, fiscal_year, category, rate_tenths, basis,"
                " actions, entered_by, entered_at) VALUES (?,?,?,?,?,?,?,?)",
                rows,
            )
        return len(rows)


    def in_force(self, fiscal_year: int) -> list[Target]:
        """The newest entry per (claim type, category) of the fiscal year, withdrawals included."""
        rows = self._db.execute(
            _SELECT + " WHERE t.id IN (SELECT max(id) FROM targets WHERE fiscal_year = ?"
            " GROUP BY claim_type_id, category) ORDER BY ct.name, t.category",
            [fiscal_year],
        ).fetchall()
        return [_target(r) for r in rows]


    def history(self, fiscal_year: int, claim_type: str | None = None) -> list[Target]:
        """Every entry of the fiscal year (of one claim type, if given), oldest first."""
        sql = _SELECT + " WHERE t.fiscal_year = ?"
        params: list[object] = [fiscal_year]
        if claim_type is not None:
            sql += " AND ct.name = ?"
            params.append(claim_type)
        return [_target(r) for r in self._db.execute(sql + " ORDER BY t.id", params).fetchall()]


_NOTE_AMOUNTS = tuple(f"expected_{kind}_{c}" for c in ("current", "carried", "total")
                      for kind in ("collected", "outstanding"))


class SheetNotesTable(Repository):
    """target_notes (migration m012_enforcement): the 個票's words and expected amounts, newest in force."""

    def append(self, notes: SheetNotes) -> None:
        """Append one entry for (claim type, fiscal year)."""
        row = self._db.execute("SELECT id FROM claim_types WHERE name = ?", [notes.claim_type]).fetchone()
        if row is None:
            raise LedgerError(f"債権名「{notes.claim_type}」が登録されていません")
        amounts = [getattr(notes, f"expected_{kind}").get(c) for c in ("current", "carried", "total")
                   for kind in ("collected", "outstanding")]
        with self._db.atomic():
            self._db.execute(
                f"INSERT INTO target_notes (claim_type_id, fiscal_year, explanation_current, explanation_carried,"
                f" review, {', '.join(_NOTE_AMOUNTS)}, operator, entered_at)"
                f" VALUES ({', '.join('?' * (7 + len(_NOTE_AMOUNTS)))})",
                [row[0], notes.fiscal_year, notes.explanation_current, notes.explanation_carried, notes.review,
                 *amounts, self._operator, now_text()])

    def in_force(self, fiscal_year: int) -> dict[str, SheetNotes]:
        """The newest entry of each claim type for the fiscal year, by claim type."""
        rows = self._db.execute(
            f"SELECT ct.name, n.explanation_current, n.explanation_carried, n.review, {', '.join(_NOTE_AMOUNTS)},"
            " n.operator, n.entered_at FROM target_notes n JOIN claim_types ct ON ct.id = n.claim_type_id"
            " WHERE n.id IN (SELECT max(id) FROM target_notes WHERE fiscal_year = ? GROUP BY claim_type_id)",
            [fiscal_year]).fetchall()
        found = {}
        for r in rows:
            values = dict(zip(_NOTE_AMOUNTS, r[4:10]))
            collected = {c: values[f"expected_collected_{c}"] for c in ("current", "carried", "total")
                         if values[f"expected_collected_{c}"] is not None}
            outstanding = {c: values[f"expected_outstanding_{c}"] for c in ("current", "carried", "total")
                           if values[f"expected_outstanding_{c}"] is not None}
            found[r[0]] = SheetNotes(r[0], fiscal_year, r[1], r[2], r[3], collected, outstanding, r[10], r[11])
        return found
