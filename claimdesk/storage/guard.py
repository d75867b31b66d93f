"""What happens on every open of a ledger file before a clerk may write to it.

1. The writer lock (sharing.py): if another ClaimDesk holds the ledger, this one opens
   it read-only and says who holds it and since when.
2. The check on open (integrity.open_problems: quick_check and the history triggers),
   once per file and process. A small ledger is checked at once; a large one in a
   thread of its own, with its own connection, while the window already shows it —
   writes wait for the result (connection.LedgerDatabase.open_check). A failing ledger
   becomes read-only.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.integrity import Problem, ProblemKind
from .as_of import remember_latest_event_date
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

    @property
    def reason(self) -> str | None:
        """Why the ledger is read-only after this check (None: it passed or is not done)."""
        if not self.done.is_set() or not self.problems:
            return None
        return DAMAGED_REASON.format(self.problems[0].text())


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


def _check_in_thread(path: Path, result: OpenCheck) -> None:
    _in_background()
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            register_functions(conn)
            try:
                remember_latest_event_date(conn)  # (~0.05 s on the large demo, off the clerk's path)
            except sqlite3.Error:
                pass  # a ledger that cannot be read so: the check says why
            problems = open_problems(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        problems = [Problem(ProblemKind.DAMAGED, detail=str(e))]
    result.finish(problems)


def _in_background() -> None:
    """Lower this thread's priority, as far as the system lets (never an error): the check
    is to use a core left idle, not to slow what the clerk waits for beside it (本日の作業,
    built at start-up in its own threads while the check reads every page)."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel.SetThreadPriority(kernel.GetCurrentThread(), _BELOW_NORMAL)
        elif hasattr(os, "setpriority"):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _NICER)  # Linux: this thread only
    except (OSError, AttributeError, ValueError):
        pass


_BELOW_NORMAL = -1  # THREAD_PRIORITY_BELOW_NORMAL
_NICER = 10


# One check per file and process: the window's workers open their own Ledger on the
# same file many times, and each open must not read every page again.
_checks: dict[str, list] = {}   # key → [OpenCheck, number of open Ledgers]
_checks_lock = threading.Lock()


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def check_on_open(db: LedgerDatabase, path: Path | None) -> OpenCheck:
    """Run the check on open (now for a small file, in a thread for a large one), or reuse
    the one this process already made; a failing ledger becomes read-only on `db`."""
    result: OpenCheck
    if path is None:
        result = OpenCheck()
        result.finish(open_problems(db.conn))
    else:
        with _checks_lock:
            entry = _checks.get(_key(path))
            if entry is None:
                fresh = OpenCheck()
                entry = _checks[_key(path)] = [fresh, 0]
                if path.stat().st_size < BACKGROUND_CHECK_BYTES:
                    fresh.finish(open_problems(db.conn))
                else:
                    threading.Thread(target=_check_in_thread, args=(path, fresh), daemon=True,
                                     name="claimdesk-open-check").start()
            entry[1] += 1
            result = entry[0]
    db.open_check = result
    if result.reason:
        db.set_read_only(result.reason)
    return result


def forget_check(path: Path | None) -> None:
    """A Ledger on `path` closed: the last one lets the check go (the next open checks again)."""
    if path is None:
        return
    with _checks_lock:
        entry = _checks.get(_key(path))
        if entry is not None:  # (gone already if a restore dropped it)
            entry[1] -= 1
            if entry[1] <= 0:
                del _checks[_key(path)]


def drop_check(path: Path) -> None:
    """The file was replaced (a restore): the next open checks it afresh."""
    with _checks_lock:
        _checks.pop(_key(path), None)
