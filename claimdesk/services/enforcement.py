"""滞納処分 of 強制徴収公債権 (財産調査 → 差押 → 配当 / 執行停止) and 生活困窮 referrals.

Each record is written with the contact entry it hangs on, in one transaction: the
entry shows it in the log and completes the procedure's step of the same id (when the
department's procedure has one). A 配当 or 取立て received is an ordinary receipt.
"""

from __future__ import annotations

from datetime import date

from ..domain.claims import EventKind, MoneyEvent
from ..domain.contacts import Channel, Decision, Party, resolve_log
from ..domain.dates import format_wareki
from ..domain.enforcement import (
    AssetInquiry,
    Enforcement,
    Referral,
    Seizure,
    SeizureEnd,
    Suspension,
    SuspensionGround,
    SuspensionLaw,
    check_answer,
    check_cancellation,
    check_seizure_end,
    check_self_enforcement,
    check_suspension,
    required,
)
from ..domain.errors import REASONS, Refusal
from ..storage.ledger import Ledger
from .casework_settings import casework_settings
from .clock import today as clock_today
from .contact_log import ClaimIds, _claims, _nature, _new_entry, stored_id
from .entries import record_event
from .procedures import load_procedure

REFERRALS = {"self_reliance": "生活困窮者自立支援窓口", "legal_support": "法テラス"}

REASONS.update({
    "referral_unknown": "つなぎ先は self_reliance（生活困窮者自立支援）か legal_support（法テラス）です",
    "record_retracted": "記録 {record_id} の交渉記録は取り消されています",
    "record_unknown": "記録 {record_id} は台帳にありません",
})


def _enforceable(ledger: Ledger, claim_ids: ClaimIds) -> list:
    claims = _claims(ledger, claim_ids)
    nature = _nature(ledger, claims)
    for c in claims:
        check_self_enforcement(c.claim_id, nature)
    return claims


def _step(ledger: Ledger, claims, step_id: str, decision: Decision | None = None) -> str:
    """The step id if the department's procedure has that step (it may have renamed it; a
    step deciding `decision` is the same step under another id)."""
    procedure = load_procedure(ledger, _nature(ledger, claims))
    if procedure.step(step_id) is not None:
        return step_id
    return next((s.id for s in procedure.steps if decision is not None and s.decision is decision), "")


def _dated(on: date, today: date, claims, what: str) -> None:
    if on > today:
        raise Refusal("on", "date_after_today", on=on)
    first_due = min(c.due_date for c in claims)
    if on <= first_due:
        raise Refusal("on", "enforcement_before_due", what=what, on=on, due_date=first_due)


def record_asset_inquiry(ledger: Ledger, claim_ids: ClaimIds, *, asked_on: date, asked_of: str, subject: str,
                         today: date | None = None) -> AssetInquiry:
    """A 財産調査: what was asked (`subject`) of whom (`asked_of`) on `asked_on`."""
    claims = _enforceable(ledger, claim_ids)
    today = today or clock_today()
    asked_of, subject = required("asked_of", "照会先", asked_of), required("subject", "照会事項", subject)
    _dated(asked_on, today, claims, "財産調査")
    with ledger.atomic():
        entry = _new_entry(ledger, claim_ids, Channel.INTERNAL, f"財産調査: {asked_of}へ{subject}を照会",
                           on=asked_on, party=Party.NONE, step_id=_step(ledger, claims, "asset_investigation"),
                           today=today)
        inquiry_id = ledger.enforcement.add_inquiry(stored_id(entry), asked_on, asked_of, subject)
    return AssetInquiry(entry.claim_ids, asked_on, asked_of, subject, inquiry_id=inquiry_id, entry_id=entry.entry_id)


def record_inquiry_answer(ledger: Ledger, inquiry_id: int, *, answered_on: date, answer: str,
                          today: date | None = None) -> AssetInquiry:
    """The answer to a 財産調査 (once); returns the inquiry with it."""
    inquiry = _find(ledger, "inquiries", "inquiry_id", inquiry_id)
    answer = required("answer", "回答内容", answer)
    if answered_on > (today or clock_today()):
        raise Refusal("answered_on", "date_after_today", on=answered_on)
    check_answer(inquiry, answered_on)
    ledger.enforcement.answer_inquiry(inquiry_id, answered_on, answer)
    return _find(ledger, "inquiries", "inquiry_id", inquiry_id)


def record_seizure(ledger: Ledger, claim_ids: ClaimIds, *, seized_on: date, property: str, amount: int,
                   today: date | None = None) -> Seizure:
    """A 差押 of `property` for `amount` yen on `seized_on`: the limitation is held until it ends."""
    claims = _enforceable(ledger, claim_ids)
    today = today or clock_today()
    property = required("property", "差押財産", property)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise Refusal("amount", "amount_not_positive")
    _dated(seized_on, today, claims, "差押え")
    with ledger.atomic():
        entry = _new_entry(ledger, claim_ids, Channel.INTERNAL, f"差押え: {property}（{amount:,}円）",
                           on=seized_on, party=Party.NONE, step_id=_step(ledger, claims, "seizure"), today=today)
        seizure_id = ledger.enforcement.add_seizure(stored_id(entry), seized_on, property, amount)
    return Seizure(entry.claim_ids, seized_on, property, amount, seizure_id=seizure_id, entry_id=entry.entry_id)


def end_seizure(ledger: Ledger, seizure_id: int, *, ended_on: date, how: SeizureEnd | str = SeizureEnd.ENDED,
                note: str = "", today: date | None = None) -> Seizure:
    """The end of a 差押 (取立て・配当・解除; or 取消, which leaves six months only); returns it ended."""
    seizure = _find(ledger, "seizures", "seizure_id", seizure_id)
    if ended_on > (today or clock_today()):
        raise Refusal("ended_on", "date_after_today", on=ended_on)
    check_seizure_end(seizure, ended_on)
    ledger.enforcement.end_seizure(seizure_id, ended_on, SeizureEnd(how), note.strip())
    return _find(ledger, "seizures", "seizure_id", seizure_id)


def record_dividend(ledger: Ledger, claim_id: str, *, on: date, amount: int, seizure_id: int | None = None,
                    today: date | None = None) -> MoneyEvent:
    """A 配当 or 取立て received from a seizure: an ordinary receipt, noted as such."""
    _enforceable(ledger, claim_id)
    note = "差押えによる配当・取立て" + (f"（差押 {seizure_id}）" if seizure_id else "")
    return record_event(ledger, claim_id, EventKind.RECEIPT, on, amount, method="その他", note=note, today=today)


def record_suspension(ledger: Ledger, claim_ids: ClaimIds, *, suspended_on: date,
                      law: SuspensionLaw | str = SuspensionLaw.LOCAL_TAX, ground: SuspensionGround | str,
                      immediate: bool = False, approver: str, approved_on: date | None, note: str = "",
                      today: date | None = None) -> Suspension:
    """A 執行停止 with its approval: 3 years then extinction, or extinction at once (第5項)."""
    claims = _enforceable(ledger, claim_ids)
    today = today or clock_today()
    law, ground = SuspensionLaw(law), SuspensionGround(ground)
    check_suspension(ground, immediate)
    approver = required("approver", "決裁者", approver)
    if approved_on is None:
        raise Refusal("approved_on", "text_required", label="決裁日")
    _dated(suspended_on, today, claims, "執行停止")
    record = Suspension(tuple(c.claim_id for c in claims), suspended_on, law, ground, immediate)
    basis = record.law_text + (f"。{note.strip()}" if note.strip() else "")
    with ledger.atomic():
        entry = _new_entry(ledger, claim_ids, Channel.INTERNAL, "執行停止" + ("（即時消滅）" if immediate else ""),
                           on=suspended_on, party=Party.NONE, decision=Decision.ENFORCEMENT_SUSPENSION,
                           approver=approver, approved_on=approved_on, basis=basis,
                           step_id=_step(ledger, claims, "enforcement_suspension", Decision.ENFORCEMENT_SUSPENSION), today=today)
        suspension_id = ledger.enforcement.add_suspension(stored_id(entry), suspended_on, law, ground, immediate)
    return Suspension(entry.claim_ids, suspended_on, law, ground, immediate, suspension_id, entry.entry_id)


def refer_hardship(ledger: Ledger, claim_ids: ClaimIds, *, referred_to: str, on: date | None = None,
                   channel: Channel | str = Channel.COUNTER, summary: str = "", today: date | None = None) -> Referral:
    """A referral to 生活困窮者自立支援 or 法テラス, logged as a contact with the debtor."""
    if referred_to not in REFERRALS:
        raise Refusal("referred_to", "referral_unknown")
    to = REFERRALS[referred_to]
    with ledger.atomic():
        entry = _new_entry(ledger, claim_ids, channel, summary.strip() or f"{to}を案内し、相談につないだ", on=on,
                           party=Party.DEBTOR, agreement=f"{to}へつなぐ", today=today)
        referral_id = ledger.enforcement.add_referral(stored_id(entry), referred_to)
    return Referral(referral_id, stored_id(entry), entry.debtor_id, entry.claim_ids, entry.on, referred_to)


def enforcement_of(ledger: Ledger, claim_id: str) -> Enforcement:
    """The claim's current 滞納処分 records (those whose entries stand), oldest first."""
    (claim,) = _claims(ledger, claim_id)
    log = resolve_log(ledger.casework.entries_of_debtors([claim.debtor_id]))
    current = {e.entry_id for e in log.current if e.entry_id is not None}
    return ledger.enforcement.of_debtors([claim.debtor_id]).get(claim.debtor_id, Enforcement()).for_claim(
        claim_id, current)


def _find(ledger: Ledger, kind: str, field: str, record_id: int):
    """The record as it stands (a cancellation whose entry was retracted left out)."""
    for debtor, records in ledger.enforcement.of_debtors(_all_debtors(ledger)).items():
        for r in getattr(records, kind):
            if getattr(r, field) == record_id:
                log = resolve_log(ledger.casework.entries_of_debtors([debtor]))
                current = {e.entry_id for e in log.current if e.entry_id is not None}
                standing = getattr(Enforcement(**{kind: (r,)}).for_claim(r.claim_ids[0], current), kind)
                if standing:
                    return standing[0]
                raise Refusal(field, "record_retracted", record_id=record_id)
    raise Refusal(field, "record_unknown", record_id=record_id)


def _all_debtors(ledger: Ledger) -> set[str]:
    return ledger.enforcement.debtors_with_records()


def cancel_suspension(ledger: Ledger, suspension_id: int, *, cancelled_on: date, reason: str,
                      today: date | None = None) -> Suspension:
    """執行停止の取消 (地方税法15条の8): the debtor can pay again; the claim will not be extinguished."""
    suspension = _find(ledger, "suspensions", "suspension_id", suspension_id)
    reason = required("reason", "取消の理由", reason)
    today = today or clock_today()
    if cancelled_on > today:
        raise Refusal("cancelled_on", "date_after_today", on=cancelled_on)
    check_cancellation(suspension, cancelled_on, casework_settings(ledger).enforcement_suspension_years)
    law = "地方税法15条の8" if suspension.law is SuspensionLaw.LOCAL_TAX else "国税徴収法154条"
    with ledger.atomic():
        entry = _new_entry(ledger, list(suspension.claim_ids), Channel.INTERNAL,
                           f"執行停止（{format_wareki(suspension.suspended_on)}）の取消（{law}）: {reason}",
                           on=cancelled_on, party=Party.NONE, today=today)
        ledger.enforcement.cancel_suspension(suspension_id, stored_id(entry), cancelled_on)
    return _find(ledger, "suspensions", "suspension_id", suspension_id)
