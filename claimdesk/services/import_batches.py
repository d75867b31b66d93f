"""Import batches: the same content is not imported twice by mistake, and a batch can be
taken back as a whole by reversal entries (nothing is deleted; docs/exchange-format.md §2)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..domain.claims import EventKind, new_event, reversal_of
from ..domain.dates import format_wareki_time
from ..domain.enforcement import required
from ..domain.errors import REASONS, Refusal
from ..storage.imports import ImportBatch
from ..storage.ledger import Ledger
from .files import file_sha256

REASONS.update({
    "already_imported": "{file}: この内容は {when} に取り込み済みです（取込み番号 {batch_id}、{operator}、{source}）",
    "already_imported_reversed": "{file}: この内容は {when} に取り込み済みです（取込み番号 {batch_id}、{operator}、"
                                 "{source}、{undone} に取消済み）",
    "batch_unknown": "取込み番号 {batch_id} はありません",
    "batch_reversed": "取込み番号 {batch_id} は {day} {time} に取り消し済みです",
    "batch_entered_after": "債権 {claim_id} には取込みの後に入力された{kind}（{on}、{amount:,}円）"
                           "があります。先にその取引を取り消してください（ほか{more}件）",
})

__all__ = ["EMPTY_SHA256", "AlreadyImported", "ImportBatch", "ReversedBatch", "batches", "check_new_content",
           "file_sha256", "reverse_batch"]

# A batch's claims file when it had none (money events alone, or a receipt file).
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


class AlreadyImported(Refusal):
    """The file's content was imported before; nothing was imported now. `batch` is the earlier one.

    Its times are written in 和暦 for both faces alike (the command line has always said them
    so), as data beside the batch's number, operator and file."""

    def __init__(self, file: str, batch: ImportBatch):
        self.file, self.batch = file, batch
        undone = format_wareki_time(batch.reversed_at) if batch.reversed_at is not None else None
        super().__init__(None, "already_imported_reversed" if undone else "already_imported", file=file,
                         when=format_wareki_time(batch.imported_at), batch_id=batch.batch_id,
                         operator=batch.operator, source=batch.claims_file or batch.transactions_file,
                         undone=undone or "")


@dataclass(frozen=True)
class ReversedBatch:
    """What reversing a batch wrote."""

    batch_id: int
    events_reversed: int
    claims_cancelled: int


def batches(ledger: Ledger) -> list[ImportBatch]:
    """Every import batch of the ledger, newest first."""
    return ledger.imports.all()


def check_new_content(ledger: Ledger, files: dict[str, str], again_reason: str | None) -> bool:
    """Refuse (AlreadyImported) a file whose content an earlier batch imported, unless a
    reason for importing it again is given; whether it is such a repeat.
    `files`: file as named → SHA-256."""
    if again_reason is not None:
        required("reason", "もう一度取り込む理由", again_reason)
    for file, sha in files.items():
        if (batch := ledger.imports.with_content(sha)) is not None:
            if again_reason is None:
                raise AlreadyImported(file, batch)
            return True
    return False


def reverse_batch(ledger: Ledger, batch_id: int, reason: str) -> ReversedBatch:
    """Take back a whole batch: each of its money events reversed, each of its claims
    reduced to nothing by a 調定減 on its assessment date and fiscal year.

    Refused while the batch's claims carry later entries (a receipt entered after the
    import): those are undone first, by the clerk who knows what they were.
    """
    batch = ledger.imports.get(batch_id)
    if batch is None:
        raise Refusal("batch", "batch_unknown", batch_id=batch_id)
    if batch.reversed_at is not None:
        raise Refusal("batch", "batch_reversed", batch_id=batch_id, day=batch.reversed_at.date(),
                      time=f"{batch.reversed_at:%H:%M}")
    required("reason", "取消の理由", reason)
    if later := ledger.imports.later_events(batch_id):
        e = later[0]
        raise Refusal("batch", "batch_entered_after", claim_id=e.claim_id, kind=e.kind.label, on=e.date,
                      amount=e.amount, more=len(later) - 1)
    note = f"取込み取消（取込み番号 {batch_id}）: {reason.strip()}"
    events = ledger.imports.open_events(batch_id)
    claims = ledger.imports.claims(batch_id)
    entries = [reversal_of(e, note) for e in events]
    entries += [new_event(c, EventKind.ADJUSTMENT, c.assessed_on, -c.amount,
                          accounting_year=c.fiscal_year, note=note) for c in claims]
    with ledger.atomic():
        ledger.add_events(entries, source=f"import-reversal:{batch_id}")
        ledger.imports.add_reversal(batch_id, reason.strip(), len(events), len(claims))
    return ReversedBatch(batch_id, len(events), len(claims))
