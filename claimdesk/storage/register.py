"""The claim register's queries: counted, sorted and fetched a page at a time."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

from ..domain.claims import LegalNature
from ..domain.register import RegisterQuery, RegisterRow, claim_status, basic_limitation_date
from ..domain.text import search_key
from .as_of import late_param, owed_sql, written_off_sql
from .repository import Repository

_BALANCE = owed_sql()  # on :today, the day the register is shown for
_WRITTEN_OFF = written_off_sql()
# The debtor's 口座振替 applies on :today (its latest registration, not ended by then).
_DIRECT_DEBIT = """EXISTS (SELECT 1 FROM direct_debits dd WHERE dd.debtor_id = c.debtor_id
    AND dd.id = (SELECT max(l.id) FROM direct_debits l WHERE l.debtor_id = c.debtor_id)
    AND dd.starts_on <= :today AND (dd.ends_on IS NULL OR dd.ends_on >= :today))"""
_ORDER = {
    "claim_id": "c.claim_id",
    "debtor_name": "d.name",
    "debtor_kana": "d.kana",
    "claim_type": "t.name",
    "legal_nature": "t.legal_nature",
    "fiscal_year": "c.fiscal_year",
    "due_date": "c.due_date",
    "limitation_date": "c.due_date",
    "assessed": "(c.amount + c.adjusted)",
    "balance": _BALANCE,
    # overdue, not due, overpaid, paid, written off: what needs work first
    "status": f"""CASE WHEN {_BALANCE} > 0 AND c.due_date < :today THEN 0
                  WHEN {_BALANCE} > 0 THEN 1 WHEN {_BALANCE} < 0 THEN 2
                  WHEN {_WRITTEN_OFF} > 0 THEN 4 ELSE 3 END""",
}
_FROM = """
FROM claims c
JOIN debtors d ON d.debtor_id = c.debtor_id
JOIN claim_types t ON t.id = c.claim_type_id
"""


def _where(q: RegisterQuery, today: date, conn) -> tuple[str, dict]:
    clauses: list[str] = []
    params: dict[str, object] = {"today": today.isoformat(), "late": late_param(conn, today)}
    key = search_key(q.text)
    if key:
        # Names, kana, debtor ids and phones are matched folded; claim ids as typed (LIKE
        # ignores ASCII case). Each half can use an index (claims by debtor, the claim id
        # index alone), so a search reads the rows it finds, not the whole table.
        clauses.append(
            "c.rowid IN (SELECT rowid FROM claims WHERE debtor_id IN"
            " (SELECT debtor_id FROM debtors WHERE search_key LIKE :key ESCAPE '\\')"
            " UNION ALL SELECT rowid FROM claims WHERE claim_id LIKE :id ESCAPE '\\')")
        params["key"] = _contains(key)
        params["id"] = _contains(unicodedata.normalize("NFKC", q.text).strip())
    if q.claim_type:
        clauses.append("c.claim_type_id = (SELECT id FROM claim_types WHERE name = :claim_type)")
        params["claim_type"] = q.claim_type
    if q.legal_nature:
        clauses.append("c.claim_type_id IN (SELECT id FROM claim_types WHERE legal_nature = :nature)")
        params["nature"] = q.legal_nature.value
    if q.fiscal_year is not None:
        clauses.append("c.fiscal_year = :fy")
        params["fy"] = q.fiscal_year
    if q.overdue_only:
        clauses.append(f"{_BALANCE} > 0 AND c.due_date < :today")
    if q.direct_debit is not None:
        clauses.append(_DIRECT_DEBIT if q.direct_debit else f"NOT {_DIRECT_DEBIT}")
    if q.debtor_id:
        clauses.append("c.debtor_id = :debtor_id")
        params["debtor_id"] = q.debtor_id
    if q.only_claims is not None:
        clauses.append("c.claim_id IN (SELECT value FROM json_each(:only))")
        params["only"] = json.dumps(list(q.only_claims))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _contains(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_ROW_SELECT = f"""SELECT c.rowid, c.claim_id, c.debtor_id, d.name, d.kana, t.name, t.legal_nature,
    c.fiscal_year, c.due_date, c.amount + c.adjusted, {_BALANCE}, {_WRITTEN_OFF}, {_DIRECT_DEBIT} {_FROM}"""

# Sorting on a joined column needs the join; the others sort the claims table alone.
_NEEDS_JOIN = {"debtor_name", "debtor_kana", "claim_type", "legal_nature"}


def _order(q: RegisterQuery) -> str:
    direction = "DESC" if q.descending else "ASC"
    if q.sort == "claim_id":
        return f"c.claim_id {direction}"
    return f"{_ORDER[q.sort]} {direction}, c.claim_id {direction}"


def _rows(cursor, today: date) -> list[RegisterRow]:
    rows = []
    for r in cursor:
        due = date.fromisoformat(r[8])
        rows.append(RegisterRow(
            claim_id=r[1], debtor_id=r[2], debtor_name=r[3], debtor_kana=r[4], claim_type=r[5],
            legal_nature=LegalNature(r[6]), fiscal_year=r[7], due_date=due, assessed=r[9],
            balance=r[10], status=claim_status(r[10], r[11], due, today),
            limitation_date=basic_limitation_date(due), direct_debit=bool(r[12]),
        ))
    return rows


def _ids_and_rows(cursor, today: date):
    raw = cursor.fetchall()
    return [r[0] for r in raw], _rows(raw, today)


class Register(Repository):
    """The claim register: counted, sorted and fetched a page at a time."""

    def count(self, q: RegisterQuery, today: date) -> int:
        """How many claims match the query."""
        where, params = _where(q, today, self._db.conn)
        # The filters need no joins, so counting reads the claims table alone.
        return self._db.conn.execute(f"SELECT count(*) FROM claims c {where}", params).fetchone()[0]

    def page(self, q: RegisterQuery, today: date, offset: int, limit: int) -> list[RegisterRow]:
        """Rows `offset` … `offset + limit` of the register in the query's order."""
        where, params = _where(q, today, self._db.conn)
        sql = f"{_ROW_SELECT} {where} ORDER BY {_order(q)} LIMIT :limit OFFSET :offset"
        return _rows(self._db.conn.execute(sql, {**params, "limit": limit, "offset": offset}), today)

    def ordered_ids(self, q: RegisterQuery, today: date) -> list[int]:
        """Every matching claim's row id, in the query's order: the register's skeleton.

        With the ids in hand any stretch of the register is one lookup by key, so scrolling
        to row 150,000 costs what scrolling to row 1 does.
        """
        where, params = _where(q, today, self._db.conn)
        source = _FROM if q.sort in _NEEDS_JOIN else "FROM claims c"
        sql = f"SELECT c.rowid {source} {where} ORDER BY {_order(q)}"
        return [r[0] for r in self._db.conn.execute(sql, params)]

    def rows_by_ids(self, ids: list[int], today: date) -> list[RegisterRow]:
        """The register rows of these claim row ids, in the order given."""
        if not ids:
            return []
        conn = self._db.conn
        sql = f"{_ROW_SELECT} WHERE c.rowid IN (SELECT value FROM json_each(:ids))"
        params = {"ids": json.dumps(ids), "today": today.isoformat(), "late": late_param(conn, today)}
        found = {row_id: row for row_id, row in zip(*_ids_and_rows(conn.execute(sql, params), today))}
        return [found[i] for i in ids if i in found]

    def fiscal_years(self) -> list[int]:
        """The fiscal years that have claims, newest first."""
        sql = "SELECT DISTINCT fiscal_year FROM claims ORDER BY fiscal_year DESC"
        return [r[0] for r in self._db.conn.execute(sql)]
