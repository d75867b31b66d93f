"""Guarantors and heirs added, ended and replaced; signed pledges recorded as printed; SMS."""

import sqlite3
from datetime import date

import pytest

from claimdesk.domain.claims import ClaimType, Guarantor, LegalNature
from claimdesk.domain.contacts import Channel, LegalEffect, Party
from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.letters import LetterKind
from claimdesk.services import casework
from claimdesk.services.letter_log import confirm_sent
from claimdesk.services.letters import render_batch
from claimdesk.services.parties import add_party, end_party, replace_party
from claimdesk.services.signed_letters import record_signed_letter, signable_letters

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
TODAY = date(2026, 11, 30)


@pytest.fixture
def ledger(rent_ledger):
    return rent_ledger


def test_an_heir_added_to_every_claim_and_a_guarantor_replaced_keep_their_history(ledger, tmp_path):
    heir_ids = add_party(ledger, ["A", "B"], Guarantor("", "山田 花子", address="目黒区八雲1-1", relation="長女"),
                         "heir", on=date(2026, 10, 1), today=TODAY)
    (old,) = add_party(ledger, "A", Guarantor("", "佐藤 一郎", address="港区芝1-1"), "guarantor", on=date(2026, 5, 1),
                       today=TODAY)
    new = replace_party(ledger, old, Guarantor("", "佐藤 二郎", address="港区芝2-2"), date(2026, 11, 2),
                        "保証人の死亡", today=TODAY)
    parties = {p.name: p for p in casework.liable_parties(ledger, "A")}
    assert (parties["山田 花子"].role, parties["山田 花子"].party_id) == ("heir", heir_ids[0])
    gone = parties["佐藤 一郎"]
    assert (gone.ended_on, gone.replaced_by, gone.end_reason) == (date(2026, 11, 2), new, "保証人の死亡（後任: 佐藤 二郎）")
    assert gone.liable_on(date(2026, 11, 1)) and not gone.liable_on(date(2026, 11, 2))
    assert parties["佐藤 二郎"].ended_on is None
    # Letters go to those liable on the day of issue: the ended guarantor gets none.
    assert "佐藤 一郎" in [g.name for g in ledger.guarantors("A", as_of=date(2026, 11, 1))]
    assert [g.name for g in ledger.guarantors("A", as_of=TODAY)] == ["山田 花子", "佐藤 二郎"]
    batch = render_batch(ledger, LetterKind.GUARANTOR, tmp_path / "g.pdf", TODAY, claim_ids=["A"])
    assert [r.recipient for r in batch.letters] == ["佐藤 二郎"]  # the heir gets the debtor's letters instead
    # The log tells who was liable when; the end is append-only.
    summaries = [line.entry.summary for line in casework.contact_log(ledger, claim_id="A")]
    assert "連帯保証人 佐藤 一郎 の責任終了: 保証人の死亡（後任: 佐藤 二郎）" in summaries
    assert "相続人 山田 花子 を登録（長女）" in summaries
    with pytest.raises(InvalidValue, match="終了を記録済み"):
        end_party(ledger, old, TODAY, "重ねて", today=TODAY)
    conn = sqlite3.connect(ledger.path)
    with pytest.raises(sqlite3.DatabaseError, match="追記のみ"):
        conn.execute("DELETE FROM liable_party_ends")
    conn.close()


def test_ending_needs_a_reason_and_a_day_not_in_the_future(ledger):
    (pid,) = add_party(ledger, "A", Guarantor("", "佐藤 一郎"), today=TODAY)
    with pytest.raises(InvalidValue) as e:
        end_party(ledger, pid, TODAY, "  ", today=TODAY)
    assert e.value.field == "reason"
    with pytest.raises(InvalidValue) as e:
        end_party(ledger, pid, date(2026, 12, 1), "解除", today=TODAY)
    assert e.value.field == "on"
    assert casework.liable_parties(ledger, "A")[0].ended_on is None


def test_a_signed_pledge_is_recorded_from_the_printed_schedule(ledger, tmp_path):
    batch = render_batch(ledger, LetterKind.INSTALMENT_PLEDGE, tmp_path / "p.pdf", TODAY, claim_ids=["A", "B"],
                         instalments=4, first_due=date(2026, 12, 28))
    (sent,) = confirm_sent(ledger, batch, TODAY)
    (waiting,) = signable_letters(ledger, "A")
    assert waiting.entry.entry_id == sent.entry_id
    assert [(i.seq, i.due_on, i.amount) for i in waiting.schedule] == [
        (1, date(2026, 12, 28), 20_000), (2, date(2027, 1, 28), 20_000), (3, date(2027, 3, 1), 20_000),
        (4, date(2027, 3, 29), 20_000)]  # 2/28 is a Sunday, 3/28 a Sunday: the next open day
    entry = record_signed_letter(ledger, sent.entry_id, date(2026, 12, 3), today=date(2026, 12, 4))
    assert (entry.channel, entry.letter_kind, entry.legal_effect, entry.on) == (
        Channel.LETTER_IN, LetterKind.INSTALMENT_PLEDGE, LegalEffect.ACKNOWLEDGMENT, date(2026, 12, 3))
    assert entry.document_hash == sent.document_hash
    view = casework.claim_casework(ledger, "A", date(2026, 12, 4))
    (plan,) = view.plans
    assert [(line.instalment.due_on, line.instalment.amount) for line in plan.lines] == [
        (i.due_on, i.amount) for i in waiting.schedule]
    # The signature renews the limitation from the day signed (民法152条).
    assert view.limitation.limitation_date == date(2031, 12, 3)
    assert signable_letters(ledger, "A") == []
    with pytest.raises(InvalidValue, match="すでに記録"):
        record_signed_letter(ledger, sent.entry_id, date(2026, 12, 3), today=date(2026, 12, 4))


def test_a_signed_acknowledgment_renews_the_limitation(ledger, tmp_path):
    batch = render_batch(ledger, LetterKind.ACKNOWLEDGMENT, tmp_path / "a.pdf", TODAY, claim_ids=["B"])
    (sent,) = confirm_sent(ledger, batch, TODAY)
    with pytest.raises(InvalidValue) as e:
        record_signed_letter(ledger, sent.entry_id, date(2026, 11, 29), today=TODAY)
    assert e.value.field == "signed_on"
    entry = record_signed_letter(ledger, sent.entry_id, TODAY, today=TODAY)
    assert (entry.letter_kind, entry.legal_effect, entry.claim_ids) == (
        LetterKind.ACKNOWLEDGMENT, LegalEffect.ACKNOWLEDGMENT, ("B",))
    assert casework.claim_casework(ledger, "B", TODAY).limitation.limitation_date == date(2031, 11, 30)


def test_sms_is_a_channel_of_the_log(ledger):
    e = casework.log_contact(ledger, "A", "SMS", "納付のお願いをSMSで送信", on=TODAY, today=TODAY)
    assert e.channel is Channel.SMS and casework.contact_log(ledger, claim_id="A")[0].entry.channel is Channel.SMS


def test_a_retracted_entry_stays_listed_struck_through(ledger):
    e = casework.log_contact(ledger, "A", "電話", "別人の記録を誤って入力", on=TODAY, today=TODAY)
    r = casework.retract_entry(ledger, e.entry_id, "別の債務者の記録")
    assert casework.contact_log(ledger, claim_id="A") == []
    (line,) = casework.contact_log(ledger, claim_id="A", with_retracted=True)
    assert (line.entry.entry_id, line.retracted_by.entry_id, line.is_current) == (e.entry_id, r.entry_id, False)


def test_an_heir_gets_the_debtors_letters_in_their_own_name_and_a_guarantor_only_theirs(ledger, tmp_path):
    add_party(ledger, ["A", "B"], Guarantor("", "山田 花子", postal_code="152-0023", address="目黒区八雲1-1"), "heir",
              today=TODAY)
    add_party(ledger, ["A", "B"], Guarantor("", "山田 一郎", address="大田区蒲田2-2"), "heir", today=TODAY)
    add_party(ledger, "A", Guarantor("", "佐藤 一郎", address="港区芝1-1"), today=TODAY)
    demand = render_batch(ledger, LetterKind.REMINDER, tmp_path / "r.pdf", TODAY, claim_ids=["A", "B"])
    # One letter per heir (both claims), and the guarantor's copy once, of the claim they guarantee.
    assert sorted((r.recipient, r.claim_ids, r.to_guarantor, r.copy) for r in demand.letters) == [
        ("佐藤 一郎", ("A",), True, True), ("山田 一郎", ("A", "B"), False, False),
        ("山田 花子", ("A", "B"), False, False)]
    sent = confirm_sent(ledger, demand, TODAY)
    to_heirs = [e for e in casework.contact_log(ledger, debtor_id="D1") if e.entry.letter_kind is LetterKind.REMINDER
                and not e.entry.party_name.startswith("佐藤")]
    assert len(to_heirs) == 2 == len([s for s in sent if not s.to_guarantor])
    # A 催告 to an heir binds the debtor's estate: it suspends the limitation like one to the debtor.
    assert {(line.entry.party.value, line.entry.legal_effect) for line in to_heirs} == {("heir", LegalEffect.REMINDER)}
    guarantor = render_batch(ledger, LetterKind.GUARANTOR, tmp_path / "g.pdf", TODAY, claim_ids=["A", "B"])
    assert [r.recipient for r in guarantor.letters] == ["佐藤 一郎"]


def test_a_pledge_signed_by_the_heir_it_was_sent_to_is_the_heirs_acknowledgment(ledger, tmp_path):
    (heir,) = add_party(ledger, "A", Guarantor("", "山田 花子", address="目黒区八雲1-1"), "heir", today=TODAY)
    batch = render_batch(ledger, LetterKind.INSTALMENT_PLEDGE, tmp_path / "p.pdf", TODAY, claim_ids=["A"],
                         instalments=2, first_due=date(2026, 12, 28))
    (sent,) = confirm_sent(ledger, batch, TODAY)
    assert sent.recipient == "山田 花子"
    entry = record_signed_letter(ledger, sent.entry_id, TODAY, today=TODAY)
    assert (entry.party, entry.liable_party_id, entry.legal_effect) == (Party.HEIR, heir, LegalEffect.ACKNOWLEDGMENT)
    assert casework.claim_casework(ledger, "A", TODAY).limitation.limitation_date == date(2031, 11, 30)
