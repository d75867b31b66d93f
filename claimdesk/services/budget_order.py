"""The ledger's budget order of 会計, 款 and 債権名 (domain/budget_order.py), read and set."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.budget_order import DEFAULT_ORDER, SETTING, in_budget_order, parse_order
from ..domain.errors import REASONS, Refusal
from ..domain.summary import SummaryRow
from ..storage.ledger import Ledger

REASONS.update({
    "budget_name_required": "会計・款・債権名を入力してください",
    "budget_name_separator": "「、」や「,」は名前の区切りになるため使えません。1つずつ追加してください",
    "budget_name_listed": "{name} はすでに一覧にあります",
})


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


def budget_names(ledger: Ledger) -> dict[str, int]:
    """The ledger's 会計, then its 款, then its 債権名, as the reports list them now: name → level (0, 1, 2)."""
    types = in_budget_order(ledger.claim_types(), lambda t: (t.account, t.budget_section, t.name),
                            budget_order(ledger))
    names: dict[str, int] = {}
    for level, names_of_level in enumerate(([t.account for t in types], [t.budget_section for t in types],
                                            [t.name for t in types])):
        for name in names_of_level:
            if name:
                names.setdefault(name, level)
    return names


def check_budget_name(listed: Sequence[str], name: str) -> str:
    """`name` as it would join the list `listed`; InvalidValue says why it cannot (nothing stored)."""
    name = name.strip()
    if not name:
        raise Refusal(SETTING, "budget_name_required")
    if any(sep in name for sep in ("、", ",", "，", "\n")):
        raise Refusal(SETTING, "budget_name_separator")
    if name in listed:
        raise Refusal(SETTING, "budget_name_listed", name=name)
    return name


def in_ledger_order(ledger: Ledger, rows: Sequence[SummaryRow]) -> list[SummaryRow]:
    """Summary rows for people to read: claim types in the ledger's budget order, categories kept."""
    return in_budget_order(rows, lambda r: (r.account, r.budget_section, r.claim_type), budget_order(ledger))
