"""The claim register's queries: counted, sorted and fetched a page at a time."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

from ..domain.claims import LegalNature
from ..domain.register import RegisterQuery, RegisterRow, basic_limitation_date, claim_status
from ..domain.text import search_key
from .as_of import late_param, owed_sql, written_off_sql
from .repository import Repository
from .search import index_current, match_expression

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


_FOUND = "c.rowid IN (SELECT rowid FROM claim_search WHERE claim_search MATCH :match)"
# A search's first pages in the claim id order (what each keystroke shows): the first claims
# of that order, tested as LIKE tested them, when the search finds so many that a window
# of a few thousand holds the page; otherwise every claim the index finds, sorted by id.
# (Copying 175,000 matches of a digit into a list, or probing the index claim by claim,
# takes longer than a keystroke may.)
_LIKED = "(c.claim_id LIKE :id ESCAPE '\\' OR d.search_key LIKE :key ESCAPE '\\')"
PROBE_AT_MOST = 20_000  # claims in the window of a page read by LIKE
# …and no more claims than the search finds (times this): testing a claim by LIKE costs
# about what handing over and sorting a found one does, so a larger window loses. On the
# large demo `KY2025` (8,938 claims, all late in the order) tried windows of 2,237 and
# 17,896 claims before sorting its matches: 56 ms of CPU for the first page, 25 sorted.
PROBE_PER_FOUND = 1
# The next window, after one that held `n` of the `wanted` claims: wanted / n times as
# large, and this much more. On the large demo `やま` (24,519 claims) found 25 of 50 in its
# first window of 815 claims, then tried 6,520 (8 times); now 2,445 (a page in 7.5 ms of
# CPU before, 2.3 now); `K` (32,000 claims, all KY…) found none in 625 and tried 5,000
# before sorting its matches (9.4 ms; 4.9 now, sorting at once).
WINDOW_MARGIN = 1.5
# Without the index (claims added by another SQL tool, not yet indexed: search.py): names,
# kana, debtor ids and phones matched folded, claim ids as typed, each half by an index.
_SCANNED = ("c.rowid IN (SELECT rowid FROM claims WHERE debtor_id IN"
            " (SELECT debtor_id FROM debtors WHERE search_key LIKE :key ESCAPE '\\')"
            " UNION ALL SELECT rowid FROM claims WHERE claim_id LIKE :id ESCAPE '\\')")


def _contains(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(q: RegisterQuery, today: date, conn, text: str | None = _FOUND) -> tuple[str, dict]:
    """The WHERE clause of a query; `text`: the form of its search (None: left out)."""
    clauses: list[str] = []
    params: dict[str, object] = {"today": today.isoformat(), "late": late_param(conn, today)}
    match = match_expression(q.text)
    if match and text:
        clauses.append(text)
        params["match"] = match
        if text != _FOUND:  # LIKE, as the index matches
            params["id"] = _contains(unicodedata.normalize("NFKC", q.text).strip())
            params["key"] = _contains(search_key(q.text))
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

    def _indexed(self, q: RegisterQuery) -> bool:
        """Whether the query searches, and through the index (not when it lags: search.py)."""
        return match_expression(q.text) is not None and index_current(self._db.conn)

    def count(self, q: RegisterQuery, today: date) -> int:
        """How many claims match the query."""
        match = match_expression(q.text)
        if match and not index_current(self._db.conn):
            where, params = _where(q, today, self._db.conn, text=_SCANNED)
            return self._db.conn.execute(f"SELECT count(*) FROM claims c {where}", params).fetchone()[0]
        where, params = _where(q, today, self._db.conn, text=None)
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

        `found`: the query's count, if known; it chooses how a search is read (_LIKED).
        """
        page = {"limit": limit, "offset": offset}
        indexed = self._indexed(q)
        if q.sort == "claim_id" and indexed:
            found = self.count(q, today) if found is None else found
            rows = self._first_in_order(q, today, offset, limit, found)
            if rows is not None:
                return rows
            sql, params = self._found_in_order(q, today)
            sql += " LIMIT :limit OFFSET :offset"
            return self.rows_by_ids([r[0] for r in self._db.conn.execute(sql, {**params, **page})], today)
        where, params = _where(q, today, self._db.conn, text=_FOUND if indexed else _SCANNED)
        sql = f"{_ROW_SELECT} {where} ORDER BY {_order(q)} LIMIT :limit OFFSET :offset"
        return _rows(self._db.conn.execute(sql, {**params, **page}), today)

    def _first_in_order(self, q: RegisterQuery, today: date, offset: int, limit: int,
                        found: int) -> list[RegisterRow] | None:
        """The page from a window of the first claims in order, or None if none may hold it.

        The first window is twice what the search's density says. The claims a search
        finds can sit anywhere in the claim id order (one kind of claim, a debtor's
        claims): a window that holds some of the page is grown by what it held
        (WINDOW_MARGIN), one that holds none gives way to sorting every match at once.
        """
        total = self._db.conn.execute("SELECT max(rowid) FROM claims").fetchone()[0] or 0
        wanted = offset + limit
        window = max(2 * wanted * total // max(found, 1), wanted)
        where, params = _where(q, today, self._db.conn, text=_LIKED)
        params.update(limit=limit, offset=offset)
        direction = "DESC" if q.descending else "ASC"
        sql = (f"WITH w AS (SELECT rowid AS r FROM claims ORDER BY claim_id {direction} LIMIT :window)"
               f" {_ROW_SELECT.replace('FROM claims c', 'FROM w JOIN claims c ON c.rowid = w.r')} {where}"
               f" ORDER BY {_order(q)} LIMIT :limit OFFSET :offset")
        while window <= min(PROBE_AT_MOST, found * PROBE_PER_FOUND):
            rows = _rows(self._db.conn.execute(sql, {**params, "window": window}), today)
            if len(rows) == limit or offset + len(rows) >= found:
                return rows
            if not rows:
                return None
            window = max(window * 2, int(window * wanted / (offset + len(rows)) * WINDOW_MARGIN))
        return None

    def ordered_ids(self, q: RegisterQuery, today: date) -> list[int]:
        """Every matching claim's row id, in the query's order: the register's skeleton.

        With the ids in hand any stretch of the register is one lookup by key, so scrolling
        to row 150,000 costs what scrolling to row 1 does.
        """
        indexed = self._indexed(q)
        if indexed and q.sort not in _NEEDS_JOIN:
            sql, params = self._found_in_order(q, today)
            return [r[0] for r in self._db.conn.execute(sql, params)]
        where, params = _where(q, today, self._db.conn, text=_FOUND if indexed else _SCANNED)
        source = _FROM if q.sort in _NEEDS_JOIN else "FROM claims c"
        sql = f"SELECT c.rowid {source} {where} ORDER BY {_order(q)}"
        return [r[0] for r in self._db.conn.execute(sql, params)]

    def _found_in_order(self, q: RegisterQuery, today: date) -> tuple[str, dict]:
        """Every claim the index finds, in the query's order, as rowids: the statement.

        The index drives and each claim found is looked up by its rowid: 10–20% less than
        testing the claims against the list of matches (`_FOUND`) on the large demo (`佐藤`,
        2,145 claims: 2.3 → 1.9 ms of CPU; `D0012` 8.5 → 7.5).
        """
        where, params = _where(q, today, self._db.conn, text=None)
        sql = (f"SELECT c.rowid FROM claim_search s JOIN claims c ON c.rowid = s.rowid {where}"
               f" {'AND' if where else 'WHERE'} claim_search MATCH :match ORDER BY {_order(q)}")
        params["match"] = match_expression(q.text)
        return sql, params

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
