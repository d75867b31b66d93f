"""納付書: what each slip asks and until when, its 納付番号 and barcode; batches of slips alone.

A slip is one claim's: banks and stores take one amount for one 調定, and a receipt
file gives back one 納付番号. It asks the balance on the issue date plus the late
charge as of its 納付期限 (casework's rules, the same as the claim page's), so that
paying on the last day settles the claim. Enclosed with a letter it takes the letter's
deadline; alone, `payment_slip_deadline_days` after issue (moved off closed days), never
before the claim's due date.

Printing writes nothing: the number a slip gets is the next issue of its claim, the
same until a slip is recorded, and slips are recorded when the clerk confirms the batch
was sent (letter_log.confirm_sent).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..domain.claims import LegalNature, balance_on
from ..domain.cvs_barcode import barcode_refusal, cvs_code
from ..domain.letter_rules import Unsendable, payment_deadline
from ..domain.letters import letter_deadline
from ..domain.payment_slips import PaymentSlip, SlipKind
from ..letters.model import LetterData, Party
from ..letters.payment_slip import SlipData
from ..storage.ledger import Ledger
from .casework_settings import casework_settings
from .letter_hooks import late_charges
from .letter_settings import LetterSettings, letter_settings
from .refusals import unknown_claim

PAYMENT_SLIP = SlipKind.PAYMENT_SLIP


@dataclass(frozen=True)
class PreparedSlip:
    """One slip ready to draw (`data`) and to record once sent (`record`)."""

    debtor_id: str
    record: PaymentSlip
    data: SlipData
    nature: LegalNature  # a debtor's slips of different kinds are logged apart (contact log rule)


class SlipMaker:
    """Makes the slips of one batch, reading the settings and charge rules once."""

    def __init__(self, ledger: Ledger, issued_on: date, settings: LetterSettings | None = None):
        self.ledger, self.issued_on = ledger, issued_on
        self.settings = settings = settings or letter_settings(ledger)
        self.sender = settings.sender()
        self.charge = late_charges(ledger)
        self.natures = {t.name: t.legal_nature for t in ledger.claim_types()}
        self.company = settings.text("cvs_company_code").strip()
        self.limit = settings.number("cvs_limit")
        self.banks = (settings.text("letter_payment_banks").replace("\\n", "\n")
                      .replace("{自治体}", self.sender.municipality))
        skip = settings.flag("letter_deadline_skip_weekends")
        self.open_days = casework_settings(ledger).open_days if skip else None

    def default_deadline(self, due_date: date) -> date:
        """A slip sent alone: the set number of days after issue, never before the claim's due date."""
        days = self.settings.number("payment_slip_deadline_days")
        return payment_deadline(letter_deadline(self.issued_on, days, open_days=self.open_days), [due_date])

    def slip(self, claim_id: str, *, deadline: date | None = None,
             payer: Party | None = None) -> PreparedSlip | Unsendable:
        """The slip of one claim, or why it gets none (not yet assessed, nothing owed)."""
        claim = self.ledger.claim(claim_id)
        if claim is None:
            raise unknown_claim(claim_id, "claims")
        events = self.ledger.events(claim_id)
        owed = balance_on(claim, events, self.issued_on).owed
        if claim.assessed_on > self.issued_on:
            return Unsendable.NOT_ASSESSED
        if owed <= 0:
            return Unsendable.NO_BALANCE
        deadline = deadline or self.default_deadline(claim.due_date)
        charge = self.charge(claim, events, deadline)
        number, issue = self.ledger.payments.next_numbers([claim_id])[claim_id]
        barcode, no_barcode = None, ""
        if self.company:
            no_barcode = barcode_refusal(owed + charge, self.limit) or ""
            if not no_barcode:
                barcode = cvs_code(self.company, number, issue - 1, deadline, owed + charge).digits
        if payer is None:
            debtor = self.ledger.debtor(claim.debtor_id)
            assert debtor is not None  # a claim's debtor exists (foreign key)
            payer = Party(debtor.name, debtor.postal_code, debtor.address, reference=debtor.debtor_id)
        nature = self.natures[claim.claim_type]
        private = nature is LegalNature.PRIVATE
        record = PaymentSlip(number, claim_id, issue, self.issued_on, deadline, owed, charge, barcode)
        data = SlipData(number, claim_id, claim.claim_type, claim.fiscal_year, payer.name, payer.address,
                        payer.reference or claim.debtor_id, owed, charge, "遅延損害金" if private else "延滞金",
                        self.issued_on, deadline, self.sender, self.banks, barcode, no_barcode,
                        self.settings.flag("letter_western_year"))
        return PreparedSlip(claim.debtor_id, record, data, nature)


def enclosures_for(ledger: Ledger, letters: Sequence[LetterData], issued_on: date,
                   settings: LetterSettings | None = None) -> list[list[PreparedSlip]]:
    """The slips to enclose after each letter: one per claim it lists, due by the letter's deadline."""
    maker = SlipMaker(ledger, issued_on, settings)
    out = []
    for letter in letters:
        slips = [maker.slip(c.claim_id, deadline=letter.deadline, payer=letter.recipient) for c in letter.claims]
        out.append([s for s in slips if isinstance(s, PreparedSlip)])
    return out


def overdue_claim_ids(ledger: Ledger, as_of: date) -> list[str]:
    """Every claim past its due date with something owed on `as_of` (the slips of every claim due)."""
    return [c.claim_id for c in ledger.letters.overdue_claims(as_of)]


def record_enclosed(ledger: Ledger, slips: Iterable[PaymentSlip], *, entry_id: int | None,
                    batch_path: str, batch_hash: str) -> int:
    """Record the slips of one sent letter (inside the confirmation's transaction); returns how many were new.

    A slip whose number another batch's slip took first (two batches printed before
    either was confirmed) is left unrecorded rather than keeping the letter out of the
    log: its number still names its claim, and a receipt of its amount shows as a
    differing amount. `slips_taken` tells the clerk beforehand.
    """
    return ledger.payments.record_slips(
        (replace(s, batch_path=batch_path, batch_hash=batch_hash, letter_entry=entry_id) for s in slips),
        skip_taken=True)


def slips_taken(ledger: Ledger, letters: Iterable, which: Sequence[int] | None = None) -> list[PaymentSlip]:
    """The slips of a batch (`which` of its letters) whose numbers a slip with other content already has."""
    letters = list(letters)
    chosen = range(len(letters)) if which is None else which
    return ledger.payments.taken(s for i in chosen for s in letters[i].slips)
