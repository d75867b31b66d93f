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


# file → (a chain entry's seq, its hash, the latest event date as of that entry): across connections
_at_chain: dict[str, tuple[int, bytes, str | None]] = {}


def late_param(conn: sqlite3.Connection, day: date) -> int:
    """The :late parameter of the SQL above: 1 if any money event is dated after `day`.

    When none is (the rule since events after today are refused), the running sums are
    the day's figures and the per-claim look-up of later events is skipped: it doubled
    the time of sorting 200,000 claims by balance. The latest date is remembered, and
    brought up to date from what any connection wrote since (`_latest_event_date`).
    """
    latest = _latest_event_date(conn)
    return int(latest is not None and latest > day.isoformat())


def remember_latest_event_date(conn: sqlite3.Connection) -> None:
    """Work out the latest event date now, on this connection: the check on open does, in
    its own thread and before its long read, so that the first worklist of the process (on
    the GUI's worker, at the same time) finds it known instead of scanning every event."""
    _latest_event_date(conn)


def _latest_event_date(conn: sqlite3.Connection) -> str | None:
    """The latest date of any money event: one scan of the events (~0.05 s on the large demo)
    the first time a file is read, then only the events chained since.

    Each connection (the window's background work opens its own) scanned again before,
    and its date was remembered by the connection's `id()`, which a later connection can
    be given. The hash chain tells what was written since: the same hash at the same
    chain entry means the same rows up to it (money_events is append-only and chained),
    so the latest date then is still the latest of those, whichever connection or copy of
    the file reads it. Each read is one statement: one snapshot of the file.
    """
    file = conn.execute("PRAGMA database_list").fetchone()[2]
    seen = _at_chain.get(file)
    if seen is not None:
        seq, digest, latest = seen
        row = conn.execute(
            """SELECT (SELECT hash FROM chain WHERE seq = :seq), h.seq, h.hash,
                   (SELECT max(m.date) FROM chain k JOIN money_events m ON m.id = CAST(k.row_key AS INTEGER)
                    WHERE k.seq > :seq AND k.tbl = 'money_events')
               FROM (SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1) h""", {"seq": seq}).fetchone()
        if row is not None and row[0] == digest:
            latest = max(latest or "", row[3] or "") or None
            _at_chain[file] = (row[1], row[2], latest)
            return latest
    row = conn.execute("""SELECT h.seq, h.hash, (SELECT max(date) FROM money_events)
                          FROM (SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1) h""").fetchone()
    if row is None:  # nothing chained yet: nothing to remember it by
        return conn.execute("SELECT max(date) FROM money_events").fetchone()[0]
    _at_chain[file] = (row[0], row[1], row[2])
    return row[2]
