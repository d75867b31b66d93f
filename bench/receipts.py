"""What taking a 口座振替結果 file costs, against importing the same receipts typed as a
transactions CSV (`claimdesk import --transactions`), on the same ledger, same session.

    python bench/receipts.py [--lines N] [--repeat R]

Each round builds two scratch ledgers of N debtors (one claim and one 口座振替
registration each), takes a 全銀協 file of N lines (1 in 20 a failed transfer) into one
and imports the same receipts as a CSV into the other, interleaved; prints min and median
seconds and the ratio receipts / import. Matching by customer number and balance is the
difference.
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
from claimdesk.domain.direct_debit import direct_debit  # noqa: E402
from claimdesk.services.importer import import_ledger  # noqa: E402
from claimdesk.services.receipts import take_receipt_files  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402
from tests.receipt_builders import Line, zengin_file  # noqa: E402

FEE = ClaimType("保育所保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
DEBIT_ON = date(2026, 6, 27)


def scratch(path: Path, n: int) -> None:
    with Ledger.open(path) as led:
        led.add_claim_type(FEE)
        led.add_debtors(Debtor(f"D{i}", f"債務者{i}") for i in range(n))
        led.add_claims(Claim(f"C{i}", f"D{i}", FEE.name, 2026, date(2026, 5, 1), 1000 + i, date(2026, 5, 31))
                       for i in range(n))
        led.direct_debits.add(direct_debit(f"D{i}", "0001", "001", "1", str(i), "ｻﾝﾌﾟﾙ", str(100000 + i),
                                           date(2026, 4, 1)) for i in range(n))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--lines", type=int, default=5000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    n = args.lines
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-bench-receipts-"))
    lines = [Line(str(100000 + i), 1000 + i, "0" if i % 20 else "1") for i in range(n)]
    bank = zengin_file(folder / "kekka.txt", DEBIT_ON, lines)
    typed = folder / "receipts.csv"
    typed.write_text("claim_id,date,kind,amount,method\n" + "".join(
        f"C{i},{DEBIT_ON.isoformat()},receipt,{x.amount},口座振替\n" for i, x in enumerate(lines) if x.result == "0"),
        encoding="utf-8")
    times: dict[str, list[float]] = {"receipts": [], "import": []}
    for r in range(args.repeat):
        for what in ("receipts", "import"):
            path = folder / f"{what}{r}.sqlite3"
            scratch(path, n)
            with Ledger.open(path) as led:
                started = time.perf_counter()
                if what == "receipts":
                    take_receipt_files(led, [bank], today=date(2026, 6, 30))
                else:
                    import_ledger(led, None, typed, today=date(2026, 6, 30))
                times[what].append(time.perf_counter() - started)
    for what, ts in times.items():
        print(f"{what:8s} {n:,} lines: min {min(ts):.2f} s, median {statistics.median(ts):.2f} s")
    print(f"ratio receipts / import (min): {min(times['receipts']) / min(times['import']):.1f}")


if __name__ == "__main__":
    main()
