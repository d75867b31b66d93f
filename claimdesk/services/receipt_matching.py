"""Which claims a receipt pays: a debtor's claims owing on the day, as the file's lines use
them up (two lines of one file may pay two claims of one debtor)."""

from __future__ import annotations

from datetime import date

from ..domain.claims import Claim, balance_on
from ..storage.ledger import Ledger


class OpenClaims:
    """The balances of the claims a file's lines touch, lowered as lines are matched."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self._claims: dict[str, list[Claim]] = {}
        self._owed: dict[str, dict[date, int]] = {}  # claim id → day → owed

    def claims(self, debtor_id: str) -> list[Claim]:
        """The debtor's claims, oldest due first (the order money is applied in)."""
        if debtor_id not in self._claims:
            self._claims[debtor_id] = sorted(self.ledger.claims(debtor_id), key=lambda c: (c.due_date, c.claim_id))
        return self._claims[debtor_id]

    def owed(self, claim: Claim, on: date) -> int:
        """What the claim owed on `on`, less what earlier lines of the file applied to it."""
        days = self._owed.setdefault(claim.claim_id, {})
        if on not in days:
            days[on] = balance_on(claim, self.ledger.events(claim.claim_id), on).owed
        return days[on]

    def apply(self, claim: Claim, on: date, amount: int) -> None:
        """A line of the file paid `amount` on the claim."""
        self.owed(claim, on)  # known before it is lowered
        days = self._owed[claim.claim_id]
        for day in days:
            if day >= on:
                days[day] -= amount

    def owing(self, debtor_id: str, on: date) -> list[tuple[Claim, int]]:
        """(claim, owed) of the debtor's claims owing on `on`, oldest due first."""
        pairs = [(c, self.owed(c, on)) for c in self.claims(debtor_id) if c.assessed_on <= on]
        return [(c, owed) for c, owed in pairs if owed > 0]

    def paying(self, debtor_id: str, on: date, amount: int) -> list[tuple[Claim, int]] | None:
        """How `amount` pays the debtor's claims: the oldest claim owing exactly that much,
        else all of them when it is their total; None when it is neither."""
        owing = self.owing(debtor_id, on)
        for claim, owed in owing:
            if owed == amount:
                return [(claim, amount)]
        if owing and sum(owed for _, owed in owing) == amount:
            return owing
        return None
