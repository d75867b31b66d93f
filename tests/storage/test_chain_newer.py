"""The newer history tables (m007…m012) in the hash chain (m013_chain), on real ledger files.

The rows are written by plain SQL with ClaimDesk's functions registered (tests/plain_sql.py):
the chain triggers are what every code path goes through, and the ledger before m013 is
built by the real migrations (`build_old_ledger`). Each tampering is done as another tool
would: sqlite3 without ClaimDesk's functions, dropping the guarding trigger first.
"""

import shutil
import sqlite3

import pytest
from plain_sql import plain

from claimdesk.domain.integrity import Problem, ProblemKind
from claimdesk.storage.chain_tables import M013_CHAINED
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.migrate import build_old_ledger
from tests.ledger_files import behind_the_back

WHO = "'佐藤', '2026-06-01T10:00:00+09:00'"
SHA = "'" + "a" * 64 + "'"
SLIP = "000000001010"  # claim C1's serial 1, issue 01, check digit 0

# One row in every table m013 chains, and what each needs (a claim, a guarantor, entries).
ROWS = (
    "INSERT INTO claim_types (name, legal_nature, account, budget_section)"
    " VALUES ('保育園保育料', 'enforced_public', '一般会計', '分担金及負担金')",
    "INSERT INTO debtors (debtor_id, name, kana, changed_by, changed_at) VALUES ('D1', '山田 太郎', 'ヤマダ', 'x', 'now')",
    "INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year, assessed_on, amount, due_date,"
    " entered_by, entered_at) VALUES ('C1', 'D1', 1, 2026, '2026-04-01', 45000, '2026-04-30', 'x', 'now')",
    "INSERT INTO guarantors (claim_id, name, entered_by, entered_at) VALUES ('C1', '山田 花子', 'x', 'now')",
    f"INSERT INTO contact_entries (debtor_id, contact_date, channel, letter_kind, summary, operator, entered_at)"
    f" VALUES ('D1', '2026-06-01', 'letter_out', 'instalment_pledge', '分納誓約書を送付', {WHO})",
    f"INSERT INTO contact_entries (debtor_id, contact_date, channel, summary, operator, entered_at)"
    f" VALUES ('D1', '2026-06-10', 'letter_in', '署名済み誓約書を受領', {WHO})",
    f"INSERT INTO import_batches (claims_file, claims_sha256, claims, debtors_new, debtors_updated,"
    f" claim_types_new, events, operator, imported_at) VALUES ('c.csv', {SHA}, 1, 1, 0, 1, 0, {WHO})",
    f"INSERT INTO import_reversals (batch_id, reason, events_reversed, claims_cancelled, operator, reversed_at)"
    f" VALUES (1, '誤った取込み', 0, 0, {WHO})",
    f"INSERT INTO payment_slips (number, claim_id, issue, issued_on, deadline, principal, late_charge, amount,"
    f" operator, recorded_at) VALUES ('{SLIP}', 'C1', 1, '2026-06-01', '2026-06-30', 45000, 0, 45000, {WHO})",
    f"INSERT INTO liable_party_ends (party_id, ended_on, reason, operator, entered_at)"
    f" VALUES (1, '2026-06-01', '相続放棄', {WHO})",
    "INSERT INTO letter_schedules (entry_id, seq, due_on, amount) VALUES (1, 1, '2026-07-31', 5000)",
    f"INSERT INTO signed_returns (letter_entry_id, entry_id, operator, entered_at) VALUES (1, 2, {WHO})",
    f"INSERT INTO direct_debits (debtor_id, bank_code, branch_code, account_type, account_number, holder_kana,"
    f" customer_number, starts_on, operator, entered_at)"
    f" VALUES ('D1', '0001', '001', '1', '1234567', 'ﾔﾏﾀﾞ ﾀﾛｳ', '100001', '2026-06-01', {WHO})",
    f"INSERT INTO receipt_files (file, sha256, format, data_lines, received, received_amount, failed,"
    f" failed_amount, confirmed, confirmed_amount, operator, taken_at)"
    f" VALUES ('kekka.txt', {SHA}, 'zengin', 1, 0, 0, 1, 45000, 0, 0, {WHO})",
    "INSERT INTO receipt_lines (file_id, line, outcome, key, debtor_id, claim_id, paid_on, amount, result_code)"
    " VALUES (1, 2, 'failed', '100001', 'D1', 'C1', '2026-06-27', 45000, '1')",
    f"INSERT INTO asset_inquiries (entry_id, asked_on, asked_of, subject, operator, entered_at)"
    f" VALUES (2, '2026-09-01', '〇〇銀行', '預貯金', {WHO})",
    f"INSERT INTO asset_inquiry_answers (inquiry_id, answered_on, answer, operator, entered_at)"
    f" VALUES (1, '2026-09-15', '普通預金 52,300円', {WHO})",
    f"INSERT INTO seizures (entry_id, seized_on, property, amount, operator, entered_at)"
    f" VALUES (2, '2026-10-01', '普通預金', 45000, {WHO})",
    f"INSERT INTO seizure_ends (seizure_id, ended_on, how, operator, entered_at) VALUES (1, '2026-10-31', 'ended', {WHO})",
    f"INSERT INTO enforcement_suspensions (entry_id, suspended_on, law, ground, operator, entered_at)"
    f" VALUES (2, '2026-11-01', 'local_tax', 'hardship', {WHO})",
    f"INSERT INTO suspension_cancellations (suspension_id, entry_id, cancelled_on, operator, entered_at)"
    f" VALUES (1, 1, '2026-12-01', {WHO})",
    f"INSERT INTO hardship_referrals (entry_id, referred_to, operator, entered_at) VALUES (2, 'self_reliance', {WHO})",
    f"INSERT INTO target_notes (claim_type_id, fiscal_year, explanation_current, operator, entered_at)"
    f" VALUES (1, 2026, '口座振替が増え現年分は改善した', {WHO})",
)
KEYS = {"letter_schedules": "1:1", "signed_returns": "1", "payment_slips": SLIP}
# A change per table that its CHECKs allow; most tables say who wrote the row.
EDITS = {"letter_schedules": "amount = 6000", "receipt_lines": "amount = 1", "chain_seals": "rows = rows + 1"}
TABLES = [c.table for c in M013_CHAINED]


def write_rows(path) -> None:
    db = plain(path)
    for sql in ROWS:
        db.execute(sql)
    db.conn.close()


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """A ledger written before m013 with a row in each newer table, then opened (upgraded)."""
    path = tmp_path_factory.mktemp("old") / "old.sqlite3"
    build_old_ledger(path, stop_before="m013_chain")
    write_rows(path)
    with Ledger.open(path) as led:
        assert led.backup_path is not None  # upgraded after a copy
    return path


@pytest.fixture
def path(upgraded, tmp_path):
    copy = tmp_path / "l.sqlite3"
    shutil.copyfile(upgraded, copy)
    return copy


def found(path):
    with Ledger.open(path) as led:
        return led.check_all()


def kinds(path):
    return [(p.kind, p.table, p.key) for p in found(path)]


def test_an_old_ledger_is_upgraded_sealed_and_sound(path):
    assert found(path) == []
    conn = sqlite3.connect(path)
    chained = dict(conn.execute("SELECT tbl, count(*) FROM chain GROUP BY tbl"))
    assert {t: chained.get(t) for t in TABLES} == {t: 1 for t in TABLES} | {"chain_seals": 2}
    seal = conn.execute("SELECT migration, first_seq, last_seq, rows FROM chain_seals").fetchall()
    # the two contact entries were chained as written (seq 1, 2), the 17 newer rows at the upgrade,
    # then (m016_chain2) the receipt line's 延滞金 part, each sealing chained after its rows
    assert seal == [("m013_chain", 3, 19, 17), ("m016_chain2", 21, 21, 1)]
    assert conn.execute("SELECT seq, tbl FROM chain WHERE seq >= 20").fetchall() == [
        (20, "chain_seals"), (21, "receipt_line_charges"), (22, "chain_seals")]


def test_rows_written_after_the_upgrade_are_chained_as_written(path):
    with Ledger.open(path):
        pass
    db = plain(path)
    db.execute(f"INSERT INTO seizure_ends (seizure_id, ended_on, how, operator, entered_at)"
               f" SELECT 1, '2026-10-31', 'ended', {WHO} WHERE 0")  # nothing: a no-op
    db.execute(f"INSERT INTO seizures (entry_id, seized_on, property, amount, operator, entered_at)"
               f" VALUES (1, '2026-10-02', '給与', 10000, {WHO})")
    db.conn.close()
    assert found(path) == []
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT tbl, row_key FROM chain ORDER BY seq DESC LIMIT 1").fetchone() == ("seizures", "2")
    assert conn.execute("SELECT count(*) FROM chain_seals").fetchone() == (2,)  # m013's and m016's, no third


def test_a_new_ledger_chains_as_written_and_has_no_seal(tmp_path):
    path = tmp_path / "new.sqlite3"
    with Ledger.open(path):
        pass
    write_rows(path)
    assert found(path) == []
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM chain_seals").fetchone() == (0,)
    written = [t for (t,) in conn.execute("SELECT tbl FROM chain ORDER BY seq")]
    # in the order written; a receipt line has its 延滞金 entry too (m016_chain2), chained first
    in_order = [e for t in TABLES[:-1] for e in (["receipt_line_charges", t] if t == "receipt_lines" else [t])]
    assert written[:2] == ["contact_entries"] * 2 and written[2:] == in_order
    # Another tool cannot add a 差押 or a receipt line: the chain trigger needs ClaimDesk's function.
    with pytest.raises(sqlite3.OperationalError, match="claimdesk_chain_entry"):
        conn.execute(f"INSERT INTO seizures (entry_id, seized_on, property, amount, operator, entered_at)"
                     f" VALUES (1, '2026-10-02', '給与', 10000, {WHO})")


@pytest.mark.parametrize("table", TABLES)
def test_a_row_changed_by_another_tool_is_named(path, table):
    behind_the_back(path, f"DROP TRIGGER {table}_no_update",
                    f"UPDATE {table} SET {EDITS.get(table, 'operator = ' + repr('改ざん'))}")
    problems = found(path)
    key = KEYS.get(table, "1")
    assert (ProblemKind.ROW_CHANGED, table, key) in [(p.kind, p.table, p.key) for p in problems]
    assert (ProblemKind.TRIGGER_MISSING, table, f"{table}_no_update") in [(p.kind, p.table, p.key) for p in problems]


@pytest.mark.parametrize("table", TABLES)
def test_a_row_deleted_by_another_tool_is_named(path, table):
    behind_the_back(path, f"DROP TRIGGER {table}_no_delete", f"DELETE FROM {table}")
    assert (ProblemKind.ROW_DELETED, table, KEYS.get(table, "1")) in kinds(path)


def test_a_row_added_around_the_chain_is_named(path):
    behind_the_back(path, "DROP TRIGGER payment_slips_chain",
                    f"INSERT INTO payment_slips (number, claim_id, issue, issued_on, deadline, principal,"
                    f" late_charge, amount, operator, recorded_at) VALUES ('000000001028', 'C1', 2,"
                    f" '2026-07-01', '2026-07-31', 45000, 0, 45000, {WHO})")
    found_ = kinds(path)
    assert (ProblemKind.ROW_UNCHAINED, "payment_slips", "000000001028") in found_
    assert (ProblemKind.TRIGGER_MISSING, "payment_slips", "payment_slips_chain") in found_


def test_a_payment_serial_moved_to_another_claim_is_named(path):
    # The serial itself is not chained (a claim another tool adds must still get one), but
    # the slip sent with it is: moving serial 1 away from C1 redirects コンビニ receipts.
    behind_the_back(path, "DROP TRIGGER payment_claim_numbers_no_update",
                    "UPDATE payment_claim_numbers SET serial = 77 WHERE claim_id = 'C1'")
    assert kinds(path) == [
        (ProblemKind.TRIGGER_MISSING, "payment_claim_numbers", "payment_claim_numbers_no_update"),
        (ProblemKind.ROW_CHANGED, "payment_claim_numbers", "C1")]


def test_findings_read_in_japanese_with_table_and_key():
    assert Problem(ProblemKind.ROW_CHANGED, "payment_slips", SLIP).text() == (
        f"記録が書き換えられています: 納付書（payment_slips） {SLIP}")
    assert Problem(ProblemKind.ROW_DELETED, "seizure_ends", "1").text() == "記録が削除されています: 差押の解除（seizure_ends） 1"
    assert Problem(ProblemKind.ROW_UNCHAINED, "receipt_lines", "3").text() == (
        "ClaimDeskを通さずに追加された記録です: 収納ファイルの明細（receipt_lines） 3")


def test_claimdesk_check_names_a_newer_table_row_and_exits_2(path, capsys):
    from claimdesk.cli import main

    behind_the_back(path, "DROP TRIGGER seizure_ends_no_update", "DROP TRIGGER payment_slips_no_delete",
                    "UPDATE seizure_ends SET how = 'void'", "DELETE FROM payment_slips")
    assert main(["check", "--db", str(path)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert "記録が書き換えられています: 差押の解除（seizure_ends） 1" in lines
    assert f"記録が削除されています: 納付書（payment_slips） {SLIP}" in lines
    assert lines[-1] == f"台帳に{len(lines) - 1}件の問題があります"
