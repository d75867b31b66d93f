"""What guarding the running sums costs a bulk write of money events (m007_imports).

    python bench/sums_guard.py [--claims N] [--events-per-claim K] [--repeat R]

Two scratch ledgers with the same N claims; each round appends K events a claim to both,
one with the trigger `claims_sums_only_from_events` and one where it was dropped,
interleaved, and prints min and median seconds and the ratio guarded / unguarded.
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

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


def ledger(path: Path, claims: int, guarded: bool) -> tuple[Ledger, list[Claim]]:
    led = Ledger.open(path)
    led.add_claim_type(RENT)
    led.add_debtors(Debtor(f"D{i}", f"債務者{i}") for i in range(claims))
    made = [Claim(f"C{i}", f"D{i}", RENT.name, 2026, date(2026, 4, 1), 10**9, date(2026, 4, 30))
            for i in range(claims)]
    led.add_claims(made)
    if not guarded:
        led.db.execute("DROP TRIGGER claims_sums_only_from_events")
    return led, made


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--claims", type=int, default=20_000)
    p.add_argument("--events-per-claim", type=int, default=2)
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-bench-"))
    times: dict[bool, list[float]] = {True: [], False: []}
    ledgers = {g: ledger(folder / f"{g}.sqlite3", a.claims, g) for g in (True, False)}
    for r in range(a.repeat):
        for guarded in (True, False):
            led, claims = ledgers[guarded]
            events = [new_event(c, EventKind.RECEIPT, date(2026, 5, 1 + k + r * a.events_per_claim), 1000)
                      for c in claims for k in range(a.events_per_claim)]
            started = time.perf_counter()
            led.add_events(events)
            times[guarded].append(time.perf_counter() - started)
    n = a.claims * a.events_per_claim
    for guarded, label in ((True, "guarded"), (False, "unguarded")):
        t = times[guarded]
        print(f"{label:10} {n:,} events: min {min(t):.2f} s, median {statistics.median(t):.2f} s")
    print(f"ratio guarded/unguarded (median): {statistics.median(times[True]) / statistics.median(times[False]):.2f}")


if __name__ == "__main__":
    main()
