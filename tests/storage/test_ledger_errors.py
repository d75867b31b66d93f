"""What SQLite refuses reaches the layers above as LedgerError kinds, never as sqlite3's errors."""

import sqlite3

import pytest
from plain_sql import plain

from claimdesk.domain.claims import ClaimType, LegalNature
from claimdesk.storage import connection
from claimdesk.storage.errors import (
    LedgerBusyError,
    LedgerDamagedError,
    LedgerError,
    LedgerFullError,
    LedgerReadOnlyError,
    translated,
)
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.mark.parametrize("error, kind, words", [
    (sqlite3.OperationalError("database is locked"), LedgerBusyError, "使用中"),
    (sqlite3.OperationalError("attempt to write a readonly database"), LedgerReadOnlyError, "読み取り専用"),
    (sqlite3.OperationalError("database or disk is full"), LedgerFullError, "空きがない"),
    (sqlite3.DatabaseError("database disk image is malformed"), LedgerDamagedError, "壊れている"),
    (sqlite3.IntegrityError("UNIQUE constraint failed: claims.claim_id"), LedgerError, "債権番号が重複"),
])
def test_each_sqlite_error_has_its_kind_and_a_clerks_sentence(error, kind, words):
    e = translated(error)
    assert type(e) is kind and words in str(e)


def test_a_check_the_schema_keeps_comes_back_as_a_ledger_error(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        with pytest.raises(LedgerError, match="台帳に記録できません") as caught:
            led.add_claim_type(ClaimType("x", LegalNature.PRIVATE, " ", "使用料及手数料"))
        assert not isinstance(caught.value, sqlite3.Error)
        assert led.claim_types() == []


def test_a_ledger_another_program_keeps_locked_is_busy_and_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_PATIENCE", 1.0)  # a write waits this long, saying why, then gives up
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        other = plain(led)
        other.execute("BEGIN IMMEDIATE")  # a clerk's SQL tool in the middle of a write
        try:
            with pytest.raises(LedgerBusyError, match="使用中"):
                led.add_claim_type(RENT)
        finally:
            other.execute("ROLLBACK")
        assert led.claim_types() == []


def test_an_old_ledger_that_cannot_be_migrated_now_says_why(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_PATIENCE", 1.0)
    from claimdesk.storage.migrate import build_old_ledger

    path = tmp_path / "old.sqlite3"
    build_old_ledger(path, stop_before="m003_casework")
    other = plain(path)
    other.execute("BEGIN IMMEDIATE")  # someone else is writing while we would migrate
    try:
        with pytest.raises(LedgerBusyError):
            Ledger.open(path)
    finally:
        other.execute("ROLLBACK")
    with Ledger.open(path) as led:  # later it opens, migrated
        assert led.casework.debtors_with_entries() == set()
