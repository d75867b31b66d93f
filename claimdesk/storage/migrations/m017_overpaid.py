"""Migration m017_overpaid: an index of the claims paid beyond what they owe (過誤納金).

本日の作業 lists every claim whose balance is below zero, and the balance is worked out
from each claim's running sums: without an index that is a pass over all the claims
(~70 ms of a ~1 s worklist at 200,000 claims) to find a few dozen. A partial index holds
only the assessed claims overpaid now (collected and written off beyond the assessment);
the rest that can be (not yet assessed on the day, so not yet due) are found by the due
date's index (storage/worklist.py `overpaid_claims`). SQLite keeps a partial index only
for the rows its condition holds for, so the running sums' updates cost next to nothing.
"""

from __future__ import annotations

from sqlite_utils import Database

from .sql import run_script

OVERPAID = "collected + written_off > amount + adjusted"


def m017_overpaid(db: Database) -> None:
    """The partial index of the assessed claims whose running sums are overpaid."""
    run_script(db, f"CREATE INDEX claims_overpaid ON claims(claim_id) WHERE {OVERPAID};")
