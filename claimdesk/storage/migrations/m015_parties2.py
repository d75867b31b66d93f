"""Migration m015_parties2: an heir's recorded share, and the plain 保証人 beside the 連帯保証人.

- `heir_shares`: the 法定相続分 of an heir as a fraction, append-only and in the hash chain
  (storage/chain_tables.py); a correction is a new row and the newest row is in force, so
  what a letter printed stays explainable.
- `guarantors.role` may also be 'surety' (保証人: a guarantor who is not jointly liable,
  民法446条・452条・453条). The role list is a CHECK on the column; widening an IN list is a
  change every existing row already passes, which SQLite allows by rewriting the table's
  SQL (sqlite.org/lang_altertable.html §7), as m009_parties did for the channels.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..chain import chain_trigger_sql
from ..chain_tables import M015_CHAINED
from .sql import append_only_triggers, rewrite_table_sql, run_script

_OLD_ROLES = "CHECK (role IN ('guarantor', 'heir'))"
_NEW_ROLES = "CHECK (role IN ('guarantor', 'heir', 'surety'))"


def m015_parties2(db: Database) -> None:
    """Heirs' shares; 保証人 as a role."""
    rewrite_table_sql(db, "guarantors", _OLD_ROLES, _NEW_ROLES)
    run_script(
        db,
        """
        CREATE TABLE heir_shares (
            id INTEGER PRIMARY KEY,
            party_id INTEGER NOT NULL REFERENCES guarantors(id),
            numerator INTEGER NOT NULL CHECK (numerator > 0),
            denominator INTEGER NOT NULL CHECK (denominator >= numerator),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL
        );
        CREATE INDEX heir_shares_party ON heir_shares(party_id);
        """
        + append_only_triggers("heir_shares")
        + "".join(chain_trigger_sql(c) for c in M015_CHAINED),  # in the hash chain like m013's tables
    )
