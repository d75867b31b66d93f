"""A ledger file with debtors registered for 口座振替 (customer numbers 1001, 1002)."""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.direct_debit import direct_debit
from claimdesk.storage.ledger import Ledger

FEE = ClaimType("保育所保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")


def claim(claim_id: str, debtor: str, amount: int, month: int) -> Claim:
    return Claim(claim_id, debtor, FEE.name, 2026, date(2026, month, 1), amount, date(2026, month, 30))


@pytest.fixture
def debits(tmp_path, monkeypatch):
    """D1 owes 12,000 (April) and 12,000 (May); D2 owes 8,500; D3 owes 5,000 without 口座振替."""
    monkeypatch.setenv("CLAIMDESK_TODAY", "2026-06-30")
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path) as ledger:
        ledger.add_claim_type(FEE)
        for d, name in (("D1", "山田 太郎"), ("D2", "鈴木 花子"), ("D3", "佐藤 次郎")):
            ledger.save_debtor(Debtor(d, name))
        ledger.add_claims([claim("C1", "D1", 12000, 4), claim("C2", "D1", 12000, 5), claim("C3", "D2", 8500, 5),
                           claim("C4", "D3", 5000, 4)])
        ledger.direct_debits.add([
            direct_debit("D1", "0001", "001", "1", "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ", "1001", date(2026, 4, 1)),
            direct_debit("D2", "0005", "123", "普通", "7654321", "スズキ ハナコ", "00001002", date(2026, 4, 1)),
        ])
    return path
