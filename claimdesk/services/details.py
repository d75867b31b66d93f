"""What the claim page and the debtor page show, gathered in one call each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.claims import Claim, ClaimType, Debtor, Guarantor, MoneyEvent, balance_on
from ..domain.register import RegisterQuery, RegisterRow
from ..storage.ledger import Ledger
from .refusals import unknown_claim, unknown_debtor, unknown_event
from .register import register_page


@dataclass(frozen=True)
class HistoryLine:
    """One money event with the balance after it."""

    event: MoneyEvent
    balance_after: int
    reversed_by: int | None  # id of the entry that cancelled this one

    @property
    def is_reversal(self) -> bool:
        return self.event.reverses is not None


@dataclass(frozen=True)
class ClaimDetail:
    claim: Claim
    claim_type: ClaimType
    debtor: Debtor
    guarantors: list[Guarantor]
    history: list[HistoryLine]
    as_of: date | None = None  # the day `balance` is taken at (None: counting every entry)

    @property
    def balance(self) -> int:
        """What the claim owes on `as_of` (negative: 過誤納金), as letters and the register count it."""
        if self.as_of is None:
            return self.history[-1].balance_after if self.history else self.claim.amount
        return balance_on(self.claim, [h.event for h in self.history], self.as_of).owed

    @property
    def overpaid(self) -> int:
        """過誤納金 still to be refunded on `as_of` (0 when none)."""
        return max(-self.balance, 0)


def claim_detail(ledger: Ledger, claim_id: str, as_of: date | None = None) -> ClaimDetail:
    """A claim with its money history, oldest first, the running balance, and its balance on `as_of`."""
    claim = ledger.claim(claim_id)
    if claim is None:
        raise unknown_claim(claim_id)
    events = ledger.events(claim_id)
    reversed_by: dict[int | None, int | None] = {e.reverses: e.event_id for e in events if e.reverses is not None}
    balance = claim.amount
    history = []
    for e in events:
        balance += e.effect
        history.append(HistoryLine(e, balance, reversed_by.get(e.event_id)))
    claim_type, debtor = ledger.claim_type(claim.claim_type), ledger.debtor(claim.debtor_id)
    assert claim_type is not None and debtor is not None  # a claim's type and debtor must exist (foreign keys)
    return ClaimDetail(
        claim=claim,
        claim_type=claim_type,
        debtor=debtor,
        guarantors=ledger.guarantors(claim_id, as_of=as_of),  # ended ones are on the 保証人・相続人 tab
        history=history,
        as_of=as_of,
    )


def money_event(ledger: Ledger, event_id: int) -> MoneyEvent:
    """One recorded money event (for showing what a reversal would cancel)."""
    event = ledger.event(event_id)
    if event is None:
        raise unknown_event(event_id)
    return event


@dataclass(frozen=True)
class DebtorDetail:
    debtor: Debtor
    claims: list[RegisterRow]
    guarantors: list[Guarantor]

    @property
    def total_owed(self) -> int:
        return sum(r.balance for r in self.claims if r.balance > 0)


def debtor_detail(ledger: Ledger, debtor_id: str, today: date | None = None) -> DebtorDetail:
    """A debtor with every claim and its balance, and the guarantors of those claims."""
    debtor = ledger.debtor(debtor_id)
    if debtor is None:
        raise unknown_debtor(debtor_id)
    rows = register_page(ledger, RegisterQuery(debtor_id=debtor_id, sort="fiscal_year"), 0, 10_000, today)
    guarantors = [g for r in rows for g in ledger.guarantors(r.claim_id, as_of=today)]
    return DebtorDetail(debtor, rows, guarantors)
