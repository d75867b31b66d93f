"""Tamper evidence and checks on a real ledger file: each test edits it behind ClaimDesk's back."""

import os
import sqlite3
from datetime import date

import pytest

from claimdesk.domain.claims import EventKind, new_event
from claimdesk.domain.integrity import ProblemKind
from claimdesk.storage.chain_tables import M006_CHAINED
from claimdesk.storage.connection import ReadOnlyLedger
from claimdesk.storage.ledger import Ledger
from tests.ledger_files import behind_the_back, claim, damage_a_page, fill


@pytest.fixture
def path(ledger_file):
    return ledger_file


def kinds(path):
    with Ledger.open(path) as led:
        return [(p.kind, p.table, p.key) for p in led.check_all()]


def test_a_sound_ledger_has_every_history_row_chained(path):
    assert kinds(path) == []
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM chain WHERE tbl = 'money_events'").fetchone() == (5,)
    # Another tool cannot even add a receipt: the chain trigger needs ClaimDesk's function.
    with pytest.raises(sqlite3.OperationalError, match="claimdesk_chain_entry"):
        conn.execute("INSERT INTO money_events (claim_id, kind, date, amount, accounting_year, operator,"
                     " entered_at) VALUES ('C1', 'receipt', '2025-08-01', 5, 2025, 'x', '2025-08-01')")


def test_an_edited_row_is_named(path):
    behind_the_back(path, "DROP TRIGGER money_events_no_update",
                    "UPDATE money_events SET amount = 999 WHERE id = 3")
    found = kinds(path)
    assert (ProblemKind.TRIGGER_MISSING, "money_events", "money_events_no_update") in found
    assert (ProblemKind.ROW_CHANGED, "money_events", "3") in found
    assert (ProblemKind.SUM_MISMATCH, "claims", "C1") in found  # the stored sum no longer matches


def test_a_deleted_row_is_named(path):
    behind_the_back(path, "DROP TRIGGER money_events_no_delete", "DELETE FROM money_events WHERE id = 2")
    found = kinds(path)
    assert (ProblemKind.ROW_DELETED, "money_events", "2") in found
    assert (ProblemKind.SUM_MISMATCH, "claims", "C2") in found


def test_a_removed_chain_entry_breaks_the_chain(path):
    behind_the_back(path, "DROP TRIGGER chain_no_delete", "DELETE FROM chain WHERE seq = 2")
    found = kinds(path)
    assert (ProblemKind.TRIGGER_MISSING, "chain", "chain_no_delete") in found
    assert any(k is ProblemKind.CHAIN_BROKEN for k, _, _ in found)
    assert (ProblemKind.ROW_UNCHAINED, "money_events", "2") in found


def test_a_replaced_trigger_is_found(path):
    behind_the_back(path, "DROP TRIGGER money_events_no_delete",
                    "CREATE TRIGGER money_events_no_delete BEFORE DELETE ON money_events BEGIN SELECT 1; END")
    assert (ProblemKind.TRIGGER_CHANGED, "money_events", "money_events_no_delete") in kinds(path)


def test_a_row_added_without_the_chain_is_found(path):
    behind_the_back(path, "DROP TRIGGER money_events_chain",
                    "INSERT INTO money_events (claim_id, kind, date, amount, accounting_year, operator, entered_at)"
                    " VALUES ('C1', 'receipt', '2025-08-01', 5, 2025, 'x', '2025-08-01')")
    found = kinds(path)
    assert (ProblemKind.ROW_UNCHAINED, "money_events", "6") in found
    assert (ProblemKind.TRIGGER_MISSING, "money_events", "money_events_chain") in found


def test_upgrade_chains_existing_rows(tmp_path):
    p = tmp_path / "old.sqlite3"
    with Ledger.open(p) as led:
        fill(led, receipts=4)
    conn = sqlite3.connect(p)
    conn.execute("DROP TRIGGER chain_no_delete")
    conn.execute("DELETE FROM chain")
    for c in M006_CHAINED:  # the ledger as it was before m006 (m013's tables are empty)
        conn.execute(f"DROP TRIGGER {c.table}_chain")
    conn.execute("DROP TRIGGER chain_no_update")
    conn.execute("DROP TABLE chain")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm006_integrity'")
    conn.commit()
    conn.close()
    with Ledger.open(p) as led:
        assert led.backup_path is not None  # upgraded after a copy
        assert led.check_all() == []
    assert sqlite3.connect(p).execute("SELECT count(*) FROM chain").fetchone()[0] == 4


def test_a_damaged_page_opens_read_only_and_refuses_writes(path):
    damage_a_page(path)
    with Ledger.open(path) as led:
        assert led.open_check.done.is_set() and led.open_check.problems
        assert "点検で問題" in led.read_only_reason
        with pytest.raises(ReadOnlyLedger, match="読み取り専用"):
            led.add_events([new_event(claim(1), EventKind.RECEIPT, date(2025, 9, 1), 1)])
        with pytest.raises(sqlite3.OperationalError):  # the backstop: query_only on the connection itself
            led._db.execute("INSERT INTO settings VALUES ('x', 'y')")


def test_a_dropped_trigger_opens_read_only(path):
    behind_the_back(path, "DROP TRIGGER targets_no_update")
    with Ledger.open(path) as led:
        assert "targets_no_update" in led.read_only_reason
        with pytest.raises(ReadOnlyLedger):
            led.set_setting("department_code", "X")


def test_a_large_ledger_is_checked_in_the_background_and_writes_wait(path, monkeypatch):
    from claimdesk.storage import guard

    monkeypatch.setattr(guard, "BACKGROUND_CHECK_BYTES", 0)
    heard = []
    with Ledger.open(path) as led:
        led.set_busy_listener(heard.append)
        led.set_setting("x", "1")  # waits for the check, which passes
        assert led.open_check.done.is_set() and led.open_check.problems == []
    behind_the_back(path, "DROP TRIGGER money_events_no_update")
    with Ledger.open(path) as led:
        with pytest.raises(ReadOnlyLedger, match="money_events_no_update"):
            led.set_setting("x", "2")


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="thread priorities as Linux has them")
def test_the_check_in_the_background_runs_below_the_clerks_work(path, monkeypatch):
    """At start-up it reads every page while 本日の作業 is built: it takes a core left idle."""
    import threading

    from claimdesk.storage import guard

    monkeypatch.setattr(guard, "BACKGROUND_CHECK_BYTES", 0)
    seen = []
    real = guard.open_problems

    def spy(conn):
        seen.append((threading.current_thread() is threading.main_thread(),
                     os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        return real(conn)

    monkeypatch.setattr(guard, "open_problems", spy)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    with Ledger.open(path) as led:
        led.open_check.done.wait(10)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine  # the caller's own: unchanged
    assert len(seen) == 1 and not seen[0][0] and seen[0][1] > mine


def test_a_chain_entry_rewritten_by_hand_is_found_not_a_crash(path):
    behind_the_back(path, "DROP TRIGGER chain_no_update", "UPDATE chain SET hash = 'forged' WHERE seq = 3")
    found = kinds(path)
    assert [k for k, _, _ in found].count(ProblemKind.CHAIN_BROKEN) == 2  # the entry, and the next one's link
    assert (ProblemKind.TRIGGER_MISSING, "chain", "chain_no_update") in found
