"""The 個票's five years summed beside other work: in a thread, on a connection of its own.

The sums are SQL (storage/period_totals.py), and SQLite releases the GIL while it runs a
statement: the class table, which is Python, is made meanwhile in the caller's thread
(services/sheets.py), the two cores of a clerk's PC at once. The thread only reads; what
may be kept is stored afterwards through the ledger's own connection, in the caller's
thread, as `summary_totals` does.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .connection import READ_WAIT_MS, LedgerDatabase
from .period_totals import Period, ReadTotals, keep_totals, read_totals
from .summary_years import Totals


class PendingTotals:
    """`summary_totals` summed on a connection of its own in a thread, while the caller
    does other work (the 個票's class table, Python, beside these sums, SQLite's: the two
    cores of a clerk's PC at once). `result()` waits for the sums and stores what may be
    kept through the caller's connection; `abandon()` stops them (an error, a cancel).

    The sums read their own snapshot, as they would after the caller's other work; a
    ledger not in a file, or inside a caller's transaction (whose rows another connection
    would not see), or that another connection cannot open, is summed at once instead.
    """

    def __init__(self, db: LedgerDatabase, periods: Sequence[Period], today: date | None):
        self._db, self._periods, self._today = db, list(periods), today
        self._read: ReadTotals | None = None
        self._error: BaseException | None = None
        self._conn = None if db.conn.in_transaction else _reader(db.conn)
        if self._conn is None:
            self._read = read_totals(db.conn, self._periods, today, bool(db.read_only_reason))
            self._thread = None
            return
        self._thread = threading.Thread(target=self._run, name="claimdesk-summary-totals", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn = self._conn
        assert conn is not None
        try:
            self._read = read_totals(conn, self._periods, self._today, bool(self._db.read_only_reason))
        except BaseException as e:  # handed to the caller's thread by result()
            self._error = e
        finally:
            conn.close()

    def result(self) -> list[dict[tuple[str, str], Totals]]:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._read is not None
        return keep_totals(self._db, self._periods, self._read, self._today)

    def abandon(self) -> None:
        """Stop the sums if they still run (the caller's work failed or was cancelled), and wait for them."""
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
        reader.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
        return reader
    except (sqlite3.Error, ValueError):
        return None
