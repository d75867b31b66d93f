"""Stopping long work on request: the work checks in at its progress reports.

Services that take a `progress(done, total)` callback need not know about cancelling:
whoever runs them passes a callback that raises `Cancelled` once a stop was asked for,
so the work ends at its next report and its `with` blocks undo what is half done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The user asked to stop; what the work had done so far is discarded."""


class CancelToken:
    """A stop request shared between the thread that asks and the thread that works."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if a stop was asked for."""
        if self._event.is_set():
            raise Cancelled()

    def progress(self, report: Progress | None = None) -> Progress:
        """A progress callback that checks for a stop, then passes the report on."""

        def progress(done: int, total: int) -> None:
            self.check()
            if report is not None:
                report(done, total)

        return progress
