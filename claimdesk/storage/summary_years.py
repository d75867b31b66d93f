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

Totals = tuple[int, int, int, int, int, int]  # assessed, collected, written off, refund unpaid, outstanding, debtors
ByTypeId = dict[tuple[int, str], Totals]  # (claim type id, category) → totals: as stored (period_totals.py)

# The version of the rules `_sql` sums by. Bump it whenever they change (what counts, in
# which year, how a figure is made): totals stored under another version are not used.
RULES = 1


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
    # Each claim is one row, summed into every (period, category) it counts in by FILTER:
    # no row per claim and period to make and sort (531,000 on the large demo), and the
    # rows come in the claim-type index's order, so the grouping sorts nothing either.
    totals = []
    for i in range(n):
        assessed = f"(CASE WHEN c.assessed_on <= :d{i} THEN c.amount ELSE 0 END)"
        adjusted, collected, written_off = (f"coalesce(ev.{name}{i}, 0)" for name in
                                            ("adjusted", "collected", "written_off"))
        carried = f"({assessed} + coalesce(ev.prior{i}, 0))"  # the balance brought in at the close of FY-1
        # current: the year's claims; carried: earlier claims still owed at the close of FY-1
        for counts, opening in ((f"c.fiscal_year = :fy{i}", assessed),
                                (f"c.fiscal_year < :fy{i} AND {carried} > 0", carried)):
            balance = f"({opening} + {adjusted} - {collected} - {written_off})"
            totals += [
                f"SUM({opening} + {adjusted}) FILTER (WHERE {counts})",  # NULL: no claim counts here
                f"SUM({collected}) FILTER (WHERE {counts})",
                f"SUM({written_off}) FILTER (WHERE {counts})",
                f"SUM({balance}) FILTER (WHERE {counts} AND {balance} > 0)",
                f"COUNT(DISTINCT c.debtor_id) FILTER (WHERE {counts} AND {balance} > 0 AND c.due_date < :d{i})",
            ]
    return f"""
WITH ev AS (
    SELECT claim_id, {', '.join(sums)}
    FROM money_events WHERE date <= :last_day AND accounting_year <= :last_fy GROUP BY claim_id
)
SELECT c.claim_type_id, {', '.join(totals)}
FROM claims c LEFT JOIN ev ON ev.claim_id = c.claim_id
WHERE c.fiscal_year <= :last_fy
GROUP BY c.claim_type_id
"""


_CATEGORIES = ("current", "carried")
_PER_CATEGORY = 5  # the sums of one (period, category) in a row of _sql, in its order


def summed_by_type_id(conn: sqlite3.Connection, periods: Sequence[tuple[int, date]]) -> list[ByTypeId]:
    """Per period (fiscal year, as of): (claim type id, category) → its totals, in one pass.

    Only types with a claim counting in the period and category appear. Raises sqlite3's
    errors (the caller translates them).
    """
    if not periods:
        return []
    params: dict[str, object] = {"last_day": max(d for _, d in periods).isoformat(),
                                 "last_fy": max(fy for fy, _ in periods)}
    for i, (fy, as_of) in enumerate(periods):
        params[f"fy{i}"], params[f"d{i}"] = fy, as_of.isoformat()
    result: list[ByTypeId] = [{} for _ in periods]
    for type_id, *sums in conn.execute(_sql(len(periods)), params):
        for k, (assessed, collected, written_off, outstanding, debtors) in enumerate(
                zip(*[iter(sums)] * _PER_CATEGORY)):
            if assessed is None:
                continue  # no claim of the type counts in this period and category
            i, category = divmod(k, len(_CATEGORIES))
            outstanding = outstanding or 0
            # what is overpaid (還付未済) is what is owed less the net balance of them all
            refund_unpaid = outstanding - (assessed - collected - written_off)
            result[i][(type_id, _CATEGORIES[category])] = (
                assessed, collected, written_off, refund_unpaid, outstanding, debtors)
    return result
