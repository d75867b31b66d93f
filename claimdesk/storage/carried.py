"""The balances brought into a fiscal year, kept once FY-1 is closed (m019_carried).

The 個票's current year FY counts as 繰越 every claim of an earlier year whose balance at
the close of FY-1 (its amount and every money event booked to a year before FY) is above
zero, and opens it with that balance: the one pass (summary_years.py) sums every money
event of every year for it. Once FY-1's closing period is over (today after 5/31 of FY)
those balances are closed data, like a closed year's totals: they are computed once, in
the same read transaction as the watermark (highest money event id and 納付番号 serial),
and kept under the rules version, the latest date of the events booked before FY and the
latest assessment day of the claims before FY.

They are used for a period (FY, as of) only while no money event booked before FY and no
claim of a year before FY was added after the watermark, and only when the day is on or
after both latest days: then every such event and claim is in the one pass's opening
(`date <= as of`, `assessed_on <= as of` cut nothing), so the period is summed from FY's
own claims and the stored balances with their events booked to FY alone. A claim whose
balance brought in is zero or below counts in none of the carried sums (the one pass
filters them all by `> 0`), so it is not kept. The events are read per claim through
money_events_claim: no index for the year (which an import of a million events would pay).
When the balances are computed (the first 個票 after FY-1's closing period, or after a
change), the period is summed from them at once: computing them and summing FY's own
money costs about what the one pass would.

Derived data only: deleting the rows changes nothing but speed. `carried_problems`
(`claimdesk check`) computes every valid stored year afresh and drops one that differs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date

from .summary_years import RULES, ByTypeId

Mark = tuple[int, int]  # (highest money event id, highest 納付番号 serial)
Brought = tuple[list[tuple[str, int]], str, str]  # (claim id, balance) > 0, latest event date, assessment day


def may_store(fiscal_year: int, today: date) -> bool:
    """Whether FY-1's closing period is over, so the balances brought into FY may be kept."""
    return today > date(fiscal_year, 5, 31)


# Each claim of an earlier year sums its own events (money_events_claim), then the
# latest days: a third quicker than grouping the claims joined with their events.
_BALANCES = """
SELECT claim_id, balance FROM (
    SELECT c.claim_id, c.amount + coalesce((
        SELECT sum(CASE WHEN e.kind IN ('receipt', 'write_off') THEN -e.amount ELSE e.amount END)
        FROM money_events e WHERE e.claim_id = c.claim_id AND e.accounting_year < :fy), 0) AS balance
    FROM claims c WHERE c.fiscal_year < :fy)
WHERE balance > 0
"""
# (an event booked before FY on a claim of FY or later counts in no period of FY: seen all the same)
_LATEST = ("SELECT (SELECT coalesce(max(date), '') FROM money_events WHERE accounting_year < :fy),"
           " (SELECT coalesce(max(assessed_on), '') FROM claims WHERE fiscal_year < :fy)")


def brought_in(conn: sqlite3.Connection, fiscal_year: int) -> Brought:
    """The balances above zero brought into FY, and the latest event date and assessment day they saw."""
    params = {"fy": fiscal_year}
    balances = conn.execute(_BALANCES, params).fetchall()
    last_event_date, last_assessed_on = conn.execute(_LATEST, params).fetchone()
    return balances, last_event_date, last_assessed_on


_CHANGED_SINCE = """
SELECT EXISTS (SELECT 1 FROM money_events WHERE id > :last_event AND accounting_year < :fy)
    OR EXISTS (SELECT 1 FROM payment_claim_numbers p JOIN claims c ON c.claim_id = p.claim_id
               WHERE p.serial > :last_claim AND c.fiscal_year < :fy)
"""


def valid_year(conn: sqlite3.Connection, fiscal_year: int) -> tuple[Mark, str, str] | None:
    """The stored balances of FY still valid (this rules version, nothing added since
    that changes them): the watermark they were found valid from and their two latest days."""
    row = conn.execute("SELECT last_event, last_claim, last_event_date, last_assessed_on FROM carried_years"
                       " WHERE fiscal_year = ? AND rules = ?", [fiscal_year, RULES]).fetchone()
    if row is None:
        return None
    changed = conn.execute(_CHANGED_SINCE, {"fy": fiscal_year, "last_event": row[0],
                                            "last_claim": row[1]}).fetchone()[0]
    return None if changed else ((row[0], row[1]), row[2], row[3])


def usable(latest: tuple[str, str], as_of: date) -> bool:
    """Whether balances brought in, with these latest event date and assessment day, are
    the ones of a period taken on this day."""
    return as_of.isoformat() >= max(latest)


_PASS = """
WITH base AS (
    SELECT c.claim_id, c.claim_type_id, c.debtor_id, c.due_date, 0 AS category,
           CASE WHEN c.assessed_on <= :d THEN c.amount ELSE 0 END AS opening
    FROM claims c WHERE c.fiscal_year = :fy
    UNION ALL
    SELECT c.claim_id, c.claim_type_id, c.debtor_id, c.due_date, 1, b.balance
    FROM ({brought}) b JOIN claims c ON c.claim_id = b.claim_id
), claim AS (
    SELECT b.claim_type_id, b.category, b.debtor_id, b.due_date,
           b.opening + coalesce(sum(e.amount) FILTER (WHERE e.kind = 'adjustment'), 0) AS charged,
           coalesce(sum(CASE e.kind WHEN 'receipt' THEN e.amount WHEN 'refund' THEN -e.amount ELSE 0 END), 0)
               AS collected,
           coalesce(sum(e.amount) FILTER (WHERE e.kind = 'write_off'), 0) AS written_off
    FROM base b LEFT JOIN money_events e
        ON e.claim_id = b.claim_id AND e.accounting_year = :fy AND e.date <= :d
    GROUP BY b.claim_id
)
SELECT claim_type_id, category, sum(charged), sum(collected), sum(written_off),
       sum(charged - collected - written_off) FILTER (WHERE charged - collected - written_off > 0),
       count(DISTINCT debtor_id) FILTER (WHERE charged - collected - written_off > 0 AND due_date < :d)
FROM claim GROUP BY claim_type_id, category
"""
_STORED = "SELECT claim_id, balance FROM carried_balances WHERE fiscal_year = :fy"
_GIVEN = "SELECT key AS claim_id, value AS balance FROM json_each(:balances)"  # computed, not yet kept
_CATEGORIES = ("current", "carried")


def summed_with_stored(conn: sqlite3.Connection, fiscal_year: int, as_of: date,
                       computed: list[tuple[str, int]] | None = None) -> ByTypeId:
    """A period's totals from FY's claims and the stored balances (or those just `computed`
    by `brought_in`), with their events booked to FY.

    Only for a period `usable` says the balances are for; the same figures as
    summary_years.summed_by_type_id (tests hold the two to the yen).
    """
    params: dict[str, object] = {"fy": fiscal_year, "d": as_of.isoformat()}
    if computed is not None:
        params["balances"] = json.dumps(dict(computed))
    result: ByTypeId = {}
    for type_id, category, assessed, collected, written_off, outstanding, debtors in conn.execute(
            _PASS.format(brought=_STORED if computed is None else _GIVEN), params):
        outstanding = outstanding or 0
        refund_unpaid = outstanding - (assessed - collected - written_off)  # as summed_by_type_id
        result[(type_id, _CATEGORIES[category])] = (
            assessed, collected, written_off, refund_unpaid, outstanding, debtors)
    return result


def write(conn: sqlite3.Connection, fiscal_year: int, mark: Mark, brought: Brought) -> None:
    """Keep the balances brought into FY computed at `mark` (inside the caller's write)."""
    forget(conn, [fiscal_year])
    balances, last_event_date, last_assessed_on = brought
    conn.execute("INSERT INTO carried_years (fiscal_year, last_event, last_claim, rules, last_event_date,"
                 " last_assessed_on) VALUES (?, ?, ?, ?, ?, ?)",
                 [fiscal_year, *mark, RULES, last_event_date, last_assessed_on])
    conn.executemany("INSERT INTO carried_balances (fiscal_year, claim_id, balance) VALUES (?, ?, ?)",
                     [[fiscal_year, claim_id, balance] for claim_id, balance in balances])


def confirm(conn: sqlite3.Connection, mark: Mark, confirmed: Sequence[tuple[int, Mark]]) -> None:
    """Stored years found valid from their watermark up to `mark` take it (unless replaced meanwhile)."""
    conn.executemany("UPDATE carried_years SET last_event = ?, last_claim = ? WHERE fiscal_year = ?"
                     " AND rules = ? AND last_event = ? AND last_claim = ?",
                     [[*mark, fy, RULES, *was] for fy, was in confirmed if was != mark])


def forget(conn: sqlite3.Connection, years: Sequence[int]) -> None:
    for table in ("carried_balances", "carried_years"):
        conn.executemany(f"DELETE FROM {table} WHERE fiscal_year = ?", [[fy] for fy in years])


def wrong_years(conn: sqlite3.Connection) -> list[int]:
    """The stored years, valid, whose balances or latest days differ from a fresh computation
    (inside the caller's read transaction); those not valid are not used and not compared."""
    wrong = []
    for (fy,) in conn.execute("SELECT fiscal_year FROM carried_years ORDER BY fiscal_year").fetchall():
        found = valid_year(conn, fy)
        if found is None:
            continue
        stored = sorted(conn.execute("SELECT claim_id, balance FROM carried_balances WHERE fiscal_year = ?", [fy]))
        balances, *latest = brought_in(conn, fy)
        if sorted(balances) != stored or list(found[1:]) != latest:
            wrong.append(fy)
    return wrong
