"""The claim register for the window: counts and pages of rows, and the filter choices."""

from __future__ import annotations

from datetime import date

from ..domain.register import RegisterQuery, RegisterRow
from ..storage.ledger import Ledger
from .clock import today as clock_today


def register_count(ledger: Ledger, query: RegisterQuery, today: date | None = None) -> int:
    """How many claims the query shows."""
    return ledger.register.count(query, today or clock_today())


def register_page(ledger: Ledger, query: RegisterQuery, offset: int, limit: int,
                  today: date | None = None, found: int | None = None) -> list[RegisterRow]:
    """One page of the register, in the query's order (`found`: its count, if known)."""
    return ledger.register.page(query, today or clock_today(), offset, limit, found)


def fiscal_years(ledger: Ledger) -> list[int]:
    """The fiscal years that have claims, newest first."""
    return ledger.register.fiscal_years()


def register_ids(ledger: Ledger, query: RegisterQuery, today: date | None = None) -> list[int]:
    """The keys of every claim the query shows, in its order (see `register_rows`)."""
    return ledger.register.ordered_ids(query, today or clock_today())


def register_rows(ledger: Ledger, ids: list[int], today: date | None = None) -> list[RegisterRow]:
    """The register rows for keys from `register_ids`, in the same order."""
    return ledger.register.rows_by_ids(ids, today or clock_today())
