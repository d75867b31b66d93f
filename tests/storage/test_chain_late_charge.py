"""The 延滞金 part of a store payment in the hash chain (m016_chain2), on real ledger files.

A receipt line's own chain entry (m013_chain) predates `late_charge` (m014_receipts2), so
a second entry per line covers it. Tampering is done as another tool would (sqlite3
without ClaimDesk's functions, the guarding trigger dropped first).
"""

import sqlite3

import pytest
from plain_sql import plain

from claimdesk.domain.integrity import Problem, ProblemKind
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.migrate import build_old_ledger
from tests.ledger_files import behind_the_back
from tests.storage.test_chain_newer import ROWS

# a コンビニ line that took 3,000円 of 延滞金 beside the 45,000円 of principal
STORE_LINE = ("INSERT INTO receipt_lines (file_id, line, outcome, key, debtor_id, claim_id, paid_on, amount,"
              " result_code, late_charge) VALUES (1, 3, 'received', '000000001010', 'D1', 'C1', '2026-06-20',"
              " 45000, '', 3000)")


def _write(path, *sql):
    db = plain(path)
    for statement in sql:
        db.execute(statement)
    db.conn.close()


def _found(path):
    with Ledger.open(path) as led:
        return [(p.kind, p.table, p.key) for p in led.check_all()]


@pytest.fixture
def new_ledger(tmp_path):
    path = tmp_path / "new.sqlite3"
    with Ledger.open(path):
        pass
    _write(path, *ROWS, STORE_LINE)
    return path


def test_each_receipt_line_is_chained_twice_and_sound(new_ledger):
    assert _found(new_ledger) == []
    conn = sqlite3.connect(new_ledger)
    entries = conn.execute("SELECT tbl, row_key FROM chain WHERE tbl LIKE 'receipt_line%' ORDER BY seq").fetchall()
    assert entries == [("receipt_line_charges", "1"), ("receipt_lines", "1"),
                       ("receipt_line_charges", "2"), ("receipt_lines", "2")]


def test_a_late_charge_changed_behind_the_back_is_named_once(new_ledger):
    behind_the_back(new_ledger, "DROP TRIGGER receipt_lines_no_update",
                    "UPDATE receipt_lines SET late_charge = 0 WHERE id = 2")
    found = _found(new_ledger)
    assert (ProblemKind.ROW_CHANGED, "receipt_lines", "2") in found
    assert [f for f in found if f[0] is not ProblemKind.TRIGGER_MISSING] == [(ProblemKind.ROW_CHANGED, "receipt_lines", "2")]


def test_a_receipt_line_deleted_is_named_once_not_per_entry(new_ledger):
    behind_the_back(new_ledger, "DROP TRIGGER receipt_lines_no_delete", "DELETE FROM receipt_lines WHERE id = 2")
    found = [f for f in _found(new_ledger) if f[0] is not ProblemKind.TRIGGER_MISSING]
    assert found == [(ProblemKind.ROW_DELETED, "receipt_lines", "2")]


def test_an_old_ledger_s_lines_are_sealed_with_their_late_charge_at_the_upgrade(tmp_path):
    path = tmp_path / "old.sqlite3"
    build_old_ledger(path, stop_before="m016_chain2")
    _write(path, *ROWS, STORE_LINE)
    with Ledger.open(path) as led:  # upgraded: the lines already there chained with their late charge
        assert led.check_all() == []
    conn = sqlite3.connect(path)
    seals = conn.execute("SELECT migration, tables, rows FROM chain_seals").fetchall()
    assert seals == [("m016_chain2", "receipt_line_charges", 2)]
    conn.close()
    behind_the_back(path, "DROP TRIGGER receipt_lines_no_update", "UPDATE receipt_lines SET late_charge = 9000")
    assert (ProblemKind.ROW_CHANGED, "receipt_lines", "2") in _found(path)


def test_a_late_charge_line_added_around_the_chain_is_named(new_ledger):
    behind_the_back(new_ledger, "DROP TRIGGER receipt_line_charges_chain", "DROP TRIGGER receipt_lines_chain",
                    STORE_LINE.replace("VALUES (1, 3,", "VALUES (1, 4,"))
    found = _found(new_ledger)
    assert (ProblemKind.ROW_UNCHAINED, "receipt_lines", "3") in found
    assert (ProblemKind.TRIGGER_MISSING, "receipt_lines", "receipt_line_charges_chain") in found


def test_the_finding_reads_in_japanese():
    assert Problem(ProblemKind.ROW_CHANGED, "receipt_lines", "2").text() == (
        "記録が書き換えられています: 収納ファイルの明細（receipt_lines） 2")
