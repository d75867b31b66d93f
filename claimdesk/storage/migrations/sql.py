"""What migrations share: running a script inside their transaction, append-only triggers."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database


def append_only_triggers(table: str) -> str:
    """SQL for the triggers that make `table` append-only."""
    message = f"{table} は追記のみです。訂正は取消の記録を追加してください"
    return f"""
    CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, '{message}'); END;
    CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
    BEGIN SELECT RAISE(ABORT, '{message}'); END;
    """


def run_script(db: Database, script: str) -> None:
    """Run SQL statements one by one, inside the caller's transaction.

    (sqlite3's executescript commits first, which would break a migration's atomicity.)
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")
