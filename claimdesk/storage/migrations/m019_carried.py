"""Migration m019_carried: the balances brought into a fiscal year, kept once FY-1 is closed.

Per fiscal year FY, `carried_balances` holds each claim of an earlier year whose balance
at the close of FY-1 (its amount and every money event booked to a year before FY) is
above zero: what the 個票's current year counts as 繰越 and opens it with.
`carried_years` records, per FY kept, the watermark they were computed at (the highest
money event id and 納付番号 serial, as m018's `stored_periods`), the version of the
summing rules, and the latest event date and assessment day they saw: a period taken
before either day is summed from the events as before (storage/carried.py).

Derived data only: deleting these rows changes nothing but the time the next 個票 takes.
"""

from __future__ import annotations

from sqlite_utils import Database

from .sql import run_script


def m019_carried(db: Database) -> None:
    """The stored balances brought into a fiscal year and the watermark they were computed at."""
    run_script(
        db,
        """
        CREATE TABLE carried_years (
            fiscal_year INTEGER PRIMARY KEY,
            last_event INTEGER NOT NULL,
            last_claim INTEGER NOT NULL,
            rules INTEGER NOT NULL,
            last_event_date TEXT NOT NULL,
            last_assessed_on TEXT NOT NULL
        );
        CREATE TABLE carried_balances (
            fiscal_year INTEGER NOT NULL,
            claim_id TEXT NOT NULL,
            balance INTEGER NOT NULL CHECK (balance > 0),
            PRIMARY KEY (fiscal_year, claim_id)
        ) WITHOUT ROWID;
        """,
    )
