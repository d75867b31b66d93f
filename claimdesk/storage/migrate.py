"""Opening a ledger file: refuse what is not ours or too new, migrate what is old."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

from ..domain.text import search_key
from . import migrations
from .search import IndexSwitch, id_text, search_grams
from .errors import LedgerFileError

SQLITE_MAGIC = b"SQLite format 3\x00"


def _connect(path: Path | None) -> Database:
    if path is None:
        db = Database(memory=True, execute_plugins=False)
    else:
        db = Database(sqlite3.connect(str(path), check_same_thread=False), execute_plugins=False)
        # WAL lets a worker read or write while the window keeps reading.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA foreign_keys = ON")
    # Triggers keep each debtor's search key; the folding rules live in the domain.
    db.conn.create_function("claimdesk_search_key", 4, search_key, deterministic=True)
    # … and the register's search index (search.py, m010).
    db.conn.create_function("claimdesk_search_grams", 1, search_grams, deterministic=True)
    db.conn.create_function("claimdesk_id_text", 1, id_text, deterministic=True)
    switch = IndexSwitch()
    setattr(db, "search_switch", switch)  # for the batch writes: search.batch_indexed
    db.conn.create_function("claimdesk_search_live", 0, switch)
    return db


def _applied(db: Database, steps: Migrations) -> list[str] | None:
    """Our applied migrations, or None when the file holds no ClaimDesk schema."""
    if not db["_sqlite_migrations"].exists():
        return None
    return [m.name for m in steps.applied(db)] or None


def backup_file(path: Path, db: Database, label: str) -> Path:
    """Copy the ledger beside itself, consistently, through SQLite's backup API."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix}")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def prepare(path: Path | None) -> tuple[Database, Path | None]:
    """Open `path` as a ledger, creating or migrating it; returns (db, backup made or None)."""
    if path is not None and path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as f:
            if f.read(16) != SQLITE_MAGIC:
                raise LedgerFileError(f"ClaimDeskの台帳ファイルではありません（SQLiteの形式でない）: {path}")
    steps = migrations.migration_set()
    try:
        db = _connect(path)
        applied = _applied(db, steps)
        has_tables = bool(db.table_names())
    except sqlite3.DatabaseError as e:
        raise LedgerFileError(f"台帳ファイルを開けません: {path}: {e}") from None

    known = migrations.known_migrations()
    if applied is None and has_tables:
        db.close()
        raise LedgerFileError(f"ClaimDeskの台帳ファイルではありません（別のデータベース）: {path}")
    unknown = [name for name in (applied or []) if name not in known]
    if unknown:
        db.close()
        raise LedgerFileError(
            f"この台帳は新しいバージョンのClaimDeskで作成・更新されています（{', '.join(unknown)}）。"
            f"ClaimDeskを更新してから開いてください: {path}"
        )
    backup = None
    pending = steps.pending(db)
    if applied and pending and path is not None:
        backup = backup_file(path, db, "before-upgrade")
    try:
        steps.apply(db)
    except BaseException:
        db.close()  # each migration rolled back; nothing holds the file
        raise
    return db, backup




def build_old_ledger(path: Path, stop_before: str) -> None:
    """A new ledger file with only the migrations before `stop_before` (tests of upgrades)."""
    db = _connect(path)
    try:
        migrations.migration_set().apply(db, stop_before=stop_before)
    finally:
        db.close()


__all__ = ["prepare", "LedgerFileError", "backup_file", "build_old_ledger"]
