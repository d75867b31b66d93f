"""Migration m018_period_totals: the 個票's closed fiscal years, kept once summed.

The 個票 shows five fiscal years; the four earlier ones are closed (taken as of the end
of their closing period) and their totals change only when a money event booked to that
year or before, dated on or before that day, or a claim of that year or before, is added
later (history is append-only; a claim's assessed facts never change: m001's triggers).
`stored_periods` records, per period kept, the watermark it was summed at (the highest
money event id and 納付番号 serial, m008: a claim's insertion order that VACUUM keeps,
unlike the claims' rowid) and the version of the summing rules; `period_totals` holds
its totals per claim type (by id: names are read when used) and category.

Derived data only (storage/period_totals.py): deleting these rows changes nothing but
the time the next 個票 takes.
"""

from __future__ import annotations

from sqlite_utils import Database

from .sql import run_script


def m018_period_totals(db: Database) -> None:
    """The stored totals of closed periods and the watermark each was summed at."""
    run_script(
        db,
        """
        CREATE TABLE stored_periods (
            fiscal_year INTEGER NOT NULL,
            as_of TEXT NOT NULL,
            last_event INTEGER NOT NULL,
            last_claim INTEGER NOT NULL,
            rules INTEGER NOT NULL,
            PRIMARY KEY (fiscal_year, as_of)
        );
        CREATE TABLE period_totals (
            fiscal_year INTEGER NOT NULL,
            as_of TEXT NOT NULL,
            claim_type_id INTEGER NOT NULL REFERENCES claim_types(id),
            category TEXT NOT NULL CHECK (category IN ('current', 'carried')),
            assessed INTEGER NOT NULL,
            collected INTEGER NOT NULL,
            written_off INTEGER NOT NULL,
            refund_unpaid INTEGER NOT NULL,
            outstanding INTEGER NOT NULL,
            debtors INTEGER NOT NULL,
            PRIMARY KEY (fiscal_year, as_of, claim_type_id, category),
            FOREIGN KEY (fiscal_year, as_of) REFERENCES stored_periods (fiscal_year, as_of) ON DELETE CASCADE
        );
        """,
    )
