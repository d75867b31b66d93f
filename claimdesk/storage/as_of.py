"""A claim's figures on a given day, in SQL, exactly as domain.claims.balance_on counts them.

Each claim carries running sums of all its money events (kept by a trigger); the
figures on day :today are those sums less what events dated after it did, and the
assessment only once its 調定日 has come. With events dated after today refused at entry
and import, the subtraction is almost always empty, but a ledger with older such rows,
or a day in the past (a worklist for last month), still gets that day's figures.
"""

from __future__ import annotations

import sqlite3
from datetime import date


def owed_sql(claim: str = "c", day: str = ":today", late: bool = True) -> str:
    """The balance owed on `day` (negative: 過誤納金) of the claims row aliased `claim`.

    `late=False`: for a query run only when :late is 0 (`late_param`), without the look-up
    of later events, which then adds nothing (a few per cent of a scan of every claim).
    """
    running = f"""(CASE WHEN {claim}.assessed_on <= {day} THEN {claim}.amount ELSE 0 END
        + {claim}.adjusted - {claim}.collected - {claim}.written_off"""
    if not late:
        return running + ")"
    return running + f"""
        - CASE WHEN :late THEN coalesce((SELECT sum(CASE WHEN f.kind IN ('adjustment', 'refund')
                                                       THEN f.amount ELSE -f.amount END)
            FROM money_events f WHERE f.claim_id = {claim}.claim_id AND f.date > {day}), 0) ELSE 0 END)"""


def written_off_sql(claim: str = "c", day: str = ":today", late: bool = True) -> str:
    """The amount written off (不納欠損) by `day` of the claims row aliased `claim` (`late`: as in owed_sql)."""
    if not late:
        return f"{claim}.written_off"
    return f"""({claim}.written_off - CASE WHEN :late THEN coalesce((SELECT sum(f.amount) FROM money_events f
        WHERE f.claim_id = {claim}.claim_id AND f.kind = 'write_off' AND f.date > {day}), 0) ELSE 0 END)"""


# connection → ((file, data_version, total_changes), latest event date)
_latest: dict[int, tuple[tuple, str | None]] = {}


def late_param(conn: sqlite3.Connection, day: date) -> int:
    """The :late parameter of the SQL above: 1 if any money event is dated after `day`.

    When none is (the rule since events after today are refused), the running sums are
    the day's figures and the per-claim look-up of later events is skipped: it doubled
    the time of sorting 200,000 claims by balance. The latest date costs one scan of the
    events (~0.1 s on the large demo), remembered until this or another connection writes.
    """
    key = (conn.execute("PRAGMA database_list").fetchone()[2],
           conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
    cached = _latest.get(id(conn))
    if cached is None or cached[0] != key:
        cached = _latest[id(conn)] = (key, conn.execute("SELECT max(date) FROM money_events").fetchone()[0])
    return int(cached[1] is not None and cached[1] > day.isoformat())
