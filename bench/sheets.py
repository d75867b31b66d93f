"""個票 for five fiscal years against one summary export, on the large demo ledger.

    cp /tmp/final-large.sqlite3 /tmp/NAME-large.sqlite3      (this benchmark writes: use a copy)
    CLAIMDESK_TODAY=2026-12-03 .venv/bin/python bench/sheets.py --db /tmp/NAME-large.sqlite3 \
        --fiscal-year 2026 --as-of 2026-12-03 [--repeat 3] [--parts]

Times, interleaved, N times each: (a) one summary export (`export_summary` to .csv) and
the 個票 (`export_sheets` to .xlsx: five fiscal years, earlier ones closed) twice:
(b) with the ledger's stores emptied first (the first 個票 ever: all five years summed,
the four closed ones then stored, and the balances brought into FY computed and stored,
m019) and (c) after a receipt of the current year is added (the day's work goes on),
with the closed years and the balances brought in stored: their validity is checked
against the new receipt and only FY's own money is summed. With m019, (d) between them:
the balances brought in emptied alone (as after a late receipt booked to the year before),
so the 個票 computes them again and sums FY from them. The goal (issue 13) is
≤ 1.3 × (a); prints min / median / max and the pairwise ratios, in CPU time of the process
(every thread) and in wall time, after the check on open is done (it runs in a thread of
its own).
`--parts` then times, on their own, the 個票's costs: the five years' totals
(`summary_totals`, stored years read) and the case-class table (`class_counts`).
A tree from before the store (no `stored_periods` table) runs (b) only.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimdesk.domain.claims import EventKind  # noqa: E402
from claimdesk.domain.sheets import periods  # noqa: E402
from claimdesk.services.casefile import class_counts  # noqa: E402
from claimdesk.services.entries import record_event  # noqa: E402
from claimdesk.services.session import open_ledger  # noqa: E402
from claimdesk.services.sheets import export_sheets  # noqa: E402
from claimdesk.services.summary_export import export_summary  # noqa: E402

STORES = ("period_totals", "stored_periods", "carried_balances", "carried_years")  # m018, m019


def empty_store(path: Path, tables: tuple[str, ...] = STORES) -> bool:
    """Forget the stored closed years and balances brought in, as another tool would
    (False: this tree has no store; a tree before m019 has the closed years' only)."""
    conn = sqlite3.connect(path)
    try:
        emptied = []
        for table in tables:
            try:
                conn.execute(f"DELETE FROM {table}")
                emptied.append(table)
            except sqlite3.OperationalError:  # no such table
                pass
        conn.commit()
        return bool(emptied)
    finally:
        conn.close()


def current_claim(path: Path, fiscal_year: int) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT claim_id FROM claims WHERE fiscal_year = ? ORDER BY rowid DESC LIMIT 1",
                            [fiscal_year]).fetchone()[0]
    finally:
        conn.close()


def cpu_of(work) -> tuple[float, float]:
    """(CPU time of the process, wall time) of `work`."""
    c0, w0 = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - c0, time.perf_counter() - w0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=Path("/tmp/perf-large.sqlite3"))
    p.add_argument("--fiscal-year", type=int, default=2026)
    p.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 12, 3))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--parts", action="store_true", help="also time the five years' totals and the class table apart")
    args = p.parse_args()
    summary: list[tuple[float, float]] = []
    first: list[tuple[float, float]] = []
    stored: list[tuple[float, float]] = []
    again: list[tuple[float, float]] = []
    years: list[tuple[float, float]] = []
    classes: list[tuple[float, float]] = []
    claim_id = current_claim(args.db, args.fiscal_year)
    with open_ledger(args.db) as ledger, tempfile.TemporaryDirectory() as tmp:
        check = getattr(ledger, "open_check", None)
        if check is not None:
            check.done.wait()  # its CPU (its own thread) is not the exports'
        sheets = Path(tmp) / "sheets.xlsx"
        for _ in range(args.repeat):
            summary.append(cpu_of(lambda: export_summary(ledger, args.fiscal_year, args.as_of,
                                                         Path(tmp) / "summary.csv")))
            has_store = empty_store(args.db)
            first.append(cpu_of(lambda: export_sheets(ledger, args.fiscal_year, args.as_of, sheets)))
            if has_store:
                if empty_store(args.db, STORES[2:]):  # m019: as after a change to the year before
                    again.append(cpu_of(lambda: export_sheets(ledger, args.fiscal_year, args.as_of, sheets)))
                record_event(ledger, claim_id, EventKind.RECEIPT, args.as_of, 1, method="窓口", today=args.as_of,
                             accept_overpayment=True)
                stored.append(cpu_of(lambda: export_sheets(ledger, args.fiscal_year, args.as_of, sheets)))
            if args.parts:
                chosen = [(p.fiscal_year, p.as_of) for p in periods(args.fiscal_year, args.as_of)]
                years.append(cpu_of(lambda: ledger.summary_totals(chosen)))  # noqa: B023 (called at once)
                classes.append(cpu_of(lambda: class_counts(ledger, args.as_of)))

    def stats(xs, k=0):
        xs = [x[k] for x in xs]
        return f"min {min(xs):.2f}, median {statistics.median(xs):.2f}, max {max(xs):.2f}"

    def ratio(xs, k=0):
        return stats([(b[k] / a[k],) for a, b in zip(summary, xs)])

    # CPU time (both threads: the 個票 sums its years in a thread of its own beside the
    # class table) and wall time, what the clerk waits; on a machine shared with other
    # work the wall clock also counts the waiting.
    for k, what in ((0, "CPU"), (1, "wall")):
        print(f"{what} (a) summary export (s)               {stats(summary, k)}")
        print(f"{what} (b) 個票, store emptied (s)          {stats(first, k)}")
        print(f"{what} ratio (b) / (a)                      {ratio(first, k)}   goal ≤ 1.3")
        if again:
            print(f"{what} (d) 個票, closed years kept, balances brought in computed again (s) {stats(again, k)}")
            print(f"{what} ratio (d) / (a)                      {ratio(again, k)}")
        if stored:
            print(f"{what} (c) 個票, stores kept, new receipt (s) {stats(stored, k)}")
            print(f"{what} ratio (c) / (a)                      {ratio(stored, k)}   goal ≤ 1.3")
        if args.parts:
            print(f"{what} five years' totals (s)               {stats(years, k)}")
            print(f"{what} class table (s)                      {stats(classes, k)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
