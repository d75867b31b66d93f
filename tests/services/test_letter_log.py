"""Confirming a printed batch: a copy kept by hash beside the ledger, one entry per letter."""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, Guarantor, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.letters import LetterKind
from claimdesk.services import letter_log
from claimdesk.services.letter_hooks import ContactLogMissing
from claimdesk.services.letter_log import confirm_sent, file_hash
from claimdesk.services.letters import render_batch
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
TODAY = date(2026, 11, 30)


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "dept" / "ledger.sqlite3") as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎", address="東京都世田谷区三宿3-6-1"))
        led.add_claims([Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 40_000, date(2026, 4, 30)),
                        Claim("B", "D1", RENT.name, 2026, date(2026, 5, 1), 40_000, date(2026, 5, 31))])
        led.add_guarantor(Guarantor("B", "山田 次郎", address="東京都目黒区八雲1-1-4"))
        yield led


@pytest.fixture
def batch(ledger, tmp_path):
    return render_batch(ledger, LetterKind.REMINDER, tmp_path / "print" / "reminder.pdf", TODAY,
                        claim_ids=["A", "B"])


def test_confirming_keeps_a_copy_and_logs_each_letter(ledger, batch, monkeypatch):
    written = []
    monkeypatch.setattr(letter_log, "record_sent_letter", lambda led, sent: written.append(sent) or len(written))
    entries = confirm_sent(ledger, batch, date(2026, 12, 1))
    digest = file_hash(batch.path)
    copy = ledger.path.parent / "letters" / "2026" / f"2026-11-30-reminder-{digest[:12]}.pdf"
    assert copy.read_bytes() == batch.path.read_bytes()
    assert written == entries
    guarantor_id = ledger.guarantors("B")[0].guarantor_id
    assert [(e.recipient, e.claim_ids, e.to_guarantor, e.copy, e.pages, e.liable_party_id) for e in entries] == [
        ("山田 太郎", ("A", "B"), False, False, "1", None), ("山田 次郎", ("B",), True, True, "2", guarantor_id)]
    assert all(e.document_hash == digest and e.document_path == copy.relative_to(ledger.path.parent).as_posix()
               and e.sent_on == date(2026, 12, 1) and e.kind is LetterKind.REMINDER for e in entries)
    assert entries[1].summary.startswith("催告書（写）を送付（宛先: 連帯保証人 山田 次郎 様、letters/2026/")


def test_only_the_letters_chosen_are_logged(ledger, batch, monkeypatch):
    monkeypatch.setattr(letter_log, "record_sent_letter", lambda led, sent: 1)
    assert [e.recipient for e in confirm_sent(ledger, batch, TODAY, which=[1])] == ["山田 次郎"]


def test_until_the_contact_log_exists_confirming_stops_and_keeps_nothing(ledger, batch):
    with pytest.raises(ContactLogMissing, match="発送を記録できません"):
        confirm_sent(ledger, batch, TODAY)
    assert not (ledger.path.parent / "letters").exists() or not any((ledger.path.parent / "letters").rglob("*.pdf"))


def test_a_letter_cannot_be_sent_before_it_was_issued(ledger, batch):
    with pytest.raises(InvalidValue, match="sent_on: 発送日が発行日（2026-11-30）より前です"):
        confirm_sent(ledger, batch, date(2026, 11, 29))
