"""kill -9 at random moments of an import, a backup and a restore; then check everything.

    python bench/killtest.py [--kills N] [--claims N] [--seed S]

Rounds go on until N operations (default 30) were killed mid-way, taking turns: in
each round one of three operations runs in its own process on a copy of a ledger
and is killed with SIGKILL after a random delay within its usual run time:

  import   `claimdesk import` of N claims (default 200,000) with a receipt each (all or nothing)
  backup   `claimdesk backup --output F` (F is either absent or a complete backup)
  restore  `claimdesk restore B` of the large ledger's backup over the small one (the
           ledger is the old one or the backup, whole)

After each kill the ledger must pass `claimdesk check` (integrity_check, foreign keys,
triggers, sums, hash chain), an import must have written all of its claims or none,
a backup file, if there, must pass the check too, and a restore must have left the old
content or the backup's. Prints one line per round and a summary; exit 1 on a failure.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def claimdesk(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "claimdesk", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimdesk", *args], cwd=ROOT, capture_output=True, text=True)


def write_import(folder: Path, n: int) -> tuple[Path, Path]:
    claims, receipts = folder / "claims.csv", folder / "transactions.csv"
    with open(claims, "w", encoding="utf-8") as f:
        f.write("債権番号,債務者番号,氏名,郵便番号,住所,電話番号,債権名,債権の種類,会計,款,年度,調定日,調定額,納期限\n")
        for i in range(n):
            d = i % 5000
            f.write(f"K{i:07d},KD{d:05d},区民 {d},154-0017,東京都世田谷区1-{d},03-0000-0000,"
                    f"試験用貸付金,私債権,一般会計,諸収入,令和6年度,令和6年6月1日,25600,令和6年7月1日\n")
    with open(receipts, "w", encoding="utf-8") as f:
        f.write("債権番号,日付,区分,金額,納付方法,会計年度,備考\n")
        for i in range(n):
            f.write(f"K{i:07d},令和6年8月1日,収納,{1000 + i % 900},納付書,,\n")
    return claims, receipts


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def checked(path: Path) -> str | None:
    result = run("check", "--db", str(path))
    return None if result.returncode == 0 else (result.stdout + result.stderr).strip()[:300]


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    result = run(*args)
    if result.returncode != 0:
        raise SystemExit(f"setup failed: {args}: {result.stderr}")
    return time.perf_counter() - started


def kill_after(proc: subprocess.Popen, delay: float) -> bool:
    """SIGKILL after `delay` unless it ended first; True if it was killed."""
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=30, help="stop after this many operations were killed mid-way")
    ap.add_argument("--claims", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="claimdesk-kill-"))
    base = work / "base.sqlite3"
    timed(["demo", "--db", str(base), "--size", "small"])
    claims_csv, receipts_csv = write_import(work, args.claims)
    before_claims = count(base, "SELECT count(*) FROM claims")
    # How long each operation takes when left alone: the kills fall within that.
    probe = work / "probe.sqlite3"
    shutil.copy(base, probe)
    durations = {"import": timed(["import", "--db", str(probe), "--claims", str(claims_csv),
                                  "--transactions", str(receipts_csv)])}
    big = work / "big.sqlite3"  # a ledger with the import in it: what is backed up and restored over
    shutil.copy(probe, big)
    big_backup = work / "big-backup.sqlite3"  # what the restores put in place of the small ledger
    durations["backup"] = timed(["backup", "--db", str(probe), "--output", str(big_backup)])
    shutil.copy(base, probe)
    durations["restore"] = timed(["restore", "--db", str(probe), str(big_backup)])
    print("undisturbed: " + ", ".join(f"{k} {v:.2f} s" for k, v in durations.items()))

    failures, kills, n = 0, 0, -1
    while kills < args.kills and n < 4 * args.kills:
        n += 1
        op = ("import", "backup", "restore")[n % 3]
        ledger = work / f"round{n}.sqlite3"
        shutil.copy(big if op == "backup" else base, ledger)
        old_claims = count(ledger, "SELECT count(*) FROM claims")
        # Python and ClaimDesk's imports take the first ~0.5 s: kills fall after that.
        delay = rng.uniform(0.6, max(0.7, durations[op] * 0.9))
        target = work / f"round{n}-backup.sqlite3"
        if op == "import":
            proc = claimdesk("import", "--db", str(ledger), "--claims", str(claims_csv),
                             "--transactions", str(receipts_csv))
        elif op == "backup":
            proc = claimdesk("backup", "--db", str(ledger), "--output", str(target))
        else:
            proc = claimdesk("restore", "--db", str(ledger), str(big_backup))
        killed = kill_after(proc, delay)
        kills += killed
        problems = checked(ledger)
        claims_now = count(ledger, "SELECT count(*) FROM claims")
        if op == "import":
            whole = claims_now in (before_claims, before_claims + args.claims)
        elif op == "backup":
            whole = claims_now == old_claims and (not target.exists() or checked(target) is None)
        else:
            whole = claims_now in (old_claims, before_claims + args.claims)
        ok = problems is None and whole
        failures += not ok
        state = "killed" if killed else "finished"
        print(f"{n + 1:2d} {op:7s} {state:8s} at {delay:5.2f} s  claims {claims_now:6d}  "
              f"{'ok' if ok else 'FAILED: ' + str(problems)}", flush=True)
        for leftover in work.glob(f"round{n}*"):
            leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover, ignore_errors=True)
    print(f"{n + 1} rounds, {kills} killed mid-operation, {failures} failed")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
