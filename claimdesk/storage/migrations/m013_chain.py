"""Migration m013_chain: the append-only tables of m007…m012 join the hash chain.

Each gets a chain trigger like m006's (storage/chain.py), and the rows already there are
chained as they stand now, in table order and key order. `chain_seals` records that: which
migration chained which tables, the range of chain entries it wrote and when. Those rows
were sealed at the upgrade, not when written: the chain vouches that they have not changed
since the upgrade, and an auditor reading the chain can tell the two apart. The seal is
itself a chained row (the last entry of the range is followed by the seal's own). A new
ledger, or one with none of these rows yet, gets no seal: every row is chained as written.

None of these tables is changed in place: an end (of a liable party, a seizure, a 口座振替
registration, an 執行停止) is a row of its own, so every column of every row is chained.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..chain import chain_trigger_sql, seal_existing_rows
from ..chain_tables import M013_CHAINED
from ..operator import now_text
from .sql import append_only_triggers, run_script

SEALS_SQL = """
CREATE TABLE chain_seals (
    id INTEGER PRIMARY KEY,
    migration TEXT NOT NULL,
    tables TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq),
    rows INTEGER NOT NULL CHECK (rows > 0),
    sealed_at TEXT NOT NULL
);
"""


def m013_chain(db: Database) -> None:
    """Chain triggers on the newer history tables; their rows chained; the sealing recorded."""
    run_script(db, SEALS_SQL + append_only_triggers("chain_seals")
               + "".join(chain_trigger_sql(c) for c in M013_CHAINED))
    seal_existing_rows(db.conn, M013_CHAINED, "m013_chain", now_text())
