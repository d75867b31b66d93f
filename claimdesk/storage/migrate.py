"""Opening a ledger file: refuse what is not ours or too new, migrate what is old."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

from ..domain.text import search_key
from . import migrations
from .chain import register_functions
from .connection import READ_WAIT_MS, LedgerDatabase
from .errors import LedgerBusyError, LedgerFileError, LedgerFullError, LedgerReadOnlyError, translated
from .search import (
    IndexSwitch,
    id_text,
    index_current,
    index_matches_its_claims,
    index_new_claims,
    rebuild_index,
    search_grams,
)
from .sharing import is_network_path
from .sqlite_check import sqlite_check

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id of every ClaimDesk ledger: 'CLMD'. A file without it is ours only
# when its migrations table says so (ledgers made before the id was set get it then).
APPLICATION_ID = 0x434C4D44


def _connect(path: Path | None) -> LedgerDatabase:
    if path is None:
        db = LedgerDatabase(memory=True, execute_plugins=False)
    else:
        db = LedgerDatabase(sqlite3.connect(str(path), check_same_thread=False), execute_plugins=False)
        if is_network_path(path):
            # SQLite's WAL needs shared memory on one machine: on a share, the rollback journal.
            db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = FULL")
        else:
            # WAL lets a worker read or write while the window keeps reading.
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        # Reads wait for a commit; a write's start waits in steps, saying why (LedgerDatabase).
        db.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    # Triggers keep each debtor's search key; the folding rules live in the domain.
    db.conn.create_function("claimdesk_search_key", 4, search_key, deterministic=True)
    register_functions(db.conn)  # the hash chain's triggers (m006_integrity)
    # … and the register's search index (search.py, m010).
    db.conn.create_function("claimdesk_search_grams", 1, search_grams, deterministic=True)
    db.conn.create_function("claimdesk_id_text", 1, id_text, deterministic=True)
    switch = IndexSwitch()
    db.search_switch = switch  # for the batch writes: search.triggers_off
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


def _cannot_open(path: Path | None, e: sqlite3.Error) -> Exception:
    """A full disk, a read-only place or a busy file by its name; anything else as a bad file."""
    named = translated(e)
    if isinstance(named, (LedgerBusyError, LedgerReadOnlyError, LedgerFullError)):
        return named
    return LedgerFileError(f"台帳ファイルを開けません: {path}: {e}")


def _mark_ours(db: Database) -> None:
    """Set the application id on a ledger that lacks it (made before it existed).

    Best effort: a ledger on a read-only share or held by another writer still opens
    (it is recognised by its migrations table) and gets the id on a later open.
    """
    if db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return
    try:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.conn.commit()
    except sqlite3.OperationalError:
        db.conn.rollback()


def _identify(path: Path) -> None:
    """Refuse a file that is not a ClaimDesk ledger, reading it without writing a byte.

    Why before connecting for real: _connect switches the file to WAL, which rewrites
    its header and leaves -wal/-shm files beside another program's database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as f:
        if f.read(16) != SQLITE_MAGIC:
            raise LedgerFileError(f"ClaimDeskの台帳ファイルではありません（SQLiteの形式でない）: {path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise _cannot_open(path, e) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        ours = app_id == APPLICATION_ID or (app_id == 0 and not tables) or (
            app_id == 0 and "_sqlite_migrations" in tables and conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1",
                [migrations.MIGRATION_SET]).fetchone() is not None)
    except sqlite3.DatabaseError as e:
        raise _cannot_open(path, e) from None
    finally:
        conn.close()
    if not ours:
        raise LedgerFileError(f"ClaimDeskの台帳ファイルではありません（別のデータベース）: {path}")


def _catch_up_search(db: LedgerDatabase) -> None:
    """Index claims added by another SQL tool, or all again after its VACUUM renumbered them;
    a file we may not write is searched by scanning meanwhile (register.py)."""
    try:
        if not index_current(db.conn):
            with db.atomic():
                if index_matches_its_claims(db.conn):
                    index_new_claims(db.conn)  # claims added by another tool
                else:
                    rebuild_index(db.conn)  # renumbered by another tool's VACUUM
    except (sqlite3.Error, LedgerReadOnlyError, LedgerBusyError, LedgerFullError):
        pass  # a file we cannot write now: register.py scans instead


def prepare(path: Path | None, *, migrate: bool = True) -> tuple[LedgerDatabase, Path | None]:
    """Open `path` as a ledger, creating or migrating it; returns (db, backup made or None).

    With `migrate` False (another process holds the ledger) an outdated ledger is refused
    rather than upgraded; a damaged one is never upgraded.
    """
    if path is not None:
        _identify(path)
    steps = migrations.migration_set()
    try:
        db = _connect(path)
        applied = _applied(db, steps)
        has_tables = bool(db.table_names())
    except sqlite3.DatabaseError as e:
        raise _cannot_open(path, e) from None

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
    if pending and applied and not migrate:
        db.close()
        raise LedgerFileError(f"この台帳は古い形式です。他の人が使用中のため、新しい形式に更新できません: {path}")
    if applied and pending and path is not None:
        if damage := sqlite_check(db.conn, "quick_check"):
            db.close()
            raise LedgerFileError(f"台帳ファイルが損傷しているため、新しい形式に更新できません"
                                  f"（{damage[0].detail}）。バックアップから復元してください: {path}")
        backup = backup_file(path, db, "before-upgrade")
    try:
        steps.apply(db)
        _mark_ours(db)
        if migrate:
            _catch_up_search(db)
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


__all__ = ["prepare", "LedgerFileError", "backup_file", "build_old_ledger", "APPLICATION_ID"]
