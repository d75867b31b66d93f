"""目標収納率: the append-only targets table."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, run_script


def m004_targets(db: Database) -> None:
    """目標収納率 per claim type, fiscal year and category, with its basis and actions.

    Append-only like the money: a target is a decision the department must be able to
    show later, so a change is a new entry and the newest entry per key is in force. A
    rate is kept in integer tenths of a percent (955 = 95.5 %); an entry without a rate
    withdraws the target. The basis is required: the plan demands it be stated.
    """
    run_script(
        db,
        """
        CREATE TABLE targets (
            id INTEGER PRIMARY KEY,
            claim_type_id INTEGER NOT NULL REFERENCES claim_types(id),
            fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 9999),
            category TEXT NOT NULL CHECK (category IN ('current', 'carried', 'total')),
            rate_tenths INTEGER CHECK (typeof(rate_tenths) IN ('integer', 'null')
                AND rate_tenths BETWEEN 0 AND 1000),
            basis TEXT NOT NULL CHECK (length(trim(basis)) > 0),
            actions TEXT NOT NULL DEFAULT '',
            entered_by TEXT NOT NULL CHECK (length(entered_by) > 0),
            entered_at TEXT NOT NULL
        );
        CREATE INDEX targets_key ON targets(fiscal_year, claim_type_id, category, id);
        """
        + append_only_triggers("targets"),
    )
