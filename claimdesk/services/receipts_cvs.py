"""コンビニ receipt data (速報/確報) matched by 納付番号: waits for the 納付書 records."""

from __future__ import annotations

from datetime import date

from ..storage.ledger import Ledger
from .receipt_plan import FilePlan


def plan_cvs(ledger: Ledger, plan: FilePlan, data: bytes, today: date) -> None:
    """Read a コンビニ receipt file and match each line by its 納付番号."""
    plan.problem(1, "コンビニ収納データはまだ取り込めません")
