"""What the claim page and the debtor page show of casework, gathered in one call each.

Everything is derived on the day asked for, from the history as recorded: the stage
and next step, the limitation date and what it rests on, the late charge, promises and
plans matched to receipts, the contact log newest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from ..domain.case import CaseState, NextStep, StageKind, StepProgress, StepTiming
from ..domain.case_class import CaseClass, case_class
from ..domain.charges import LateCharge, late_charge_with_parts_paid
from ..domain.claims import Claim, ClaimType, Debtor
from ..domain.contacts import Channel, ContactEntry, LetterKind, resolve_log
from ..domain.enforcement import Enforcement
from ..domain.errors import REASONS, Refusal
from ..domain.instalments import PlanState
from ..domain.liable import Share, role_label
from ..domain.limitation import Limitation, LimitationState
from ..domain.promises import PromiseState
from ..domain.worklist import WorkItem, work_items
from ..storage.ledger import Ledger
from .case_loader import load_cases, load_limitations
from .casework_settings import casework_settings
from .clock import today as clock_today
from .procedures import load_procedure
from .refusals import unknown_claim, unknown_debtor

REASONS.update({"claim_or_debtor": "債権番号か債務者番号のどちらか一方を指定してください"})


@dataclass(frozen=True)
class LiableParty:
    """A guarantor (連帯保証人 / 保証人) or an heir (相続人) liable for a claim's balance."""

    party_id: int
    claim_id: str
    role: str  # 'guarantor', 'surety' or 'heir'
    name: str
    kana: str = ""
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    relation: str = ""
    ended_on: date | None = None  # liable no more from this day (released, replaced, renounced)
    end_reason: str = ""
    replaced_by: int | None = None  # the party who took their place
    share: Share | None = None  # an heir's 法定相続分, when recorded

    @property
    def role_label(self) -> str:
        """連帯保証人, 保証人 or 相続人."""
        return role_label(self.role)

    @property
    def kind_label(self) -> str:
        """The kind as lists show it: an heir with their share, if recorded (相続人（法定相続分 2分の1）)."""
        return self.role_label + (f"（法定相続分 {self.share.label}）" if self.share else "")

    def liable_on(self, day: date) -> bool:
        """Whether they were still liable on `day`."""
        return self.ended_on is None or day < self.ended_on


@dataclass(frozen=True)
class LogLine:
    """One entry of the contact log as shown."""

    entry: ContactEntry
    superseded_by: int | None = None  # the correction that replaced it (shown greyed, if at all)
    returned: ContactEntry | None = None  # for a letter: the entry recording that it came back
    retracted_by: ContactEntry | None = None  # the entry withdrawing this one (it stays shown, struck through)

    @property
    def is_current(self) -> bool:
        return self.superseded_by is None


@dataclass(frozen=True)
class CaseworkView:
    """A claim's casework on a day: the claim page's casework part."""

    claim: Claim
    claim_type: ClaimType
    debtor: Debtor
    today: date
    balance: int
    stage: str
    stage_kind: StageKind
    next_step: NextStep | None
    next_step_timing: StepTiming | None
    steps: tuple[StepProgress, ...]
    limitation: Limitation
    limitation_state: LimitationState
    extinguished_on: date | None
    extinguished_by: str
    late_charge: LateCharge
    promises: tuple[PromiseState, ...]  # newest first
    plans: tuple[PlanState, ...]  # newest first
    log: tuple[LogLine, ...]  # newest first, current entries only
    liable_parties: tuple[LiableParty, ...]
    work_items: tuple[WorkItem, ...]
    procedure_source: str  # the file or setting the steps come from
    case_class: CaseClass | None = None  # 回収 or a 整理 class; None once settled
    enforcement: Enforcement = Enforcement()  # 財産調査・差押・執行停止 in force
    suspension_years: int = 3  # 執行停止 extinguishes after this many years (a setting)


def _claim(ledger: Ledger, claim_id: str) -> tuple[Claim, ClaimType]:
    claim = ledger.claim(claim_id)
    if claim is None:
        raise unknown_claim(claim_id)
    claim_type = ledger.claim_type(claim.claim_type)
    assert claim_type is not None  # a claim's type must exist (foreign key)
    return claim, claim_type


def liable_parties(ledger: Ledger, claim_id: str) -> list[LiableParty]:
    """The claim's guarantors and heirs, in the order entered, ended ones with their end."""
    # A guarantor read from the ledger always has its id.
    rows = [(g.guarantor_id or 0, g, role) for g, role in ledger.casework.liable_parties(claim_id)]
    ends = ledger.parties.ends(party_id for party_id, _, _ in rows)
    shares = ledger.parties.shares(party_id for party_id, _, role in rows if role == "heir")
    out = []
    for party_id, g, role in rows:
        end = ends.get(party_id)
        out.append(LiableParty(party_id, g.claim_id, role, g.name, g.kana, g.postal_code, g.address,
                               g.phone, g.relation, end.ended_on if end else None, end.reason if end else "",
                               end.replaced_by if end else None, shares.get(party_id)))
    return out


def late_charge(ledger: Ledger, claim_id: str, as_of: date) -> LateCharge:
    """The claim's 延滞金 (public) or 遅延損害金 (private) accrued up to `as_of`, store-paid parts counted."""
    claim, claim_type = _claim(ledger, claim_id)
    settings = casework_settings(ledger)
    kind = claim.claim_type
    return late_charge_with_parts_paid(
        claim_type.legal_nature, claim, ledger.events(claim_id), as_of, settings.public_rules(kind),
        settings.private_rules(kind), settings.contract_rates.get(kind),
        ledger.receipt_files.late_charges_paid(claim_id, as_of))


def claim_casework(ledger: Ledger, claim_id: str, today: date | None = None) -> CaseworkView:
    """A claim's stage, next step, limitation, late charge, arrangements and log as of `today`."""
    today = today or clock_today()
    claim, claim_type = _claim(ledger, claim_id)
    settings = casework_settings(ledger)
    procedure = load_procedure(ledger, claim_type.legal_nature)
    (case,) = load_cases(ledger, today, settings, {claim_type.legal_nature: procedure}, claim_ids=[claim_id])
    state: CaseState = case.state
    step = state.next_step
    debtor = ledger.debtor(claim.debtor_id)
    assert debtor is not None  # a claim's debtor must exist (foreign key)
    return CaseworkView(
        claim=claim, claim_type=claim_type, debtor=debtor, today=today,
        balance=case.history.balance, stage=state.stage, stage_kind=state.kind, next_step=step,
        next_step_timing=step.timing(today) if step else None, steps=state.progress,
        limitation=state.limitation, limitation_state=state.limitation_state,
        extinguished_on=state.extinguished_on, extinguished_by=state.extinguished_by,
        late_charge=late_charge(ledger, claim_id, today),
        promises=tuple(sorted(case.history.promises, key=lambda p: (p.promise.made_on, p.promise.promise_id or 0),
                              reverse=True)),
        plans=tuple(sorted(case.history.plans, key=lambda p: (p.signed_on, p.plan_id or 0), reverse=True)),
        log=tuple(_lines(case.history.log.current, case.history.log)),
        liable_parties=tuple(liable_parties(ledger, claim_id)),
        work_items=tuple(sorted(work_items(case.line, state, case.history.log, today, settings.urgent_days,
                                           case.debtor_changed_at, case.history.enforcement,
                                           settings.enforcement_suspension_years, settings.follow_up),
                                key=lambda i: i.sort_key)),
        procedure_source=procedure.source,
        case_class=case_class(case.history, state, today),
        enforcement=case.history.enforcement,
        suspension_years=settings.enforcement_suspension_years,
    )


def _lines(entries: Iterable[ContactEntry], log, retractions: dict | None = None) -> list[LogLine]:
    retractions = retractions or {}
    return [LogLine(e, log.superseded_by.get(e.entry_id), log.returned.get(e.entry_id),
                    retractions.get(e.entry_id)) for e in entries]


def limitations(ledger: Ledger, claim_ids: Iterable[str], today: date | None = None
                ) -> dict[str, tuple[Limitation, LimitationState]]:
    """The limitation date and state of several claims (a page of the register), by claim id."""
    today = today or clock_today()
    return load_limitations(ledger, today, casework_settings(ledger), list(claim_ids))


def contact_log(ledger: Ledger, *, claim_id: str | None = None, debtor_id: str | None = None,
                include_superseded: bool = False, with_retracted: bool = False) -> list[LogLine]:
    """A claim's or a debtor's contact log, newest first (corrected versions only on request).

    `with_retracted`: entries withdrawn by mistake stay in the list, marked with the entry
    that withdrew them (the window strikes them through; nothing is ever removed).
    """
    if (claim_id is None) == (debtor_id is None):
        raise Refusal("claim_id", "claim_or_debtor")
    if claim_id is not None:
        _claim(ledger, claim_id)
        entries = ledger.casework.entries_of_claim(claim_id)
    else:
        assert debtor_id is not None  # exactly one of the two, checked above
        if ledger.debtor(debtor_id) is None:
            raise unknown_debtor(debtor_id)
        entries = ledger.casework.entries_of_debtors([debtor_id])
    log = resolve_log(entries)
    if claim_id is not None:
        log = log.for_claim(claim_id)
    shown: list[ContactEntry] = list(log.current)
    retractions = {e.corrects: e for e in entries if e.retracted and e.corrects is not None}
    mine = [e for e in entries if claim_id is None or claim_id in e.claim_ids]
    if include_superseded:
        shown = mine
    elif with_retracted:
        shown += [e for e in mine if e.entry_id in retractions]
    shown.sort(key=lambda e: (e.on, e.at or time(0), e.entry_id or 0), reverse=True)
    return _lines(shown, log, retractions if (with_retracted or include_superseded) else None)


def search_contacts(ledger: Ledger, text: str, limit: int = 200) -> list[ContactEntry]:
    """Entries whose text contains `text` (kana in any form, like the register's search)."""
    return ledger.casework.search_entries(text, limit)


def letters_sent(ledger: Ledger, claim_ids: Iterable[str]) -> dict[str, dict[LetterKind, date]]:
    """The latest day each kind of letter was sent (and not returned), per claim."""
    claim_ids = list(claim_ids)
    debtors = {c.debtor_id for c in (ledger.claim(i) for i in claim_ids) if c is not None}
    by_debtor = defaultdict(list)
    for e in ledger.casework.entries_of_debtors(debtors):
        by_debtor[e.debtor_id].append(e)
    wanted = set(claim_ids)
    result: dict[str, dict[LetterKind, date]] = {i: {} for i in claim_ids}
    for entries in by_debtor.values():
        log = resolve_log(entries)
        for e in log.current:
            if e.channel is not Channel.LETTER_OUT or e.letter_kind is None or e.entry_id in log.returned:
                continue
            for claim_id in wanted.intersection(e.claim_ids):
                sent = result[claim_id]
                sent[e.letter_kind] = max(sent.get(e.letter_kind, e.on), e.on)
    return result


def debtor_liable_parties(ledger: Ledger, claim_ids: Iterable[str]) -> list[LiableParty]:
    """The guarantors and heirs of several claims (the debtor page)."""
    return [p for claim_id in claim_ids for p in liable_parties(ledger, claim_id)]


