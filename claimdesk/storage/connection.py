"""The ledger's SQLite connection: read-only when it must be, patient when it is busy.

Every write of ClaimDesk runs inside `atomic()`. Here that transaction starts with
BEGIN IMMEDIATE, so a busy ledger (another process writing, or on a share in rollback
mode another one reading) is met at the start, where waiting is safe, and not halfway
through. Instead of SQLite's "database is locked" after one timeout, it retries for up
to `BUSY_PATIENCE` seconds and says why it waits (`on_busy`); then refuses in Japanese.
A read-only ledger refuses every write here with its reason, and `PRAGMA query_only`
refuses whatever bypasses `atomic()`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Generator
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from .errors import LedgerBusyError, LedgerReadOnlyError

BUSY_PATIENCE = 60.0    # seconds a write waits for a busy ledger (saying so) before giving up
BUSY_STEP_MS = 1000     # SQLite's own wait per attempt to start a write (then we say why we wait)
READ_WAIT_MS = 5000     # a read waits this long for a writer's commit (no retry loop for reads)
FREE_WAIT_MS = 200      # a write of derived data (write_if_free) waits this long, then is skipped
CHECK_WAIT = 5.0        # … and this long (seconds) for the check on open of a large file


class ReadOnlyLedger(LedgerReadOnlyError):
    """A write to a ledger opened read-only; the message says why it is read-only."""


class LedgerBusy(LedgerBusyError):
    """Another process kept the ledger busy for longer than a write waits."""


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "locked" in text or "busy" in text


class LedgerDatabase(Database):
    """sqlite-utils' Database with ClaimDesk's rules for starting a write."""

    read_only_reason: str | None = None
    on_busy: Callable[[str], None] | None = None   # told, in Japanese, why a write waits
    holder: Callable[[], str] | None = None        # who holds the ledger, for that message
    open_check: Any = None                         # guard.OpenCheck: writes wait until it is done
    search_switch: Any = None                      # search.IndexSwitch: the search index's trigger on or off

    def set_read_only(self, reason: str) -> None:
        """From now on every write is refused with `reason`."""
        self.read_only_reason = reason
        self.execute("PRAGMA query_only = 1")

    def _refuse_if_read_only(self) -> None:
        check = self.open_check
        if check is not None and not check.done.is_set():
            self._wait("台帳の点検（quick_check）が終わるのを待っています", check.done.wait)
        if check is not None and check.reason and not self.read_only_reason:
            self.read_only_reason = check.reason  # query_only stays off: this thread may not own the connection
        if self.read_only_reason:
            raise ReadOnlyLedger(f"この台帳は読み取り専用で開いています。{self.read_only_reason}")

    def _wait(self, why: str, step: Callable[[float], object]) -> None:
        if self.on_busy is not None:
            self.on_busy(why)
        step(BUSY_PATIENCE)

    def _begin(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_STEP_MS}")
        try:
            self._begin_waiting()
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")

    def _begin_waiting(self) -> None:
        started = time.monotonic()
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if not _is_busy(e):
                    raise
                waited = time.monotonic() - started
                who = self.holder() if self.holder else ""
                if waited >= BUSY_PATIENCE:
                    raise LedgerBusy(
                        f"台帳が他の処理で使用中のため書き込めませんでした（{int(waited)}秒待ちました）。{who}"
                        "しばらくしてからやり直してください。台帳は変更していません。") from None
                if self.on_busy is not None:
                    self.on_busy(f"台帳が他の処理で使用中です。書き込みを待っています（{int(waited)}秒）。{who}")

    def _commit(self) -> None:
        started = time.monotonic()
        while True:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.OperationalError as e:
                # Rollback journal: COMMIT waits for readers to finish; the transaction stays open.
                if not _is_busy(e) or time.monotonic() - started >= BUSY_PATIENCE:
                    raise
                if self.on_busy is not None:
                    self.on_busy("他の処理が台帳を読み終えるのを待っています。")

    def write_if_free(self, work: Callable[[], object]) -> bool:
        """Run `work` in a write transaction only if the ledger can be written now; else skip it.

        For derived data (stored totals) that must never fail or hold up what the clerk
        asked for: read-only, still being checked on open (waits `CHECK_WAIT` at most),
        inside a caller's transaction, busy beyond `FREE_WAIT_MS`, full or failing in any
        other way: nothing is written and the answer is False.
        """
        check = self.open_check
        if self.read_only_reason or self.conn.in_transaction or (
                check is not None and (not check.done.wait(CHECK_WAIT) or check.reason)):
            return False
        conn = self.conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {FREE_WAIT_MS}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                work()
                conn.execute("COMMIT")
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                conn.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
        except sqlite3.Error:
            return False
        return True

    @contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        """A transaction (a savepoint when nested) that waits for a busy ledger first."""
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self._refuse_if_read_only()
        self._begin()
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self._commit()
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
