"""Entering things in the ledger: debtors, claims, money events and their reversals.

The window's dialogs and the command line call these with parsed values; each checks the
rules, writes in one transaction, and returns what was stored.
"""

from __future__ import annotations

from datetime import date

from ..domain.claims import Claim, ClaimType, Debtor, EventKind, MoneyEvent, new_event, reversal_of
from ..domain.enforcement import required
from ..domain.errors import REASONS, Refusal
from ..storage.ledger import Ledger
from .clock import today as clock_today
from .refusals import unknown_claim, unknown_debtor, unknown_event

REASONS.update({
    "overpayment": "収納額が残高（{owed:,}円）を{excess:,}円超えています。"
                   "過誤納金として受け入れる場合は、そのことを選んでください",
    "debtor_id_taken": "債務者番号 {debtor_id} はすでに使われています",
    "claim_type_unregistered": "債権名「{claim_type}」は登録されていません",
    "claim_id_taken": "債権番号 {claim_id} はすでに使われています",
    "value_required": "入力されていません",
    "event_after_today": "日付が今日（{today}）より後です。将来の日付の取引は入力できません",
    "refund_over_overpaid": "還付額が過納額（{overpaid:,}円）を超えています",
    "event_already_reversed": "この取引はすでに取り消されています",
})


class Overpayment(Refusal):
    """A receipt larger than what the claim still owes, not accepted as 過誤納金 (yet)."""

    def __init__(self, balance: int, amount: int):
        self.balance, self.excess = balance, amount - max(balance, 0)
        super().__init__("amount", "overpayment", owed=max(balance, 0), excess=self.excess)


def overpaid_by(balance: int, kind: EventKind, amount: int) -> int:
    """How much of a new event would be 過誤納金: a receipt's part beyond what is owed."""
    return max(amount - max(balance, 0), 0) if kind is EventKind.RECEIPT else 0


def _claim(ledger: Ledger, claim_id: str) -> Claim:
    claim = ledger.claim(claim_id)
    if claim is None:
        raise unknown_claim(claim_id)
    return claim


def add_debtor(ledger: Ledger, debtor: Debtor) -> Debtor:
    """Register a new debtor; an id already in use is refused."""
    if ledger.debtor(debtor.debtor_id) is not None:
        raise Refusal("debtor_id", "debtor_id_taken", debtor_id=debtor.debtor_id)
    ledger.save_debtor(debtor)
    return debtor


def update_debtor(ledger: Ledger, debtor: Debtor) -> Debtor:
    """Record new particulars of a debtor (the earlier ones stay in the history)."""
    if ledger.debtor(debtor.debtor_id) is None:
        raise unknown_debtor(debtor.debtor_id)
    ledger.save_debtor(debtor)
    return debtor


def add_claim(ledger: Ledger, claim: Claim) -> Claim:
    """Register a new claim (調定) of an existing debtor and claim type."""
    if ledger.debtor(claim.debtor_id) is None:
        raise unknown_debtor(claim.debtor_id)
    if ledger.claim_type(claim.claim_type) is None:
        raise Refusal("claim_type", "claim_type_unregistered", claim_type=claim.claim_type)
    if ledger.claim(claim.claim_id) is not None:
        raise Refusal("claim_id", "claim_id_taken", claim_id=claim.claim_id)
    ledger.add_claim(claim)
    return claim


def add_claim_type(ledger: Ledger, claim_type: ClaimType) -> ClaimType:
    for field, value in (("claim_type", claim_type.name), ("account", claim_type.account),
                         ("budget_section", claim_type.budget_section)):
        if not value.strip():
            raise Refusal(field, "value_required")
    ledger.add_claim_type(claim_type)
    return claim_type


def record_event(
    ledger: Ledger,
    claim_id: str,
    kind: EventKind,
    on: date,
    amount: int,
    *,
    accounting_year: int | None = None,
    method: str = "",
    note: str = "",
    legal_basis: str = "",
    today: date | None = None,
    accept_overpayment: bool = False,
) -> MoneyEvent:
    """Record a receipt, refund, write-off or adjustment on a claim.

    An event dated after `today` (default: clock.today()) is refused: the books record
    what happened. A receipt beyond the balance is refused unless `accept_overpayment`
    says the clerk takes the excess as 過誤納金 (to be refunded).
    """
    claim = _claim(ledger, claim_id)
    today = today or clock_today()
    if on > today:
        raise Refusal("date", "event_after_today", today=today, on=on)
    if kind is EventKind.WRITE_OFF:
        why = required("note", "不納欠損の理由", note)
        basis = required("legal_basis", "不納欠損の根拠（法令・条例）", legal_basis)
        note = f"{why}（根拠: {basis}）"
    if kind is EventKind.ADJUSTMENT:
        required("note", "調定増減の理由", note)
    if kind is EventKind.REFUND:
        balance = ledger_balance(ledger, claim_id)
        if amount > -balance:
            raise Refusal("amount", "refund_over_overpaid", overpaid=max(-balance, 0))
    if kind is EventKind.RECEIPT and not accept_overpayment:
        balance = ledger_balance(ledger, claim_id)
        if overpaid_by(balance, kind, amount):
            raise Overpayment(balance, amount)
    event = new_event(claim, kind, on, amount, accounting_year=accounting_year, method=method,
                      note=note.strip())
    return ledger.add_event(event)


def reverse_event(ledger: Ledger, event_id: int, reason: str) -> MoneyEvent:
    """Cancel an earlier entry by a new one that points to it (the original stays)."""
    original = ledger.event(event_id)
    if original is None:
        raise unknown_event(event_id)
    if ledger.is_reversed(event_id):
        raise Refusal("event_id", "event_already_reversed")
    return ledger.add_event(reversal_of(original, reason))


def ledger_balance(ledger: Ledger, claim_id: str) -> int:
    """What the claim still owes counting every recorded event (negative: overpaid)."""
    claim = _claim(ledger, claim_id)
    return claim.amount + sum(e.effect for e in ledger.events(claim_id))
