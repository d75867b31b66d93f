"""SQLite's own check of a file, apart from integrity.py.

migrate.py runs it on every open before upgrading, and integrity.py builds a fresh ledger
through migrate.py to know the expected triggers: kept here, neither imports the other.
"""

from __future__ import annotations

import sqlite3

from ..domain.integrity import Problem, ProblemKind


def sqlite_check(conn: sqlite3.Connection, pragma: str = "quick_check") -> list[Problem]:
    """PRAGMA quick_check / integrity_check, one problem per line SQLite reports."""
    try:
        lines = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as e:
        return [Problem(ProblemKind.DAMAGED, detail=str(e))]
    return [] if lines == ["ok"] else [Problem(ProblemKind.DAMAGED, detail=line) for line in lines]
