"""One date, one set of figures: register, claim page, 本日の作業, letters and the summary agree.

A ledger written before events after today were refused may still hold one: K1 (4,700円,
due 2026-06-30) was paid 900円 on 2026-07-10, and a receipt of 2,900円 is dated 2026-12-15.
On 2026-11-30 every view must say 3,800円 (the claim page said 900円 while the 督促状
demanded 3,800円).
"""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event
from claimdesk.domain.letters import LetterKind
from claimdesk.domain.register import RegisterQuery
from claimdesk.domain.worklist import Urgency, WorkKind
from claimdesk.services import entries
from claimdesk.services.department import set_department
from claimdesk.services.details import claim_detail, debtor_detail
from claimdesk.services.letters import prepare_letters
from claimdesk.services.register import register_page
from claimdesk.services.summary_export import build_summary
from claimdesk.services.worklist import WorklistFilter, worklist
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
DAY = date(2026, 11, 30)


@pytest.fixture
def led(tmp_path, letters_ready):
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        letters_ready(led)
        set_department(led, "T01", "住宅課")
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎", address="東京都世田谷区三宿3-6-1"))
        k1 = Claim("K1", "D1", RENT.name, 2026, date(2026, 6, 1), 4_700, date(2026, 6, 30))
        led.add_claims([k1])
        led.add_event(new_event(k1, EventKind.RECEIPT, date(2026, 7, 10), 900))
        led.add_event(new_event(k1, EventKind.RECEIPT, date(2026, 12, 15), 2_900))  # an old ledger's row
        yield led


def figures_on(led, day):
    (row,) = register_page(led, RegisterQuery(), 0, 10, day)
    items = [i for i in worklist(led, day).items if i.claim.claim_id == "K1"]
    (letter,) = prepare_letters(led, LetterKind.DEMAND, ["K1"], day).letters
    current = next(r for r in build_summary(led, 2026, day) if r.category == "current")
    return {"register": row.balance, "claim page": claim_detail(led, "K1", day).balance,
            "debtor page": debtor_detail(led, "D1", day).total_owed,
            "worklist": items[0].claim.balance if items else None,
            "letter": letter.principal, "summary": current.outstanding}


def test_every_view_takes_the_balance_of_the_same_day(led):
    assert figures_on(led, DAY) == dict.fromkeys(
        ["register", "claim page", "debtor page", "worklist", "letter", "summary"], 3_800)
    assert figures_on(led, date(2026, 7, 9)) == dict.fromkeys(
        ["register", "claim page", "debtor page", "worklist", "letter", "summary"], 4_700)


def test_a_worklist_for_a_past_day_lists_a_claim_paid_since(led):
    k1 = led.claim("K1")
    led.add_event(new_event(k1, EventKind.RECEIPT, date(2026, 11, 1), 900))  # settled (with 12-15's)
    assert [i.claim.claim_id for i in worklist(led, date(2026, 12, 20)).items] == []
    past = worklist(led, date(2026, 8, 3))
    assert {(i.claim.claim_id, i.claim.balance) for i in past.items} == {("K1", 3_800)}
    (row,) = register_page(led, RegisterQuery(overdue_only=True), 0, 10, date(2026, 8, 3))
    assert (row.claim_id, row.balance) == ("K1", 3_800)
    assert register_page(led, RegisterQuery(overdue_only=True), 0, 10, date(2026, 12, 20)) == []


def test_overpayment_shows_as_a_refund_task_until_refunded(led):
    k1 = led.claim("K1")
    entries.record_event(led, "K1", EventKind.RECEIPT, date(2026, 11, 20), 1_000, today=DAY,
                         accept_overpayment=True)  # 3,800 + 1,000 with 12-15's: 100 over by then
    assert [(i.kind, i.claim.balance) for i in worklist(led, DAY).items] == [(WorkKind.STEP, 2_800)]
    day = date(2026, 12, 20)
    (item,) = worklist(led, day).items
    assert (item.kind, item.urgency, item.claim.balance, item.due_on) == (
        WorkKind.REFUND, Urgency.DUE, -100, date(2026, 12, 15))
    assert item.title == "過誤納金 100円 の還付（2026-12-15 の収納から）"
    assert claim_detail(led, "K1", day).overpaid == 100
    assert worklist(led, day, WorklistFilter(kinds=frozenset({WorkKind.STEP}))).counts == {WorkKind.REFUND: 1}
    led.add_event(new_event(k1, EventKind.REFUND, date(2026, 12, 18), 100))
    assert worklist(led, day).items == ()
    assert worklist(led, date(2026, 12, 17)).items[0].kind is WorkKind.REFUND  # before the refund


def test_the_summary_shows_the_excess_as_refund_unpaid_per_contract(led):
    entries.record_event(led, "K1", EventKind.RECEIPT, date(2026, 11, 20), 1_000, today=DAY,
                         accept_overpayment=True)
    rows = {r.category: r for r in build_summary(led, 2026, date(2026, 12, 20))}
    current = rows["current"]
    # outstanding = assessed - (collected + written_off) + refund_unpaid: 4,700 - 4,800 + 100 = 0
    assert (current.assessed, current.collected, current.refund_unpaid, current.outstanding,
            current.delinquent_debtors) == (4_700, 4_800, 100, 0, 0)
    led.add_event(new_event(led.claim("K1"), EventKind.REFUND, date(2026, 12, 18), 100))
    current = next(r for r in build_summary(led, 2026, date(2026, 12, 20)) if r.category == "current")
    assert (current.collected, current.refund_unpaid, current.outstanding) == (4_700, 0, 0)
