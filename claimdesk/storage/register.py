"""The claim register's queries: counted, sorted and fetched a page at a time."""

from __future__ import annotations

from datetime import date

from ..domain.claims import LegalNature
from ..domain.register import RegisterQuery, RegisterRow, claim_status, basic_limitation_date
from .repository import Repository
from .search import match_expression

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


# A search through the index (search.py), in two forms. Few matches: the list of them,
# then sorted. Many (a digit matches 175,000 of 200,000 claims): the claims in order,
# each looked up in the index, until the page is full; copying every match into a list
# first would take longer than the whole keystroke may.
_FOUND = "c.rowid IN (SELECT rowid FROM claim_search WHERE claim_search MATCH :match)"
_PROBED = "EXISTS (SELECT 1 FROM claim_search s WHERE claim_search MATCH :match AND s.rowid = c.rowid)"
DENSE = 8  # a search is dense when it finds more than one claim in this many


def _where(q: RegisterQuery, today: date, text: str | None = _FOUND) -> tuple[str, dict]:
    """The WHERE clause of a query; `text`: the form of its search (None: left out)."""
    clauses: list[str] = []
    params: dict[str, object] = {"today": today.isoformat()}
    match = match_expression(q.text)
    if match and text:
        clauses.append(text)
        params["match"] = match
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
    if q.debtor_id:
        clauses.append("c.debtor_id = :debtor_id")
        params["debtor_id"] = q.debtor_id
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_ROW_SELECT = f"""SELECT c.rowid, c.claim_id, c.debtor_id, d.name, d.kana, t.name, t.legal_nature,
    c.fiscal_year, c.due_date, c.amount + c.adjusted, {_BALANCE}, c.written_off {_FROM}"""

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
            limitation_date=basic_limitation_date(due),
        ))
    return rows


def _ids_and_rows(cursor, today: date):
    raw = cursor.fetchall()
    return [r[0] for r in raw], _rows(raw, today)


class Register(Repository):
    """The claim register: counted, sorted and fetched a page at a time."""

    def count(self, q: RegisterQuery, today: date) -> int:
        """How many claims match the query."""
        match = match_expression(q.text)
        where, params = _where(q, today, text=None)
        if not match:  # the filters need no joins: counting reads the claims table alone
            sql = f"SELECT count(*) FROM claims c {where}"
        elif not where:  # the search alone: the index counts
            sql, params = "SELECT count(*) FROM claim_search WHERE claim_search MATCH :match", {"match": match}
        else:  # each claim found, looked up by rowid
            sql = (f"SELECT count(*) FROM claim_search s JOIN claims c ON c.rowid = s.rowid {where}"
                   " AND claim_search MATCH :match")
            params["match"] = match
        return self._db.conn.execute(sql, params).fetchone()[0]

    def page(self, q: RegisterQuery, today: date, offset: int, limit: int,
             found: int | None = None) -> list[RegisterRow]:
        """Rows `offset` … `offset + limit` of the register in the query's order.

        `found`: the query's count, if known; it chooses how a search is read (see _FOUND).
        """
        where, params = _where(q, today, self._search_form(q, today, found))
        sql = f"{_ROW_SELECT} {where} ORDER BY {_order(q)} LIMIT :limit OFFSET :offset"
        return _rows(self._db.conn.execute(sql, {**params, "limit": limit, "offset": offset}), today)

    def _search_form(self, q: RegisterQuery, today: date, found: int | None) -> str:
        if not q.text.strip() or q.sort != "claim_id":  # only the claim id order is read in order
            return _FOUND
        if found is None:
            found = self.count(q, today)
        total = self._db.conn.execute("SELECT max(rowid) FROM claims").fetchone()[0] or 0
        return _PROBED if found * DENSE > total else _FOUND

    def ordered_ids(self, q: RegisterQuery, today: date) -> list[int]:
        """Every matching claim's row id, in the query's order: the register's skeleton.

        With the ids in hand any stretch of the register is one lookup by key, so scrolling
        to row 150,000 costs what scrolling to row 1 does.
        """
        where, params = _where(q, today)
        source = _FROM if q.sort in _NEEDS_JOIN else "FROM claims c"
        sql = f"SELECT c.rowid {source} {where} ORDER BY {_order(q)}"
        return [r[0] for r in self._db.conn.execute(sql, params)]

    def rows_by_ids(self, ids: list[int], today: date) -> list[RegisterRow]:
        """The register rows of these claim row ids, in the order given."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {row_id: row for row_id, row in zip(
            *_ids_and_rows(self._db.conn.execute(f"{_ROW_SELECT} WHERE c.rowid IN ({marks})", ids), today))}
        return [found[i] for i in ids if i in found]

    def fiscal_years(self) -> list[int]:
        """The fiscal years that have claims, newest first."""
        sql = "SELECT DISTINCT fiscal_year FROM claims ORDER BY fiscal_year DESC"
        return [r[0] for r in self._db.conn.execute(sql)]
