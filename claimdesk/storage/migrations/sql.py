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


def rewrite_table_sql(db: Database, table: str, old: str, new: str) -> None:
    """Replace `old` by `new` in `table`'s CREATE statement: for widening a CHECK's IN list,
    a change every existing row already passes, which SQLite allows by rewriting the
    schema (sqlite.org/lang_altertable.html §7) rather than copying a table that other
    tables, triggers and the hash chain point at."""
    conn = db.conn
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
                     [old, new, table])
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
