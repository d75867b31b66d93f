"""Plain SQL on a ledger's file, for tests that check raw rows or what a clerk's SQL tool can do.

ClaimDesk itself reaches SQL only through `Ledger`; a test opens its own connection to the
same file, as any other program would (the ledger commits every write).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from claimdesk.domain.text import search_key
from claimdesk.storage.chain import register_functions
from claimdesk.storage.search import id_text, search_grams


def plain(ledger_or_path) -> Database:
    """A new autocommitting connection to the ledger's file, as a sqlite-utils Database."""
    path = Path(getattr(ledger_or_path, "path", ledger_or_path))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    # The debtors' triggers call it; the ledger registers it on its own connections too.
    conn.create_function("claimdesk_search_key", 4, search_key, deterministic=True)
    register_functions(conn)  # … and the hash chain's (m006_integrity)
    # … and the claims' and debtors' triggers that keep the register's search index.
    conn.create_function("claimdesk_search_grams", 1, search_grams, deterministic=True)
    conn.create_function("claimdesk_id_text", 1, id_text, deterministic=True)
    conn.create_function("claimdesk_search_live", 0, lambda: 1)
    return Database(conn)
