"""The Ledger's doors to its own safety: a backup copy, the full check, the chain head.

A mixin so that ledger.py stays about the ledger's content; it runs on the Ledger's
own connection (`self._db`).
"""

from __future__ import annotations

from pathlib import Path

from ..domain.integrity import Problem
from .backup import copy_database
from .chain import chain_head
from .connection import LedgerDatabase
from .errors import speaks_ledger_errors
from .integrity import full_problems
from .period_totals import stored_problems


@speaks_ledger_errors
class IntegrityMixin:
    """Backup, check and chain head of an open Ledger."""

    _db: LedgerDatabase

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the ledger at `target`, while others may be writing."""
        return copy_database(self._db.conn, Path(target))

    def check_all(self) -> list[Problem]:
        """Every problem `claimdesk check` reports (empty when sound); stored totals that
        differ from a fresh sum are reported and dropped (period_totals.py)."""
        problems = full_problems(self._db.conn)
        if problems:  # a damaged ledger: summing it again would only repeat the findings
            return problems
        return stored_problems(self._db)

    def chain_head(self) -> tuple[int, bytes] | None:
        """(seq, hash) of the newest chain entry."""
        return chain_head(self._db.conn)

    def has_chain_entry(self, seq: int, hash_: bytes) -> bool:
        """Whether the chain holds entry `seq` with that hash (a backup's head, say)."""
        return self._db.execute("SELECT 1 FROM chain WHERE seq = ? AND hash = ?",
                               [seq, hash_]).fetchone() is not None
