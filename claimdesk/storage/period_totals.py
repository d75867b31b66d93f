"""The 個票's closed fiscal years, summed once and kept in the ledger (m018_period_totals).

`summary_totals` is the five years' one pass (summary_years.py) for the periods the
ledger does not hold yet: a period stored under the same rules version is used as long
as nothing that could change it was added after its watermark, i.e. no money event with
a higher id booked to that year or before (accounting_year ≤ FY) and dated on or before
its day, and no claim with a higher 納付番号 serial of that year or before. History is
append-only and a claim's assessed facts never change (m001's triggers), so nothing else
can change a closed year's totals. Both tests read a primary key's range: cheap, and
kept short, since a period found still valid takes the newer watermark.

Only a closed period is stored: taken as of the end of its closing period (5/31 after
the year, `domain.sheets.periods`), once that day is past. The watermark and the sums
are read in one read transaction, so they see the same rows; the store is written
afterwards in its own short write, and only if the ledger can be written at once: a
read-only, busy or full ledger gets its 個票 computed as before, with nothing written.

Derived data only: deleting the two tables' rows changes nothing but speed.
`stored_problems` (`claimdesk check`) sums every stored period afresh and drops one that
differs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from ..domain.dates import closing_period_end
from ..domain.integrity import Problem, ProblemKind
from ..domain.summary import CATEGORY_LABELS
from . import carried
from .connection import LedgerDatabase
from .errors import translated
from .summary_years import RULES, ByTypeId, Totals, summed_by_type_id

Period = tuple[int, date]  # (fiscal year, as of)
Mark = tuple[int, int]  # (highest money event id, highest 納付番号 serial) a period was summed at


def is_closed(period: Period, today: date) -> bool:
    """Whether a period is a closed year's final figures, which may be stored (see the module)."""
    fiscal_year, as_of = period
    return as_of == closing_period_end(fiscal_year) and today > as_of


def watermark(conn: sqlite3.Connection) -> Mark:
    """The highest money event id and claim serial: what a period summed now has seen."""
    row = conn.execute("SELECT (SELECT max(id) FROM money_events),"
                       " (SELECT max(serial) FROM payment_claim_numbers)").fetchone()
    return row[0] or 0, row[1] or 0


# Each test reads only the rows added after the watermark, by primary key.
_CHANGED_SINCE = """
SELECT EXISTS (SELECT 1 FROM money_events
               WHERE id > :last_event AND accounting_year <= :fy AND date <= :as_of)
    OR EXISTS (SELECT 1 FROM payment_claim_numbers p JOIN claims c ON c.claim_id = p.claim_id
               WHERE p.serial > :last_claim AND c.fiscal_year <= :fy)
"""
_TOTALS = ("SELECT claim_type_id, category, assessed, collected, written_off, refund_unpaid, outstanding,"
           " debtors FROM period_totals WHERE fiscal_year = ? AND as_of = ?")


def _still_valid(conn: sqlite3.Connection, period: Period, mark: Mark) -> bool:
    fy, as_of = period
    changed = conn.execute(_CHANGED_SINCE, {"fy": fy, "as_of": as_of.isoformat(),
                                            "last_event": mark[0], "last_claim": mark[1]}).fetchone()[0]
    return not changed


def _stored_totals(conn: sqlite3.Connection, period: Period) -> ByTypeId:
    rows = conn.execute(_TOTALS, [period[0], period[1].isoformat()])
    return {(type_id, category): tuple(sums) for type_id, category, *sums in rows}


def valid_stored(conn: sqlite3.Connection, periods: Sequence[Period]
                 ) -> tuple[dict[int, ByTypeId], dict[int, Mark]]:
    """The periods (by position) the ledger holds under these rules and that nothing added
    since changes: their totals, and the watermark each was found valid from."""
    found: dict[int, ByTypeId] = {}
    marks: dict[int, Mark] = {}
    for i, (fy, as_of) in enumerate(periods):
        row = conn.execute("SELECT last_event, last_claim FROM stored_periods"
                           " WHERE fiscal_year = ? AND as_of = ? AND rules = ?",
                           [fy, as_of.isoformat(), RULES]).fetchone()
        if row is not None and _still_valid(conn, (fy, as_of), row):
            found[i], marks[i] = _stored_totals(conn, (fy, as_of)), row
    return found, marks


def _write(conn: sqlite3.Connection, period: Period, mark: Mark, totals: ByTypeId) -> None:
    key = [period[0], period[1].isoformat()]
    _forget(conn, [key])
    conn.execute("INSERT INTO stored_periods (fiscal_year, as_of, last_event, last_claim, rules)"
                 " VALUES (?, ?, ?, ?, ?)", [*key, *mark, RULES])
    conn.executemany("INSERT INTO period_totals (fiscal_year, as_of, claim_type_id, category, assessed,"
                     " collected, written_off, refund_unpaid, outstanding, debtors)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [[*key, type_id, category, *sums] for (type_id, category), sums in totals.items()])


def _forget(conn: sqlite3.Connection, keys: list[list]) -> None:
    # Both tables by hand, not by the foreign key's cascade: rows left behind by another
    # tool's DELETE (foreign keys off) would otherwise refuse every later store.
    for table in ("period_totals", "stored_periods"):
        conn.executemany(f"DELETE FROM {table} WHERE fiscal_year = ? AND as_of = ?", keys)


def store(db: LedgerDatabase, summed: Sequence[tuple[Period, ByTypeId]], mark: Mark,
          confirmed: Sequence[tuple[Period, Mark]] = (), brought: Sequence[tuple[int, carried.Brought]] = (),
          carried_confirmed: Sequence[tuple[int, Mark]] = ()) -> bool:
    """Keep these periods' totals, summed at `mark`, if the ledger can be written at once.

    `confirmed`: stored periods found valid from their watermark up to `mark`, which
    moves up to it, so that the next validity test reads only what is added after
    (unless the row was replaced meanwhile: then it stays as it is). `brought` and
    `carried_confirmed`: the same for the balances brought into a fiscal year (carried.py).
    """
    def work() -> None:
        for period, totals in summed:
            _write(db.conn, period, mark, totals)
        for fiscal_year, balances in brought:
            carried.write(db.conn, fiscal_year, mark, balances)
        carried.confirm(db.conn, mark, carried_confirmed)
        db.conn.executemany(
            "UPDATE stored_periods SET last_event = ?, last_claim = ? WHERE fiscal_year = ? AND as_of = ?"
            " AND rules = ? AND last_event = ? AND last_claim = ?",
            [[*mark, fy, as_of.isoformat(), RULES, *was] for (fy, as_of), was in confirmed if was != mark])

    return db.write_if_free(work)


def drop(db: LedgerDatabase, periods: Sequence[Period], carried_years: Sequence[int] = ()) -> bool:
    """Forget these stored periods and balances brought into these years (the next 個票 sums
    them again), if the ledger can be written."""
    def work() -> None:
        _forget(db.conn, [[fy, as_of.isoformat()] for fy, as_of in periods])
        carried.forget(db.conn, carried_years)

    return db.write_if_free(work)


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction (unless the caller is in one already): every read sees the same rows."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        yield
    finally:
        if own:
            conn.execute("COMMIT")  # only read: ends the snapshot


def _names(conn: sqlite3.Connection) -> dict[int, str]:
    return dict(conn.execute("SELECT id, name FROM claim_types"))


def _named(years: Sequence[ByTypeId], names: dict[int, str]) -> list[dict[tuple[str, str], Totals]]:
    order = {"current": 0, "carried": 1}  # summed_by_type_id's order, whichever way a year came
    # (a type id no claim type has can only be a hand-edited stored row: check reports it)
    return [{(names[type_id], category): year[(type_id, category)]
             for type_id, category in sorted(year, key=lambda k: (k[0], order.get(k[1], 2)))
             if type_id in names} for year in years]


def _summed(conn: sqlite3.Connection, chosen: Sequence[Period], found: dict, brought: dict) -> list[ByTypeId]:
    """The periods not stored: those whose balances brought in are known (carried.py: `brought`
    just computed, else `found` kept and valid) from their own year's events alone, the rest
    in the one pass."""
    years = {}
    for i, (fy, as_of) in enumerate(chosen):
        if fy in brought and carried.usable(brought[fy][1:], as_of):
            years[i] = carried.summed_with_stored(conn, fy, as_of, brought[fy][0])
        elif found[fy] is not None and carried.usable(found[fy][1:], as_of):
            years[i] = carried.summed_with_stored(conn, fy, as_of)
    plain = [i for i in range(len(chosen)) if i not in years]
    if plain:
        years.update(zip(plain, summed_by_type_id(conn, [chosen[i] for i in plain])))
    return [years[i] for i in range(len(chosen))]


@dataclass
class ReadTotals:
    """What one read transaction of `summary_totals` found: the years' totals by position,
    and what `keep_totals` needs to store the new ones and move the watermarks up."""

    years: dict[int, ByTypeId]
    rest: list[int]
    marks: dict[int, Mark]
    mark: Mark
    found: dict
    brought: dict
    names: dict[int, str]


def read_totals(conn: sqlite3.Connection, periods: Sequence[Period], today: date | None, read_only: bool
                ) -> ReadTotals:
    """The first half of `summary_totals`: one read transaction on `conn` (any connection to the ledger)."""
    try:
        with _snapshot(conn):  # the watermark, the stored rows and the sums see the same rows
            mark = watermark(conn)
            years, marks = valid_stored(conn, periods)
            rest = [i for i in range(len(periods)) if i not in years]
            found = {periods[i][0]: carried.valid_year(conn, periods[i][0]) for i in rest}
            # computed here (and used at once) when they may be kept: once a year, or after a change
            brought = {} if today is None or read_only else {
                fy: carried.brought_in(conn, fy) for fy in _open_years(periods, rest, found, today)}
            years.update(zip(rest, _summed(conn, [periods[i] for i in rest], found, brought)))
            names = _names(conn)
    except sqlite3.Error as e:
        raise translated(e) from e
    return ReadTotals(years, rest, marks, mark, found, brought, names)


def keep_totals(db: LedgerDatabase, periods: Sequence[Period], read: ReadTotals, today: date | None
                ) -> list[dict[tuple[str, str], Totals]]:
    """The second half: store what `read` summed that may be kept (given `today`, through the
    ledger's own connection), and name its totals."""
    years, mark = read.years, read.mark
    if today is not None:
        closed = [(periods[i], years[i]) for i in read.rest if is_closed(periods[i], today)]
        confirmed = [(periods[i], was) for i, was in read.marks.items() if was != mark]
        carried_confirmed = [(fy, f[0]) for fy, f in read.found.items() if f is not None and f[0] != mark]
        if closed or confirmed or read.brought or carried_confirmed:
            # (not inside a caller's transaction: write_if_free declines)
            store(db, closed, mark, confirmed, list(read.brought.items()), carried_confirmed)
    return _named([years[i] for i in range(len(periods))], read.names)


def summary_totals(db: LedgerDatabase, periods: Sequence[Period], today: date | None = None
                   ) -> list[dict[tuple[str, str], Totals]]:
    """Per period: (claim type, category) → its totals; stored periods read, the rest summed in one pass.

    With `today`, the closed periods summed here are stored for the next time (see the
    module), and the stored ones found valid get the watermark read now.
    """
    return keep_totals(db, periods, read_totals(db.conn, periods, today, bool(db.read_only_reason)), today)


def _to_keep(conn: sqlite3.Connection, periods: Sequence[Period], today: date) -> tuple[list[Period], bool]:
    """What a 個票 of these periods would sum that the ledger could keep: the closed periods
    not stored (or no longer valid), and whether the balances brought into the last one's
    year are not kept although they may be. A few look-ups by key, no sums."""
    found, _ = valid_stored(conn, periods)
    closed = [p for i, p in enumerate(periods) if i not in found and is_closed(p, today)]
    fiscal_year = periods[-1][0]
    return closed, carried.may_store(fiscal_year, today) and carried.valid_year(conn, fiscal_year) is None


def prepare(db: LedgerDatabase, periods: Sequence[Period], today: date) -> bool:
    """Sum and keep what a 個票 of these periods can keep, before anyone waits for it (the
    window in the background after opening, an import once it has written); whether
    anything was summed.

    Only what is kept is summed (`_to_keep`): the closed periods not stored in one pass,
    and the balances brought into the last period's year; never the current year itself,
    which a 個票 sums each time anyway. A read-only ledger sums nothing; one that cannot
    be written at once keeps nothing.
    """
    if db.read_only_reason:
        return False
    conn = db.conn
    try:
        with _snapshot(conn):  # the watermark and the sums see the same rows
            mark = watermark(conn)
            closed, balances = _to_keep(conn, periods, today)
            fiscal_year = periods[-1][0]
            brought = [(fiscal_year, carried.brought_in(conn, fiscal_year))] if balances else []
            summed = list(zip(closed, summed_by_type_id(conn, closed))) if closed else []
    except sqlite3.Error as e:
        raise translated(e) from e
    if not summed and not brought:
        return False
    store(db, summed, mark, brought=brought)
    return True


def _open_years(periods: Sequence[Period], rest: list[int], found: dict, today: date) -> list[int]:
    """The years summed here, not closed, whose balances brought in may be kept and are not
    yet. None while closed years are summed too: the one pass, which runs anyway, then sums
    FY at no cost, and the balances are computed the next time."""
    if any(is_closed(periods[i], today) for i in rest):
        return []
    return sorted({periods[i][0] for i in rest if found[periods[i][0]] is None
                   and carried.may_store(periods[i][0], today)})


WRONG_DROPPED = "（保存分は削除しました。次の個票で計算し直します）"
WRONG_KEPT = "（台帳に書き込めないため、保存分を削除できませんでした）"


def stored_problems(db: LedgerDatabase) -> list[Problem]:
    """Stored periods and balances brought in that differ from a fresh computation
    (`claimdesk check`); those are dropped.

    A period or year stored under other rules, or that a later event or claim changes, is
    not compared: it is not used, and is replaced when it is summed again.
    """
    conn = db.conn
    try:
        with _snapshot(conn):
            stored = [(fy, date.fromisoformat(as_of)) for fy, as_of in conn.execute(
                "SELECT fiscal_year, as_of FROM stored_periods ORDER BY fiscal_year, as_of")]
            valid, _ = valid_stored(conn, stored)
            chosen = sorted(valid)
            fresh = dict(zip(chosen, summed_by_type_id(conn, [stored[i] for i in chosen])))
            wrong_carried = carried.wrong_years(conn)
            names = _names(conn)
    except (sqlite3.Error, ValueError) as e:  # ValueError: a stored day that is no date (edited by hand)
        return [Problem(ProblemKind.DAMAGED, detail=str(e))]
    wrong = {i: sorted(k for k in valid[i].keys() | fresh[i].keys() if valid[i].get(k) != fresh[i].get(k))
             for i in chosen if valid[i] != fresh[i]}
    if not wrong and not wrong_carried:
        return []
    # Dropped, the next 個票 sums the year again; a ledger that cannot be written keeps them.
    outcome = WRONG_DROPPED if drop(db, [stored[i] for i in wrong], wrong_carried) else WRONG_KEPT
    return [*(Problem(ProblemKind.STORED_TOTALS, "period_totals", f"{stored[i][0]}年度 {stored[i][1]}現在",
                      "、".join(f"{names.get(t, t)} {CATEGORY_LABELS.get(c, c)}" for t, c in keys) + outcome)
              for i, keys in wrong.items()),
            *(Problem(ProblemKind.STORED_TOTALS, "carried_balances", f"{fy}年度", "前年度からの繰越額" + outcome)
              for fy in wrong_carried)]
