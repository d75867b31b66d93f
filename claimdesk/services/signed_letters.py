"""A 分納誓約書 or 債務承認書 that was sent comes back signed: record it as it was printed.

Confirming a batch of pledges keeps each letter's printed schedule (storage.parties). The
clerk then picks the letter that came back and the day it was signed; the plan is made
from that schedule (an acknowledgment, renewing the limitation from the day signed), or
for a 債務承認書 an acknowledgment entry on the claims it listed. Each letter is answered
once (signed_returns).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.contacts import Channel, ContactEntry, LegalEffect, LetterKind, Party
from ..domain.dates import format_wareki
from ..domain.errors import REASONS, Refusal
from ..domain.instalments import Instalment, PlanKind
from ..domain.money import format_yen
from ..storage.ledger import Ledger
from .arrangements import create_instalment_plan
from .casework_view import contact_log
from .contact_log import log_contact

SIGNABLE = (LetterKind.INSTALMENT_PLEDGE, LetterKind.ACKNOWLEDGMENT)

REASONS.update({
    "signable_letter_required": "分納誓約書か債務承認書の発送記録を選んでください",
    "signed_before_sent": "署名日が発送日（{sent_on}）より前です",
    "signed_already": "この文書の署名済みの返送はすでに記録しています",
    "pledge_without_schedule": "この誓約書には印刷した分納の予定が記録されていません（分納誓約を作成してください）",
    "pledge_unreadable": "分納誓約の記録を読み直せません",
})


@dataclass(frozen=True)
class SignableLetter:
    """A pledge or acknowledgment sent to the debtor and not yet recorded as signed."""

    entry: ContactEntry  # the letter-out entry
    schedule: tuple[Instalment, ...]  # as printed (a pledge's; empty for an acknowledgment)

    @property
    def kind(self) -> LetterKind:
        return self.entry.letter_kind or LetterKind.ACKNOWLEDGMENT  # always set on the letters listed

    @property
    def entry_id(self) -> int:
        return self.entry.entry_id or 0  # read back from the ledger: always set

    @property
    def total(self) -> int:
        return sum(i.amount for i in self.schedule)


def signable_letters(ledger: Ledger, claim_id: str) -> list[SignableLetter]:
    """The claim's sent pledges and acknowledgments awaiting the signed copy, newest first."""
    lines = [line for line in contact_log(ledger, claim_id=claim_id)
             if line.entry.channel is Channel.LETTER_OUT and line.entry.letter_kind in SIGNABLE
             and line.entry.party in (Party.DEBTOR, Party.HEIR) and line.returned is None]
    ids = [line.entry.entry_id or 0 for line in lines]  # entries read back always have their id
    answered = ledger.parties.signed_return_of(ids)
    return [SignableLetter(line.entry, tuple(ledger.parties.letter_schedule(entry_id)))
            for line, entry_id in zip(lines, ids) if entry_id not in answered]


def record_signed_letter(ledger: Ledger, letter_entry_id: int, signed_on: date, *,
                         today: date | None = None) -> ContactEntry:
    """The signed copy of the letter came back: the plan or the acknowledgment, from what was printed."""
    letter = ledger.casework.entry(letter_entry_id)
    if letter is None or letter.channel is not Channel.LETTER_OUT or letter.letter_kind not in SIGNABLE:
        raise Refusal("letter", "signable_letter_required")
    if signed_on < letter.on:
        raise Refusal("signed_on", "signed_before_sent", sent_on=letter.on)
    if ledger.parties.signed_return_of([letter_entry_id]):
        raise Refusal("letter", "signed_already")
    source = f"No.{letter_entry_id}（{format_wareki(letter.on)}発送）の{letter.letter_kind.label}が署名されて返送"
    with ledger.atomic():
        if letter.letter_kind is LetterKind.INSTALMENT_PLEDGE:
            schedule = ledger.parties.letter_schedule(letter_entry_id)
            if not schedule:
                raise Refusal("letter", "pledge_without_schedule")
            plan = create_instalment_plan(
                ledger, list(letter.claim_ids), signed_on=signed_on, kind=PlanKind.PLEDGE,
                schedule=[(i.due_on, i.amount) for i in schedule], today=today,
                summary=f"{source}: 総額{format_yen(sum(i.amount for i in schedule))}、{len(schedule)}回",
                document_hash=letter.document_hash, document_path=letter.document_path,
                party=letter.party, liable_party_id=letter.liable_party_id)  # the debtor, or the heir written to
            entry = ledger.casework.entry(plan.entry_id or 0)
            if entry is None:  # written just above, in this transaction
                raise Refusal("letter", "pledge_unreadable")
        else:
            entry = log_contact(ledger, list(letter.claim_ids), Channel.LETTER_IN, source, on=signed_on,
                                letter_kind=LetterKind.ACKNOWLEDGMENT, legal_effect=LegalEffect.ACKNOWLEDGMENT,
                                document_hash=letter.document_hash, document_path=letter.document_path,
                                party=letter.party, liable_party_id=letter.liable_party_id, today=today)
        ledger.parties.add_signed_return(letter_entry_id, entry.entry_id or 0)  # read back: always set
    return entry
