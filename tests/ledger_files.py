"""Ledger files for the tests of backups and checks: filled, and damaged behind ClaimDesk's back."""

import sqlite3
from datetime import date

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


def claim(n: int) -> Claim:
    return Claim(f"C{n}", "D1", RENT.name, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30))


def fill(ledger: Ledger, receipts: int = 5) -> None:
    ledger.add_claim_type(RENT)
    ledger.save_debtor(Debtor("D1", "山田 太郎", "ヤマダ タロウ"))
    ledger.add_claims([claim(1), claim(2)])
    ledger.add_events([new_event(claim(1 + i % 2), EventKind.RECEIPT, date(2025, 7, 1 + i), 100 + i)
                       for i in range(receipts)])


def behind_the_back(path, *sql):
    """Another tool's connection: no ClaimDesk functions, plain SQL."""
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def damage_a_page(p, table="money_events"):
    """Write garbage over the first page of `table`'s data, as a failing disk might."""
    conn = sqlite3.connect(p)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file first
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    page_no = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    with open(p, "r+b") as f:
        f.seek(size * (page_no - 1))
        f.write(b"\xde\xad\xbe\xef" * (size // 4))


def filled_ledger(path):
    """A new ledger at `path` with `fill`'s content; returns the path."""
    with Ledger.open(path) as led:
        fill(led)
    return path
