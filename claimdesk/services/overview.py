"""A ledger at a glance: what the window's title area shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..storage.ledger import Ledger
from .department import get_department


@dataclass(frozen=True)
class Overview:
    department: str
    debtors: int
    claims: int
    events: int


def ledger_overview(path: Path) -> Overview:
    """Open the ledger at `path` (creating it if new) and count what it holds."""
    with Ledger.open(path) as ledger:
        dept = get_department(ledger)
        return Overview(
            department=f"{dept.code} {dept.name}".strip(),
            debtors=ledger.debtor_count(),
            claims=ledger.claim_count(),
            events=ledger.event_count(),
        )
