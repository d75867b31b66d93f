"""Where letters meet the casework engineer's work: late charges and the contact log.

Both are built concurrently (domain/charges.py, services/casework.py); until they are
in the ledger's code these hooks answer as if nothing were known — no late charge, no
letter sent — so letters print, and the integration is a change here only.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Sequence

from ..domain.claims import Claim, ClaimType, MoneyEvent
from ..domain.letters import LetterKind
from ..domain.money import Yen
from ..storage.ledger import Ledger


def late_charge(ledger: Ledger, claim: Claim, claim_type: ClaimType, events: Sequence[MoneyEvent],
                as_of: date) -> Yen:
    """The claim's 延滞金 / 遅延損害金 on `as_of`: 0 until domain/charges.py is integrated."""
    return 0


def letters_sent(ledger: Ledger, claim_ids: Iterable[str]) -> dict[str, dict[LetterKind, date]]:
    """Latest date each kind of letter was logged as sent, per claim: none until the contact log exists."""
    return {}
