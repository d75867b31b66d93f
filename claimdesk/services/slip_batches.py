"""A batch of 納付書 alone (the letters of kind 納付書): one PDF, a debtor's slips together.

It is a `LetterBatch` of kind 納付書 so that the preview, printing and the confirmation
of sending (which records the slips) are the letters' own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from ..domain.errors import Refusal
from ..domain.letter_rules import Unsendable
from ..letters.render import render_slips
from ..storage.ledger import Ledger
from .cancel import Progress
from .files import atomic_output
from .letters import LetterBatch, LetterRecord, LettersRefused, NothingToSend, check_claim_ids, checked_request
from .payment_slips import PAYMENT_SLIP, PreparedSlip, SlipMaker, overdue_claim_ids


def render_slip_batch(ledger: Ledger, output: str | Path, issued_on: date, *,
                      claim_ids: Sequence[str] | None = None, due: bool = False,
                      progress: Progress | None = None, strict: bool = False) -> LetterBatch:
    """Render 納付書 alone for the given claims (or every overdue one) into one PDF; returns a LetterBatch.

    One slip a page, a debtor's slips together (they go in one envelope). A claim with
    nothing owed is left out and listed in `skipped`; with `strict` the batch is refused.
    """
    output, settings = checked_request(ledger, output, claim_ids, due)
    ids = overdue_claim_ids(ledger, issued_on) if due else check_claim_ids(ledger, claim_ids or [])
    if due and not ids:
        raise Refusal("due", "none_due", issued_on=issued_on, kind=PAYMENT_SLIP.label)
    maker = SlipMaker(ledger, issued_on, settings)
    made: list[PreparedSlip] = []
    skipped: list[tuple[str, Unsendable]] = []
    for n, claim_id in enumerate(ids):
        if progress and n % 200 == 0:
            progress(n, len(ids))
        slip = maker.slip(claim_id)
        if isinstance(slip, PreparedSlip):
            made.append(slip)
        else:
            skipped.append((claim_id, slip))
    if strict and skipped:
        raise LettersRefused(PAYMENT_SLIP, skipped)
    if not made:
        raise NothingToSend(PAYMENT_SLIP, skipped)
    made.sort(key=lambda s: (s.debtor_id, s.nature.value, s.record.claim_id))
    with atomic_output(output) as tmp:
        render_slips([s.data for s in made], tmp, title=f"納付書（{len(made)}枚）", progress=progress)
    records, page = [], 1
    for (debtor_id, _), group in _by_debtor(made):
        records.append(LetterRecord(PAYMENT_SLIP, "", group[0].data.payer_name, debtor_id,
                                    tuple(s.record.claim_id for s in group), False, False, page, len(group),
                                    slips=tuple(s.record for s in group)))
        page += len(group)
    return LetterBatch(output, PAYMENT_SLIP, issued_on, tuple(records), tuple(skipped))


def _by_debtor(slips: Sequence[PreparedSlip]) -> Iterable[tuple[tuple[str, str], list[PreparedSlip]]]:
    """A debtor's slips, one group per legal kind (the contact log keeps kinds apart)."""
    groups: dict[tuple[str, str], list[PreparedSlip]] = {}
    for s in slips:
        groups.setdefault((s.debtor_id, s.nature.value), []).append(s)
    return groups.items()
