"""What chaining the newer history tables (m013_chain) costs: writing them, and verifying.

    python bench/chain_newer.py [--lines N] [--repeat R] [--ledger PATH]

Writing: each round builds two scratch ledgers of N debtors (one claim and one 口座振替
registration each, as bench/receipts.py), drops m013's chain triggers in one of them,
and takes the same 全銀協 file of N lines into each, interleaved: a receipt file is the
one bulk write of these tables (a receipt_lines row per line; the money events it makes
are chained in both, by m006). Prints min and median seconds and the ratio with / without,
then the bare insert of N receipt_lines rows with and without the trigger (the chain's
own cost per row, without the matching around it), then verifies the last chained
scratch ledger as below (m013's tables hold about 2N rows
there: the registrations and the lines).

Verifying (--ledger, e.g. the large demo; upgraded first if older): the chain check of
`claimdesk check` over m006's tables only, against the whole chain, alternated R times.

Times are this process's CPU seconds (time.process_time): the machine the figures in the
README come from is shared, and wall time there measures the neighbours.
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

from bench.receipts import DEBIT_ON, scratch  # noqa: E402
from claimdesk.services.receipts import take_receipt_files  # noqa: E402
from claimdesk.storage import chain  # noqa: E402
from claimdesk.storage.chain_tables import CHAINED, M006_CHAINED, M013_CHAINED  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402
from claimdesk.storage.migrate import prepare  # noqa: E402
from claimdesk.storage.rows import insert_rows  # noqa: E402
from tests.receipt_builders import Line, zengin_file  # noqa: E402


def writing(n: int, repeat: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-bench-chain-newer-"))
    bank = zengin_file(folder / "kekka.txt", DEBIT_ON,
                       [Line(str(100000 + i), 1000 + i, "0" if i % 20 else "1") for i in range(n)])
    times: dict[bool, list[float]] = {True: [], False: []}
    for r in range(repeat):
        for chained in (True, False):
            path = folder / f"{'with' if chained else 'without'}{r}.sqlite3"
            scratch(path, n)
            with Ledger.open(path) as led:
                if not chained:  # after the check on open, which would refuse the ledger
                    for c in M013_CHAINED:
                        led._db.execute(f"DROP TRIGGER {c.table}_chain")
                started = time.process_time()
                take_receipt_files(led, [bank], today=date(2026, 6, 30))
                times[chained].append(time.process_time() - started)
    for chained, label in ((True, "m013 chained"), (False, "without")):
        ts = times[chained]
        print(f"{label:12s} {n:,} lines: min {min(ts):.2f} s, median {statistics.median(ts):.2f} s CPU")
    print(f"ratio taking a receipt file with / without (min): {min(times[True]) / min(times[False]):.2f}")
    bare(folder, n, repeat)
    verifying(folder / f"with{repeat - 1}.sqlite3", repeat)


LINE_COLUMNS = ("file_id", "line", "outcome", "key", "debtor_id", "claim_id", "paid_on", "amount",
                "result_code", "store", "event_id")


def bare(folder: Path, n: int, repeat: int) -> None:
    rows = [(1, i, "received", f"K{i}", "D1", None, "2026-06-27", 100, "", "", None) for i in range(n)]
    times: dict[bool, list[float]] = {True: [], False: []}
    for r in range(repeat):
        for chained in (True, False):
            db, _ = prepare(folder / f"bare-{chained}-{r}.sqlite3")
            try:
                db.execute("PRAGMA foreign_keys = OFF")  # the rows only, not the file and debtor they name
                if not chained:
                    db.execute("DROP TRIGGER receipt_lines_chain")
                started = time.process_time()
                with db.conn:
                    insert_rows(db.conn, "receipt_lines", LINE_COLUMNS, rows)
                times[chained].append(time.process_time() - started)
            finally:
                db.close()
    per_row = {k: min(v) / n * 1e6 for k, v in times.items()}
    print(f"bare insert of {n:,} receipt_lines: {per_row[True]:.1f} µs/row chained, {per_row[False]:.1f} without"
          f" ({per_row[True] / per_row[False]:.2f}×)")


def verifying(path: Path, repeat: int) -> None:
    with Ledger.open(path) as led:
        conn = led._db.conn
        rows = {c.table: conn.execute(f"SELECT count(*) FROM {c.table}").fetchone()[0] for c in M013_CHAINED}
        print(f"{conn.execute('SELECT count(*) FROM chain').fetchone()[0]:,} chain entries;"
              f" in m013's tables {sum(rows.values()):,}")
        times: dict[str, list[float]] = {"m006": [], "all": []}
        for _ in range(repeat):
            for which, tables in (("m006", M006_CHAINED), ("all", CHAINED)):
                chain.CHAINED = tables  # what verify_chain walks
                started = time.process_time()
                problems = chain.verify_chain(conn)
                times[which].append(time.process_time() - started)
                # with m006's tables only, m013's chain entries are skipped, not reported
                assert problems == [], problems[:3]
        chain.CHAINED = CHAINED
    for which, ts in times.items():
        print(f"verify {which:4s}: min {min(ts):.2f} s, median {statistics.median(ts):.2f} s CPU")
    print(f"ratio all / m006 only (min): {min(times['all']) / min(times['m006']):.2f}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--lines", type=int, default=5000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--ledger", type=Path)
    args = p.parse_args()
    if args.ledger:
        verifying(args.ledger, args.repeat)
    else:
        writing(args.lines, args.repeat)


if __name__ == "__main__":
    main()
