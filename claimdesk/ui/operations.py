"""Background operations: the one way a page runs work off the GUI thread.

Modelled on Anki's `CollectionOp` / `QueryOp` (qt/aqt/operations): a page says what to
run and what to do with the outcome, and the operation owns everything else::

    BackgroundOp(self, on_own_ledger(path, work)).success(self._show).failure(self._failed)
        .with_progress(title, label).run_in_background()

`work(progress)` runs on a pool thread; `progress(done, total)` raises `Cancelled` once
the clerk (or the page) asked to stop. Work on the ledger opens its own connection
(`on_own_ledger`): a connection belongs to the thread that opened it.

Lifetime (the Qt rule, learned twice): the worker thread only emits signals of a relay
owned by a keeper in the GUI thread, deleted there with deleteLater after its end signal
was delivered, so no QObject the worker uses is ever freed by the worker's thread or
inside its own signal. The operation itself is a plain Python object kept in `_live`
until its outcome is delivered; pages hold no lifetime rule of their own. If the page
(`parent`) was deleted meanwhile, the work is asked to stop and no callback runs.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..domain.errors import ClaimDeskError
from ..services.cancel import Cancelled, CancelToken, Progress
from ..services.session import open_ledger
from .error_box import error_message, show_error

log = logging.getLogger("claimdesk")

T = TypeVar("T")
Work = Callable[[Progress], Any]
PROGRESS_DIALOG_DELAY_MS = 400  # quick work finishes without a flash of a dialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("operations", text)


def on_own_ledger(path: str | Path, work: Callable[[Any, Progress], Any]) -> Work:
    """Work that opens the ledger at `path` in the worker and runs `work(ledger, progress)`."""

    def fn(progress: Progress) -> Any:
        with open_ledger(path, create=False) as ledger:
            return work(ledger, progress)

    return fn


@dataclass(frozen=True)
class Failure:
    """Why an operation failed: the error, what a clerk reads, and the traceback if unexpected."""

    error: BaseException
    message: str
    details: str


class _Relay(QObject):
    """The worker's side. PySide6 on Python 3.11 leaks a reference to True per Python
    `emit()` of a bool, so the worker emits only at its reports and its end."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Keeper(QObject):
    """Owns every relay in the GUI thread; deletes each (later) once its end was delivered."""

    def release(self) -> None:
        relay = self.sender()
        if relay is not None:
            relay.deleteLater()


_keeper: _Keeper | None = None
_live: set[BackgroundOp] = set()  # operations started and not yet delivered


def _relay_owner() -> _Keeper:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()  # first made when an operation starts, in the GUI thread
    return _keeper


def stop_all(wait_ms: int = 15000) -> bool:
    """At the end of the program: cancel every operation still running and wait for the pool.

    The relays belong to an object of the application; one deleted while its worker still
    runs would make the worker's last signal fail. Returns whether all ended in time.
    """
    for op in list(_live):
        op.cancel()
    return QThreadPool.globalInstance().waitForDone(wait_ms)


class _Runnable(QRunnable):
    def __init__(self, fn: Work, token: CancelToken, relay: _Relay):
        super().__init__()
        self.fn, self.token, self.relay = fn, token, relay

    def run(self) -> None:
        try:
            result = self.fn(self.token.progress(self.relay.progress.emit))
        except Cancelled:
            self.relay.cancelled.emit()
        except BaseException as e:  # every run ends in exactly one signal, whatever happened
            if not isinstance(e, (ClaimDeskError, OSError)):
                log.exception("unexpected error in a background operation")
            self.relay.failed.emit(e, traceback.format_exc())
        else:
            self.relay.finished.emit(result)


class BackgroundOp(Generic[T]):
    """One run of `work(progress)` off the GUI thread, with its outcome delivered to `parent`.

    Exactly one of the success, failure or cancelled callbacks runs, in the GUI thread,
    unless the operation was cancelled by `cancel()` (a superseded run) or its parent
    was deleted: then none runs. Without a failure callback, a failure is shown in a box.
    """

    def __init__(self, parent: QWidget | None, work: Callable[[Progress], T], *,
                 pool: QThreadPool | None = None):
        self._parent = parent
        self._has_parent = parent is not None
        self._work = work
        self._pool = pool or QThreadPool.globalInstance()
        self._token = CancelToken()
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[Failure], Any] | None = None
        self._on_cancelled: Callable[[], Any] | None = None
        self._on_progress: Callable[[int, int], Any] | None = None
        self._on_ended: Callable[[], Any] | None = None
        self._progress_texts: tuple[str, str] | None = None
        self._dialog: QProgressDialog | None = None
        self._running = False
        self._done = False
        self._superseded = False
        self.result: T | None = None
        self.failed_with: Failure | None = None

    # --- what to do ------------------------------------------------------------------

    def success(self, fn: Callable[[T], Any]) -> BackgroundOp[T]:
        """Call `fn(result)` when the work has returned."""
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[Failure], Any]) -> BackgroundOp[T]:
        """Call `fn(failure)` instead of showing the error in a box."""
        self._on_failure = fn
        return self

    def cancelled(self, fn: Callable[[], Any]) -> BackgroundOp[T]:
        """Call `fn()` when the clerk cancelled in the progress dialog."""
        self._on_cancelled = fn
        return self

    def ended(self, fn: Callable[[], Any]) -> BackgroundOp[T]:
        """Run first at the end, whatever the outcome delivered (buttons enabled again, files checked again)."""
        self._on_ended = fn
        return self

    def progress(self, fn: Callable[[int, int], Any]) -> BackgroundOp[T]:
        """Follow the work's reports (a page's own busy bar)."""
        self._on_progress = fn
        return self

    def with_progress(self, title: str, label: str) -> BackgroundOp[T]:
        """A progress dialog with a cancel button, shown if the work lasts; also the title of an error box."""
        self._progress_texts = (title, label)
        return self

    # --- running ---------------------------------------------------------------------

    def run_in_background(self) -> BackgroundOp[T]:
        """Start the work on a pool thread; the call returns at once."""
        relay = _Relay(_relay_owner())
        relay.progress.connect(self._progress)
        relay.finished.connect(self._succeeded)
        relay.failed.connect(self._failed)
        relay.cancelled.connect(self._was_cancelled)
        for ended in (relay.finished, relay.failed, relay.cancelled):
            ended.connect(_relay_owner().release)  # last: after the operation has delivered
        if self._parent is not None:
            self._parent.destroyed.connect(self._token.cancel)  # a closed page's work stops early
        if self._progress_texts is not None:
            self._dialog = self._make_dialog(*self._progress_texts)
        _live.add(self)
        self._running = True
        self._pool.start(_Runnable(self._work, self._token, relay))
        return self

    def cancel(self) -> None:
        """Stop the work at its next report and deliver nothing (the page moved on)."""
        self._superseded = True
        self._token.cancel()

    def is_running(self) -> bool:
        return self._running

    def is_done(self) -> bool:
        """The outcome has been delivered (or dropped, if cancelled or its page is gone)."""
        return self._done

    # --- the GUI thread's side -------------------------------------------------------

    def _make_dialog(self, title: str, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, _tr("キャンセル"), 0, 0, self._parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DIALOG_DELAY_MS)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(self._dialog_cancelled)
        return dialog

    def _dialog_cancelled(self) -> None:
        # The work stops at its next report; until then the dialog says so.
        self._token.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(_tr("キャンセルしています…"))
            self._dialog.setCancelButton(None)
            self._dialog.show()

    def _close_dialog(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None and shiboken6.isValid(dialog):  # gone with a deleted parent
            dialog.canceled.disconnect(self._dialog_cancelled)  # closing emits canceled
            dialog.close()
            dialog.deleteLater()

    def _delivers(self) -> bool:
        """At the end: close up, and say whether the callbacks should run."""
        self._running = False
        self._done = True
        _live.discard(self)
        self._close_dialog()
        if self._has_parent and not shiboken6.isValid(self._parent):
            return False  # the page was closed: nobody to tell
        if self._parent is not None:
            self._parent.destroyed.disconnect(self._token.cancel)
        return not self._superseded

    def _progress(self, done: int, total: int) -> None:
        if self._token.cancelled or (self._has_parent and not shiboken6.isValid(self._parent)):
            return
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))
        if self._on_progress is not None:
            self._on_progress(done, total)

    def _deliver(self, outcome: Callable[[], Any] | None) -> None:
        if not self._delivers():
            return
        if self._on_ended is not None:
            self._on_ended()
        if outcome is not None:
            outcome()

    def _succeeded(self, result: T) -> None:
        self.result = result
        self._deliver(self._on_success and (lambda: self._on_success(result)))

    def _failed(self, error: BaseException, details: str) -> None:
        self.failed_with = failure = Failure(error, *error_message(error, details))
        self._deliver(lambda: (self._on_failure or self._show_failure)(failure))

    def _show_failure(self, failure: Failure) -> None:
        title = self._progress_texts[0] if self._progress_texts else _tr("エラー")
        show_error(self._parent, title, failure.message, failure.details)

    def _was_cancelled(self) -> None:
        self._deliver(self._on_cancelled)
