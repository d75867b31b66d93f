"""The standard summary of a large ledger: ClaimDesk's path against one hand-written SQL query.

    /tmp/v/bin/python bench/summary.py [--db PATH] [--rebuild] [--repeat N]

Builds the large demo ledger (200,000 claims, about a million money events) in
bench/out/large.sqlite3, or reuses it, then times side by side, N times each, interleaved:

  (a) ClaimDesk's export path: `ledger.summary_figures` → `standard_summary`, and writing
      the CSV when `claimdesk.services.summary_export.write_summary_csv` exists;
  (b) one SQL query that computes the same figures entirely in SQLite.

Both must agree to the yen (checked here, for the timed year and for the year before at
the end of its closing period); then it prints min and median times and the ratio.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimdesk.domain.dates import closing_period_end, fiscal_year_of  # noqa: E402
from claimdesk.domain.summary import standard_summary  # noqa: E402
from claimdesk.services.clock import today as clock_today  # noqa: E402
from claimdesk.services.demo import fill_demo  # noqa: E402
from claimdesk.services.department import get_department  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
CLOCK = time.perf_counter  # --cpu: time.process_time (on a shared machine the wall clock counts waiting)
FIGURES = ("assessed", "collected", "written_off", "refund_unpaid", "outstanding", "delinquent_debtors")

# The same rules as docs/exchange-format.md §1, in one statement: per claim, sums of its events
# by accounting-year bucket; then current / carried; then the sums per claim type.
SUMMARY_SQL = """
WITH ev AS (
    SELECT claim_id,
        SUM(CASE WHEN accounting_year < :fy THEN
                 CASE WHEN kind IN ('receipt', 'write_off') THEN -amount ELSE amount END
            END) AS prior,
        SUM(CASE WHEN accounting_year = :fy AND kind = 'adjustment' THEN amount END) AS adjusted,
        SUM(CASE WHEN accounting_year = :fy AND kind = 'receipt' THEN amount
                 WHEN accounting_year = :fy AND kind = 'refund' THEN -amount END) AS collected,
        SUM(CASE WHEN accounting_year = :fy AND kind = 'write_off' THEN amount END) AS written_off
    FROM money_events
    WHERE date <= :d AND accounting_year <= :fy
    GROUP BY claim_id
),
per_claim AS (
    SELECT c.claim_type_id, c.debtor_id, c.due_date,
        CASE WHEN c.fiscal_year = :fy THEN 'current' ELSE 'carried' END AS category,
        CASE WHEN c.assessed_on <= :d THEN c.amount ELSE 0 END
            + CASE WHEN c.fiscal_year < :fy THEN coalesce(ev.prior, 0) ELSE 0 END AS opening,
        coalesce(ev.adjusted, 0) AS adjusted,
        coalesce(ev.collected, 0) AS collected,
        coalesce(ev.written_off, 0) AS written_off
    FROM claims c LEFT JOIN ev ON ev.claim_id = c.claim_id
    WHERE c.fiscal_year <= :fy
),
counted AS (
    SELECT claim_type_id, debtor_id, due_date, category, opening + adjusted AS assessed,
        collected, written_off, opening + adjusted - collected - written_off AS balance
    FROM per_claim
    WHERE category = 'current' OR opening > 0
)
SELECT t.name, category, SUM(assessed), SUM(collected), SUM(written_off),
    SUM(CASE WHEN balance < 0 THEN -balance ELSE 0 END),
    SUM(CASE WHEN balance > 0 THEN balance ELSE 0 END),
    COUNT(DISTINCT CASE WHEN balance > 0 AND due_date < :d THEN debtor_id END)
FROM counted JOIN claim_types t ON t.id = counted.claim_type_id
GROUP BY t.name, category
"""


def build(path: Path, rebuild: bool) -> dict:
    """The large demo ledger at `path` (built now or before) and how it was built."""
    meta_path = path.with_suffix(".json")
    if not rebuild and path.exists() and meta_path.exists():
        return json.loads(meta_path.read_text()) | {"reused": True}
    if not rebuild and path.exists():
        # A ledger built elsewhere (`claimdesk demo --size large`): used as it is, as of the
        # day CLAIMDESK_TODAY gives. (It was deleted and built again here, as of the real day.)
        return {"today": clock_today().isoformat(), "reused": True}
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), meta_path):
        p.unlink(missing_ok=True)
    today = clock_today()
    started, cpu = CLOCK(), time.process_time()
    with Ledger.open(path, operator="bench") as ledger:
        result = fill_demo(ledger, "large", today=today)
    meta = {"today": today.isoformat(), "build_seconds": round(CLOCK() - started, 2),
            "build_cpu_seconds": round(time.process_time() - cpu, 2), "debtors": result.debtors,
            "claims": result.claims, "events": result.events}
    meta_path.write_text(json.dumps(meta, indent=1))
    return meta | {"reused": False}


def ours(ledger: Ledger, fy: int, as_of: date, csv_path: Path | None, write_csv) -> tuple[dict, float, float]:
    """ClaimDesk's export path; returns its figures and the seconds to compute and to write."""
    started = CLOCK()
    dept = get_department(ledger)
    rows = standard_summary(
        department_code=dept.code, department_name=dept.name, fiscal_year=fy, as_of=as_of,
        claim_types=ledger.claim_types(), figures=ledger.summary_figures(fy, as_of))
    computed = CLOCK()
    if write_csv is not None:
        write_csv(rows, csv_path)
    written = CLOCK()
    figures = {(r.claim_type, r.category): tuple(getattr(r, f) for f in FIGURES)
               for r in rows if r.category != "total"}
    return figures, computed - started, written - computed


def in_sql(ledger: Ledger, fy: int, as_of: date) -> tuple[dict, float]:
    raw = sqlite3.connect(ledger.path)  # the alternative under test is plain SQL of its own
    try:
        started = CLOCK()
        result = raw.execute(SUMMARY_SQL, {"fy": fy, "d": as_of.isoformat()}).fetchall()
        seconds = CLOCK() - started
    finally:
        raw.close()
    return {(r[0], r[1]): tuple(r[2:]) for r in result}, seconds


def agree(a: dict, b: dict, label: str) -> None:
    """Both sides give the same figures (a claim type missing from the SQL side has zeros)."""
    zero = (0,) * len(FIGURES)
    diffs = [(k, a.get(k, zero), b.get(k, zero)) for k in sorted(a.keys() | b.keys())
             if a.get(k, zero) != b.get(k, zero)]
    for key, x, y in diffs:
        print(f"  MISMATCH {key}: ClaimDesk {x} / SQL {y}", file=sys.stderr)
    assert not diffs, f"figures differ ({label})"
    print(f"figures agree ({label}): {len(a)} rows, 収入未済額 計 "
          f"{sum(v[4] for v in a.values()):,}円")


def stats(xs: list[float]) -> str:
    return f"min {min(xs):7.3f} s   median {statistics.median(xs):7.3f} s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=OUT / "large.sqlite3")
    ap.add_argument("--rebuild", action="store_true", help="build the demo ledger again")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="CPU time of this process, not the wall clock")
    args = ap.parse_args(argv)
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    args.db.parent.mkdir(parents=True, exist_ok=True)

    meta = build(args.db, args.rebuild)
    if "claims" not in meta:
        print(f"ledger {args.db} as it is, as of {meta['today']} (not built here)")
    else:
        reused = " — reused; the time is from when it was built" if meta["reused"] else ""
        print(f"large demo: {meta['claims']:,} claims, {meta['events']:,} money events, "
              f"{meta['debtors']:,} debtors; built in {meta['build_seconds']:.1f} s "
              f"(cpu {meta['build_cpu_seconds']:.1f} s){reused}")

    try:
        write_csv = getattr(importlib.import_module("claimdesk.services.summary_export"),
                            "write_summary_csv", None)
    except ImportError:
        write_csv = None
    csv_path = OUT / "summary-bench.csv"
    today = date.fromisoformat(meta["today"])
    fy = fiscal_year_of(today)

    with Ledger.open(args.db, create=False) as ledger:
        prev = fy - 1, closing_period_end(fy - 1)
        agree(ours(ledger, *prev, csv_path, None)[0], in_sql(ledger, *prev)[0],
              f"FY{prev[0]} as of {prev[1]}")
        times_ours, times_compute, times_write, times_sql = [], [], [], []
        for i in range(args.repeat):
            a, compute, write = ours(ledger, fy, today, csv_path, write_csv)
            b, sql = in_sql(ledger, fy, today)
            if i == 0:
                agree(a, b, f"FY{fy} as of {today}")
            times_ours.append(compute + write)
            times_compute.append(compute)
            times_write.append(write)
            times_sql.append(sql)

    print(f"\nFY{fy} as of {today}, {args.repeat} runs each")
    print(f"  (a) ClaimDesk, compute + CSV  {stats(times_ours)}")
    print(f"        summary_figures + standard_summary  {stats(times_compute)}")
    print("        write_summary_csv                   "
          + (stats(times_write) if write_csv else "(not available: skipped)"))
    print(f"  (b) one SQL query             {stats(times_sql)}")
    ratio_min = min(times_ours) / min(times_sql)
    ratio_med = statistics.median(times_ours) / statistics.median(times_sql)
    ratios = [a / b for a, b in zip(times_ours, times_sql)]
    print(f"  ratio ours / SQL: {ratio_min:.2f} (min)  {ratio_med:.2f} (median)   goal ≤ 1.5")
    print(f"  run by run: min {min(ratios):.2f} / median {statistics.median(ratios):.2f} / max {max(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
