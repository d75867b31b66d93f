"""The ledger's budget order of 会計, 款 and 債権名 (domain/budget_order.py), read and set."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.budget_order import DEFAULT_ORDER, SETTING, in_budget_order, parse_order
from ..domain.summary import SummaryRow
from ..storage.ledger import Ledger


def budget_order(ledger: Ledger) -> tuple[str, ...]:
    """The names listed first, in this order; 一般会計 alone until a department sets its own."""
    stored = ledger.setting(SETTING, "")
    return parse_order(stored) if stored.strip() else DEFAULT_ORDER


def set_budget_order(ledger: Ledger, names: Sequence[str]) -> tuple[str, ...]:
    """Keep `names` (blanks and repeats dropped) as the ledger's budget order; empty → the default."""
    order = parse_order("\n".join(names))
    if order:
        ledger.set_setting(SETTING, "\n".join(order))
    else:
        ledger.delete_setting(SETTING)
    return order or DEFAULT_ORDER


def in_ledger_order(ledger: Ledger, rows: Sequence[SummaryRow]) -> list[SummaryRow]:
    """Summary rows for people to read: claim types in the ledger's budget order, categories kept."""
    return in_budget_order(rows, lambda r: (r.account, r.budget_section, r.claim_type), budget_order(ledger))
