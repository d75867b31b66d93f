"""「本日の作業」: what is due, in order of urgency, and only what is still to do."""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.dates import format_wareki
from claimdesk.services import casework as cw
from claimdesk.services import entries
from claimdesk.services.worklist import WorklistFilter, worklist
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")
TODAY = date(2026, 6, 1)


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "w.sqlite3", operator="佐藤") as led:
        entries.add_claim_type(led, RENT)
        entries.add_claim_type(led, WELFARE)
        for debtor_id, name in (("D1", "山田 太郎"), ("D2", "鈴木 花子"), ("D3", "田中 一郎")):
            entries.add_debtor(led, Debtor(debtor_id, name))
        # A: rent due 2026-04-30, demand sent, nothing since
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)))
        # P: paid in full; N: not due yet
        entries.add_claim(led, Claim("P", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)))
        entries.record_event(led, "P", EventKind.RECEIPT, date(2026, 4, 28), 50000)
        entries.add_claim(led, Claim("N", "D1", RENT.name, 2026, date(2026, 6, 1), 50000, date(2026, 6, 30)))
        # W: welfare repayment due 2021-06-30, limitation 2026-06-30: 29 days left
        entries.add_claim(led, Claim("W", "D2", WELFARE.name, 2021, date(2021, 6, 1), 80000, date(2021, 6, 30)))
        # X: welfare repayment due 2021-03-31: extinguished on 2026-04-01
        entries.add_claim(led, Claim("X", "D3", WELFARE.name, 2020, date(2021, 3, 1), 30000, date(2021, 3, 31)))
        cw.log_contact(led, "A", "文書発送", "督促状", letter_kind="demand", on=date(2026, 5, 8), today=TODAY)
        yield led


def rows(result):
    return [(i.claim.claim_id, i.kind.value, i.urgency.name) for i in result.items]


def test_only_claims_that_owe_and_are_past_due_are_examined(led):
    result = worklist(led, TODAY)
    assert {i.claim.claim_id for i in result.items} == {"A", "W", "X"}
    assert result.claims_examined == 3  # the paid and the not-yet-due claims are left out in SQL


def test_the_order_and_the_titles(led):
    items = worklist(led, TODAY).items
    assert [(i.claim.claim_id, i.kind.value, i.urgency.label) for i in items] == [
        ("W", "limitation_near", "緊急"),
        ("W", "step", "期限超過"),
        ("A", "step", "対応時期"),
        ("X", "limitation_passed", "確認"),
    ]
    assert items[0].title == "時効まで29日（2026-06-30）: 更新・完成猶予の手段を検討"
    # The date stays a date below the window, which writes it in 和暦 itself.
    assert items[0].phrase.param("on") == date(2026, 6, 30)
    assert items[0].phrase.text(format_wareki) == "時効まで29日（令和8年6月30日）: 更新・完成猶予の手段を検討"
    # the call is due 11 days after the demand of 5/8 (5/19), to be done by 30 days after
    # (6/7, a Sunday: the deadline is the next open day, 6/8)
    assert (items[2].title, items[2].due_on) == ("電話・訪問による催告（期限 2026-06-08）", date(2026, 5, 19))
    assert items[3].title == "時効完成（2026-03-31）: 不納欠損が必要"
    assert items[1].claim.debtor_name == "鈴木 花子" and items[1].claim.balance == 80000


def test_filters_by_kind_claim_type_legal_nature_and_urgency(led):
    assert rows(worklist(led, TODAY, WorklistFilter(kinds=frozenset({cw.WorkKind.STEP})))) == [
        ("W", "step", "OVERDUE"), ("A", "step", "DUE")]
    assert {r[0] for r in rows(worklist(led, TODAY, WorklistFilter(claim_type=RENT.name)))} == {"A"}
    assert {r[0] for r in rows(worklist(led, TODAY, WorklistFilter(legal_nature=LegalNature.PUBLIC)))} == {"W", "X"}
    urgent = worklist(led, TODAY, WorklistFilter(urgencies=frozenset({cw.Urgency.URGENT})))
    assert rows(urgent) == [("W", "limitation_near", "URGENT")]
    assert urgent.counts[cw.WorkKind.STEP] == 2  # counts are before the filters on items


def test_a_step_due_while_nobody_looked_is_there_the_next_time(led):
    # nobody opened the program in June: on 7/1 the call is simply overdue
    (item,) = [i for i in worklist(led, date(2026, 7, 1)).items if i.claim.claim_id == "A"]
    assert (item.kind, item.urgency) == (cw.WorkKind.STEP, cw.Urgency.OVERDUE)


def test_a_clerks_next_action_comes_due(led):
    cw.log_contact(led, "A", "電話", "本人不在、家族に伝言", on=date(2026, 5, 20), next_action="再度電話",
                   next_action_on=date(2026, 5, 27), today=TODAY, party="family")
    items = [i for i in worklist(led, TODAY).items if i.claim.claim_id == "A"]
    assert [(i.kind.value, i.title) for i in items if i.kind is cw.WorkKind.NEXT_ACTION] == [
        ("next_action", "再度電話（予定 2026-05-27）")]
    cw.log_contact(led, "A", "電話", "本人と話した", on=date(2026, 5, 28), today=TODAY)
    assert cw.WorkKind.NEXT_ACTION not in {i.kind for i in worklist(led, TODAY).items}


def test_a_broken_promise_and_a_returned_letter(led):
    cw.record_promise(led, "A", 20000, date(2026, 5, 25), on=date(2026, 5, 15), today=TODAY)
    letter = cw.log_contact(led, "W", "文書発送", "催告書", letter_kind="reminder", on=date(2026, 5, 10), today=TODAY)
    cw.mark_letter_returned(led, letter.entry_id, on=date(2026, 5, 20), today=TODAY)
    result = worklist(led, TODAY)
    by_kind = {i.kind: i for i in result.items}
    assert by_kind[cw.WorkKind.PROMISE_BROKEN].title == "納付約束 20,000円（2026-05-25まで）不履行（納付 0円）"
    assert by_kind[cw.WorkKind.LETTER_RETURNED].claim.claim_id == "W"
    assert "所在調査" in by_kind[cw.WorkKind.LETTER_RETURNED].title


def test_the_worklist_and_the_claim_page_agree(led):
    cw.record_promise(led, "A", 20000, date(2026, 5, 25), on=date(2026, 5, 15), today=TODAY)
    for claim_id in ("A", "W", "X"):
        page = cw.claim_casework(led, claim_id, TODAY).work_items
        listed = tuple(i for i in worklist(led, TODAY).items if i.claim.claim_id == claim_id)
        assert page == listed


def test_a_longer_warning_is_a_setting(led):
    cw.set_casework_setting(led, "limitation.warn_days", 2000)
    assert ("A", "limitation_near", "DUE") in rows(worklist(led, TODAY))


def test_a_part_payment_on_an_old_claim_takes_it_off_the_limitation_warning(led):
    entries.record_event(led, "W", EventKind.RECEIPT, date(2025, 1, 10), 1000)
    assert cw.WorkKind.LIMITATION_NEAR not in {i.kind for i in worklist(led, TODAY).items}


def test_on_a_demo_ledger_the_worklist_says_what_each_claim_page_says(tmp_path):
    """The worklist skips reading the receipts of claims whose limitation cannot be near;
    the claim page reads them all. Both must give the same items."""
    from claimdesk.services.demo import fill_demo

    today = date(2027, 12, 1)  # a year after the demo's last day: a limitation date is near
    with Ledger.open(tmp_path / "demo.sqlite3") as demo:
        fill_demo(demo, "small", today=date(2026, 11, 30))
        listed = worklist(demo, today)
        assert any(i.kind is cw.WorkKind.LIMITATION_NEAR for i in listed.items)
        by_claim = {}
        for item in listed.items:
            by_claim.setdefault(item.claim.claim_id, []).append(item)
        for claim_id, items in sorted(by_claim.items()):
            assert list(cw.claim_casework(demo, claim_id, today).work_items) == items


def test_claims_with_nothing_logged_share_the_work_out_but_keep_their_own_lines(led):
    # Y and Z: welfare like W, due the same day, nothing logged: one assessment made for all three
    entries.add_debtor(led, Debtor("D4", "佐藤 次郎"))
    entries.add_claim(led, Claim("Y", "D4", WELFARE.name, 2021, date(2021, 6, 1), 70000, date(2021, 6, 30)))
    entries.add_claim(led, Claim("Z", "D3", WELFARE.name, 2021, date(2021, 6, 1), 60000, date(2021, 6, 30)))
    items = [i for i in worklist(led, TODAY).items if i.claim.claim_id in "WYZ"]
    assert [(i.claim.claim_id, i.claim.debtor_id, i.claim.debtor_name, i.claim.balance, i.kind.value)
            for i in items] == [
        ("W", "D2", "鈴木 花子", 80000, "limitation_near"), ("Y", "D4", "佐藤 次郎", 70000, "limitation_near"),
        ("Z", "D3", "田中 一郎", 60000, "limitation_near"),
        ("W", "D2", "鈴木 花子", 80000, "step"), ("Y", "D4", "佐藤 次郎", 70000, "step"),
        ("Z", "D3", "田中 一郎", 60000, "step")]
    # each is what the claim's own worklist says (named claims: nothing shared)
    for claim_id in "WYZ":
        alone = worklist(led, TODAY, claim_ids=[claim_id]).items
        assert [i for i in items if i.claim.claim_id == claim_id] == list(alone)
