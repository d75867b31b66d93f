"""Running a service call in the background while the window stays responsive.

A `Task` runs a plain function `fn(progress) -> result` on a pool thread. The function
reports with `progress(done, total)`, which raises `Cancelled` once the user asked to
stop. It must open its own ledger (`on_own_ledger`): a connection belongs to the thread
that opened it, and the window keeps using its own meanwhile (architecture.md, 6).

The worker thread never touches a widget: it emits a relay object's signals, which Qt
queues to the GUI thread, where the `Task` turns errors into Japanese messages.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..domain.errors import ClaimDeskError, InvalidValue
from ..services.cancel import CancelToken, Cancelled, Progress
from ..services.failures import describe_failure
from ..services.session import open_ledger

log = logging.getLogger("claimdesk")

Work = Callable[[Progress], Any]


def _tr(text: str) -> str:
    return QCoreApplication.translate("workers", text)


def on_own_ledger(path: str | Path, work: Callable[[Any, Progress], Any]) -> Work:
    """A task function that opens the ledger at `path` in the worker and runs `work(ledger, progress)`."""

    def fn(progress: Progress) -> Any:
        with open_ledger(path, create=False) as ledger:
            return work(ledger, progress)

    return fn


class _Relay(QObject):
    """The worker's side: outlives the `Task` if the page that made it is closed first.

    PySide6 6.12 on Python 3.11 drops a reference to True at every `emit()` called from
    Python (bools are immortal from 3.12 on), so the worker emits only at its reports.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Keeper(QObject):
    """Owns every relay, in the GUI thread, until its run has ended and been delivered.

    A relay that Python alone owned could be freed by whichever thread dropped the last
    reference — the worker's, when a task was let go while its work still ran — and a
    QObject destroyed outside its thread crashes the process. Owned here, a relay is
    deleted by the GUI thread's event loop after its end signal has been delivered.
    """

    def release(self) -> None:
        relay = self.sender()
        if relay is not None:
            relay.deleteLater()


_keeper: _Keeper | None = None


def _relay_owner() -> _Keeper:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()  # first made by a Task, in the GUI thread
    return _keeper


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
                log.exception("unexpected error in a background task")
            self.relay.failed.emit(e, traceback.format_exc())
        else:
            self.relay.finished.emit(result)


def error_message(error: BaseException, details: str = "") -> tuple[str, str]:
    """What a clerk reads about `error`: (message, details)."""
    if isinstance(error, ClaimDeskError):
        message = error.reason if isinstance(error, InvalidValue) else str(error)
        problems = getattr(error, "problems", None)  # an import lists every bad row
        return message, "\n".join(str(p) for p in problems) if problems else ""
    if (message := describe_failure(error)) is not None:  # disk full, read-only, locked …
        return message, ""
    return _tr("予期しないエラーが発生しました"), details


class Task(QObject):
    """One background run of `fn(progress)`; exactly one of finished/failed/cancelled ends it."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # fn's result
    failed = Signal(str, str)  # message, details
    cancelled = Signal()

    def __init__(self, fn: Work, parent: QObject | None = None, *, pool: QThreadPool | None = None):
        super().__init__(parent)
        self._fn = fn
        self._pool = pool or QThreadPool.globalInstance()
        self._token = CancelToken()
        self._relay = _Relay(_relay_owner())
        self._running = False
        self.error: BaseException | None = None  # what failed, for callers that tell cases apart
        # Forwarded signal to signal, inside Qt: each Python-side emit costs (see _Relay).
        for ended in (self._relay.finished, self._relay.failed, self._relay.cancelled):
            ended.connect(self._ended)  # first, so that handlers see is_running() False
        self._relay.progress.connect(self.progress)
        self._relay.finished.connect(self.finished)
        self._relay.cancelled.connect(self.cancelled)
        self._relay.failed.connect(self._on_failed)
        for ended in (self._relay.finished, self._relay.failed, self._relay.cancelled):
            ended.connect(_relay_owner().release)  # last: after every other receiver

    def start(self) -> "Task":
        self._running = True
        self._pool.start(_Runnable(self._fn, self._token, self._relay))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._token.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self._token.cancelled

    def is_running(self) -> bool:
        return self._running

    def _ended(self) -> None:
        self._running = False

    def _on_failed(self, error: BaseException, details: str) -> None:
        self.error = error
        self.failed.emit(*error_message(error, details))


_orphan_boxes: set[QMessageBox] = set()  # boxes without a parent, kept until closed


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A warning box that does not block: the caller goes on, the clerk closes it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    if parent is None:
        _orphan_boxes.add(box)
        box.finished.connect(lambda: _orphan_boxes.discard(box))
    else:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def start_with_progress(parent: QWidget | None, title: str, label: str, fn: Work) -> Task:
    """Start `fn` in the background with a progress dialog; an error is shown in a box.

    The dialog appears only if the work lasts; the task is a child of `parent`.
    """
    task = Task(fn, parent)
    dialog = QProgressDialog(label, _tr("キャンセル"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick work finishes without a flash of a dialog
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)

    def report(done: int, total: int) -> None:
        if not task.cancel_requested:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def cancel() -> None:
        # The work stops at its next report; until then the dialog says so.
        task.cancel()
        dialog.setLabelText(_tr("キャンセルしています…"))
        dialog.setCancelButton(None)
        dialog.show()

    def close() -> None:
        dialog.canceled.disconnect(cancel)  # closing a QProgressDialog emits canceled
        dialog.close()
        dialog.deleteLater()

    dialog.canceled.connect(cancel)
    task.progress.connect(report)
    for signal in (task.finished, task.failed, task.cancelled):
        signal.connect(close)
    task.failed.connect(lambda message, details: show_error(parent, title, message, details))
    return task.start()


def run_with_progress(parent: QWidget | None, title: str, label: str, fn: Work) -> Any:
    """Run `fn` in the background with a progress dialog and wait: its result, None if cancelled or failed."""
    task = start_with_progress(parent, title, label, fn)
    outcome: list[Any] = []
    loop = QEventLoop()
    task.finished.connect(lambda result: outcome.append(result))
    for signal in (task.finished, task.failed, task.cancelled):
        signal.connect(loop.quit)
    if task.is_running():
        loop.exec()
    return outcome[0] if outcome else None
