"""電話催告: the call list from the worklist, its xlsx read back, and a call logged."""

from datetime import date

import openpyxl
import pytest

from claimdesk.domain.calls import CallResult
from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.contacts import Channel, Party
from claimdesk.domain.errors import InvalidValue
from claimdesk.services import casework
from claimdesk.services.call_list import call_list, log_call, save_call_list
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
TODAY = date(2026, 11, 30)


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎", phone="03-1111-2222"))
        led.save_debtor(Debtor("D2", "鈴木 花子"))
        led.add_claims([Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 40_000, date(2026, 4, 30)),
                        Claim("B", "D1", RENT.name, 2026, date(2026, 5, 1), 30_000, date(2026, 5, 31)),
                        Claim("C", "D2", RENT.name, 2026, date(2026, 4, 1), 10_000, date(2026, 4, 30))])
        # The 督促 was sent on 11/1: the call (11 days after) is due for D1's claims; D2 still awaits its 督促.
        casework.log_contact(led, ["A", "B"], "文書発送", "督促状", on=date(2026, 11, 1), letter_kind="demand",
                             today=TODAY)
        yield led


def test_one_row_per_debtor_with_phone_claims_balance_and_the_script(ledger, tmp_path):
    (row,) = call_list(ledger, TODAY)
    assert (row.debtor_id, row.name, row.phone, row.claim_ids, row.balance) == (
        "D1", "山田 太郎", "03-1111-2222", ("A", "B"), 70_000)
    assert row.title == "電話・訪問による催告" and row.script.startswith("「債権管理担当の○○です。")
    path = save_call_list([row], tmp_path / "calls.xlsx", TODAY)
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "電話催告リスト（令和8年11月30日）　1件"
    assert [c.value for c in ws[4]] == ["債務者番号", "債務者", "電話番号", "債権", "残高", "話すこと", "結果"]
    assert [c.value for c in ws[5]][:5] == ["D1", "山田 太郎", "03-1111-2222", "A、B", 70000]
    with pytest.raises(InvalidValue):
        save_call_list([row], tmp_path / "calls.csv", TODAY)


def test_a_call_that_reached_the_debtor_completes_the_step_others_keep_it(ledger):
    (row,) = call_list(ledger, TODAY)
    (tried,) = log_call(ledger, row, CallResult.NO_ANSWER, today=TODAY)
    assert (tried.channel, tried.party, tried.summary, tried.step_id) == (
        Channel.PHONE, Party.NONE, "電話催告: 不在・留守番電話", "")
    assert [r.debtor_id for r in call_list(ledger, TODAY)] == ["D1"]
    (done,) = log_call(ledger, row, "reached", note="12/10までに納付", today=TODAY)
    assert (done.channel, done.party, done.step_id, done.claim_ids) == (
        Channel.PHONE, Party.DEBTOR, "reminder_call", ("A", "B"))
    assert done.summary == "電話催告: 本人と話した（12/10までに納付）"
    assert call_list(ledger, TODAY) == []
    with pytest.raises(InvalidValue):
        log_call(ledger, row, "maybe", today=TODAY)


def test_a_clerks_next_action_to_call_again_puts_the_debtor_on_the_list(ledger):
    casework.log_contact(ledger, "C", "電話", "不在", on=date(2026, 11, 20), next_action="再度電話",
                         next_action_on=TODAY, today=TODAY)
    rows = {r.debtor_id: r for r in call_list(ledger, TODAY)}
    assert set(rows) == {"D1", "D2"}
    again = rows["D2"]
    assert (again.claim_ids, again.balance, again.steps) == (("C",), 10_000, ())
    assert again.script.startswith("「債権管理担当の○○です。")
    (entry,) = log_call(ledger, again, CallResult.REACHED, today=TODAY)
    assert (entry.party, entry.summary, entry.step_id) == (Party.DEBTOR, "電話催告: 本人と話した", "")
    assert [r.debtor_id for r in call_list(ledger, TODAY)] == ["D1"]  # the later entry answers the next action
