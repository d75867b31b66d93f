"""Checks of a ledger file: SQLite's own, the history triggers, the sums, the chain.

`open_problems` is what every open runs (quick_check and the triggers: fast);
`full_problems` is `claimdesk check` and the check of a backup before it is restored.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

from ..domain.integrity import Problem, ProblemKind
from .chain import verify_chain
from .sqlite_check import sqlite_check


def foreign_key_problems(conn: sqlite3.Connection) -> list[Problem]:
    """Rows whose reference points at nothing (PRAGMA foreign_key_check)."""
    return [Problem(ProblemKind.FOREIGN_KEY, table, str(rowid), f"{parent} に該当がありません")
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")]


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


@lru_cache(maxsize=1)
def expected_triggers() -> dict[str, tuple[str, str]]:
    """Every trigger a ledger of this version has: name → (table, SQL), from a fresh one."""
    from .migrate import prepare

    db, _ = prepare(None)
    try:
        return {name: (table, _normal(sql)) for name, table, sql in db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        db.close()


def trigger_problems(conn: sqlite3.Connection) -> list[Problem]:
    """History triggers that are missing or not as ClaimDesk wrote them."""
    present = {name: _normal(sql) for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    problems = []
    for name, (table, sql) in expected_triggers().items():
        if name not in present:
            problems.append(Problem(ProblemKind.TRIGGER_MISSING, table, name))
        elif present[name] != sql:
            problems.append(Problem(ProblemKind.TRIGGER_CHANGED, table, name))
    return problems


_SUMS_SQL = """
SELECT c.claim_id, c.adjusted, c.collected, c.written_off,
    coalesce(sum(CASE e.kind WHEN 'adjustment' THEN e.amount END), 0),
    coalesce(sum(CASE e.kind WHEN 'receipt' THEN e.amount WHEN 'refund' THEN -e.amount END), 0),
    coalesce(sum(CASE e.kind WHEN 'write_off' THEN e.amount END), 0)
FROM claims c LEFT JOIN money_events e ON e.claim_id = c.claim_id
GROUP BY c.claim_id
"""
_SUM_LABELS = ("調定増減", "収納", "不納欠損")


def sum_problems(conn: sqlite3.Connection) -> list[Problem]:
    """Claims whose stored running sums differ from their money events recomputed."""
    problems = []
    for claim_id, *values in conn.execute(_SUMS_SQL):
        stored, computed = values[:3], values[3:]
        for label, s, c in zip(_SUM_LABELS, stored, computed):
            if s != c:
                problems.append(Problem(ProblemKind.SUM_MISMATCH, "claims", claim_id,
                                        f"{label} 記録 {s:,}円／取引の合計 {c:,}円"))
    return problems


def open_problems(conn: sqlite3.Connection) -> list[Problem]:
    """What opening checks: quick_check, then (if the file reads) the triggers."""
    problems = sqlite_check(conn, "quick_check")
    if problems:
        return problems
    return trigger_problems(conn)


def full_problems(conn: sqlite3.Connection) -> list[Problem]:
    """Everything `claimdesk check` looks at, each problem on its own."""
    problems = sqlite_check(conn, "integrity_check")
    if problems:  # on a damaged file the rest would only repeat SQLite's errors
        return problems
    try:
        return (foreign_key_problems(conn) + trigger_problems(conn) + sum_problems(conn)
                + verify_chain(conn))
    except sqlite3.DatabaseError as e:
        return [Problem(ProblemKind.DAMAGED, detail=str(e))]
