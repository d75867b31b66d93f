"""目標収納率: rates with one decimal in 0.0–100.0, a basis always, only changes written."""

from decimal import Decimal

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.targets import (
    Target,
    changes,
    format_rate,
    parse_rate,
    rate_to_tenths,
    target_set,
    tenths_to_rate,
)

HOUSING = "区営住宅使用料"


@pytest.mark.parametrize("text, rate", [
    ("95.5", Decimal("95.5")), ("95", Decimal("95.0")), ("0", Decimal("0.0")), ("100", Decimal("100.0")),
    ("100.0", Decimal("100.0")), ("９５．５", Decimal("95.5")), ("95.5%", Decimal("95.5")),
    (" 80.1 ％", Decimal("80.1")), (Decimal("95.50"), Decimal("95.5")), (97, Decimal("97.0")),
])
def test_rates_are_read_as_clerks_type_them(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["", "  ", None])
def test_an_empty_rate_is_no_target(text):
    assert parse_rate(text) is None


@pytest.mark.parametrize("text, says", [
    ("95.55", "小数第1位"), ("100.1", "100.0以下"), ("-1", "0.0〜100.0"), ("1000", "0.0〜100.0"),
    ("abc", "数値"), (Decimal("95.55"), "小数第1位"), ("1e2", "0.0〜100.0"),
])
def test_bad_rates_are_refused_not_rounded(text, says):
    with pytest.raises(InvalidValue) as e:
        parse_rate(text)
    assert says in str(e.value)


def test_floats_are_refused():
    with pytest.raises(InvalidValue):
        parse_rate(95.5)


def test_tenths_round_trip():
    assert rate_to_tenths(Decimal("95.5")) == 955
    assert rate_to_tenths(Decimal("0.0")) == 0
    assert tenths_to_rate(1000) == Decimal("100.0")
    assert format_rate(tenths_to_rate(7)) == "0.7"
    assert format_rate(None, "－") == "－"


def entry(category, rate, basis="過去3年の平均", actions=""):
    return Target(HOUSING, 2026, category, None if rate is None else Decimal(rate), basis, actions)


def test_new_targets_write_one_entry_per_rate_given():
    written = changes(HOUSING, 2026, {}, {"current": "98.0", "total": "85.5"}, " 過去3年の平均 ", "口座振替の勧奨")
    assert [(e.category, e.rate, e.basis, e.actions) for e in written] == [
        ("current", Decimal("98.0"), "過去3年の平均", "口座振替の勧奨"),
        ("total", Decimal("85.5"), "過去3年の平均", "口座振替の勧奨"),
    ]


def test_the_basis_is_required():
    with pytest.raises(InvalidValue) as e:
        changes(HOUSING, 2026, {}, {"current": "98.0"}, "  ")
    assert e.value.field == "basis" and "根拠" in e.value.reason


def test_nothing_to_write_needs_no_basis():
    assert changes(HOUSING, 2026, {}, {"current": ""}, "") == []


def test_only_what_changed_is_written():
    in_force = {"current": entry("current", "98.0"), "total": entry("total", "85.5")}
    assert changes(HOUSING, 2026, in_force, {"current": "98", "total": "85.5"}, "過去3年の平均") == []
    written = changes(HOUSING, 2026, in_force, {"current": "98", "total": "86.0"}, "過去3年の平均")
    assert [(e.category, e.rate) for e in written] == [("total", Decimal("86.0"))]


def test_a_new_basis_rewrites_every_rate_under_it():
    in_force = {"current": entry("current", "98.0"), "total": entry("total", "85.5")}
    written = changes(HOUSING, 2026, in_force, {"current": "98", "total": "85.5"}, "前年度実績＋0.5ポイント")
    assert [e.category for e in written] == ["current", "total"]
    assert {e.basis for e in written} == {"前年度実績＋0.5ポイント"}


def test_clearing_a_rate_withdraws_it_and_says_why():
    in_force = {"current": entry("current", "98.0"), "carried": entry("carried", "20.0")}
    written = changes(HOUSING, 2026, in_force, {"current": "98.0", "carried": None}, "過去3年の平均")
    assert [(e.category, e.rate) for e in written] == [("carried", None)]
    with pytest.raises(InvalidValue):
        changes(HOUSING, 2026, in_force, {"current": "98.0", "carried": None}, "")
    # A category withdrawn before and still empty writes nothing.
    in_force["carried"] = entry("carried", None)
    assert changes(HOUSING, 2026, in_force, {"current": "98.0"}, "過去3年の平均") == []


def test_unknown_categories_are_refused():
    with pytest.raises(InvalidValue):
        changes(HOUSING, 2026, {}, {"overall": "90"}, "根拠")


def test_a_set_gathers_the_entries_in_force():
    entries = [entry("total", "85.5", actions="電話催告"), entry("current", "98.0", actions="電話催告"),
               entry("carried", None)]
    s = target_set(HOUSING, 2026, entries)
    assert s.rates == {"current": Decimal("98.0"), "total": Decimal("85.5")}
    assert (s.basis, s.actions, s.is_set) == ("過去3年の平均", "電話催告", True)
    assert s.rate("carried") is None
    assert not target_set(HOUSING, 2026, [entry("carried", None)]).is_set


def test_differing_texts_are_shown_by_category():
    s = target_set(HOUSING, 2026, [entry("current", "98.0", "A"), entry("total", "85.5", "B")])
    assert s.basis == "現年分: A\n合計: B"
