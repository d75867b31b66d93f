"""Nothing a clerk sees changes without a trace: tried from a plain sqlite3 connection,
as anyone with an SQL tool could (foreign keys off, none of ClaimDesk's functions)."""

import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from plain_sql import plain
from trust_ledgers import RENT, one_claim_ledger

from claimdesk.domain.claims import EventKind, Guarantor, new_event
from claimdesk.services.department import set_department
from claimdesk.services.summary_export import build_summary
from claimdesk.storage.ledger import Ledger

OUTSIDE = "（ClaimDesk外の変更）"


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with one_claim_ledger(path) as led:
        a = led.claim("A")
        led.add_event(new_event(a, EventKind.RECEIPT, date(2026, 5, 1), 3000))
        led.add_guarantor(Guarantor("A", "山田 花子", relation="妻"))
    return path


def _plain(path):
    conn = sqlite3.connect(path, isolation_level=None)
    return conn


def _sums(path):
    with Ledger.open(path) as led:
        return plain(led).execute("SELECT adjusted, collected, written_off FROM claims WHERE claim_id = 'A'").fetchone()


@pytest.mark.parametrize("sql", [
    "UPDATE claims SET collected = 12000 WHERE claim_id = 'A'",
    "UPDATE claims SET written_off = 9000",
    "UPDATE claims SET adjusted = -12000",
    "INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year, assessed_on, amount, due_date,"
    " entered_by, entered_at, collected) VALUES ('B', 'D1', 1, 2026, '2026-04-01', 5000, '2026-04-30', 'x', 'x', 5000)",
])
def test_the_running_sums_follow_only_the_money_events(path, sql):
    conn = _plain(path)
    with pytest.raises(sqlite3.IntegrityError, match="取引の記録からだけ変わります"):
        conn.execute(sql)
    conn.close()
    assert _sums(path) == (0, 3000, 0)


def test_a_new_event_still_moves_the_sums(path):
    with Ledger.open(path) as led:
        led.add_event(new_event(led.claim("A"), EventKind.WRITE_OFF, date(2026, 6, 1), 1000))
    assert _sums(path) == (0, 3000, 1000)


def test_a_claim_type_with_claims_cannot_be_deleted(path):
    conn = _plain(path)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0  # nothing else would stop it
    with pytest.raises(sqlite3.IntegrityError, match="この債権名には債権があるため削除できません"):
        conn.execute("DELETE FROM claim_types")
    conn.close()
    with Ledger.open(path) as led:
        rows = build_summary(led, 2026, date(2026, 9, 30))
        assert [r.claim_type for r in rows] == [RENT.name] * 3
        assert rows[0].assessed == 12000


def test_claim_type_changes_are_kept_with_who_and_when(path):
    conn = _plain(path)
    conn.execute("UPDATE claim_types SET account = '特別会計' WHERE name = ?", [RENT.name])
    conn.execute("INSERT INTO claim_types (name, legal_nature, account, budget_section)"
                 " VALUES ('空き', 'private', '一般会計', '雑入')")
    conn.execute("DELETE FROM claim_types WHERE name = '空き'")
    conn.close()
    with Ledger.open(path) as led:
        history = led.change_history("claim_types")
    assert [h["action"] for h in history] == ["insert", "update", "insert", "delete"]
    first, update = history[0], history[1]
    assert first["changed_by"] == "テスト担当"
    assert update["changed_by"] == OUTSIDE and update["changed_at"].endswith("Z")
    assert '"account":"一般会計"' in update["old"] and '"account":"特別会計"' in update["new"]
    assert history[3]["changed_by"] == OUTSIDE and '"name":"空き"' in history[3]["old"]


def test_guarantor_changes_are_kept(path):
    conn = _plain(path)
    conn.execute("UPDATE guarantors SET address = '不明' WHERE name = '山田 花子'")
    conn.execute("DELETE FROM guarantors")
    conn.close()
    with Ledger.open(path) as led:
        history = led.change_history("guarantors")
    assert [(h["action"], h["changed_by"]) for h in history] == [
        ("insert", "テスト担当"), ("update", OUTSIDE), ("delete", OUTSIDE)]
    assert '"address":"不明"' in history[1]["new"] and '"relation":"妻"' in history[2]["old"]


def test_settings_and_procedures_changes_are_kept_old_to_new(path):
    with Ledger.open(path, operator="佐藤") as led:
        set_department(led, "K01", "住宅管理課")
        led.set_setting("procedure.private", "title = 'x'")
        led.delete_setting("procedure.private")
    conn = _plain(path)
    conn.execute("UPDATE settings SET value = '=HYPERLINK(1)' WHERE key = 'department_name'")
    conn.close()
    with Ledger.open(path) as led:
        name = led.change_history("settings", "department_name")
        proc = led.change_history("settings", "procedure.private")
    assert [(h["action"], h["changed_by"]) for h in name] == [
        ("insert", "テスト担当"), ("update", "佐藤"), ("update", OUTSIDE)]
    assert '"value":"住宅課"' in name[1]["old"] and '"value":"住宅管理課"' in name[1]["new"]
    assert [(h["action"], h["changed_by"]) for h in proc] == [("insert", "佐藤"), ("delete", "佐藤")]
    assert not proc[1]["changed_at"].startswith("delete")


def test_the_history_itself_is_append_only(path):
    conn = _plain(path)
    for sql in ("UPDATE change_history SET changed_by = 'x'", "DELETE FROM change_history",
                "UPDATE claims SET import_batch = 1"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    conn.close()


def test_debtor_changes_keep_their_history_too(path):
    conn = _plain(path)
    conn.execute("UPDATE debtors SET address = '別の住所' WHERE debtor_id = 'D1'")
    conn.close()
    with Ledger.open(path) as led:
        assert [h["address"] for h in led.debtor_history("D1")] == [""]


def test_a_debtor_changed_outside_claimdesk_says_so_in_force(path):
    conn = _plain(path)
    conn.execute("UPDATE debtors SET address = '別の住所' WHERE debtor_id = 'D1'")
    conn.close()
    with Ledger.open(path) as led:
        row = plain(led).execute("SELECT changed_by, changed_at FROM debtors WHERE debtor_id = 'D1'").fetchone()
        assert row[0] == OUTSIDE and row[1].endswith("Z")
        assert [h["changed_by"] for h in led.debtor_history("D1")] == ["テスト担当"]
        led.save_debtor(replace(led.debtor("D1"), phone="03-0000-0000"))
        led.save_debtor(replace(led.debtor("D1"), phone="03-1111-1111"))  # the same second
        row = plain(led).execute("SELECT changed_by FROM debtors WHERE debtor_id = 'D1'").fetchone()
        assert row[0] == "テスト担当"
        assert [h["changed_by"] for h in led.debtor_history("D1")] == ["テスト担当", OUTSIDE, "テスト担当"]
