"""The open ledger as the window sees it: one object every page shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..services.clock import today as clock_today
from ..services.session import open_ledger


class Session(QObject):
    """An open ledger. Pages call services with `session.ledger` and then `notify_changed()`."""

    changed = Signal()  # the ledger's content changed: views re-read what they show

    def __init__(self, path: str | Path, *, today: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.ledger = open_ledger(self.path)
        self._today = today

    def today(self) -> date:
        """Today's date (fixed in tests and demos)."""
        return self._today or clock_today()

    def set_today(self, today: date | None) -> None:
        """Work as of another day (None: the real date); every page re-reads for it."""
        self._today = today
        self.changed.emit()

    def notify_changed(self) -> None:
        self.changed.emit()

    def close(self) -> None:
        self.ledger.close()
