"""Migration m016_chain2: the 延滞金 part of a store payment joins the hash chain.

m014_receipts2 added `receipt_lines.late_charge` after m013_chain had fixed the columns a
receipt line is chained with, so a changed late charge went unnoticed by `claimdesk
check`. A second chain entry per line now covers it (chain_tables.M016_CHAINED, named
`receipt_line_charges` in the chain): written by its own trigger as each line is, and,
for the lines already there, at the upgrade with a seal in `chain_seals` as m013's.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..chain import chain_trigger_sql, seal_existing_rows
from ..chain_tables import M016_CHAINED
from ..operator import now_text
from .sql import run_script


def m016_chain2(db: Database) -> None:
    """A chain trigger for the late-charge entry of each receipt line; the lines there sealed."""
    run_script(db, "".join(chain_trigger_sql(c) for c in M016_CHAINED))
    seal_existing_rows(db.conn, M016_CHAINED, "m016_chain2", now_text())
