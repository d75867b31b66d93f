"""Import batches: the same content is not imported twice by mistake, and a batch can be
taken back as a whole by reversal entries (nothing is deleted; docs/exchange-format.md §2)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..domain.claims import EventKind, new_event, reversal_of
from ..domain.dates import format_wareki_time
from ..domain.errors import ClaimDeskError, InvalidValue
from ..storage.imports import ImportBatch
from ..storage.ledger import Ledger
from .files import file_sha256

__all__ = ["EMPTY_SHA256", "AlreadyImported", "ImportBatch", "ReversedBatch", "batches", "check_new_content",
           "file_sha256", "reverse_batch"]

# A batch's claims file when it had none (money events alone, or a receipt file).
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


class AlreadyImported(ClaimDeskError):
    """The file's content was imported before; nothing was imported now."""

    def __init__(self, file: str, batch: ImportBatch):
        self.file, self.batch = file, batch
        when = format_wareki_time(batch.imported_at)
        undone = f"、{format_wareki_time(batch.reversed_at)} に取消済み" if batch.reversed_at is not None else ""
        super().__init__(f"{file}: この内容は {when} に取り込み済みです（取込み番号 {batch.batch_id}、"
                         f"{batch.operator}、{batch.claims_file or batch.transactions_file}{undone}）")


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
    if again_reason is not None and not again_reason.strip():
        raise InvalidValue("もう一度取り込む理由を入力してください", "reason")
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
        raise InvalidValue(f"取込み番号 {batch_id} はありません", "batch")
    if batch.reversed:
        raise InvalidValue(f"取込み番号 {batch_id} は {batch.reversed_at:%Y-%m-%d %H:%M} に取り消し済みです", "batch")
    if not reason.strip():
        raise InvalidValue("取消の理由を入力してください", "reason")
    if later := ledger.imports.later_events(batch_id):
        e = later[0]
        raise InvalidValue(
            f"債権 {e.claim_id} には取込みの後に入力された{e.kind.label}（{e.date.isoformat()}、{e.amount:,}円）"
            f"があります。先にその取引を取り消してください（ほか{len(later) - 1}件）", "batch")
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
