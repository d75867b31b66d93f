from decimal import Decimal

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.money import collection_rate, format_amount, format_yen, parse_yen, thousand_yen


@pytest.mark.parametrize("text", ["12000", "12,000", "１２，０００", "12000円", "１２０００円", " 12,000 ", "¥12,000", "￥12,000"])
def test_parse_yen_reads_what_clerks_type(text):
    assert parse_yen(text) == 12000


@pytest.mark.parametrize("text", ["-500", "−500", "－５００", "-500円"])
def test_signed_amounts_only_where_asked(text):
    assert parse_yen(text, signed=True) == -500
    with pytest.raises(InvalidValue, match="1円以上"):
        parse_yen(text)


@pytest.mark.parametrize("text,reason", [
    ("12000.5", "整数"), ("12,000.00", "整数"), ("", "入力されていません"), ("abc", "読めません"),
    ("1,20,00", "桁区切り"), ("0", "1円以上"), ("12 000x", "読めません"),
])
def test_parse_yen_rejects_with_reason(text, reason):
    with pytest.raises(InvalidValue, match=reason):
        parse_yen(text)


def test_zero_only_when_allowed():
    assert parse_yen("0", allow_zero=True) == 0
    with pytest.raises(InvalidValue, match="0円"):
        parse_yen("0", signed=True)


def test_format():
    assert format_amount(1234567) == "1,234,567"
    assert format_yen(-1200) == "-1,200円"
    assert format_yen(0) == "0円"


def test_collection_rate_rounds_half_up():
    assert collection_rate(5000, 12000) == Decimal("41.7")
    assert collection_rate(4000, 7000) == Decimal("57.1")
    assert collection_rate(1, 2000) == Decimal("0.1")  # 0.05 → 0.1 (half-even: 0.0)
    assert collection_rate(3, 2000) == Decimal("0.2")  # 0.15 → 0.2 either way
    assert collection_rate(5, 2000) == Decimal("0.3")  # 0.25 → 0.3 (half-even: 0.2)
    assert collection_rate(0, 0) is None
    assert collection_rate(12000, 12000) == Decimal("100.0")


def test_thousand_yen_rounds_half_up():
    assert thousand_yen(1500) == 2
    assert thousand_yen(2500) == 3  # half-even would give 2
    assert thousand_yen(1499) == 1
    assert thousand_yen(-2500) == -3
    assert thousand_yen(0) == 0
