"""The standard summary's figures: every claim reduced to its sums in one SQL pass."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

from ..domain.summary import ClaimFigures
from .errors import translated

# FILTER, not SUM(CASE …): an event steps only the sums it is part of. Claims of earlier
# years settled (or overpaid) at the close of FY-1 are left out here: the summary does not
# carry them (domain/summary.py), and they are most of an old ledger's claims.
SUMMARY_SQL = """
WITH e AS (
    SELECT claim_id,
        SUM(CASE WHEN kind IN ('receipt', 'write_off') THEN -amount ELSE amount END)
            FILTER (WHERE accounting_year < :fy) AS prior,
        SUM(amount) FILTER (WHERE accounting_year = :fy AND kind = 'adjustment') AS adjusted,
        SUM(amount) FILTER (WHERE accounting_year = :fy AND kind = 'receipt') AS received,
        SUM(amount) FILTER (WHERE accounting_year = :fy AND kind = 'refund') AS refunded,
        SUM(amount) FILTER (WHERE accounting_year = :fy AND kind = 'write_off') AS written_off
    FROM money_events
    WHERE date <= :d AND accounting_year <= :fy
    GROUP BY claim_id
)
SELECT t.name, c.debtor_id, c.fiscal_year, c.due_date,
    CASE WHEN c.assessed_on <= :d THEN c.amount ELSE 0 END,
    coalesce(e.prior, 0), coalesce(e.adjusted, 0), coalesce(e.received, 0),
    coalesce(e.refunded, 0), coalesce(e.written_off, 0)
FROM claims c
JOIN claim_types t ON t.id = c.claim_type_id
LEFT JOIN e ON e.claim_id = c.claim_id
WHERE c.fiscal_year = :fy
    OR (c.fiscal_year < :fy AND CASE WHEN c.assessed_on <= :d THEN c.amount ELSE 0 END + coalesce(e.prior, 0) > 0)
"""


def summary_figures(conn: sqlite3.Connection, fiscal_year: int, as_of: date) -> Iterator[ClaimFigures]:
    """Every claim the summary of FY counts (FY's, and earlier ones carried in), reduced
    to its `ClaimFigures` as of `as_of`."""
    fromiso = date.fromisoformat
    try:  # rows are read as the caller iterates, past the reach of the method wrappers
        for r in conn.execute(SUMMARY_SQL, {"fy": fiscal_year, "d": as_of.isoformat()}):
            yield ClaimFigures(r[0], r[1], r[2], fromiso(r[3]), r[4], r[5], r[6], r[7], r[8], r[9])
    except sqlite3.Error as e:
        raise translated(e) from e
