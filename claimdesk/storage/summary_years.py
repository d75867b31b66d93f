"""The standard summary's totals for several periods at once, summed in SQLite in one pass.

The 個票 show five fiscal years (each as of its own day). Reading every claim's figures
into Python once per year took five passes over a million events; here one scan of the
events sums each claim for every period side by side, and SQLite totals them per claim
type and category by the rules of exchange-format.md §1 (as storage/summary.py and
domain/summary.py `standard_summary` do; tests hold the two to the yen).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

from .errors import translated

Totals = tuple[int, int, int, int, int, int]  # assessed, collected, written off, refund unpaid, outstanding, debtors


def _sql(n: int) -> str:
    # FILTER, not SUM(CASE … ELSE 0): an event steps only the sums it is part of (some 4 of
    # the 20 for five periods), which takes a third off the scan of the money.
    sums = []
    for i in range(n):
        # the year first: for most periods it is not the event's, and the date is not read
        year, by = "accounting_year", f"AND date <= :d{i}"
        sums += [
            f"SUM(CASE WHEN kind IN ('receipt', 'write_off') THEN -amount ELSE amount END)"
            f" FILTER (WHERE {year} < :fy{i} {by}) AS prior{i}",
            f"SUM(amount) FILTER (WHERE {year} = :fy{i} AND kind = 'adjustment' {by}) AS adjusted{i}",
            f"SUM(CASE kind WHEN 'receipt' THEN amount WHEN 'refund' THEN -amount ELSE 0 END)"
            f" FILTER (WHERE {year} = :fy{i} {by}) AS collected{i}",
            f"SUM(amount) FILTER (WHERE {year} = :fy{i} AND kind = 'write_off' {by}) AS written_off{i}",
        ]

    def pick(column: str) -> str:  # the period's own sum of a claim
        return "CASE p.i " + " ".join(f"WHEN {i} THEN coalesce(ev.{column}{i}, 0)" for i in range(n)) + " END"

    periods = ", ".join(f"({i}, :fy{i}, :d{i})" for i in range(n))
    return f"""
WITH p(i, fy, d) AS (VALUES {periods}),
ev AS (
    SELECT claim_id, {', '.join(sums)}
    FROM money_events WHERE date <= :last_day AND accounting_year <= :last_fy GROUP BY claim_id
),
per_claim AS (
    SELECT p.i, p.d, c.claim_type_id, c.debtor_id, c.due_date,
        CASE WHEN c.fiscal_year = p.fy THEN 'current' ELSE 'carried' END AS category,
        CASE WHEN c.assessed_on <= p.d THEN c.amount ELSE 0 END
            + CASE WHEN c.fiscal_year < p.fy THEN {pick('prior')} ELSE 0 END AS opening,
        {pick('adjusted')} AS adjusted, {pick('collected')} AS collected, {pick('written_off')} AS written_off
    -- each claim looks up its sums once, then meets the periods (CROSS JOIN keeps that order)
    FROM claims c LEFT JOIN ev ON ev.claim_id = c.claim_id CROSS JOIN p WHERE c.fiscal_year <= p.fy
),
counted AS (  -- a claim settled or overpaid at the close of FY-1 is not carried
    SELECT i, d, claim_type_id, debtor_id, due_date, category, opening + adjusted AS assessed,
        collected, written_off, opening + adjusted - collected - written_off AS balance
    FROM per_claim WHERE category = 'current' OR opening > 0
)
SELECT i, (SELECT name FROM claim_types t WHERE t.id = claim_type_id), category, SUM(assessed), SUM(collected), SUM(written_off),
    SUM(CASE WHEN balance < 0 THEN -balance ELSE 0 END),
    SUM(CASE WHEN balance > 0 THEN balance ELSE 0 END),
    COUNT(DISTINCT CASE WHEN balance > 0 AND due_date < d THEN debtor_id END)
FROM counted
GROUP BY i, claim_type_id, category  -- integers, named after: the sort compares less
"""


def summary_totals(conn: sqlite3.Connection, periods: Sequence[tuple[int, date]]
                   ) -> list[dict[tuple[str, str], Totals]]:
    """Per period (fiscal year, as of): (claim type, category) → its totals, types with claims only."""
    if not periods:
        return []
    params: dict[str, object] = {"last_day": max(d for _, d in periods).isoformat(),
                                 "last_fy": max(fy for fy, _ in periods)}
    for i, (fy, as_of) in enumerate(periods):
        params[f"fy{i}"], params[f"d{i}"] = fy, as_of.isoformat()
    result: list[dict[tuple[str, str], Totals]] = [{} for _ in periods]
    try:
        for i, name, category, *totals in conn.execute(_sql(len(periods)), params):
            result[i][(name, category)] = tuple(totals)
    except sqlite3.Error as e:
        raise translated(e) from e
    return result
