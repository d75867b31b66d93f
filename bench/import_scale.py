"""`claimdesk import` of 200,000 claims + 1,000,000 transactions against csv + executemany.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/import_scale.py --db /tmp/perf-large.sqlite3 [--repeat 3]

The files are the large demo's claims and money events written as the import's CSV
(exchange-format §2), padded with 調定増減 rows to 1,000,000 transactions; made once into
--work (default /tmp/claimdesk-import-bench) and reused. Each run is a new process on a new
ledger (made by `claimdesk department`, not timed), taking turns:

  (a) baseline: the same two files read with csv.reader and written with executemany into
      the same ledger schema (its triggers fire), in one transaction, nothing checked;
  (b) ClaimDesk: `claimdesk --db NEW import --claims C --transactions T`.

Wall time, CPU time (user + system: on a shared machine the fairer figure) and peak memory
(the child's ru_maxrss) per run; min / median / max and the ratios (b) / (a). Goals (issue 13): time ≤ 1.5×, peak memory ≤ 2×.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-03"
EVENTS = 1_000_000
CLAIM_HEADER = ["claim_id", "debtor_id", "debtor_name", "debtor_kana", "postal_code", "address", "phone",
                "claim_type", "legal_nature", "account", "budget_section", "fiscal_year", "assessed_on",
                "amount", "due_date"]
EVENT_HEADER = ["claim_id", "date", "kind", "amount", "method", "accounting_year", "note"]


def make_files(db: Path, work: Path) -> tuple[Path, Path]:
    """The demo ledger's claims and events as import files (made once)."""
    claims, events = work / "claims.csv", work / "transactions.csv"
    if claims.exists() and events.exists():
        return claims, events
    work.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # bench code reads the demo itself
    with open(claims, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(CLAIM_HEADER)
        w.writerows(src.execute(
            "SELECT c.claim_id, c.debtor_id, d.name, d.kana, d.postal_code, d.address, d.phone, t.name,"
            " t.legal_nature, t.account, t.budget_section, c.fiscal_year, c.assessed_on, c.amount, c.due_date"
            " FROM claims c JOIN debtors d USING (debtor_id) JOIN claim_types t ON t.id = c.claim_type_id"
            " ORDER BY c.rowid"))
    ids = [r[0] for r in src.execute("SELECT claim_id FROM claims WHERE assessed_on < '2026-11-01'")]
    with open(events, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(EVENT_HEADER)
        n = 0
        for row in src.execute(
                "SELECT claim_id, date, kind, amount, method, CASE WHEN accounting_year_overridden"
                " THEN accounting_year ELSE '' END, note FROM money_events WHERE reverses IS NULL ORDER BY id"):
            w.writerow(row)
            n += 1
        rng = random.Random(13)
        for _ in range(EVENTS - n):  # pad: small increases, which overpay nothing
            w.writerow([rng.choice(ids), "2026-11-02", "adjustment", 100, "", "", "延滞金の加算"])
    src.close()
    return claims, events


BASELINE = r'''
import csv, sqlite3, sys
from datetime import date
sys.path.insert(0, sys.argv[4])
from claimdesk.domain.text import search_key
from claimdesk.storage.chain import register_functions
db, claims, events = sys.argv[1:4]
conn = sqlite3.connect(db, isolation_level=None)
conn.create_function("claimdesk_search_key", 4, search_key, deterministic=True)
register_functions(conn)
for name in ("claimdesk_search_grams", "claimdesk_id_text"):
    conn.create_function(name, 1, lambda t: t or "", deterministic=True)
conn.create_function("claimdesk_search_live", 0, lambda: 1)
conn.execute("BEGIN")
with open(claims, encoding="utf-8", newline="") as f:
    r = csv.reader(f); next(r)
    rows = list(r)
types = {}
for x in rows:
    types.setdefault(x[7], (x[7], x[8], x[9], x[10], "bench", "now"))
conn.executemany("INSERT INTO claim_types (name, legal_nature, account, budget_section, changed_by, changed_at)"
                 " VALUES (?,?,?,?,?,?)", types.values())
type_ids = dict(conn.execute("SELECT name, id FROM claim_types"))
debtors = {}
for x in rows:
    debtors.setdefault(x[1], (x[1], "person", x[2], x[3], x[4], x[5], x[6], "bench", "now"))
conn.executemany("INSERT INTO debtors (debtor_id, kind, name, kana, postal_code, address, phone, changed_by,"
                 " changed_at) VALUES (?,?,?,?,?,?,?,?,?)", debtors.values())
conn.executemany("INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year, assessed_on, amount,"
                 " due_date, entered_by, entered_at) VALUES (?,?,?,?,?,?,?,'bench','now')",
                 ((x[0], x[1], type_ids[x[7]], int(x[11]), x[12], int(x[13]), x[14]) for x in rows))
def fy(d):
    return int(d[:4]) - (1 if d[5:7] < "04" else 0)
with open(events, encoding="utf-8", newline="") as f:
    r = csv.reader(f); next(r)
    conn.executemany("INSERT INTO money_events (claim_id, kind, date, amount, accounting_year, method, note,"
                     " operator, entered_at) VALUES (?,?,?,?,?,?,?,'bench','now')",
                     ((x[0], x[2], x[1], int(x[3]), int(x[5]) if x[5] else fy(x[1]), x[4], x[6]) for x in r))
conn.execute("COMMIT")
'''


def _run(cmd: list[str], env: dict) -> tuple[float, int, float]:
    """Wall seconds, peak resident MB and CPU seconds of one child process."""
    with tempfile.TemporaryFile() as err:  # a pipe would fill with the 過誤納 warnings and stall it
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def _fresh(tmp: Path, name: str, env: dict) -> Path:
    path = tmp / f"{name}.sqlite3"
    for p in tmp.glob(f"{name}.sqlite3*"):
        p.unlink()
    subprocess.run([sys.executable, "-m", "claimdesk", "--db", str(path), "department", "--code", "B1",
                    "--name", "ベンチ課"], env=env, check=True, stdout=subprocess.DEVNULL)
    return path


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=Path("/tmp/perf-large.sqlite3"))
    p.add_argument("--work", type=Path, default=Path("/tmp/claimdesk-import-bench"))
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    claims, events = make_files(args.db, args.work)
    env = {**os.environ, "CLAIMDESK_TODAY": TODAY, "PYTHONPATH": str(ROOT)}
    base, ours = [], []
    with tempfile.TemporaryDirectory(prefix="claimdesk-import-", dir=args.work) as tmp:
        for i in range(args.repeat):
            db = _fresh(Path(tmp), "base", env)
            base.append(_run([sys.executable, "-c", BASELINE, str(db), str(claims), str(events), str(ROOT)], env))
            db = _fresh(Path(tmp), "ours", env)
            ours.append(_run([sys.executable, "-m", "claimdesk", "--db", str(db), "import", "--claims", str(claims),
                              "--transactions", str(events)], env))
            print(f"run {i + 1}: baseline {base[-1][0]:.1f} s (CPU {base[-1][2]:.1f} s) {base[-1][1]} MB;"
                  f" ClaimDesk {ours[-1][0]:.1f} s (CPU {ours[-1][2]:.1f} s) {ours[-1][1]} MB", flush=True)

    def stats(xs, unit=""):
        return f"{min(xs):.2f} / {statistics.median(xs):.2f} / {max(xs):.2f}{unit}"

    print(f"(a) csv + executemany  time {stats([b[0] for b in base], ' s')}  peak {stats([b[1] for b in base], ' MB')}")
    print(f"(b) claimdesk import   time {stats([o[0] for o in ours], ' s')}  peak {stats([o[1] for o in ours], ' MB')}")
    print(f"(a) / (b) CPU          {stats([b[2] for b in base], ' s')}  /  {stats([o[2] for o in ours], ' s')}")
    print(f"ratio (b) / (a)        CPU  {stats([o[2] / b[2] for b, o in zip(base, ours)])}  (goal ≤ 1.5)")
    print(f"ratio (b) / (a)        time {stats([o[0] / b[0] for b, o in zip(base, ours)])}  (goal ≤ 1.5)"
          f"  peak {stats([o[1] / b[1] for b, o in zip(base, ours)])}  (goal ≤ 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
