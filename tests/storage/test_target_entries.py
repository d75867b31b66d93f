"""The targets table: integer tenths, a basis always, append-only, the newest entry in force."""

import sqlite3
from decimal import Decimal

import pytest
from plain_sql import plain

from claimdesk.domain.claims import ClaimType, LegalNature
from claimdesk.domain.targets import Target
from claimdesk.storage.ledger import Ledger, LedgerError
from claimdesk.storage.migrations import known_migrations

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "ledger.sqlite3", operator="佐藤") as led:
        led.add_claim_type(RENT)
        yield led


def t(category, rate, basis="過去3年の平均", fy=2026):
    return Target(RENT.name, fy, category, None if rate is None else Decimal(rate), basis)


def test_the_migration_is_known_by_name():
    assert "m004_targets" in known_migrations()


def test_rates_are_stored_as_integer_tenths(ledger):
    ledger.targets.append([t("current", "98.5")])
    row = plain(ledger).execute("SELECT rate_tenths, typeof(rate_tenths), entered_by FROM targets").fetchone()
    assert row == (985, "integer", "佐藤")


def test_the_newest_entry_per_key_is_in_force(ledger):
    ledger.targets.append([t("current", "98.0"), t("total", "85.0")])
    ledger.targets.append([t("current", "98.5", "前年度実績"), t("current", "97.0", "前年度実績", fy=2025)])
    ledger.targets.append([t("total", None, "合計の目標は設定しない")])
    in_force = {(e.category, e.rate, e.basis) for e in ledger.targets.in_force(2026)}
    assert in_force == {("current", Decimal("98.5"), "前年度実績"), ("total", None, "合計の目標は設定しない")}
    assert [e.rate for e in ledger.targets.history(2026, RENT.name)] == [
        Decimal("98.0"), Decimal("85.0"), Decimal("98.5"), None]
    assert [e.rate for e in ledger.targets.history(2025)] == [Decimal("97.0")]


def test_entries_are_never_changed_or_deleted(ledger):
    ledger.targets.append([t("current", "98.0")])
    with pytest.raises(sqlite3.DatabaseError, match="追記のみ"):
        plain(ledger).execute("UPDATE targets SET rate_tenths = 990")
    with pytest.raises(sqlite3.DatabaseError, match="追記のみ"):
        plain(ledger).execute("DELETE FROM targets")


@pytest.mark.parametrize("column, value", [
    ("rate_tenths", 1001), ("rate_tenths", -1), ("rate_tenths", 95.5), ("basis", "  "), ("category", "overall"),
])
def test_the_schema_refuses_what_the_domain_refuses(ledger, column, value):
    values = {"claim_type_id": 1, "fiscal_year": 2026, "category": "current", "rate_tenths": 950,
              "basis": "根拠", "entered_by": "佐藤", "entered_at": "2026-04-01T09:00:00+09:00", column: value}
    with pytest.raises(sqlite3.IntegrityError):
        plain(ledger)["targets"].insert(values)


def test_an_unknown_claim_type_writes_nothing(ledger):
    bad = Target("学校給食費", 2026, "current", Decimal("99.0"), "根拠")
    with pytest.raises(LedgerError, match="学校給食費"):
        ledger.targets.append([t("current", "98.0"), bad])
    assert plain(ledger).execute("SELECT count(*) FROM targets").fetchone()[0] == 0
