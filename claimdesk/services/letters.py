"""Printing letters: gather each recipient's claims from the ledger, render one batch PDF.

One letter per recipient: a debtor's claims of one legal kind go in one letter with a
table and a total (the legal wording differs by kind, so kinds never share a letter).
Guarantors get their own letters, or copies of the debtor's (催告書), listing only the
claims they stand surety for: a guarantor has no business seeing the debtor's others.

The batch is written atomically and nothing is logged while printing: a letter goes in
the contact log only when the clerk confirms it was printed or sent (letter_log.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..bundled import forms_dir
from ..domain.claims import Claim, Debtor, DebtorKind, Guarantor, balance_on
from ..domain.errors import REASONS, Refusal
from ..domain.letter_rules import DEMANDING_KINDS, Unsendable, payment_deadline, why_not_sent
from ..domain.letters import LetterKind, instalment_schedule, letter_deadline, next_month_end
from ..domain.liable import role_label
from ..domain.payment_slips import PaymentSlip, SlipKind
from ..letters.model import ClaimLine, LetterData, Party
from ..letters.render import render_letters
from ..letters.templates import Forms, LetterTemplate, load_forms
from ..storage.ledger import Ledger
from .cancel import Progress
from .casework_settings import casework_settings
from .files import atomic_output
from .letter_hooks import acceleration_misses, claims_due_for, late_charges, letter_kinds_in_steps, reply_days
from .letter_settings import LetterSettings, letter_settings, require_letter_settings
from .payment_slips import enclosures_for
from .refusals import unknown_claim, wrong_output

_PROGRESS_STEP = 200  # claims read between reports

REASONS.update({"claim_ids_required": "債権番号を指定してください"})


@dataclass(frozen=True)
class LetterRecord:
    """One letter of a batch: to whom, about which claims, and where in the PDF (with its 納付書)."""

    kind: LetterKind | SlipKind
    template: str
    recipient: str
    debtor_id: str
    claim_ids: tuple[str, ...]
    to_guarantor: bool
    copy: bool
    first_page: int
    pages: int
    liable_party_id: int | None = None  # the guarantor written to, as the ledger knows them
    schedule: tuple = ()  # the instalments printed (domain.letters.Instalment), on a 分納誓約書
    slips: tuple[PaymentSlip, ...] = ()  # the 納付書 in the same envelope, recorded when it is sent
    recipient_kind: str = ""  # 連帯保証人 / 保証人 / 相続人; empty for the debtor


@dataclass(frozen=True)
class LetterBatch:
    """A rendered batch: the PDF, its letters, and the claims left out (with why)."""

    path: Path
    kind: LetterKind | SlipKind
    issued_on: date
    letters: tuple[LetterRecord, ...]
    skipped: tuple[tuple[str, Unsendable], ...] = ()

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.letters)


@dataclass
class Prepared:
    letters: list[LetterData] = field(default_factory=list)
    skipped: list[tuple[str, Unsendable]] = field(default_factory=list)


class LettersRefused(Refusal):
    """Named claims may not get this letter: `refused` says which and why; nothing was written."""

    def __init__(self, kind: LetterKind | SlipKind, refused: Sequence[tuple[str, Unsendable]]):
        self.kind, self.refused = kind, tuple(refused)
        super().__init__("claims", "letters_refused", kind=kind.label,
                         claims="、".join(f"{c}（{why.label}）" for c, why in self.refused))


class NothingToSend(Refusal):
    """Every claim was left out: `skipped` says why; nothing was written."""

    def __init__(self, kind: LetterKind | SlipKind, skipped: Sequence[tuple[str, Unsendable]]):
        self.kind, self.skipped = kind, tuple(skipped)
        super().__init__("claims", "nothing_to_send", kind=kind.label,
                         claims="、".join(f"{c}: {why.label}" for c, why in self.skipped[:5]))


def forms_for(settings: LetterSettings) -> Forms:
    """The forms, with the department's own versions (letter_forms_dir) taking precedence."""
    return load_forms(settings.forms_dir, forms_dir())


def _party(d: Debtor) -> Party:
    corporate = d.kind is DebtorKind.CORPORATION
    return Party(d.name, d.postal_code, d.address, corporate, d.representative if corporate else "", d.debtor_id)


def _guarantor_party(g: Guarantor, debtor_id: str, kind: str = "連帯保証人") -> Party:
    return Party(g.name, g.postal_code, g.address, reference=debtor_id, party_id=g.guarantor_id, kind=kind)


def check_claim_ids(ledger: Ledger, claim_ids: Sequence[str]) -> list[str]:
    """The ids in order without repeats; an id not in the ledger is an error naming it."""
    ids = list(dict.fromkeys(i.strip() for i in claim_ids if i.strip()))
    if not ids:
        raise Refusal("claims", "claim_ids_required")
    found = ledger.existing_claim_ids(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise unknown_claim("、".join(missing), "claims")
    return ids


def due_claim_ids(ledger: Ledger, kind: LetterKind, as_of: date) -> list[str]:
    """Every claim whose current step of the procedure, due by `as_of`, calls for `kind`."""
    if kind not in letter_kinds_in_steps(ledger):
        raise Refusal("due", "no_step_uses_kind", kind=kind.label)
    return claims_due_for(ledger, kind, as_of)


def prepare_letters(
    ledger: Ledger, kind: LetterKind, claim_ids: Sequence[str], issued_on: date, *,
    instalments: int | None = None, first_due: date | None = None, forms: Forms | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """The letters of `kind` for these claims on `issued_on`, one per recipient.

    `progress(done, total)` counts the claims read (it may raise Cancelled to stop).
    """
    settings = letter_settings(ledger)
    require_letter_settings(settings)
    forms = forms or forms_for(settings)
    types = {t.name: t for t in ledger.claim_types()}
    sender = settings.sender()
    step_days = reply_days(ledger)
    late_charge = late_charges(ledger)
    # Deadlines move off the municipality's closed days unless the department turned it off.
    open_days = casework_settings(ledger).open_days if settings.flag("letter_deadline_skip_weekends") else None

    def deadline(nature) -> date:
        days = step_days.get((nature, kind), settings.deadline_days(kind))  # the procedure's, if it says
        return letter_deadline(issued_on, days, open_days=open_days)

    result = Prepared()
    groups: dict[tuple, list[tuple[Claim, ClaimLine]]] = {}
    templates: dict[tuple, LetterTemplate] = {}
    guarantors: dict[str, list[Guarantor]] = {}
    heirs: dict[str, list[Guarantor]] = {}
    roles: dict[int, str] = {}  # party id → guarantor / surety / heir
    ids = check_claim_ids(ledger, claim_ids)
    for n, claim_id in enumerate(ids):
        if progress and n % _PROGRESS_STEP == 0:
            progress(n, len(ids))
        claim = ledger.claim(claim_id)
        assert claim is not None  # check_claim_ids found every id in the ledger
        nature = types[claim.claim_type].legal_nature
        events = ledger.events(claim_id)
        owed = balance_on(claim, events, issued_on).owed
        if why := why_not_sent(kind, claim.assessed_on, claim.due_date, owed, issued_on):
            result.skipped.append((claim_id, why))
            continue
        template = forms.for_claim(kind, nature)
        line = ClaimLine(claim_id, claim.claim_type, claim.cause, claim.fiscal_year, claim.due_date, owed,
                         late_charge(claim, events, issued_on))
        # Those liable on the day of issue (ended ones get none). An heir stands in the
        # debtor's place: the debtor's letters go to each heir, a guarantor's never do.
        liable = ledger.guarantors(claim_id, as_of=issued_on)
        roles.update(ledger.parties.roles(claim_id) if liable else {})
        guarantors[claim_id] = [g for g in liable if roles[g.guarantor_id or 0] != "heir"]
        heirs[claim_id] = [g for g in liable if roles[g.guarantor_id or 0] == "heir"]
        key: tuple[Any, ...]  # debtor, nature, form, then the recipient's name and address
        if template.to_guarantor:
            if not guarantors[claim_id]:
                result.skipped.append((claim_id, Unsendable.NO_GUARANTOR))
            for g in guarantors[claim_id]:
                key = (claim.debtor_id, nature, template.name, g.name, g.postal_code, g.address)
                groups.setdefault(key, []).append((claim, line))
                templates[key] = template
        else:
            to_heirs: list[tuple[Any, ...]] = [(claim.debtor_id, nature, template.name, "heir", h.name, h.postal_code,
                                                h.address) for h in heirs[claim_id]]
            for key in to_heirs or [(claim.debtor_id, nature, template.name)]:
                groups.setdefault(key, []).append((claim, line))
                templates[key] = template
    misses, western_year = acceleration_misses(ledger), settings.flag("letter_western_year")
    copied: set[tuple] = set()  # guarantors get one copy of a debtor's letter, however many heirs
    for key in sorted(groups, key=lambda k: (k[0], k[1].value, k[2:])):
        template, rows = templates[key], groups[key]
        person = ledger.debtor(key[0])
        assert person is not None  # a claim's debtor must exist (foreign key)
        debtor = _party(person)
        lines = tuple(line for _, line in rows)
        letter = LetterData(template.name, kind, key[1], debtor, debtor, lines,
                            deadline=_deadline(kind, deadline(key[1]), lines), issued_on=issued_on, sender=sender,
                            acceleration_misses=misses, western_year=western_year)
        if template.to_guarantor:
            g = next(g for g in guarantors[rows[0][0].claim_id] if (g.name, g.postal_code, g.address) == key[3:])
            letter = replace(letter, recipient=_guarantor_party(g, key[0], role_label(roles[g.guarantor_id or 0])),
                             to_guarantor=True)
        elif len(key) == 7:  # to an heir: their share, when recorded, of the claim first listed
            h = next(h for h in heirs[rows[0][0].claim_id] if (h.name, h.postal_code, h.address) == key[4:])
            share = ledger.parties.shares([h.guarantor_id or 0]).get(h.guarantor_id or 0)
            letter = replace(letter, recipient=_guarantor_party(h, key[0], "相続人"), to_heir=True, heir_share=share)
        if kind is LetterKind.INSTALMENT_PLEDGE:  # an heir pledges their share, others the balance
            count = instalments or settings.number("letter_pledge_instalments")
            first = first_due or next_month_end(issued_on)
            letter = replace(letter, instalments=tuple(instalment_schedule(
                letter.asked, count, first, unit=settings.number("letter_instalment_unit"), open_days=open_days)))
        result.letters.append(letter)
        if template.guarantor_copy and key[:3] not in copied:
            copied.add(key[:3])
            result.letters.extend(_copies(letter, rows, guarantors, roles))
    return result


def _deadline(kind: LetterKind, computed: date, lines: Sequence[ClaimLine]) -> date:
    """A demanding letter's 納付期限 never precedes a listed claim's due date (others keep theirs)."""
    return payment_deadline(computed, (c.due_date for c in lines)) if kind in DEMANDING_KINDS else computed


def _copies(letter: LetterData, rows, guarantors: dict[str, list[Guarantor]],
            roles: dict[int, str]) -> Iterable[LetterData]:
    """Copies of a debtor's letter for each guarantor, with only the claims they guarantee."""
    by_person: dict[tuple, tuple[Guarantor, list[ClaimLine]]] = {}
    for claim, line in rows:
        for g in guarantors[claim.claim_id]:
            by_person.setdefault((g.name, g.postal_code, g.address), (g, []))[1].append(line)
    for g, lines in by_person.values():
        yield replace(letter, recipient=_guarantor_party(g, letter.debtor.reference, role_label(roles[g.guarantor_id or 0])),
                      claims=tuple(lines), copy=True, to_guarantor=True)


def checked_request(ledger: Ledger, output: str | Path, claim_ids: Sequence[str] | None,
                    due: bool) -> tuple[Path, LetterSettings]:
    """The output path and the letter settings of a batch, once the request itself is sound."""
    output = Path(output)
    if output.suffix.lower() != ".pdf":
        raise wrong_output(output, ".pdf")
    if due == (claim_ids is not None):
        raise Refusal("claims", "claims_or_due")
    settings = letter_settings(ledger)
    require_letter_settings(settings)
    return output, settings


def render_batch(
    ledger: Ledger, kind: LetterKind, output: str | Path, issued_on: date, *,
    claim_ids: Sequence[str] | None = None, due: bool = False, progress: Progress | None = None,
    instalments: int | None = None, first_due: date | None = None, strict: bool = False,
    with_payment_slip: bool = False,
) -> LetterBatch:
    """Render the letters of `kind` for the given claims (or every claim due) into one PDF.

    The PDF appears at `output` only when complete: if `progress` raises (Cancelled) or
    anything fails, no file is left and nothing is logged. Progress counts the claims
    read, then the letters drawn. A claim that may not get a demanding letter is left
    out and listed in `skipped`; with `strict` (claims named on the command line) the
    whole batch is refused instead (LettersRefused), naming each. With
    `with_payment_slip` each letter is followed by a 納付書 for every claim it lists.
    """
    output, settings = checked_request(ledger, output, claim_ids, due)
    forms = forms_for(settings)
    ids = due_claim_ids(ledger, kind, issued_on) if due else list(claim_ids or ())
    if due and not ids:
        raise Refusal("due", "none_due", issued_on=issued_on, kind=kind.label)
    prepared = prepare_letters(ledger, kind, ids, issued_on, instalments=instalments,
                               first_due=first_due, forms=forms, progress=progress)
    refused = [(c, why) for c, why in prepared.skipped if why is not Unsendable.NO_GUARANTOR]
    if strict and kind in DEMANDING_KINDS and refused:
        raise LettersRefused(kind, refused)
    if not prepared.letters:
        raise NothingToSend(kind, prepared.skipped)
    enclosed = enclosures_for(ledger, prepared.letters, issued_on, settings) if with_payment_slip else None
    with atomic_output(output) as tmp:
        placements = render_letters(
            prepared.letters, forms, tmp, window=settings.window,
            fold_marks=settings.flag("letter_fold_marks"),
            title=f"{kind.label}（{len(prepared.letters)}通）", progress=progress,
            enclosures=[[s.data for s in e] for e in enclosed] if enclosed else None)
    records = tuple(
        LetterRecord(kind, d.template, d.recipient.name, d.debtor.reference, tuple(c.claim_id for c in d.claims),
                     d.to_guarantor, d.copy, p.first_page, p.pages, d.recipient.party_id if d.to_guarantor or d.to_heir else None,
                     tuple(d.instalments), tuple(s.record for s in enclosed[i]) if enclosed else (),
                     d.recipient.kind)
        for i, (d, p) in enumerate(zip(prepared.letters, placements)))
    return LetterBatch(output, kind, issued_on, records, tuple(prepared.skipped))

