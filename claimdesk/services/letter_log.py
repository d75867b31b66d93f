"""The clerk confirms a printed batch was sent: a copy is kept and each letter is logged.

Why only on confirmation: a batch may be printed twice, thrown away or never posted, and
a letter in the log moves the limitation clock (a 督促 renews a public claim, a 催告
suspends) and the guided steps. So printing writes nothing; confirming writes, for each
letter, one contact-log entry on the claims it lists (letter out, kind, date, recipient)
with the SHA-256 of the PDF and the path of its copy kept beside the ledger. The 納付書
printed with a letter (or alone) are recorded then too, pointing at that entry, so that a
receipt file can find their claim by 納付番号.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..domain.errors import REASONS, Refusal
from ..domain.letters import SentLetter
from ..storage.ledger import Ledger
from .files import file_sha256, verified_copy
from .letter_hooks import logged_entry, mark_returned, record_sent_letter
from .letters import LetterBatch
from .payment_slips import record_enclosed

REASONS.update({
    "ledger_in_memory": "保存先のない台帳（メモリ上の台帳）では文書の控えを残せません",
    "printed_pdf_missing": "印刷したPDFが見つかりません: {path}",
    "letter_already_sent": "{recipient} 様あての{kind}は、すでに発送を記録しています（交渉記録 {entry_id}）",
})

ARCHIVE_FOLDER = "letters"  # beside the ledger file: <ledger folder>/letters/<year>/…


def file_hash(path: Path) -> str:
    """SHA-256 of a file, in hex."""
    return file_sha256(path)


def archive_path(ledger: Ledger, batch: LetterBatch, digest: str) -> Path:
    """Where the copy of a batch is kept: named by date, kind and hash, so never overwritten."""
    if ledger.path is None:
        raise Refusal("ledger", "ledger_in_memory")
    name = f"{batch.issued_on.isoformat()}-{batch.kind.value}-{digest[:12]}.pdf"
    return ledger.path.parent / ARCHIVE_FOLDER / str(batch.issued_on.year) / name


def sent_letters(ledger: Ledger, batch: LetterBatch, sent_on: date, digest: str,
                 which: Sequence[int] | None = None) -> list[SentLetter]:
    """The log entries confirming letters `which` (indexes into the batch; all if None)."""
    assert ledger.path is not None  # letters are archived beside a ledger on disk
    relative = archive_path(ledger, batch, digest).relative_to(ledger.path.parent).as_posix()
    chosen = range(len(batch.letters)) if which is None else which
    out = []
    for i in chosen:
        r = batch.letters[i]
        last = r.first_page + r.pages - 1
        pages = str(r.first_page) if r.pages == 1 else f"{r.first_page}–{last}"
        out.append(SentLetter(r.debtor_id, r.claim_ids, r.kind, sent_on, r.recipient, r.to_guarantor,
                              r.copy, digest, relative, pages, r.liable_party_id, schedule=r.schedule,
                              recipient_kind=r.recipient_kind))
    return out


def confirm_sent(ledger: Ledger, batch: LetterBatch, sent_on: date,
                 which: Sequence[int] | None = None) -> list[SentLetter]:
    """Keep a copy of the batch PDF beside the ledger and log its letters as sent on `sent_on`.

    All entries are written together or none; a copy made for entries that could not be
    written is removed again.
    """
    if sent_on < batch.issued_on:
        raise Refusal("sent_on", "sent_before_issued", issued_on=batch.issued_on)
    if not batch.path.exists():
        raise Refusal("batch", "printed_pdf_missing", path=str(batch.path))
    digest = file_hash(batch.path)
    entries = sent_letters(ledger, batch, sent_on, digest, which)
    for entry in entries:
        if (done := logged_entry(ledger, entry)) is not None:
            raise Refusal("batch", "letter_already_sent", recipient=entry.recipient, kind=entry.kind.label,
                          entry_id=done)
    target = archive_path(ledger, batch, digest)
    # The copy is in place and proven identical before any entry says it exists.
    created = not target.exists()
    verified_copy(batch.path, target, digest)
    chosen = range(len(batch.letters)) if which is None else which
    relative = entries[0].document_path if entries else ""  # the kept copy, relative to the ledger
    try:
        with ledger.atomic():
            recorded: list[SentLetter] = []
            for i, entry in zip(chosen, entries):
                recorded.append(replace(entry, entry_id=record_sent_letter(ledger, entry)))
                record_enclosed(ledger, batch.letters[i].slips, entry_id=recorded[-1].entry_id,
                                batch_path=relative, batch_hash=digest)
            return recorded
    except BaseException:
        if created:
            target.unlink(missing_ok=True)
        raise


def letter_returned(ledger: Ledger, entry_id: int, on: date, reason: str = "宛所不明") -> int:
    """A sent letter came back (宛所不明 …): it counts for nothing, and 所在調査 goes on the worklist."""
    return mark_returned(ledger, entry_id, on, reason)
