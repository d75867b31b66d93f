"""個票 for five fiscal years against one summary export, on the large demo ledger.

    .venv/bin/python bench/sheets.py --db /tmp/perf-large.sqlite3 --fiscal-year 2026 --as-of 2026-12-03 [--repeat 3]

Times, interleaved, N times each: (a) one summary export (`export_summary` to .csv) and
(b) the 個票 (`export_sheets` to .xlsx: five fiscal years, earlier ones closed). The goal
(issue 13) is (b) ≤ 1.3 × (a); prints min / median / max and the pairwise ratios.
`--parts` then times, on their own, the 個票's two costs: the five years' SQL pass
(`summary_totals`) and the case-class table (`class_counts`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimdesk.domain.sheets import periods  # noqa: E402
from claimdesk.services.casefile import class_counts  # noqa: E402
from claimdesk.services.session import open_ledger  # noqa: E402
from claimdesk.services.sheets import export_sheets  # noqa: E402
from claimdesk.services.summary_export import export_summary  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=Path("/tmp/perf-large.sqlite3"))
    p.add_argument("--fiscal-year", type=int, default=2026)
    p.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 12, 3))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--parts", action="store_true", help="also time the five years' SQL and the class table apart")
    args = p.parse_args()
    summary, sheets, cpu_summary, cpu_sheets = [], [], [], []
    years: list[float] = []
    classes: list[float] = []
    with open_ledger(args.db) as ledger, tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            export_summary(ledger, args.fiscal_year, args.as_of, Path(tmp) / "summary.csv")
            summary.append(time.perf_counter() - t0)
            cpu_summary.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            export_sheets(ledger, args.fiscal_year, args.as_of, Path(tmp) / "sheets.xlsx")
            sheets.append(time.perf_counter() - t0)
            cpu_sheets.append(time.process_time() - c0)
            if args.parts:
                chosen = periods(args.fiscal_year, args.as_of)
                c0 = time.process_time()
                ledger.summary_totals([(p.fiscal_year, p.as_of) for p in chosen])
                years.append(time.process_time() - c0)
                c0 = time.process_time()
                class_counts(ledger, chosen[-1].as_of)
                classes.append(time.process_time() - c0)

    def stats(xs):
        return f"min {min(xs):.2f}, median {statistics.median(xs):.2f}, max {max(xs):.2f}"

    print(f"(a) summary export (s)  {stats(summary)}")
    print(f"(b) 個票 five years (s)  {stats(sheets)}")
    print(f"ratio (b) / (a)         {stats([b / a for a, b in zip(summary, sheets)])}   goal ≤ 1.3")
    # CPU time: on a machine shared with other work the wall clock also counts the waiting
    print(f"CPU (a) / (b) (s)       {stats(cpu_summary)}  /  {stats(cpu_sheets)}")
    print(f"CPU ratio (b) / (a)     {stats([b / a for a, b in zip(cpu_summary, cpu_sheets)])}   goal ≤ 1.3")
    if args.parts:
        print(f"CPU five years' SQL (s) {stats(years)}")
        print(f"CPU class table (s)     {stats(classes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
