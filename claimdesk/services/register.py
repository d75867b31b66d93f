"""The claim register for the window: counts and pages of rows, and the filter choices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from weakref import WeakKeyDictionary

from ..domain.case_class import CaseClass, in_class
from ..domain.register import RegisterQuery, RegisterRow
from ..storage.ledger import Ledger
from .case_loader import load_cases
from .casework_settings import casework_settings
from .clock import today as clock_today
from .procedures import load_procedures


def register_count(ledger: Ledger, query: RegisterQuery, today: date | None = None) -> int:
    """How many claims the query shows."""
    today = today or clock_today()
    return ledger.register.count(_resolved(ledger, query, today), today)


def register_page(ledger: Ledger, query: RegisterQuery, offset: int, limit: int,
                  today: date | None = None, found: int | None = None) -> list[RegisterRow]:
    """One page of the register, in the query's order (`found`: its count, if known)."""
    today = today or clock_today()
    return ledger.register.page(_resolved(ledger, query, today), today, offset, limit, found)


def _resolved(ledger: Ledger, query: RegisterQuery, today: date) -> RegisterQuery:
    """The query with its case class turned into the claims of that class on `today`."""
    if query.case_class is None:
        return query
    return replace(query, only_claims=tuple(sorted(claims_of_class(ledger, today, query.case_class))))


# Per ledger (its connection): (change stamp, day) and every open claim's class. Switching the
# filter, or paging, reuses it until the ledger is written; assessing every claim takes
# seconds on a large one. The stamp only compares within one connection, hence per ledger.
_classes: WeakKeyDictionary = WeakKeyDictionary()


def claims_of_class(ledger: Ledger, today: date, wanted) -> set[str]:
    """The open claims of a case class (or of every 整理 class) on `today`."""
    key = class_key(ledger, today)
    cached = _classes.get(ledger)
    classes = cached[1] if cached is not None and cached[0] == key else None
    if classes is None:
        classes = open_classes(ledger, today)
        _classes[ledger] = (key, classes)
    return {claim_id for claim_id, cls in classes.items() if in_class(cls, wanted)}


def class_key(ledger: Ledger, today: date) -> tuple:
    """What the remembered classes hold for: this ledger as it stands now, and the day."""
    return ledger.change_stamp(), today


def classes_known(ledger: Ledger, today: date) -> bool:
    """Whether the class filter can run at once (the classes of `today` are remembered)."""
    cached = _classes.get(ledger)
    return cached is not None and cached[0] == class_key(ledger, today)


def open_classes(ledger: Ledger, today: date) -> dict[str, CaseClass | None]:
    """Every open claim's case class on `today`: every claim assessed, seconds on a large ledger.

    The window runs it in the background on its own connection and hands the result to
    `remember_classes` for the page's ledger.
    """
    settings = casework_settings(ledger)
    classes = {c.line.claim_id: c.line.case_class
               for c in load_cases(ledger, today, settings, load_procedures(ledger)) if c.line.balance > 0}
    # Not yet due, nothing logged: in the procedure.
    classes.update((claim_id, CaseClass.COLLECT) for claim_id, _, _ in ledger.worklist.quiet_open_balances(today))
    return classes


def remember_classes(ledger: Ledger, key: tuple, classes: dict[str, CaseClass | None]) -> None:
    """Keep classes worked out elsewhere for `ledger`, valid while `key` (taken before) still holds.

    A write in the meantime changes the ledger's stamp: the classes are then not used.
    """
    _classes[ledger] = (key, classes)


def fiscal_years(ledger: Ledger) -> list[int]:
    """The fiscal years that have claims, newest first."""
    return ledger.register.fiscal_years()


def register_ids(ledger: Ledger, query: RegisterQuery, today: date | None = None) -> list[int]:
    """The keys of every claim the query shows, in its order (see `register_rows`)."""
    today = today or clock_today()
    return ledger.register.ordered_ids(_resolved(ledger, query, today), today)


def register_rows(ledger: Ledger, ids: list[int], today: date | None = None) -> list[RegisterRow]:
    """The register rows for keys from `register_ids`, in the same order."""
    return ledger.register.rows_by_ids(ids, today or clock_today())
