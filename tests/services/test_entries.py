"""Entering debtors, claims and money events through the services the window uses."""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.services import entries
from claimdesk.services.details import claim_detail, debtor_detail
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3", operator="窓口担当") as led:
        entries.add_claim_type(led, RENT)
        entries.add_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ"))
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)))
        yield led


def test_receipt_then_reversal_shows_both_with_running_balance(led):
    r = entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 5, 1), 20000, method="窓口")
    entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 6, 1), 10000, method="口座振替")
    x = entries.reverse_event(led, r.event_id, "別人の納付を誤って入力")
    detail = claim_detail(led, "A")
    assert [(h.event.amount, h.balance_after) for h in detail.history] == [(20000, 30000), (-20000, 50000), (10000, 40000)]
    assert detail.history[0].reversed_by == x.event_id and detail.history[1].is_reversal
    assert detail.balance == 40000 and entries.ledger_balance(led, "A") == 40000
    with pytest.raises(InvalidValue, match="すでに取り消されています"):
        entries.reverse_event(led, r.event_id, "もう一度")


def test_write_off_needs_reason_and_legal_basis(led):
    with pytest.raises(InvalidValue) as e:
        entries.record_event(led, "A", EventKind.WRITE_OFF, date(2026, 6, 1), 50000, note="時効援用")
    assert e.value.field == "legal_basis"
    with pytest.raises(InvalidValue) as e:
        entries.record_event(led, "A", EventKind.WRITE_OFF, date(2026, 6, 1), 50000, legal_basis="民法166条")
    assert e.value.field == "note"
    assert led.events("A") == []
    w = entries.record_event(led, "A", EventKind.WRITE_OFF, date(2026, 6, 1), 50000, note="時効援用", legal_basis="民法166条")
    assert w.note == "時効援用（根拠: 民法166条）" and w.operator == "窓口担当"


def test_refund_only_of_what_was_overpaid(led):
    entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 5, 1), 51000, accept_overpayment=True)
    with pytest.raises(InvalidValue, match="過納額（1,000円）"):
        entries.record_event(led, "A", EventKind.REFUND, date(2026, 6, 1), 1500)
    entries.record_event(led, "A", EventKind.REFUND, date(2026, 6, 1), 1000)
    assert entries.ledger_balance(led, "A") == 0


def test_adjustment_needs_a_reason(led):
    with pytest.raises(InvalidValue, match="理由"):
        entries.record_event(led, "A", EventKind.ADJUSTMENT, date(2026, 6, 1), -500)
    entries.record_event(led, "A", EventKind.ADJUSTMENT, date(2026, 6, 1), -500, note="減免")
    assert entries.ledger_balance(led, "A") == 49500


def test_unknown_claim_and_duplicates_are_refused(led):
    with pytest.raises(InvalidValue, match="台帳にありません"):
        entries.record_event(led, "ZZZ", EventKind.RECEIPT, date(2026, 5, 1), 100)
    with pytest.raises(InvalidValue, match="すでに使われています"):
        entries.add_debtor(led, Debtor("D1", "別人"))
    with pytest.raises(InvalidValue, match="すでに使われています"):
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 1, date(2026, 4, 30)))
    with pytest.raises(InvalidValue, match="登録されていません"):
        entries.add_claim(led, Claim("B", "D1", "未登録の債権", 2026, date(2026, 4, 1), 1, date(2026, 4, 30)))


def test_debtor_detail_totals_what_is_owed(led):
    entries.add_claim(led, Claim("B", "D1", RENT.name, 2025, date(2025, 4, 1), 30000, date(2025, 4, 30)))
    entries.record_event(led, "B", EventKind.RECEIPT, date(2025, 5, 1), 31000, accept_overpayment=True)
    d = debtor_detail(led, "D1", today=date(2026, 11, 30))
    assert [r.claim_id for r in d.claims] == ["B", "A"]
    assert d.total_owed == 50000  # the overpaid claim does not lower what is owed


def test_a_receipt_beyond_the_balance_is_taken_only_as_overpayment(led):
    entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 5, 1), 49_000)
    with pytest.raises(entries.Overpayment, match="amount: 収納額が残高（1,000円）を1,500円超えています") as refused:
        entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 5, 2), 2_500)
    assert (refused.value.balance, refused.value.excess) == (1_000, 1_500) and led.event_count() == 1
    entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 5, 2), 1_000)  # exactly the balance: fine
    with pytest.raises(entries.Overpayment, match="残高（0円）を100円超えています"):
        entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 5, 3), 100)
    entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 5, 3), 100, accept_overpayment=True)
    assert entries.ledger_balance(led, "A") == -100


def test_money_dated_after_today_is_refused(led, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2026-11-30")
    with pytest.raises(InvalidValue, match="date: 日付が今日（2026-11-30）より後です"):
        entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 12, 1), 1_000)
    with pytest.raises(InvalidValue, match="date: 日付が今日（2026-06-30）より後です"):
        entries.record_event(led, "A", EventKind.ADJUSTMENT, date(2026, 7, 1), -500, note="減免",
                             today=date(2026, 6, 30))
    entries.record_event(led, "A", EventKind.RECEIPT, date(2026, 11, 30), 1_000)
    assert led.event_count() == 1
