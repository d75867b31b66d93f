"""Targets through the service: in force per claim type, and in the standard summary."""

from datetime import date
from decimal import Decimal

import pytest

from claimdesk.domain.claims import ClaimType, LegalNature
from claimdesk.domain.errors import ClaimDeskError, InvalidValue
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim_type
from claimdesk.services.summary_export import build_summary, summary_csv_text
from claimdesk.services.targets import history, set_targets, target_rates, target_sets
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
LUNCH = ClaimType("学校給食費", LegalNature.PRIVATE, "一般会計", "諸収入")


@pytest.fixture
def ledger():
    led = Ledger.memory(operator="佐藤")
    set_department(led, "JUTAKU", "住宅課")
    add_claim_type(led, RENT)
    add_claim_type(led, LUNCH)
    yield led
    led.close()


def test_set_and_read_targets(ledger):
    written = set_targets(ledger, RENT.name, 2026, {"current": "98.5", "carried": "20", "total": ""},
                          "過去3年間の平均収納率に0.5ポイントを加えた", "口座振替の勧奨、夜間の電話催告")
    assert len(written) == 2
    rent, lunch = target_sets(ledger, 2026)
    assert rent.rates == {"current": Decimal("98.5"), "carried": Decimal("20.0")}
    assert rent.basis.startswith("過去3年間") and rent.actions.endswith("電話催告")
    assert rent.entered_by == "佐藤"
    assert lunch.claim_type == LUNCH.name and not lunch.is_set
    assert target_rates(ledger, 2026) == {(RENT.name, "current"): Decimal("98.5"),
                                          (RENT.name, "carried"): Decimal("20.0")}
    assert target_rates(ledger, 2025) == {}


def test_saving_the_same_again_writes_nothing(ledger):
    set_targets(ledger, RENT.name, 2026, {"current": "98.5"}, "根拠")
    assert set_targets(ledger, RENT.name, 2026, {"current": "98.5"}, "根拠") == []
    assert len(history(ledger, 2026)) == 1


def test_a_withdrawn_target_leaves_the_summary(ledger):
    set_targets(ledger, RENT.name, 2026, {"current": "98.5", "total": "90"}, "根拠")
    set_targets(ledger, RENT.name, 2026, {"current": "98.5", "total": None}, "合計は目標を置かない")
    assert target_rates(ledger, 2026) == {(RENT.name, "current"): Decimal("98.5")}
    assert [e.rate for e in history(ledger, 2026, RENT.name)] == [
        Decimal("98.5"), Decimal("90.0"), Decimal("98.5"), None]


def test_refusals_write_nothing(ledger):
    with pytest.raises(InvalidValue):
        set_targets(ledger, RENT.name, 2026, {"current": "98.5"}, "")
    with pytest.raises(InvalidValue):
        set_targets(ledger, RENT.name, 2026, {"current": "98.5", "total": "101"}, "根拠")
    with pytest.raises(ClaimDeskError):
        set_targets(ledger, "下水道使用料", 2026, {"current": "98.5"}, "根拠")
    assert history(ledger, 2026) == []


def test_the_standard_summary_carries_the_targets(ledger):
    set_targets(ledger, RENT.name, 2026, {"current": "98.5", "total": "90"}, "根拠")
    rows = build_summary(ledger, 2026, date(2026, 9, 30))
    assert [(r.claim_type, r.category, r.target_rate) for r in rows] == [
        (RENT.name, "current", Decimal("98.5")), (RENT.name, "carried", None), (RENT.name, "total", Decimal("90.0")),
        (LUNCH.name, "current", None), (LUNCH.name, "carried", None), (LUNCH.name, "total", None),
    ]
    lines = summary_csv_text(rows).split("\r\n")
    assert lines[1].endswith(",98.5") and lines[2].endswith(",") and lines[3].endswith(",90.0")


def test_several_claim_types_are_saved_all_or_none(ledger):
    from claimdesk.services.targets import save_targets

    written = save_targets(ledger, 2026, [(RENT.name, {"current": "98.5"}, "根拠A", ""),
                                          (LUNCH.name, {"total": "99"}, "根拠B", "口座振替")])
    assert [(e.claim_type, e.category) for e in written] == [(RENT.name, "current"), (LUNCH.name, "total")]
    with pytest.raises(InvalidValue) as e:
        save_targets(ledger, 2026, [(RENT.name, {"current": "97.0"}, "根拠A", ""), (LUNCH.name, {"total": "99.5"}, "", "")])
    assert e.value.field == LUNCH.name and "根拠" in e.value.reason
    assert target_rates(ledger, 2026)[(RENT.name, "current")] == Decimal("98.5")  # the first row was not saved either
