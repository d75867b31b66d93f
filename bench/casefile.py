"""What issue 15's reports cost on the large demo ledger, against the worklist, in one session.

    .venv/bin/python bench/casefile.py --db LEDGER [--as-of DATE] [--repeat N]

LEDGER is a large demo (`claimdesk demo --size large --db LEDGER`; it is only read).
Prints the wall time (min of N) of: the worklist (the baseline: one assessment of every
open claim), the case-class counts, the 個票 with and without them, the 引継書, one
debtor's 経過記録書, and the register's class filter first and again (remembered).
The ratios are what count; a loaded machine moves the seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import claimdesk.services.sheets as sheets  # noqa: E402
from claimdesk.domain.case_class import SETTLE, CaseClass  # noqa: E402
from claimdesk.domain.register import RegisterQuery  # noqa: E402
from claimdesk.services.casefile import class_counts, export_casefile, export_handover  # noqa: E402
from claimdesk.services.register import register_ids  # noqa: E402
from claimdesk.services.worklist import worklist  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402


def best(fn: Callable[[], Any], repeat: int) -> float:
    """The shortest of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 12, 1))
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args()
    out = Path(tempfile.mkdtemp())
    with Ledger.open(a.db) as led:
        base = best(lambda: worklist(led, a.as_of), a.repeat)
        rows = [("worklist (baseline)", base)]
        rows.append(("case-class counts", best(lambda: class_counts(led, a.as_of), a.repeat)))
        with_classes = best(lambda: sheets.claim_type_sheets(led, a.as_of.year, a.as_of), a.repeat)
        real = sheets.class_counts
        sheets.class_counts = lambda ledger, as_of: {}  # type: ignore[assignment]
        without = best(lambda: sheets.claim_type_sheets(led, a.as_of.year, a.as_of), a.repeat)
        sheets.class_counts = real
        rows += [("個票 with classes", with_classes), ("個票 without classes", without)]
        rows.append(("引継書 PDF", best(lambda: export_handover(led, a.as_of, out / "h.pdf"), a.repeat)))
        debtor = led.claims()[0].debtor_id
        rows.append((f"経過記録書 PDF ({debtor})",
                     best(lambda: export_casefile(led, debtor, a.as_of, out / "c.pdf"), a.repeat)))
        rows.append(("register 整理 filter, first", best(
            lambda: register_ids(led, RegisterQuery(case_class=SETTLE), a.as_of), 1)))
        rows.append(("register 回収 filter, remembered", best(
            lambda: register_ids(led, RegisterQuery(case_class=CaseClass.COLLECT), a.as_of), a.repeat)))
    for label, seconds in rows:
        print(f"{label:36} {seconds:7.2f} s  {seconds / base:5.2f}× worklist")


if __name__ == "__main__":
    main()
