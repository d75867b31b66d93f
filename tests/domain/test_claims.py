from datetime import date

import pytest

from claimdesk.domain.claims import (
    Claim,
    Debtor,
    EventKind,
    LegalNature,
    MoneyEvent,
    balance_on,
    new_event,
    reversal_of,
)
from claimdesk.domain.errors import InvalidValue

CLAIM = Claim("A", "D1", "区営住宅使用料", 2025, date(2025, 6, 1), 12000, date(2025, 6, 30))


def test_legal_nature_parses_code_and_japanese():
    assert LegalNature.parse("強制徴収公債権") is LegalNature.ENFORCED_PUBLIC
    assert LegalNature.parse("private") is LegalNature.PRIVATE
    assert LegalNature.PUBLIC.label == "非強制徴収公債権"
    with pytest.raises(InvalidValue, match="債権の種類が不明"):
        LegalNature.parse("公債権")


def test_event_kind_parses_code_and_japanese():
    assert EventKind.parse("不納欠損") is EventKind.WRITE_OFF
    assert EventKind.parse("adjustment") is EventKind.ADJUSTMENT
    with pytest.raises(InvalidValue, match="区分が不明"):
        EventKind.parse("入金")


def test_claim_rules():
    with pytest.raises(InvalidValue, match="調定額"):
        Claim("B", "D1", "x", 2025, date(2025, 6, 1), 0, date(2025, 6, 30))
    with pytest.raises(InvalidValue, match="納期限が調定日より前") as e:
        Claim("B", "D1", "x", 2025, date(2025, 6, 1), 100, date(2025, 5, 30))
    assert e.value.field == "due_date"
    with pytest.raises(InvalidValue, match="氏名"):
        Debtor("D9", " ")


def test_new_event_assigns_accounting_year_and_records_override():
    e = new_event(CLAIM, EventKind.RECEIPT, date(2026, 5, 10), 2000, method="窓口")
    assert (e.accounting_year, e.accounting_year_overridden) == (2025, False)
    o = new_event(CLAIM, EventKind.RECEIPT, date(2026, 5, 10), 2000, accounting_year=2026)
    assert (o.accounting_year, o.accounting_year_overridden) == (2026, True)
    same = new_event(CLAIM, EventKind.RECEIPT, date(2026, 5, 10), 2000, accounting_year=2025)
    assert same.accounting_year_overridden is False


@pytest.mark.parametrize("kwargs,field", [
    (dict(kind=EventKind.RECEIPT, on=date(2025, 7, 1), amount=0), "amount"),
    (dict(kind=EventKind.REFUND, on=date(2025, 7, 1), amount=-5), "amount"),
    (dict(kind=EventKind.ADJUSTMENT, on=date(2025, 7, 1), amount=0), "amount"),
    (dict(kind=EventKind.RECEIPT, on=date(2025, 5, 1), amount=100), "date"),
    (dict(kind=EventKind.REFUND, on=date(2025, 7, 1), amount=100, method="窓口"), "method"),
    (dict(kind=EventKind.RECEIPT, on=date(2025, 7, 1), amount=100, method="現金書留"), "method"),
    (dict(kind=EventKind.RECEIPT, on=date(2025, 7, 1), amount=100, accounting_year=2024), "accounting_year"),
    (dict(kind=EventKind.RECEIPT, on=date(2025, 7, 1), amount=100, accounting_year=2027), "accounting_year"),
])
def test_new_event_rejects_with_field(kwargs, field):
    with pytest.raises(InvalidValue) as e:
        new_event(CLAIM, **kwargs)
    assert e.value.field == field


def test_negative_adjustment_allowed():
    assert new_event(CLAIM, EventKind.ADJUSTMENT, date(2025, 7, 1), -500).effect == -500


def test_reversal_cancels_amount_on_same_date_and_year():
    original = new_event(CLAIM, EventKind.RECEIPT, date(2026, 5, 10), 2000)
    stored = MoneyEvent(**{**original.__dict__, "event_id": 7})
    r = reversal_of(stored, "金額の入力誤り")
    assert (r.kind, r.amount, r.date, r.accounting_year, r.reverses) == (
        EventKind.RECEIPT, -2000, date(2026, 5, 10), 2025, 7)
    with pytest.raises(InvalidValue, match="理由"):
        reversal_of(stored, " ")
    with pytest.raises(InvalidValue, match="さらに取り消せません"):
        reversal_of(MoneyEvent(**{**r.__dict__, "event_id": 8}), "二重取消")


def test_balance_on_a_date():
    events = [
        new_event(CLAIM, EventKind.RECEIPT, date(2025, 8, 10), 3000),
        new_event(CLAIM, EventKind.ADJUSTMENT, date(2025, 9, 1), -1000),
        new_event(CLAIM, EventKind.RECEIPT, date(2026, 1, 10), 9000),
        new_event(CLAIM, EventKind.REFUND, date(2026, 2, 1), 1000),
        new_event(CLAIM, EventKind.WRITE_OFF, date(2026, 3, 1), 500),
    ]
    assert balance_on(CLAIM, events, date(2025, 5, 31)).owed == 0  # not yet assessed
    assert balance_on(CLAIM, events, date(2025, 8, 10)).owed == 9000
    assert balance_on(CLAIM, events, date(2025, 9, 1)).owed == 8000
    b = balance_on(CLAIM, events, date(2026, 1, 31))
    assert (b.assessed, b.collected, b.owed) == (11000, 12000, -1000)  # overpaid by 1,000
    assert balance_on(CLAIM, events, date(2026, 2, 1)).owed == 0
    assert balance_on(CLAIM, events, date(2026, 3, 1)).owed == -500


def test_new_event_is_the_dataclass_made_in_full():
    """new_event builds its MoneyEvent from a dict (fast): every field there, equal to one made
    through the dataclass, and still frozen."""
    import dataclasses

    claim = Claim("HO2025-000001", "D1", "住宅使用料", 2025, date(2025, 4, 1), 30_000, date(2025, 4, 30))
    event = new_event(claim, EventKind.RECEIPT, date(2026, 5, 31), 10_000, method="口座振替", note="n")
    assert set(vars(event)) == {f.name for f in dataclasses.fields(MoneyEvent)}
    assert event == MoneyEvent("HO2025-000001", EventKind.RECEIPT, date(2026, 5, 31), 10_000, 2025,
                               method="口座振替", note="n")
    assert hash(event) == hash(dataclasses.replace(event))
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.amount = 1  # type: ignore[misc]
