"""The contact log's use cases: log a contact, correct or retract it, a returned letter,
a decision with its approver, a step of the procedure done, a guarantor or heir added.

The window's dialogs and the command line call these with parsed values (text is
accepted too: '電話', 'phone'). Each checks the rules, writes in one transaction and
returns what was stored. Nothing is ever changed in place: a correction or a returned
letter is a new entry that points at the one it concerns.

Letters (another part of ClaimDesk) log their sending through `log_contact` with
channel 文書発送, the letter kind, and the file's hash and path; a logged 督促状 counts
as the 督促 and a 催告書 as a 催告, for the limitation clock and for the steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, time
from typing import Any, TypeVar

from ..domain.claims import Claim, ClaimType, Guarantor, LegalNature
from ..domain.contacts import (
    ALLOWED_DECISIONS,
    BINDS_DEBTOR,
    Channel,
    ContactEntry,
    Decision,
    LegalEffect,
    LetterKind,
    Party,
    default_effect,
)
from ..domain.dates import format_wareki
from ..domain.enforcement import required
from ..domain.errors import REASONS, InvalidValue, Refusal
from ..domain.liable import ROLE_LABELS
from ..storage.ledger import Ledger
from .clock import today as clock_today
from .procedures import load_procedure
from .refusals import unknown_claim, unknown_role

REASONS.update({
    "claims_of_one_debtor": "1件の記録で扱えるのは同じ債務者の債権だけです",
    "natures_mixed": "種類（強制徴収公債権・非強制徴収公債権・私債権）の違う債権は別々に記録してください",
    "claim_type_unknown": "債権 {claim_id} の種類 {claim_type} は台帳にありません",
    "effect_binds_debtor_only": "時効に効果があるのは債務者（相続人・代理人を含む）との記録だけです"
                                "（保証人への請求は主たる債務者の時効に影響しない）",
    "demand_by_letter": "督促は書面（文書発送）で行います",
    "negotiation_in_writing": "協議を行う旨の合意は書面または電磁的記録で行います（民法151条）",
    "invocation_private_only": "公債権は援用を要せず消滅します（援用の記録は私債権だけ）",
    "channel_required": "連絡の方法を指定してください",
    "liable_party_not_on_claim": "指定の保証人・相続人はこの債権に登録されていません",
    "step_unknown": "手順 {step_id} は{nature}の手順にありません",
    "decision_not_for_nature": "{decision}は{nature}には使えません",
    "entry_unknown": "交渉記録 {entry_id} は台帳にありません",
    "entry_corrected": "交渉記録 {entry_id} はすでに記録 {later} で訂正されています（最新の記録を訂正してください）",
    "fields_fixed": "訂正できない項目です: {fields}",
    "debtor_fixed": "訂正で債務者を変えることはできません",
    "return_of_letters_only": "返戻にできるのは文書発送の記録だけです",
    "already_returned": "この文書はすでに返戻として記録されています",
    "returned_before_sent": "返戻の日付が発送日より前です",
    "decision_required": "決裁の種類を指定してください",
    "not_in_checklist": "この手順の確認事項にありません: {item}",
})

ClaimIds = str | Sequence[str]
# The labelled enums a caller may give as a member or as text (a code or the Japanese label).
E = TypeVar("E", Channel, Party, LetterKind, LegalEffect, Decision)


def _claims(ledger: Ledger, claim_ids: ClaimIds) -> list[Claim]:
    ids = [claim_ids] if isinstance(claim_ids, str) else list(dict.fromkeys(claim_ids))
    if not ids:
        raise Refusal("claim_id", "claim_required")
    claims = []
    for claim_id in ids:
        claim = ledger.claim(claim_id)
        if claim is None:
            raise unknown_claim(claim_id)
        claims.append(claim)
    if len({c.debtor_id for c in claims}) > 1:
        raise Refusal("claim_id", "claims_of_one_debtor")
    return claims


def _nature(ledger: Ledger, claims: list[Claim]) -> LegalNature:
    natures = {_claim_type(ledger, c).legal_nature for c in claims}
    if len(natures) > 1:
        raise Refusal("claim_id", "natures_mixed")
    return natures.pop()


def _claim_type(ledger: Ledger, claim: Claim) -> ClaimType:
    claim_type = ledger.claim_type(claim.claim_type)
    if claim_type is None:  # the ledger's foreign key keeps this from happening
        raise Refusal("claim_type", "claim_type_unknown", claim_id=claim.claim_id, claim_type=claim.claim_type)
    return claim_type


def _enum(enum: type[E], value: E | str | None, field: str) -> E | None:
    if value is None or value == "":
        return None
    if isinstance(value, enum):
        return value
    try:
        return enum.parse(value)
    except InvalidValue as e:
        raise e.for_field(field) from None


def _check_effect(effect: LegalEffect, channel: Channel, party: Party, nature: LegalNature) -> None:
    if effect is LegalEffect.NONE:
        return
    if party not in BINDS_DEBTOR:
        raise Refusal("legal_effect", "effect_binds_debtor_only")
    if effect is LegalEffect.DEMAND and channel is not Channel.LETTER_OUT:
        raise Refusal("legal_effect", "demand_by_letter")
    if effect is LegalEffect.NEGOTIATION and channel not in (Channel.LETTER_IN, Channel.LETTER_OUT, Channel.EMAIL):
        raise Refusal("legal_effect", "negotiation_in_writing")
    if effect is LegalEffect.INVOCATION and nature is not LegalNature.PRIVATE:
        raise Refusal("legal_effect", "invocation_private_only")


def log_contact(ledger: Ledger, claim_ids: ClaimIds, channel: Channel | str, summary: str, **details) -> ContactEntry:
    """Append an entry to the contact log of one or more claims of one debtor.

    `details`: on, at, party, party_name, liable_party_id, contact_person, reason,
    household, agreement, next_action, next_action_on, legal_effect (default: from the
    channel, letter and party), letter_kind, document_hash, document_path, step_id,
    checklist, today.
    """
    _not_a_suspension(details.get("decision"))
    return _new_entry(ledger, claim_ids, channel, summary, **details)


def _not_a_suspension(decision: Decision | str | None, field: str = "decision") -> None:
    """執行停止 has one way in: the 滞納処分 record (services.enforcement.record_suspension),
    which carries the law, the ground and 即時消滅 that the extinction is computed from."""
    if decision in (Decision.ENFORCEMENT_SUSPENSION, Decision.ENFORCEMENT_SUSPENSION.value):
        raise Refusal(field, "suspension_is_a_record")


def stored_id(entry: ContactEntry) -> int:
    """The id of an entry read back from the ledger (every such entry has one)."""
    if entry.entry_id is None:
        raise ValueError("the contact entry has not been stored")
    return entry.entry_id


def _stored(ledger: Ledger, entry: ContactEntry) -> ContactEntry:
    """Append `entry` and read it back as stored (with its id, operator and time)."""
    entry_id = ledger.casework.add_entry(entry)
    stored = ledger.casework.entry(entry_id)
    assert stored is not None  # just written in this connection
    return stored


def _new_entry(
    ledger: Ledger,
    claim_ids: ClaimIds,
    channel: Channel | str,
    summary: str,
    *,
    on: date | None = None,
    at: time | None = None,
    party: Party | str = Party.DEBTOR,
    party_name: str = "",
    liable_party_id: int | None = None,
    contact_person: str = "",
    reason: str = "",
    household: str = "",
    agreement: str = "",
    next_action: str = "",
    next_action_on: date | None = None,
    legal_effect: LegalEffect | str | None = None,
    letter_kind: LetterKind | str | None = None,
    document_hash: str = "",
    document_path: str = "",
    step_id: str = "",
    checklist: Iterable[str] = (),
    today: date | None = None,
    decision: Decision | None = None,
    approver: str = "",
    approved_on: date | None = None,
    basis: str = "",
) -> ContactEntry:
    claims = _claims(ledger, claim_ids)
    nature = _nature(ledger, claims)
    how = _enum(Channel, channel, "channel")
    if how is None:
        raise Refusal("channel", "channel_required")
    who = _enum(Party, party, "party") or Party.DEBTOR
    letter = _enum(LetterKind, letter_kind, "letter_kind")
    today = today or clock_today()
    on = on or today
    if on > today and how is not Channel.LETTER_OUT:
        raise Refusal("on", "date_after_today", on=on)
    earliest = min(c.assessed_on for c in claims)
    if on < earliest:
        raise Refusal("on", "date_before_assessed", assessed_on=earliest)
    if liable_party_id is not None:
        parties = {p.guarantor_id: role for c in claims for p, role in ledger.casework.liable_parties(c.claim_id)}
        if liable_party_id not in parties:
            raise Refusal("liable_party_id", "liable_party_not_on_claim")
        who = Party.HEIR if parties[liable_party_id] == "heir" else Party.GUARANTOR
    effect = _enum(LegalEffect, legal_effect, "legal_effect")
    if effect is None and legal_effect is None:
        effect = default_effect(how, letter, who)
    effect = effect or LegalEffect.NONE
    _check_effect(effect, how, who, nature)
    if step_id and load_procedure(ledger, nature).step(step_id) is None:
        raise Refusal("step_id", "step_unknown", step_id=step_id, nature=nature.label)
    if decision is not None and decision not in ALLOWED_DECISIONS[nature]:
        raise Refusal("decision", "decision_not_for_nature", decision=decision.label, nature=nature.label)
    entry = ContactEntry(
        debtor_id=claims[0].debtor_id, claim_ids=tuple(c.claim_id for c in claims), on=on, at=at,
        channel=how, summary=summary.strip(), party=who, party_name=party_name.strip(),
        liable_party_id=liable_party_id, contact_person=(contact_person or ledger.operator).strip(),
        reason=reason.strip(), household=household.strip(), agreement=agreement.strip(),
        next_action=next_action.strip(), next_action_on=next_action_on, legal_effect=effect,
        step_id=step_id, checklist=tuple(checklist), letter_kind=letter, document_hash=document_hash,
        document_path=str(document_path or ""), decision=decision, approver=approver.strip(),
        approved_on=approved_on, basis=basis.strip(),
    )
    return _stored(ledger, entry)


def _current(ledger: Ledger, entry_id: int) -> ContactEntry:
    entry = ledger.casework.entry(entry_id)
    if entry is None:
        raise Refusal("entry_id", "entry_unknown", entry_id=entry_id)
    later = ledger.casework.correction_of(entry_id)
    if later is not None:
        raise Refusal("entry_id", "entry_corrected", entry_id=entry_id, later=later)
    return entry


def correct_entry(ledger: Ledger, entry_id: int, reason: str, /, **changes) -> ContactEntry:
    """Replace an entry by a corrected copy that points at it (the original stays as written).

    `reason` is why it is corrected; being positional-only, it leaves `reason=` free to
    correct the entry's own reason for non-payment (滞納理由) among `changes`.
    """
    old = _current(ledger, entry_id)
    fixed = {"entry_id", "corrects", "operator", "entered_at", "debtor_id", "retracted", "correction_reason"}
    if fixed & set(changes):
        raise Refusal(None, "fields_fixed", fields=", ".join(sorted(fixed & set(changes))))
    if "claim_ids" in changes:
        claims = _claims(ledger, changes["claim_ids"])
        if claims[0].debtor_id != old.debtor_id:
            raise Refusal("claim_id", "debtor_fixed")
        changes["claim_ids"] = tuple(c.claim_id for c in claims)
    enums: tuple[tuple[str, Any], ...] = (("channel", Channel), ("party", Party), ("legal_effect", LegalEffect),
                                          ("letter_kind", LetterKind), ("decision", Decision))
    for name, enum in enums:
        if name in changes:
            changes[name] = _enum(enum, changes[name], name)
    if "legal_effect" in changes and changes["legal_effect"] is None:
        changes["legal_effect"] = LegalEffect.NONE
    new = replace(old, **changes, corrects=old.entry_id, correction_reason=reason.strip(), entry_id=None)
    claims = _claims(ledger, new.claim_ids)
    _check_effect(new.legal_effect, new.channel, new.party, _nature(ledger, claims))
    return _stored(ledger, new)


def retract_entry(ledger: Ledger, entry_id: int, reason: str) -> ContactEntry:
    """Withdraw an entry made by mistake: a new entry says so; both stay in the history."""
    old = _current(ledger, entry_id)
    new = replace(old, corrects=old.entry_id, retracted=True, correction_reason=reason.strip(), entry_id=None)
    return _stored(ledger, new)


def mark_letter_returned(ledger: Ledger, letter_entry_id: int, *, on: date | None = None,
                         reason: str = "宛所不明", today: date | None = None) -> ContactEntry:
    """Record that a letter came back undelivered; it then counts for nothing (所在調査 follows)."""
    letter = _current(ledger, letter_entry_id)
    if letter.channel is not Channel.LETTER_OUT:
        raise Refusal("entry_id", "return_of_letters_only")
    if ledger.casework.return_of(letter_entry_id) is not None:
        raise Refusal("entry_id", "already_returned")
    on = on or today or clock_today()
    if on < letter.on:
        raise Refusal("on", "returned_before_sent", sent_on=letter.on)
    what = letter.letter_kind.label if letter.letter_kind else "文書"
    entry = ContactEntry(
        debtor_id=letter.debtor_id, claim_ids=letter.claim_ids, on=on, channel=Channel.LETTER_IN,
        summary=f"{what}（{format_wareki(letter.on)}発送）が返戻された（{reason.strip() or '理由不明'}）",
        party=Party.OTHER, party_name="郵便局", contact_person=ledger.operator,
        letter_kind=letter.letter_kind, returned_letter_of=letter.entry_id,
    )
    return _stored(ledger, entry)


def record_decision(ledger: Ledger, claim_ids: ClaimIds, decision: Decision | str, *, approver: str,
                    approved_on: date, basis: str, on: date | None = None, summary: str = "",
                    step_id: str = "", checklist: Iterable[str] = (), today: date | None = None) -> ContactEntry:
    """Record a decision that needs approval (履行延期, 徴収停止 …) with its approver, date and basis."""
    decided = _enum(Decision, decision, "decision")
    if decided is None:
        raise Refusal("decision", "decision_required")
    _not_a_suspension(decided)
    return _new_entry(ledger, claim_ids, Channel.INTERNAL, summary or f"{decided.label}を決定", on=on,
                      party=Party.NONE, decision=decided, approver=approver, approved_on=approved_on,
                      basis=basis, step_id=step_id, checklist=checklist, today=today)


def complete_step(ledger: Ledger, claim_ids: ClaimIds, step_id: str, *, on: date | None = None,
                  summary: str = "", checklist: Iterable[str] = (), channel: Channel | str | None = None,
                  approver: str = "", approved_on: date | None = None, basis: str = "",
                  today: date | None = None, **contact) -> ContactEntry:
    """Mark a step of the procedure done: writes the log entry the step calls for.

    A letter printed by ClaimDesk needs no call here: confirming its batch as sent logs
    it (文書発送 with its kind), and that already completes the step that uses it.
    """
    claims = _claims(ledger, claim_ids)
    nature = _nature(ledger, claims)
    step = load_procedure(ledger, nature).step(step_id)
    if step is None:
        raise Refusal("step_id", "step_unknown", step_id=step_id, nature=nature.label)
    _not_a_suspension(step.decision, "step_id")
    ticked = tuple(checklist)
    unknown = [item for item in ticked if item not in step.checklist]
    if unknown:
        raise Refusal("checklist", "not_in_checklist", item=unknown[0])
    channel = (_enum(Channel, channel, "channel")
               or (Channel.LETTER_OUT if step.letter is not None else Channel.INTERNAL))
    party = contact.pop("party", None)
    if party is None:
        party = (Party.GUARANTOR if step.letter is LetterKind.GUARANTOR
                 else Party.NONE if channel is Channel.INTERNAL else Party.DEBTOR)
    effect = step.effect if _enum(Party, party, "party") in BINDS_DEBTOR else LegalEffect.NONE
    letter = step.letter if channel in (Channel.LETTER_OUT, Channel.LETTER_IN) else None
    return _new_entry(ledger, claim_ids, channel, summary or f"{step.title}を実施", on=on, party=party,
                      step_id=step.id, checklist=ticked, legal_effect=contact.pop("legal_effect", effect),
                      letter_kind=contact.pop("letter_kind", letter), decision=step.decision,
                      approver=approver, approved_on=approved_on, basis=basis, today=today, **contact)


def add_liable_party(ledger: Ledger, claim_id: str, person: Guarantor, role: str = "guarantor") -> int:
    """Attach a guarantor or an heir to a claim (each liable for the one balance); returns its id."""
    if role not in ROLE_LABELS:
        raise unknown_role()
    _claims(ledger, claim_id)
    required("name", "氏名", person.name)
    return ledger.casework.add_liable_party(replace(person, claim_id=claim_id), role)
