"""What giving every new claim its 納付番号 serial costs a bulk import of claims (m008_payments).

    python bench/payment_serials.py [--claims N] [--repeat R]

Each round writes the same N claims into two fresh ledgers, one with the trigger
`claims_payment_serial` and one where it was dropped, interleaved, and prints min and
median seconds and the ratio with / without.
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

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


def one_round(folder: Path, claims: int, serials: bool) -> float:
    led = Ledger.open(folder / f"{'with' if serials else 'without'}.sqlite3")
    led.add_claim_type(RENT)
    led.add_debtors(Debtor(f"D{i}", f"債務者{i}") for i in range(claims))
    if not serials:
        led._db.execute("DROP TRIGGER claims_payment_serial")
    made = [Claim(f"C{i:07d}", f"D{i}", RENT.name, 2026, date(2026, 4, 1), 12_000, date(2026, 4, 30))
            for i in range(claims)]
    start = time.perf_counter()
    led.add_claims(made)
    took = time.perf_counter() - start
    led.close()
    return took


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--claims", type=int, default=50_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.repeat):
        for serials in (True, False):
            with tempfile.TemporaryDirectory() as d:
                times[serials].append(one_round(Path(d), args.claims, serials))
    for serials, label in ((True, "with serials"), (False, "without")):
        print(f"{label:13s} min {min(times[serials]):.2f} s  median {statistics.median(times[serials]):.2f} s")
    print(f"ratio (min) {min(times[True]) / min(times[False]):.2f}")


if __name__ == "__main__":
    main()
