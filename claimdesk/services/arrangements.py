"""Arrangements with a debtor: promises to pay and instalment plans (分納誓約・履行延期).

Each is made in a logged contact: the promise in the call or visit where it was given,
the plan with the signed pledge (an acknowledgment) or the approved deferment. Whether
it is kept is never entered: the receipts decide (domain/promises.py, instalments.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from ..domain.contacts import ALLOWED_DECISIONS, Channel, ContactEntry, Decision, LegalEffect, LetterKind, Party
from ..domain.dates import format_wareki
from ..domain.enforcement import required
from ..domain.errors import REASONS, Refusal
from ..domain.instalments import Plan, PlanKind, equal_schedule, explicit_schedule
from ..domain.money import format_yen
from ..domain.promises import Promise
from ..storage.ledger import Ledger
from .casework_settings import casework_settings
from .contact_log import ClaimIds, _claims, _current, _nature, _new_entry, log_contact, stored_id

REASONS.update({
    "schedule_required": "総額・回数・初回納付日、または分納の予定の一覧を指定してください",
    "first_due_before_signed": "初回の納付日が誓約日より前です",
    "no_deferment_when_enforced": "履行延期の特約は強制徴収公債権には使えません（施行令171条の6）",
    "plan_unknown": "分納計画 {plan_id} は台帳にありません",
})


def record_promise(ledger: Ledger, claim_ids: ClaimIds, amount: int, due_on: date, *,
                   entry_id: int | None = None, on: date | None = None,
                   channel: Channel | str = Channel.PHONE, summary: str = "", today: date | None = None,
                   **contact) -> Promise:
    """Record a promise to pay `amount` by `due_on`, made in a logged contact (new or given)."""
    if entry_id is None:
        # The entry's text is the record clerks read (window, 経過記録書, command line):
        # written once, in 和暦 as a clerk writes it, and never rewritten.
        text = f"{format_yen(amount)}を{format_wareki(due_on)}までに納付すると約束"
        entry = log_contact(ledger, claim_ids, channel, summary or text, on=on, today=today,
                            agreement=contact.pop("agreement", "") or text, **contact)
    else:
        entry = _current(ledger, entry_id)
    promise = Promise(entry.debtor_id, entry.claim_ids, entry.on, amount, due_on, entry_id=entry.entry_id)
    promise_id = ledger.casework.add_promise(stored_id(entry), promise.made_on, amount, due_on)
    return replace(promise, promise_id=promise_id)


def create_instalment_plan(
    ledger: Ledger,
    claim_ids: ClaimIds,
    *,
    signed_on: date,
    total: int | None = None,
    count: int | None = None,
    first_due: date | None = None,
    interval_months: int = 1,
    schedule: Sequence[tuple[date, int]] | None = None,
    kind: PlanKind | str = PlanKind.PLEDGE,
    summary: str = "",
    approver: str = "",
    approved_on: date | None = None,
    basis: str = "",
    document_hash: str = "",
    document_path: str = "",
    today: date | None = None,
    party: Party | str = Party.DEBTOR,
    liable_party_id: int | None = None,
) -> Plan:
    """A 分納誓約 (signed: an acknowledgment) or a 履行延期 (a decision with approval)."""
    kind = PlanKind(kind)
    if schedule is not None:
        instalments = explicit_schedule(schedule)
    elif total is None or count is None or first_due is None:
        raise Refusal("schedule", "schedule_required")
    else:
        instalments = equal_schedule(total, count, first_due, interval_months,
                                     casework_settings(ledger).open_days)
    if instalments[0].due_on < signed_on:
        raise Refusal("first_due", "first_due_before_signed", signed_on=signed_on)
    claims = _claims(ledger, claim_ids)
    nature = _nature(ledger, claims)
    total = sum(i.amount for i in instalments)
    text = (f"{kind.label}: 総額{format_yen(total)}、{len(instalments)}回"
            f"（{format_wareki(instalments[0].due_on)}〜{format_wareki(instalments[-1].due_on)}）")
    # Both the signed pledge and the debtor's application for deferment acknowledge the
    # debt (民法152条), so either renews the limitation period from the day it is signed.
    common: dict[str, Any] = dict(on=signed_on, summary=summary or text, agreement=text, today=today,
                  legal_effect=LegalEffect.ACKNOWLEDGMENT, document_hash=document_hash,
                  document_path=document_path, party=party, liable_party_id=liable_party_id)
    if kind is PlanKind.PLEDGE:
        entry = _new_entry(ledger, claim_ids, Channel.LETTER_IN, letter_kind=LetterKind.INSTALMENT_PLEDGE,
                           **common)
    else:
        if Decision.DEFERMENT not in ALLOWED_DECISIONS[nature]:
            raise Refusal("kind", "no_deferment_when_enforced")
        entry = _new_entry(ledger, claim_ids, Channel.LETTER_IN, decision=Decision.DEFERMENT,
                           approver=approver, approved_on=approved_on, basis=basis, **common)
    plan = Plan(entry.debtor_id, entry.claim_ids, kind, signed_on, instalments, entry_id=entry.entry_id)
    return replace(plan, plan_id=ledger.casework.add_plan(stored_id(entry), kind, signed_on, instalments))


def cancel_instalment_plan(ledger: Ledger, plan_id: int, on: date, reason: str,
                           today: date | None = None) -> ContactEntry:
    """Cancel a plan (a new entry says why); its instalments stay in the history."""
    plan = next((p for p in ledger.casework.plans_by_id([plan_id])), None)
    if plan is None:
        raise Refusal("plan_id", "plan_unknown", plan_id=plan_id)
    required("reason", "取消の理由", reason)
    with ledger.atomic():
        entry = log_contact(ledger, plan.claim_ids, Channel.INTERNAL, f"{plan.kind.label}を取消: {reason.strip()}",
                            on=on, party=Party.NONE, today=today)
        ledger.casework.cancel_plan(plan_id, on, stored_id(entry))
    return entry
