"""The 個票's five years summed beside other work: in a thread, on a connection of its own.

The sums are SQL (storage/period_totals.py), and SQLite releases the GIL while it runs a
statement: the class table, which is Python, is made meanwhile in the caller's thread
(services/sheets.py), the two cores of a clerk's PC at once. The thread only reads; what
may be kept is stored afterwards through the ledger's own connection, in the caller's
thread, as `summary_totals` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .beside import Beside
from .connection import LedgerDatabase
from .period_totals import Period, ReadTotals, keep_totals, read_totals
from .summary_years import Totals


class PendingTotals:
    """`summary_totals` summed on a connection of its own in a thread, while the caller
    does other work (the 個票's class table, Python, beside these sums, SQLite's: the two
    cores of a clerk's PC at once). `result()` waits for the sums and stores what may be
    kept through the caller's connection; `abandon()` stops them (an error, a cancel).

    The sums read their own snapshot, as they would after the caller's other work; a
    ledger not in a file, or inside a caller's transaction, is summed at once (beside.py).
    """

    def __init__(self, db: LedgerDatabase, periods: Sequence[Period], today: date | None):
        self._db, self._periods, self._today = db, list(periods), today
        read_only = bool(db.read_only_reason)
        self._read: Beside[ReadTotals] = Beside(
            db, lambda conn: read_totals(conn, self._periods, today, read_only), "summary-totals")

    def result(self) -> list[dict[tuple[str, str], Totals]]:
        return keep_totals(self._db, self._periods, self._read.result(), self._today)

    def abandon(self) -> None:
        """Stop the sums if they still run (the caller's work failed or was cancelled), and wait for them."""
        self._read.abandon()
