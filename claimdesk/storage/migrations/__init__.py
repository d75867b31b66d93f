"""The ledger's schema, built only through migrations, one module each, run in this order.

A migration is a module `mNNN_name.py` holding one function of the same name that takes
the sqlite-utils `Database` and changes the schema inside the transaction it is given.
Once released a migration is never edited, only followed by a new one, and its name is
what a ledger file records as applied: renaming one would run it twice on old files.

To add one: write the module, then add its name at the end of `ORDER`. Names reserved
by work in progress: m005_legal, m006_integrity, m007_imports, m008_payments,
m009_parties.

History tables are append-only: triggers refuse UPDATE and DELETE, so no code path (ours
or a clerk's SQL tool) can rewrite money.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from sqlite_utils import Database, Migrations

MIGRATION_SET = "claimdesk"

ORDER: tuple[str, ...] = (
    "m001_ledger",
    "m002_register_columns",
    # m004 was released before m003 (the two are independent); ledgers in use record
    # them in this order, so a new ledger is built the same way.
    "m004_targets",
    "m003_casework",
    "m006_integrity",
    "m007_imports",
    "m008_payments",
    "m009_parties",
    "m010_search",
    "m011_receipts",
    "m012_enforcement",
    "m013_chain",
    "m014_receipts2",
    "m015_parties2",
    "m016_chain2",
    "m017_overpaid",
    "m018_period_totals",
    "m019_carried",
)


def steps() -> list[tuple[str, Callable[[Database], None]]]:
    """(name, function) of every migration, in the order they run."""
    return [(name, getattr(import_module(f"{__name__}.{name}"), name)) for name in ORDER]


def known_migrations() -> list[str]:
    """Names of the migrations this version of ClaimDesk knows, in order."""
    return [name for name, _ in steps()]


def migration_set() -> Migrations:
    """The sqlite-utils migration set that records and applies `ORDER` on a ledger."""
    migrations = Migrations(MIGRATION_SET)
    for name, fn in steps():
        migrations(name=name)(fn)
    return migrations

