"""A read run beside the caller's other work: in a thread, on a connection of its own.

SQLite releases the GIL while it runs a statement, so a long read in a thread and the
caller's Python use the two cores of a clerk's PC at once: the 個票's five years summed
beside its class table (pending_totals.py), 本日の作業's contact log read beside its
candidates and its debtors' promises and plans beside the log's making (casework_bulk.py). The thread only reads, on a read-only connection: each
of its statements sees the file as it stood when the statement began, as a statement of
the caller's own would. A ledger not in a file, or inside a caller's transaction (whose
rows another connection would not see), or that a second connection cannot open, is
read at once on the caller's connection instead: the same rows, without the overlap.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from sqlite_utils import Database

from .connection import READ_WAIT_MS
from .errors import speaks_ledger_errors

T = TypeVar("T")


@speaks_ledger_errors
class Beside(Generic[T]):
    """`read(conn)` begun in a thread; `result()` waits for what it returned (or raises
    what it raised, in the caller's thread), `abandon()` stops it (the caller's own work
    failed or was cancelled) and waits for the thread."""

    def __init__(self, db: Database, read: Callable[[sqlite3.Connection], T], name: str):
        self._read = read
        self._value: T | None = None
        self._error: BaseException | None = None
        self._conn = None if db.conn.in_transaction else _reader(db.conn)
        self._thread: threading.Thread | None = None
        if self._conn is None:
            self._value = read(db.conn)
            return
        self._thread = threading.Thread(target=self._run, name=f"claimdesk-{name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn = self._conn
        assert conn is not None
        try:
            self._value = self._read(conn)
        except BaseException as e:  # handed to the caller's thread by result()
            self._error = e
        finally:
            conn.close()

    def result(self) -> T:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set once the read ended without an error

    def abandon(self) -> None:
        """Stop the read if it still runs, and wait for it; its result is not wanted."""
        # An interrupt stops only a statement running at that moment: again until the thread ends.
        while self._thread is not None and self._thread.is_alive():
            try:
                assert self._conn is not None
                self._conn.interrupt()
            except sqlite3.ProgrammingError:  # closed meanwhile: done
                pass
            self._thread.join(0.05)


def _reader(conn: sqlite3.Connection) -> sqlite3.Connection | None:
    """A read-only connection of its own to the ledger's file (None: in memory, or it cannot be opened)."""
    try:
        file = next((f for _, name, f in conn.execute("PRAGMA database_list") if name == "main"), "")
        if not file:
            return None
        reader = sqlite3.connect(f"{Path(file).as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except (sqlite3.Error, ValueError):
        return None
    try:
        reader.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
        # SQLite opens the file at the first read: one now, so that a file this connection
        # cannot read (its folder's -shm not to be made, say) is read on the caller's instead.
        reader.execute("PRAGMA schema_version").fetchone()
        return reader
    except sqlite3.Error:
        reader.close()
        return None
