"""The ledger on a real SQLite file: schema, append-only history, opening rules."""

import sqlite3
from datetime import date

import pytest
from plain_sql import plain

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, Guarantor, LegalNature, new_event, reversal_of
from claimdesk.storage import migrations
from claimdesk.storage.ledger import Ledger, LedgerError
from claimdesk.storage.migrate import LedgerFileError

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
CLAIM = Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30))


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "ledger.sqlite3", operator="佐藤") as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎", "ヤマダ タロウ", postal_code="154-0017"))
        led.add_claim(CLAIM)
        yield led


def test_claim_round_trip_and_event_records_operator(ledger, tmp_path):
    e = ledger.add_event(new_event(CLAIM, EventKind.RECEIPT, date(2026, 5, 10), 2000, method="窓口"))
    ledger.close()
    with Ledger.open(tmp_path / "ledger.sqlite3") as again:
        assert again.claim("A") == CLAIM
        (stored,) = again.events("A")
        assert (stored.amount, stored.accounting_year, stored.method, stored.operator) == (2000, 2025, "窓口", "佐藤")
        assert stored.entered_at is not None and stored.entered_at.tzinfo is not None
        assert stored.event_id == e.event_id
        row = plain(again).execute("SELECT typeof(amount), typeof(date) FROM money_events").fetchone()
        assert row == ("integer", "text")


@pytest.mark.parametrize("sql", [
    "UPDATE money_events SET amount = 1",
    "UPDATE money_events SET note = 'changed'",
    "DELETE FROM money_events",
])
def test_money_history_is_append_only_at_the_sql_level(ledger, tmp_path, sql):
    ledger.add_event(new_event(CLAIM, EventKind.RECEIPT, date(2025, 7, 1), 3000))
    raw = sqlite3.connect(tmp_path / "ledger.sqlite3")  # even a plain SQL tool cannot
    with pytest.raises(sqlite3.IntegrityError, match="追記のみ"):
        raw.execute(sql)
    raw.close()
    assert [e.amount for e in ledger.events("A")] == [3000]


@pytest.mark.parametrize("sql,message", [
    ("UPDATE claims SET amount = 1", "調定の内容は変更できません"),
    ("UPDATE claims SET due_date = '2030-01-01'", "調定の内容は変更できません"),
    ("DELETE FROM claims", "削除できません"),
    ("DELETE FROM debtors", "削除できません"),
])
def test_assessed_facts_cannot_be_rewritten(ledger, sql, message):
    with pytest.raises(sqlite3.IntegrityError, match=message):
        plain(ledger).execute(sql)


def test_reversal_points_to_the_original_and_cannot_repeat(ledger):
    original = ledger.add_event(new_event(CLAIM, EventKind.RECEIPT, date(2025, 7, 1), 3000))
    reversal = ledger.add_event(reversal_of(original, "二重入力"))
    assert (reversal.amount, reversal.reverses) == (-3000, original.event_id)
    assert ledger.is_reversed(original.event_id)
    with pytest.raises(LedgerError, match="すでに取り消されています"):
        ledger.add_event(reversal_of(original, "もう一度"))
    assert len(ledger.events("A")) == 2


def test_a_forged_reversal_is_refused_by_sqlite(ledger):
    original = ledger.add_event(new_event(CLAIM, EventKind.RECEIPT, date(2025, 7, 1), 3000))
    with pytest.raises(sqlite3.IntegrityError, match="一致しません"):
        plain(ledger).execute(
            "INSERT INTO money_events (claim_id, kind, date, amount, accounting_year, reverses,"
            " operator, entered_at) VALUES ('A', 'receipt', '2025-07-01', -2500, 2025, ?, 'x', 'now')",
            [original.event_id])


def test_negative_receipt_without_reversal_is_refused(ledger):
    with pytest.raises(sqlite3.IntegrityError):
        plain(ledger).execute(
            "INSERT INTO money_events (claim_id, kind, date, amount, accounting_year, operator,"
            " entered_at) VALUES ('A', 'receipt', '2025-07-01', -100, 2025, 'x', 'now')")


def test_foreign_keys_are_enforced(ledger):
    bad = Claim("Z", "NO-SUCH-DEBTOR", RENT.name, 2025, date(2025, 6, 1), 1000, date(2025, 6, 30))
    with pytest.raises(LedgerError, match="参照先"):
        ledger.add_claim(bad)
    assert ledger.claim("Z") is None


def test_a_failed_batch_writes_nothing(ledger):
    good = new_event(CLAIM, EventKind.RECEIPT, date(2025, 7, 1), 1000)
    bad = new_event(Claim("X", "D1", RENT.name, 2025, date(2025, 6, 1), 1, date(2025, 6, 30)),
                    EventKind.RECEIPT, date(2025, 7, 1), 1000)  # claim X is not in the ledger
    with pytest.raises(LedgerError):
        ledger.add_events([good, bad])
    assert ledger.events("A") == []


def test_debtor_changes_keep_history(ledger):
    ledger.operator = "鈴木"
    ledger.save_debtor(Debtor("D1", "山田 太郎", "ヤマダ タロウ", address="世田谷区世田谷1-1"))
    history = ledger.debtor_history("D1")
    assert len(history) == 1 and history[0]["address"] == "" and history[0]["changed_by"] == "佐藤"
    assert ledger.debtor("D1").address == "世田谷区世田谷1-1"


def test_guarantors(ledger):
    ledger.add_guarantor(Guarantor("A", "山田 花子", relation="妻"))
    assert [g.name for g in ledger.guarantors("A")] == ["山田 花子"]


def test_settings(ledger):
    assert ledger.setting("department_code") == ""
    ledger.set_setting("department_code", "JUTAKU")
    ledger.set_setting("department_code", "JUTAKU2")
    assert ledger.setting("department_code") == "JUTAKU2"


def test_a_ledger_from_a_newer_claimdesk_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    Ledger.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('claimdesk', 'm999_future', 'x')")
    raw.commit()
    raw.close()
    with pytest.raises(LedgerFileError, match="新しいバージョン.*m999_future"):
        Ledger.open(path)


def test_an_older_ledger_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)

    def m900(db):
        db.execute("CREATE TABLE test_addition (x INTEGER)")

    known = migrations.steps()
    monkeypatch.setattr(migrations, "steps", lambda: [*known, ("m900_test_addition", m900)])
    with Ledger.open(path) as led:
        assert led.backup_path is not None and led.backup_path.exists()
        assert "test_addition" in plain(led).table_names()
    backup = sqlite3.connect(led.backup_path)
    tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "test_addition" not in tables and "claim_types" in tables
    assert backup.execute("SELECT name FROM claim_types").fetchall() == [(RENT.name,)]
    backup.close()


def test_a_new_ledger_gets_no_backup(tmp_path):
    with Ledger.open(tmp_path / "fresh.sqlite3") as led:
        assert led.backup_path is None
    assert list(tmp_path.iterdir()) != [] and not any("before-upgrade" in p.name for p in tmp_path.iterdir())


def test_files_that_are_not_ledgers_are_refused(tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(LedgerFileError, match="SQLiteの形式でない"):
        Ledger.open(text)
    other = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    with pytest.raises(LedgerFileError, match="別のデータベース"):
        Ledger.open(other)


def test_open_without_create(tmp_path):
    with pytest.raises(LedgerError, match="ありません"):
        Ledger.open(tmp_path / "missing.sqlite3", create=False)
    assert not (tmp_path / "missing.sqlite3").exists()
