"""Where letters meet casework (issue #4): late charges, steps, the contact log, returns.

Each function is one call to services/casework.py: the letters never compute a charge,
decide a step or write the log themselves, so what a letter says and what the claim
page shows come from the same place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from ..domain.charges import late_charge_with_parts_paid
from ..domain.claims import Claim, LegalNature, MoneyEvent
from ..domain.instalments import Instalment
from ..domain.letters import LetterKind, SentLetter
from ..domain.money import Yen
from ..storage.ledger import Ledger
from . import casework
from .clock import today as clock_today


def late_charges(ledger: Ledger) -> Callable[[Claim, Sequence[MoneyEvent], date], Yen]:
    """A function giving a claim's 延滞金 / 遅延損害金 still owed on a day, as casework computes it.

    casework.late_charge(ledger, claim_id, day) reads the settings file for every claim,
    which took most of the time of a 1,000-letter batch; this reads them, and the 延滞金
    already paid at a store, once and calls the same domain function with the same rules
    (tests/services/test_letters.py holds the two to the same yen): a letter or 納付書
    never asks again for a late charge paid with an earlier 納付書.
    """
    settings = casework.casework_settings(ledger)
    nature = {t.name: t.legal_nature for t in ledger.claim_types()}
    paid_apart = ledger.receipt_files.late_charges_paid_by_claim()

    def charge(claim: Claim, events: Sequence[MoneyEvent], as_of: date) -> Yen:
        kind = claim.claim_type
        return late_charge_with_parts_paid(
            nature[kind], claim, events, as_of, settings.public_rules(kind), settings.private_rules(kind),
            settings.contract_rates.get(kind), paid_apart.get(claim.claim_id, ())).outstanding

    return charge


def acceleration_misses(ledger: Ledger) -> int:
    """How many missed instalments break a plan: the rule casework applies is the one printed."""
    return casework.casework_settings(ledger).instalments.missed_to_break


def reply_days(ledger: Ledger) -> dict[tuple[LegalNature, LetterKind], int]:
    """The deadline each procedure step gives its letter (reply_days), by legal nature and kind."""
    days: dict[tuple[LegalNature, LetterKind], int] = {}
    for nature, procedure in casework.load_procedures(ledger).items():
        for step in procedure.steps:
            if step.letter is not None and step.reply_days is not None:
                days.setdefault((nature, step.letter), step.reply_days)
    return days


def letter_kinds_in_steps(ledger: Ledger) -> set[LetterKind]:
    """The kinds of letter some step of the procedures calls for."""
    return {s.letter for p in casework.load_procedures(ledger).values() for s in p.steps if s.letter}


def claims_due_for(ledger: Ledger, kind: LetterKind, as_of: date) -> list[str]:
    """Every claim whose current step, due by `as_of`, calls for a letter of `kind`."""
    procedures = casework.load_procedures(ledger)
    due = set()
    for item in casework.worklist(ledger, as_of).items:
        if item.kind is casework.WorkKind.STEP and item.step_id:
            step = procedures[item.claim.legal_nature].step(item.step_id)
            if step is not None and step.letter is kind:
                due.add(item.claim.claim_id)
    return sorted(due)


def letters_sent(ledger: Ledger, claim_ids: Iterable[str]) -> dict[str, dict[LetterKind, date]]:
    """Latest date each kind of letter was sent (and not returned), per claim, from the contact log."""
    return casework.letters_sent(ledger, claim_ids)


def record_sent_letter(ledger: Ledger, sent: SentLetter) -> int:
    """One letter-out entry in the contact log; casework gives it its legal effect (督促, 催告 …)."""
    entry = casework.log_contact(
        ledger, list(sent.claim_ids), casework.Channel.LETTER_OUT, sent.summary, on=sent.sent_on,
        today=max(sent.sent_on, clock_today()),
        party=casework.Party.GUARANTOR if sent.to_guarantor else casework.Party.DEBTOR,
        party_name=sent.recipient, liable_party_id=sent.liable_party_id,
        letter_kind=sent.kind if isinstance(sent.kind, LetterKind) else None,  # a 納付書 is no letter kind
        document_hash=sent.document_hash, document_path=sent.document_path)
    assert entry.entry_id is not None  # given by the ledger when it was written
    if sent.schedule and not (sent.copy or sent.to_guarantor):
        # What was printed is what the debtor signs: kept to record the signed copy as printed.
        ledger.parties.add_letter_schedule(entry.entry_id, [
            Instalment(i.number, i.due_date, i.amount) for i in sent.schedule])
    return entry.entry_id


def mark_returned(ledger: Ledger, entry_id: int, on: date, reason: str = "宛所不明") -> int:
    """A letter came back undelivered: it counts for nothing, and 所在調査 goes on the worklist."""
    returned = casework.mark_letter_returned(ledger, entry_id, on=on, reason=reason, today=on).entry_id
    assert returned is not None  # given by the ledger when it was written
    return returned


def logged_entry(ledger: Ledger, sent: SentLetter) -> int | None:
    """The contact-log entry already recording this very letter (same PDF, claims, recipient), if any."""
    for line in casework.contact_log(ledger, debtor_id=sent.debtor_id):
        e = line.entry
        if (e.document_hash == sent.document_hash and set(e.claim_ids) == set(sent.claim_ids)
                and e.party_name == sent.recipient):
            return e.entry_id
    return None
