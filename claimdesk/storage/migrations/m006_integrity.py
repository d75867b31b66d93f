"""Migration m006_integrity: the hash chain over the ledger's history.

Adds the append-only `chain` table, a trigger on every append-only table that chains
each new row (storage/chain.py says why a trigger), and chains the rows already there,
so an existing ledger is sealed as it stands when it is upgraded.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..chain import CHAIN_TABLE_SQL, M006_CHAINED, chain_existing_rows, chain_trigger_sql
from .sql import append_only_triggers, run_script


def m006_integrity(db: Database) -> None:
    """The chain table, its triggers, and the existing rows chained."""
    run_script(db, CHAIN_TABLE_SQL + append_only_triggers("chain")
               + "".join(chain_trigger_sql(c) for c in M006_CHAINED))
    chain_existing_rows(db.conn, M006_CHAINED)
