"""The base of the repositories a `Ledger` owns: its connection and who is writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Database

from .errors import speaks_ledger_errors

if TYPE_CHECKING:
    from .ledger import Ledger


class Repository:
    """One concept's SQL over the ledger's connection; made only by `Ledger`.

    Every subclass's public methods raise `LedgerError` (and its kinds), never sqlite3's
    errors: the layers above do not import sqlite3.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        speaks_ledger_errors(cls)

    def __init__(self, db: Database, ledger: Ledger):
        self._db = db
        self._ledger = ledger

    @property
    def _operator(self) -> str:
        return self._ledger.operator
