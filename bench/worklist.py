"""「本日の作業」 on the large demo ledger, with its casework history and with more.

    .venv/bin/python bench/worklist.py --db /tmp/perf-large.sqlite3 --as-of 2026-12-03 [--repeat N]

Copies the large demo ledger (`claimdesk demo --size large`, or bench/out/large.sqlite3
built by bench/summary.py) into a temporary folder — the benchmark's file is never
changed — and times the worklist N times on two copies:

  (a) the ledger as built: 200,000 claims and the demo's casework history (some 29,000
      contact entries, 3,500 promises, 2,100 instalment plans: demo.py CASEWORK_SHARE);
  (b) the same with more casework: a 督促状 logged for 80% of the claims in arrears and,
      for half of those, a call with a next action — tens of thousands of entries more,
      to show how the time grows with the history.

It prints CPU and wall time (min / median) and the number of items and claims examined.
The wall time is what the clerk waits for: the worklist reads its contact log in a thread
beside its candidates (storage/beside.py), so its CPU, both threads counted, is the larger.

With `--before DIR` (the code before a change, e.g. `git archive REV | tar -x -C DIR`),
each measurement runs in a new process, the code before and this code in turn on the
same copies, N rounds: the first worklist of a process (what the window builds after
start-up) and the second (a refresh) are reported apart, min / median / max.

Opening a ledger this large starts its check on open (storage/guard.py: quick_check
reads every page, ~0.7 s CPU here) in a thread of its own. The CPU clock of the process
counts that thread too, so the timing waits for the check first and reports its CPU
apart ("open check", once per process and file); the worklist's figures are its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

# CLAIMDESK_BENCH_TREE: the code measured by a --before run's worker (this tree otherwise)
sys.path.insert(0, os.environ.get("CLAIMDESK_BENCH_TREE") or str(Path(__file__).resolve().parent.parent))

from claimdesk.domain.contacts import Channel, ContactEntry, LegalEffect, LetterKind  # noqa: E402
from claimdesk.domain.dates import fiscal_year_of  # noqa: E402
from claimdesk.services.worklist import worklist  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/summary.py's baseline
from summary import SUMMARY_SQL  # noqa: E402


def add_casework(ledger: Ledger, today: date, seed: int = 1) -> int:
    """Log a 督促状 for 80% of the claims in arrears, and a call for half of those."""
    rng, n = random.Random(seed), 0
    with ledger.atomic():
        for c in ledger.worklist.candidates(today, receipts_due_by=date.min):
            if rng.random() >= 0.8:
                continue
            sent = c.due_date + timedelta(days=rng.randrange(5, 20))
            ledger.casework.add_entry(ContactEntry(c.debtor_id, (c.claim_id,), sent, Channel.LETTER_OUT, "督促状",
                                                 letter_kind=LetterKind.DEMAND, legal_effect=LegalEffect.DEMAND))
            n += 1
            if rng.random() < 0.5:
                ledger.casework.add_entry(ContactEntry(
                    c.debtor_id, (c.claim_id,), min(sent + timedelta(days=20), today), Channel.PHONE, "電話で催告",
                    reason="失念", next_action="再度電話", next_action_on=min(sent + timedelta(days=40), today)))
                n += 1
    return n


def _checked(ledger: Ledger) -> float:
    """Wait for the ledger's check on open (its own thread); the CPU it took meanwhile."""
    started = time.process_time()
    check = getattr(ledger, "open_check", None)  # (a tree before the check on open has none)
    if check is not None:
        check.done.wait()
    return time.process_time() - started


def reference_cpu(path: Path, as_of: date) -> float:
    """CPU seconds of one plain GROUP BY over the money (bench/summary.py's baseline), on
    the same file: how fast the machine is just now. The goal (≤ 1 s) is an absolute time
    and this shared machine's speed varies by a third from one day to the next; the ratio
    to this says whether the worklist changed or the machine did."""
    raw = sqlite3.connect(path)  # plain SQL of its own, as bench/summary.py's baseline
    try:
        started = time.process_time()
        raw.execute(SUMMARY_SQL, {"fy": fiscal_year_of(as_of), "d": as_of.isoformat()}).fetchall()
        return time.process_time() - started
    finally:
        raw.close()


def measure(path: Path, as_of: date, repeat: int) -> None:
    with Ledger.open(path) as ledger:
        print(f"  open check cpu {_checked(ledger):.2f} s")
        cpu, wall, reference = [], [], []
        for _ in range(repeat):
            reference.append(reference_cpu(path, as_of))
            t, c = time.perf_counter(), time.process_time()
            result = worklist(ledger, as_of)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - t)
    ms = lambda xs: f"min {min(xs) * 1000:.0f} ms, median {statistics.median(xs) * 1000:.0f} ms"  # noqa: E731
    print(f"  items {len(result.items):,}, claims examined {result.claims_examined:,}")
    print(f"  cpu  {ms(cpu)}\n  wall {ms(wall)}")
    ratios = [a / b for a, b in zip(cpu, reference)]
    walls = [a / b for a, b in zip(wall, reference)]
    print(f"  machine: one plain GROUP BY (bench/summary.py) cpu {ms(reference)};"
          f" worklist cpu / it min {min(ratios):.2f}, median {statistics.median(ratios):.2f};"
          f" worklist wall / it min {min(walls):.2f}, median {statistics.median(walls):.2f}")


def _worker(path: Path, as_of: date) -> None:
    """In a new process: the first and the second worklist, as JSON on stdout."""
    times = []
    with Ledger.open(path) as ledger:
        checked = _checked(ledger)
        for _ in range(2):
            t, c = time.perf_counter(), time.process_time()
            result = worklist(ledger, as_of)
            times.append((time.process_time() - c, time.perf_counter() - t))
    print(json.dumps({"times": times, "items": len(result.items), "examined": result.claims_examined,
                      "check": checked}))


def _compare(path: Path, as_of: date, rounds: int, before: Path) -> None:
    """The code before and this code in turn, a new process each, `rounds` times."""
    trees = {"before": before.resolve(), "now": Path(__file__).resolve().parent.parent}
    runs: dict[str, list] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            out = subprocess.run([sys.executable, __file__, "--worker", str(path), "--as-of", as_of.isoformat()],
                                 env={**os.environ, "CLAIMDESK_BENCH_TREE": str(tree)},
                                 capture_output=True, text=True, check=True).stdout
            runs[name].append(json.loads(out.splitlines()[-1]))
    for name, found in runs.items():
        checks = [r["check"] for r in found]
        print(f"  {name}: items {found[0]['items']:,}, claims examined {found[0]['examined']:,};"
              f" open check cpu min {min(checks):.2f} / max {max(checks):.2f} s")
        for i, label in enumerate(("first", "again")):
            for j, clock in enumerate(("cpu ", "wall")):
                xs = [r["times"][i][j] for r in found]
                print(f"    {label} {clock} min {min(xs):.2f} / median {statistics.median(xs):.2f} / max {max(xs):.2f} s")


def _check_schema(path: Path) -> None:
    """A ledger migrated by a development version of m003_casework lacks later columns."""
    Ledger.open(path).close()  # migrated first, as the worklist will find it
    raw = sqlite3.connect(path)  # bench code reads the schema itself; claimdesk goes through Ledger
    try:
        columns = {r[1] for r in raw.execute("PRAGMA table_info(contact_entries)")}
    finally:
        raw.close()
    if "correction_reason" not in columns:
        raise SystemExit(f"{path}: contact_entries は開発途中の m003_casework で作られています。"
                         "bench/summary.py --rebuild で台帳を作り直すか、--db で未更新の台帳を指定してください")


def _built_on(db: Path) -> date:
    """The day the demo ledger was built for (bench/summary.py notes it beside the file)."""
    note = db.with_suffix(".json")
    if note.exists():
        return date.fromisoformat(json.loads(note.read_text(encoding="utf-8"))["today"])
    return date.today()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=OUT / "large.sqlite3")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--as-of", type=date.fromisoformat)
    p.add_argument("--before", type=Path, help="the code before, to run in turn with this code")
    p.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        _worker(args.worker, args.as_of)
        return 0
    if not args.db.exists():
        print(f"{args.db} がありません。先に bench/summary.py で大規模デモ台帳を作成してください", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="claimdesk-worklist-") as tmp:
        plain = Path(tmp) / "plain.sqlite3"
        shutil.copyfile(args.db, plain)
        Ledger.open(plain).close()  # migrates the copy (its backup goes beside it, in tmp)
        _check_schema(plain)
        as_of = args.as_of or _built_on(args.db)
        logged = Path(tmp) / "logged.sqlite3"
        shutil.copyfile(plain, logged)
        with Ledger.open(logged) as ledger:
            entries = add_casework(ledger, as_of)
        print(f"worklist as of {as_of.isoformat()}")
        run = measure if args.before is None else lambda path, day, n: _compare(path, day, n, args.before)
        print("(a) as built, with the demo's casework history:")
        run(plain, as_of, args.repeat)
        print(f"(b) with {entries:,} contact log entries more:")
        run(logged, as_of, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
