"""The budget order as the 設定 dialog edits it: names offered, names checked, on a real ledger."""

import pytest

from claimdesk.domain.claims import ClaimType, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.services import entries
from claimdesk.services.budget_order import budget_names, check_budget_name, set_budget_order
from claimdesk.storage.ledger import Ledger


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3", operator="佐藤") as led:
        for name, account, section in (("区営住宅使用料", "一般会計", "使用料及手数料"),
                                       ("介護保険料", "介護保険事業会計", "保険料"),
                                       ("国民健康保険料", "国民健康保険事業会計", "保険料")):
            entries.add_claim_type(led, ClaimType(name, LegalNature.ENFORCED_PUBLIC, account, section))
        yield led


def test_the_ledgers_names_come_account_first_in_the_order_in_force(led):
    assert budget_names(led) == {"一般会計": 0, "介護保険事業会計": 0, "国民健康保険事業会計": 0, "使用料及手数料": 1,
                                 "保険料": 1, "区営住宅使用料": 2, "介護保険料": 2, "国民健康保険料": 2}
    assert list(budget_names(led)) == ["一般会計", "介護保険事業会計", "国民健康保険事業会計", "使用料及手数料", "保険料",
                                       "区営住宅使用料", "介護保険料", "国民健康保険料"]
    set_budget_order(led, ["一般会計", "国民健康保険事業会計"])
    assert list(budget_names(led))[:3] == ["一般会計", "国民健康保険事業会計", "介護保険事業会計"]
    assert list(budget_names(led))[-2:] == ["国民健康保険料", "介護保険料"]  # a name follows its account


@pytest.mark.parametrize("typed, reason", [
    ("", "入力してください"), ("  ", "入力してください"),
    ("国民健康保険事業会計、介護保険事業会計", "区切り"), ("A,B", "区切り"), ("A，B", "区切り"),
    ("一般会計", "すでに一覧にあります"), (" 一般会計 ", "すでに一覧にあります"),
])
def test_a_name_the_list_cannot_take_is_refused_with_the_reason(typed, reason):
    with pytest.raises(InvalidValue) as e:
        check_budget_name(["一般会計"], typed)
    assert reason in e.value.reason and e.value.field == "budget_order"


def test_a_good_name_is_given_back_trimmed():
    assert check_budget_name(["一般会計"], " 国民健康保険事業会計 ") == "国民健康保険事業会計"
