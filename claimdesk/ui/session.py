"""The open ledger as the window sees it: one object every page shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..services.changes import EVERYTHING, NEW_DAY, Changes
from ..services.session import open_ledger


class Session(QObject):
    """An open ledger. Pages call services with `session.ledger`, then `notify_changed(changes)`."""

    # The ledger's content changed (a services.changes.Changes): each page asks whether it
    # concerns what it shows, and only then reads again.
    changed = Signal(object)

    def __init__(self, path: str | Path, *, today: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.ledger = open_ledger(self.path)
        self._today = today

    def today(self) -> date:
        """Today's date (fixed in tests and demos)."""
        return self._today or date.today()

    def set_today(self, today: date | None) -> None:
        """Work as of another day (None: the real date); every page re-reads for it."""
        self._today = today
        self.changed.emit(NEW_DAY)

    def notify_changed(self, changes: Changes = EVERYTHING) -> None:
        """Tell the pages what a write changed (without a record: everything may have)."""
        self.changed.emit(changes)

    def close(self) -> None:
        self.ledger.close()
