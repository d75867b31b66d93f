"""The municipality's budget order (予算の款項順) of 会計, 款 and 債権名, for what people read.

Tables in the plan document list 一般会計 first and the special accounts in the order of
the budget (国民健康保険事業会計 before 介護保険事業会計), never in character order. The order
is one list of names, kept as a ledger setting: a name on the list comes in the list's
order, before any name that is not; the others keep the order they were first seen in.
The CSV contracts keep their own order (exchange-format §1); this is for the reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

DEFAULT_ORDER = ("一般会計",)
SETTING = "budget_order"

T = TypeVar("T")


def parse_order(text: str) -> tuple[str, ...]:
    """A stored or typed list (one name a line, or separated by 、 or commas) → names, blanks dropped."""
    for sep in ("、", ",", "，"):
        text = text.replace(sep, "\n")
    names = [line.strip() for line in text.splitlines()]
    return tuple(dict.fromkeys(n for n in names if n))


def in_budget_order(items: Iterable[T], levels: Callable[[T], Sequence[str]],
                    order: Sequence[str] = DEFAULT_ORDER) -> list[T]:
    """`items` sorted level by level (会計, then 款, then 債権名) in budget order; stable."""
    items = list(items)
    listed = {name: i for i, name in enumerate(order)}
    seen: list[dict[str, int]] = []
    for item in items:
        for depth, name in enumerate(levels(item)):
            if depth == len(seen):
                seen.append({})
            seen[depth].setdefault(name, len(seen[depth]))

    def key(item: T) -> tuple[tuple[int, int], ...]:
        return tuple((0, listed[name]) if name in listed else (1, seen[depth][name])
                     for depth, name in enumerate(levels(item)))

    return sorted(items, key=key)


def ranked(names: Iterable[str], order: Sequence[str] = DEFAULT_ORDER) -> list[str]:
    """Distinct `names` in budget order (one level)."""
    return in_budget_order(dict.fromkeys(names), lambda n: (n,), order)
