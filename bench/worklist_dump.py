"""Everything the case assessment feeds, as text: to `cmp` the code before a change and after.

    CLAIMDESK_BENCH_TREE=DIR .venv/bin/python bench/worklist_dump.py --db LEDGER --as-of 2026-12-03 > dump.txt

For each day given: every worklist item (kind, urgency, every field of its claim line,
its one line with ISO dates, since, deadline, step), the counts per kind and the claims
examined; the worklist of a few named claims (what a refresh after a write builds);
`class_counts` (the 個票's table); the claims of each 区分 (`claims_of_class`, the
register's filter) and the 引継書's open cases. LEDGER is only read (opened: migrated).
CLAIMDESK_BENCH_TREE names the code to run (this tree by default), as in bench/worklist.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, os.environ.get("CLAIMDESK_BENCH_TREE") or str(Path(__file__).resolve().parent.parent))

from claimdesk.domain.case_class import SETTLE, CaseClass  # noqa: E402
from claimdesk.domain.text import Phrase  # noqa: E402
from claimdesk.services.casefile import class_counts, handover  # noqa: E402
from claimdesk.services.register import claims_of_class  # noqa: E402
from claimdesk.services.worklist import worklist  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402


def _items(result, out) -> None:
    for i in result.items:
        c = i.claim
        out(i.kind.value, i.urgency.name, c.claim_id, c.debtor_id, c.debtor_name, c.claim_type, c.legal_nature.value,
            c.balance, c.case_class.value if c.case_class else "-", i.title, i.due_on, i.deadline, i.step_id)
    out("counts", sorted((k.value, n) for k, n in result.counts.items()), "examined", result.claims_examined)


def dump(ledger: Ledger, day: date, out) -> None:
    """Write everything of `day` through `out`."""
    out("# worklist", day)
    whole = worklist(ledger, day)
    _items(whole, out)
    named = sorted({i.claim.claim_id for i in whole.items})[::97] + ["KY0000000-none"]
    out("# worklist of", len(named), "named claims")
    _items(worklist(ledger, day, claim_ids=named), out)
    out("# class_counts")
    for claim_type, counts in sorted(class_counts(ledger, day).items()):
        out(claim_type, [(c.case_class.value, c.claims, c.balance) for c in counts])
    for wanted in (*CaseClass, SETTLE):
        found = sorted(claims_of_class(ledger, day, wanted))
        out("# claims_of_class", getattr(wanted, "value", wanted), len(found))
        out(*found)
    out("# handover open cases")
    for o in handover(ledger, day).cases:
        out(*(v.text() if isinstance(v, Phrase) else getattr(v, "value", v) for v in vars(o).values()))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--as-of", type=date.fromisoformat, action="append", required=True)
    a = p.parse_args()
    write = sys.stdout.write
    with Ledger.open(a.db) as ledger:
        for day in a.as_of:
            dump(ledger, day, lambda *parts: write("\t".join(map(str, parts)) + "\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
