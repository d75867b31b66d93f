"""Confirming a printed batch: a copy kept by hash beside the ledger, one log entry per letter."""

from datetime import date

import pytest

from claimdesk.domain.claims import ClaimType, Guarantor, LegalNature
from claimdesk.domain.contacts import Channel, LegalEffect, Party
from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.letters import LetterKind
from claimdesk.services import casework
from claimdesk.services.letter_log import confirm_sent, file_hash, letter_returned
from claimdesk.services.letters import due_claim_ids, render_batch

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
TODAY = date(2026, 11, 30)


@pytest.fixture
def ledger(rent_ledger):
    rent_ledger.add_guarantor(Guarantor("B", "山田 次郎", address="東京都目黒区八雲1-1-4"))
    return rent_ledger


@pytest.fixture
def batch(ledger, tmp_path):
    return render_batch(ledger, LetterKind.REMINDER, tmp_path / "print" / "reminder.pdf", TODAY,
                        claim_ids=["A", "B"])


def log_of(ledger):
    return [line.entry for line in casework.contact_log(ledger, debtor_id="D1")]


def test_confirming_keeps_a_copy_and_logs_each_letter(ledger, batch):
    entries = confirm_sent(ledger, batch, date(2026, 12, 1))
    digest = file_hash(batch.path)
    copy = ledger.path.parent / "letters" / "2026" / f"2026-11-30-reminder-{digest[:12]}.pdf"
    assert copy.read_bytes() == batch.path.read_bytes()
    guarantor_id = ledger.guarantors("B")[0].guarantor_id
    assert [(e.recipient, e.claim_ids, e.to_guarantor, e.copy, e.pages, e.liable_party_id) for e in entries] == [
        ("山田 太郎", ("A", "B"), False, False, "1", None), ("山田 次郎", ("B",), True, True, "2", guarantor_id)]
    assert entries[1].summary.startswith("催告書（写）を送付（宛先: 連帯保証人 山田 次郎 様、letters/2026/")

    logged = {e.entry_id: e for e in log_of(ledger)}
    assert set(logged) == {e.entry_id for e in entries}
    to_debtor, to_guarantor = (logged[e.entry_id] for e in entries)
    assert (to_debtor.channel, to_debtor.letter_kind, to_debtor.on, to_debtor.claim_ids) == (
        Channel.LETTER_OUT, LetterKind.REMINDER, date(2026, 12, 1), ("A", "B"))
    assert to_debtor.document_hash == digest and to_debtor.document_path == "letters/2026/" + copy.name
    # A 催告 to the debtor suspends the limitation; the copy to a guarantor does nothing to it.
    assert to_debtor.legal_effect is LegalEffect.REMINDER and to_debtor.party is Party.DEBTOR
    assert to_guarantor.legal_effect is LegalEffect.NONE and to_guarantor.party is Party.GUARANTOR
    assert to_guarantor.liable_party_id == guarantor_id


def test_a_logged_demand_is_no_longer_due(ledger, tmp_path):
    assert due_claim_ids(ledger, LetterKind.DEMAND, TODAY) == ["A", "B"]
    demand = render_batch(ledger, LetterKind.DEMAND, tmp_path / "d.pdf", TODAY, due=True)
    confirm_sent(ledger, demand, TODAY)
    assert due_claim_ids(ledger, LetterKind.DEMAND, TODAY) == []
    assert casework.letters_sent(ledger, ["A"]) == {"A": {LetterKind.DEMAND: TODAY}}


def test_the_same_letter_is_not_logged_twice(ledger, batch):
    confirm_sent(ledger, batch, TODAY, which=[0])
    with pytest.raises(InvalidValue, match="山田 太郎 様あての催告書は、すでに発送を記録しています"):
        confirm_sent(ledger, batch, TODAY)
    assert len(log_of(ledger)) == 1
    assert [e.recipient for e in confirm_sent(ledger, batch, TODAY, which=[1])] == ["山田 次郎"]


def test_a_returned_letter_counts_for_nothing_and_asks_for_an_address_inquiry(ledger, tmp_path):
    demand = render_batch(ledger, LetterKind.DEMAND, tmp_path / "d.pdf", TODAY, claim_ids=["A"])
    (sent,) = confirm_sent(ledger, demand, TODAY)
    letter_returned(ledger, sent.entry_id, date(2026, 12, 4))
    assert casework.letters_sent(ledger, ["A"]) == {"A": {}}
    work = casework.worklist(ledger, date(2026, 12, 4)).items
    assert any(i.kind is casework.WorkKind.LETTER_RETURNED and i.claim.claim_id == "A" for i in work)


def test_nothing_is_kept_when_the_log_refuses(ledger, batch, monkeypatch):
    from claimdesk.services import letter_log

    def refuse(led, sent):
        raise InvalidValue("記録できません")

    monkeypatch.setattr(letter_log, "record_sent_letter", refuse)
    with pytest.raises(InvalidValue):
        confirm_sent(ledger, batch, TODAY)
    assert not any((ledger.path.parent / "letters").rglob("*.pdf")) and log_of(ledger) == []


def test_a_letter_cannot_be_sent_before_it_was_issued(ledger, batch):
    with pytest.raises(InvalidValue, match="sent_on: 発送日が発行日（2026-11-30）より前です"):
        confirm_sent(ledger, batch, date(2026, 11, 29))
