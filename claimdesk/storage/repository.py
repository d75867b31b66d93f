"""The base of the repositories a `Ledger` owns: its connection and who is writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Database

if TYPE_CHECKING:
    from .ledger import Ledger


class Repository:
    """One concept's SQL over the ledger's connection; made only by `Ledger`."""

    def __init__(self, db: Database, ledger: "Ledger"):
        self._db = db
        self._ledger = ledger

    @property
    def _operator(self) -> str:
        return self._ledger.operator
