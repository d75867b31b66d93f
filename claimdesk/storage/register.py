"""The claim register's queries: counted, sorted and fetched a page at a time."""

from __future__ import annotations

import unicodedata
from datetime import date

from ..domain.claims import LegalNature
from ..domain.register import RegisterQuery, RegisterRow, claim_status, basic_limitation_date
from ..domain.text import search_key

_BALANCE = "(c.amount + c.adjusted - c.collected - c.written_off)"
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
                  WHEN c.written_off > 0 THEN 4 ELSE 3 END""",
}
_FROM = """
FROM claims c
JOIN debtors d ON d.debtor_id = c.debtor_id
JOIN claim_types t ON t.id = c.claim_type_id
"""


def _where(q: RegisterQuery, today: date) -> tuple[str, dict]:
    clauses, params = [], {"today": today.isoformat()}
    key = search_key(q.text)
    if key:
        # Names, kana, debtor ids and phones are matched folded; claim ids as typed.
        clauses.append("(d.search_key LIKE :key ESCAPE '\\' OR lower(c.claim_id) LIKE :id ESCAPE '\\')")
        params["key"] = _contains(key)
        params["id"] = _contains(unicodedata.normalize("NFKC", q.text).strip().lower())
    if q.claim_type:
        clauses.append("t.name = :claim_type")
        params["claim_type"] = q.claim_type
    if q.legal_nature:
        clauses.append("t.legal_nature = :nature")
        params["nature"] = q.legal_nature.value
    if q.fiscal_year is not None:
        clauses.append("c.fiscal_year = :fy")
        params["fy"] = q.fiscal_year
    if q.overdue_only:
        clauses.append(f"{_BALANCE} > 0 AND c.due_date < :today")
    if q.debtor_id:
        clauses.append("c.debtor_id = :debtor_id")
        params["debtor_id"] = q.debtor_id
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _contains(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def count(conn, q: RegisterQuery, today: date) -> int:
    where, params = _where(q, today)
    return conn.execute(f"SELECT count(*) {_FROM} {where}", params).fetchone()[0]


def page(conn, q: RegisterQuery, today: date, offset: int, limit: int) -> list[RegisterRow]:
    """Rows `offset` … `offset + limit` of the register in the query's order."""
    where, params = _where(q, today)
    direction = "DESC" if q.descending else "ASC"
    order = f"{_ORDER[q.sort]} {direction}, c.claim_id {direction}"
    sql = f"""SELECT c.claim_id, c.debtor_id, d.name, d.kana, t.name, t.legal_nature, c.fiscal_year,
                     c.due_date, c.amount + c.adjusted, {_BALANCE}, c.written_off
              {_FROM} {where} ORDER BY {order} LIMIT :limit OFFSET :offset"""
    rows = []
    for r in conn.execute(sql, {**params, "limit": limit, "offset": offset}):
        due = date.fromisoformat(r[7])
        rows.append(RegisterRow(
            claim_id=r[0], debtor_id=r[1], debtor_name=r[2], debtor_kana=r[3], claim_type=r[4],
            legal_nature=LegalNature(r[5]), fiscal_year=r[6], due_date=due, assessed=r[8],
            balance=r[9], status=claim_status(r[9], r[10], due, today),
            limitation_date=basic_limitation_date(due),
        ))
    return rows


def fiscal_years(conn) -> list[int]:
    return [r[0] for r in conn.execute("SELECT DISTINCT fiscal_year FROM claims ORDER BY fiscal_year DESC")]
