"""Opening a ledger for the window, which holds it without knowing how it is stored."""

from __future__ import annotations

from pathlib import Path

from ..storage.ledger import Ledger


def open_ledger(path: str | Path, *, create: bool = True) -> Ledger:
    """Open (or create) the ledger file at `path`; migrates an older one after a backup."""
    return Ledger.open(path, create=create)
