"""What the hash chain costs a bulk write: 200,000 receipts with and without its triggers.

    python bench/chain.py [--events N] [--repeat R]

Two fresh ledgers side by side, one with the chain triggers of m006_integrity dropped;
each gets 20,000 claims and then N receipts in one `add_events` call (the import's and
the demo's path). Prints the times and the ratio chained / unchained per round.
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

from claimdesk.domain.claims import Claim, ClaimType, Debtor, DebtorKind, EventKind, LegalNature, MoneyEvent  # noqa: E402
from claimdesk.storage.chain import CHAINED  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402


def one(folder: Path, chained: bool, events: int) -> float:
    with Ledger.open(folder / f"{'with' if chained else 'without'}-{time.monotonic_ns()}.sqlite3") as led:
        if not chained:
            for c in CHAINED:
                led._db.execute(f"DROP TRIGGER {c.table}_chain")  # after the check on open, which would refuse it
        led.add_claim_type(ClaimType("試験", LegalNature.PUBLIC, "一般会計", "諸収入"))
        led.add_debtors([Debtor("D1", "区民", "", DebtorKind.PERSON)])
        led.add_claims([Claim(f"C{i}", "D1", "試験", 2026, date(2026, 4, 1), 10000, date(2026, 5, 1), "")
                        for i in range(20000)])
        todo = [MoneyEvent(f"C{i % 20000}", EventKind.RECEIPT, date(2026, 6, 1), 10, 2026) for i in range(events)]
        started = time.perf_counter()
        led.add_events(todo)
        return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            without, with_ = one(Path(tmp), False, args.events), one(Path(tmp), True, args.events)
            ratios.append(with_ / without)
            print(f"without chain {without:.2f} s, with chain {with_:.2f} s: {with_ / without:.2f}×", flush=True)
    print(f"ratio min {min(ratios):.2f}×, median {statistics.median(ratios):.2f}×")


if __name__ == "__main__":
    main()
