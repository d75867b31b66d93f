"""`claimdesk parties`: list, add, record an heir's share and end, as the claim page's tab does."""

from datetime import date

import pytest

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.services.casework_view import liable_parties
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2026-11-30")
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        led.add_claim(Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 40000, date(2026, 4, 30)))
        led.add_claim(Claim("B", "D1", RENT.name, 2026, date(2026, 5, 1), 40000, date(2026, 5, 31)))
    return path


def run(*args):
    return main([str(a) for a in args])


def test_an_heir_added_to_both_claims_given_a_share_and_listed(db, capsys):
    assert run("parties", "--db", db, "--claim", "A") == 0
    assert capsys.readouterr().out == "保証人・相続人はいません\n"
    assert run("parties", "--db", db, "--claim", "A", "--claim", "B", "--add", "山田 花子", "--role", "heir",
               "--relation", "長女", "--address", "目黒区八雲1-1") == 0
    assert capsys.readouterr().out == "追加しました（相続人、番号 1、2）\n"
    assert run("parties", "--db", db, "--share", "1,2", "2分の1") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["1\tA\t相続人（法定相続分 2分の1）\t山田 花子", "2\tB\t相続人（法定相続分 2分の1）\t山田 花子"]
    with Ledger.open(db) as led:
        assert [p.share.label for p in liable_parties(led, "B") if p.share] == ["2分の1"]
    assert run("parties", "--db", db, "--claim", "B") == 0
    assert capsys.readouterr().out == "2\tB\t相続人（法定相続分 2分の1）\t山田 花子\n"


def test_a_guarantor_ended_with_its_reason(db, capsys):
    assert run("parties", "--db", db, "--claim", "A", "--add", "佐藤 一郎") == 0
    capsys.readouterr()
    assert run("parties", "--db", db, "--end", "1", "--on", "2026-11-01", "--reason", "保証契約の解除") == 0
    assert capsys.readouterr().out == "1\tA\t連帯保証人\t佐藤 一郎\t2026-11-01 終了（保証契約の解除）\n"


@pytest.mark.parametrize("args, reason", [
    (["--share", "1", "半分"], "share: 法定相続分「半分」は 1/2 や 2分の1 の形で入力してください"),
    (["--share", "9", "1/2"], "party_id: 保証人・相続人 9 は台帳にありません"),
    (["--share", "x", "1/2"], "party_id: 保証人・相続人 x は台帳にありません"),
    (["--end", "1"], "--end には --on で終了の日付を指定してください"),
    (["--add", "佐藤 一郎"], "--claim で債権番号を指定してください"),
    (["--claim", "A", "--add", "佐藤 一郎", "--on", "2026-12-01"], "on: 記録の日付（2026-12-01）が今日より後です"),
])
def test_refusals_name_the_field_exit_2_and_change_nothing(db, capsys, args, reason):
    assert run("parties", "--db", db, *args) == 2
    assert capsys.readouterr().err == f"claimdesk: {reason}\n"
    with Ledger.open(db) as led:
        assert liable_parties(led, "A") == []
