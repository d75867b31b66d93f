"""Backup copies of a ledger file: made, described, checked and put back.

Copies go through SQLite's online backup API, never a file copy: it reads a consistent
snapshot, WAL included, while the window goes on writing (a receipt still in the -wal
file was lost by a plain copy). Every file is written as `.part` and renamed when
complete, so a copy interrupted by a crash is never mistaken for a backup.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.integrity import Problem, ProblemKind
from .chain import register_functions
from .integrity import full_problems
from .sqlite_check import sqlite_check

SQLITE_MAGIC = b"SQLite format 3\x00"


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _own_part(target: Path) -> Path:
    """A new, empty `.part` file beside `target` that no other copy writes.

    Made with the permissions any new file gets (not mkstemp's owner-only 0600: a
    department's backup folder may be read by the clerks' group).
    """
    while True:
        part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return part


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the database behind `source` at `target` (written whole or not at all)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # A .part of its own: two copies to one name (the window's backup on open still running
    # when it closes, in the same second) once shared one, and one deleted the other's.
    part = _own_part(target)
    try:
        dest = sqlite3.connect(str(part))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dest.close()
        _fsync(part)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return target


def kept_name(ledger: Path, label: str, now: datetime | None = None) -> Path:
    """`NAME.label-YYYYMMDD-HHMMSS.sqlite3` beside the ledger, not yet taken."""
    stamp = _stamp(now)
    target = ledger.with_name(f"{ledger.stem}.{label}-{stamp}{ledger.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = ledger.with_name(f"{ledger.stem}.{label}-{stamp}-{n}{ledger.suffix}")
    return target


def _open_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    register_functions(conn)
    return conn


@dataclass(frozen=True)
class BackupFacts:
    """What a backup file holds, read from it."""

    size: int
    newest_entry: str        # entered_at of the newest money event or contact entry ('' if none)
    chain_head: tuple[int, bytes] | None


def backup_facts(path: Path) -> BackupFacts:
    """Size, newest entry and chain head of a backup file (read-only)."""
    size = path.stat().st_size
    try:
        conn = _open_read_only(path)
        try:
            newest = conn.execute(
                "SELECT max(x) FROM (SELECT max(entered_at) AS x FROM money_events"
                " UNION ALL SELECT max(entered_at) FROM contact_entries)").fetchone()[0] or ""
            head = None
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'chain'").fetchone():
                head = conn.execute("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
            return BackupFacts(size, newest, tuple(head) if head else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return BackupFacts(size, "", None)


def verified_copy(backup: Path, workdir: Path) -> tuple[Path | None, list[Problem]]:
    """Check a backup on a copy brought to this version: (the copy, []) or (None, problems).

    The copy is what a restore puts in place, so an older backup comes back upgraded and
    the file the clerk chose is never written to.
    """
    from .migrate import LedgerFileError, prepare

    try:
        with open(backup, "rb") as f:
            if f.read(16) != SQLITE_MAGIC:
                return None, [Problem(ProblemKind.SCHEMA, detail="SQLiteの台帳ファイルではありません")]
        source = _open_read_only(backup)
    except (OSError, sqlite3.DatabaseError) as e:
        return None, [Problem(ProblemKind.DAMAGED, detail=str(e))]
    try:
        problems = sqlite_check(source, "integrity_check")
        if problems:
            return None, problems
        copy = copy_database(source, workdir / "restore-candidate.sqlite3")
    except sqlite3.DatabaseError as e:
        return None, [Problem(ProblemKind.DAMAGED, detail=str(e))]
    finally:
        source.close()
    try:
        db, _ = prepare(copy)
    except LedgerFileError as e:
        return None, [Problem(ProblemKind.SCHEMA, detail=str(e))]
    try:
        problems = full_problems(db.conn)
        db.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()
    return (None, problems) if problems else (copy, [])


def keep_replaced(ledger: Path, now: datetime | None = None) -> Path:
    """Keep the ledger about to be replaced as NAME.before-restore-…; a damaged one as is."""
    target = kept_name(ledger, "before-restore", now)
    try:
        conn = sqlite3.connect(f"{ledger.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return copy_database(conn, target)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        # Pages SQLite cannot read: keep the bytes (and the -wal beside them) for an expert.
        for suffix in ("", "-wal"):
            src = Path(str(ledger) + suffix)
            if src.exists():
                part = Path(str(target) + suffix + ".part")
                shutil.copyfile(src, part)
                os.replace(part, Path(str(target) + suffix))
        return target


def put_in_place(ledger: Path, verified: Path, connect) -> None:
    """Replace the ledger's content with the verified copy, in one SQLite transaction.

    Writing through the backup API into the live file (not renaming files) keeps it
    atomic across a crash and keeps other processes' connections valid. A ledger too
    damaged for SQLite to write is replaced as a file instead.
    """
    src = sqlite3.connect(str(verified))
    try:
        try:
            dest = connect(ledger)
            try:
                src.backup(dest.conn)
                dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dest.close()
            return
        except sqlite3.DatabaseError:
            pass
    finally:
        src.close()
    part = ledger.with_name(ledger.name + ".part")
    shutil.copyfile(verified, part)
    _fsync(part)
    for suffix in ("-wal", "-shm"):
        Path(str(ledger) + suffix).unlink(missing_ok=True)
    os.replace(part, ledger)


def scratch_dir(near: Path) -> tempfile.TemporaryDirectory:
    """A temporary folder for a restore's checked copy (beside the ledger: same disk)."""
    try:
        return tempfile.TemporaryDirectory(prefix=".claimdesk-restore-", dir=near)
    except OSError:
        return tempfile.TemporaryDirectory(prefix="claimdesk-restore-")


class RestoreRefused(Exception):
    """A backup that failed its check; `problems` says what was found. Nothing was changed."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.text() for p in problems))
        self.problems = problems


def restore_ledger(ledger: Path, backup: Path, operator: str, now: datetime | None = None) -> Path | None:
    """Check `backup`, keep the ledger as it is, put the backup in its place; returns the kept file
    (None when there was no ledger yet).

    Refused (RestoreRefused, LedgerInUse) before anything is written.
    """
    from .guard import drop_check
    from .migrate import _connect
    from .sharing import Holder, WriterLock

    with scratch_dir(ledger.parent) as work:
        verified, problems = verified_copy(backup, Path(work))
        if verified is None:
            raise RestoreRefused(problems)
        lock = WriterLock.acquire(ledger, operator)
        if isinstance(lock, Holder):
            raise LedgerInUse(lock)
        try:
            kept = keep_replaced(ledger, now) if ledger.exists() else None
            put_in_place(ledger, verified, _connect)
            drop_check(ledger)
        finally:
            lock.release()
    return kept


class LedgerInUse(Exception):
    """Another ClaimDesk holds the ledger; `holder` says who."""

    def __init__(self, holder):
        super().__init__(holder.text())
        self.holder = holder
