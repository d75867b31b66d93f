"""What happens on every open of a ledger file before a clerk may write to it.

1. The writer lock (sharing.py): if another ClaimDesk holds the ledger, this one opens
   it read-only and says who holds it and since when.
2. The check on open (integrity.open_problems: quick_check and the history triggers).
   A small ledger is checked at once; a large one in a thread of its own, with its own
   connection, while the window already shows it — writes wait for the result
   (connection.LedgerDatabase.write_gate). A failing ledger becomes read-only.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.integrity import Problem
from .chain import register_functions
from .connection import LedgerDatabase
from .integrity import open_problems
from .sharing import Holder, WriterLock, read_holder

# Above this size the check on open runs in the background (quick_check reads every
# page: about 0.1 s per 10 MB measured on the large demo ledger).
BACKGROUND_CHECK_BYTES = 64 * 1024 * 1024


@dataclass
class OpenCheck:
    """The result of the check on open; `done` is set once `problems` is final."""

    done: threading.Event = field(default_factory=threading.Event)
    problems: list[Problem] = field(default_factory=list)

    def finish(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.done.set()


def take_writer_lock(path: Path, operator: str) -> tuple[WriterLock | None, Holder | None]:
    """This process's lock on the ledger, or (None, who holds it).

    (None, None) when no lock file can be made (a read-only folder): opening then goes
    on as before locks existed, and SQLite's own errors say what cannot be written.
    """
    try:
        got = WriterLock.acquire(path, operator)
    except OSError:
        return None, None
    return (got, None) if isinstance(got, WriterLock) else (None, got)


def holder_text(path: Path) -> str:
    """Who else holds the ledger, for the message of a waiting write ('' if no one)."""
    holder = read_holder(path)
    return holder.text() if holder and holder.pid != os.getpid() else ""


DAMAGED_REASON = ("点検で問題が見つかりました（{0}）。内容は表示できますが、記録はできません。"
                  "バックアップから復元してください（ファイル → バックアップから復元）。")


def _mark(db: LedgerDatabase, problems: list[Problem], *, pragma: bool) -> None:
    if problems:
        reason = DAMAGED_REASON.format(problems[0].text())
        if pragma:
            db.set_read_only(reason)
        else:  # another thread: the flag alone; atomic() refuses on it
            db.read_only_reason = reason


def _check_in_thread(path: Path, db: LedgerDatabase, result: OpenCheck) -> None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            register_functions(conn)
            problems = open_problems(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        from ..domain.integrity import ProblemKind

        problems = [Problem(ProblemKind.DAMAGED, detail=str(e))]
    _mark(db, problems, pragma=False)
    result.finish(problems)
    gate = db.write_gate
    if gate is not None:
        gate.set()


def check_on_open(db: LedgerDatabase, path: Path | None) -> OpenCheck:
    """Run the check on open: now for a small file, in a thread for a large one."""
    result = OpenCheck()
    if path is None or path.stat().st_size < BACKGROUND_CHECK_BYTES:
        problems = open_problems(db.conn)
        _mark(db, problems, pragma=True)
        result.finish(problems)
        return result
    db.write_gate = threading.Event()
    threading.Thread(target=_check_in_thread, args=(path, db, result), daemon=True,
                     name="claimdesk-open-check").start()
    return result
