"""A sent letter's archive copy: written as .part, checked against its hash, renamed, and
only then logged; a copy whose hash differs is replaced; leftover .part files go."""

import os
from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.letters import LetterKind
from claimdesk.services import casework, files
from claimdesk.services.files import ArchiveMismatch
from claimdesk.services.letter_log import archive_path, confirm_sent, file_hash
from claimdesk.services.letters import render_batch
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def ledger(tmp_path, letters_ready):
    with Ledger.open(tmp_path / "dept" / "ledger.sqlite3") as led:
        letters_ready(led)
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎", address="東京都世田谷区三宿3-6-1"))
        led.add_claim(Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 40_000, date(2026, 4, 30)))
        yield led


@pytest.fixture
def batch(ledger, tmp_path):
    return render_batch(ledger, LetterKind.REMINDER, tmp_path / "print" / "reminder.pdf", date(2026, 11, 30),
                        claim_ids=["A"])


def _logged(ledger):
    return casework.contact_log(ledger, debtor_id="D1")


def test_a_damaged_existing_copy_is_replaced_not_trusted(ledger, batch):
    target = archive_path(ledger, batch, file_hash(batch.path))
    target.parent.mkdir(parents=True)
    target.write_bytes(b"%PDF-1.4 damaged")
    (target.parent / "2026-11-30-demand-0123456789ab.pdf.part").write_bytes(b"half")
    entries = confirm_sent(ledger, batch, date(2026, 12, 1))
    assert target.read_bytes() == batch.path.read_bytes()
    assert file_hash(target) == entries[0].document_hash
    assert not list(target.parent.glob("*.part"))


def test_a_copy_that_does_not_verify_logs_nothing_and_leaves_nothing(ledger, batch, monkeypatch):
    real = files.file_sha256
    target = archive_path(ledger, batch, file_hash(batch.path))

    def corrupted(path):  # what a failing disk or a concurrent write gives back
        return "0" * 64 if str(path).endswith(".part") else real(path)

    monkeypatch.setattr(files, "file_sha256", corrupted)
    with pytest.raises(ArchiveMismatch, match="文書の控えが元のPDFと一致しません"):
        confirm_sent(ledger, batch, date(2026, 12, 1))
    assert _logged(ledger) == []
    assert not target.exists() and not list(target.parent.glob("*.part"))


def test_the_copy_is_in_place_before_the_entry_is_written(ledger, batch, monkeypatch):
    from claimdesk.services import letter_log

    seen = []
    record = letter_log.record_sent_letter

    def check_then_record(led, entry):
        path = led.path.parent / entry.document_path
        seen.append((path.exists(), file_hash(path) == entry.document_hash,
                     list(path.parent.glob("*.part"))))
        return record(led, entry)

    monkeypatch.setattr(letter_log, "record_sent_letter", check_then_record)
    confirm_sent(ledger, batch, date(2026, 12, 1))
    assert seen == [(True, True, [])]


def test_the_copy_is_renamed_not_written_in_place(ledger, batch, monkeypatch):
    replaced = []
    real = os.replace

    def spy(src, dst):
        replaced.append((str(src).endswith(".pdf.part"), str(dst).endswith(".pdf")))
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    confirm_sent(ledger, batch, date(2026, 12, 1))
    assert replaced == [(True, True)]
