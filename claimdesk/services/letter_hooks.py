"""Where letters meet the casework engineer's work: late charges and the contact log.

Both are built concurrently (domain/charges.py, services/casework.py). Until they are in
the ledger's code, late charges are 0, no letter counts as sent for `--due`, and
confirming a batch stops with a message instead of logging; each integration is a
change to one function here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable, Sequence

from ..domain.claims import Claim, ClaimType, MoneyEvent
from ..domain.errors import ClaimDeskError
from ..domain.letters import LetterKind
from ..domain.money import Yen
from ..storage.ledger import Ledger

if TYPE_CHECKING:
    from .letter_log import SentLetter


class ContactLogMissing(ClaimDeskError):
    """The contact log is not part of this ClaimDesk yet, so a letter cannot be logged."""


def late_charge(ledger: Ledger, claim: Claim, claim_type: ClaimType, events: Sequence[MoneyEvent],
                as_of: date) -> Yen:
    """The claim's 延滞金 / 遅延損害金 on `as_of`: 0 until domain/charges.py is integrated."""
    return 0


def letters_sent(ledger: Ledger, claim_ids: Iterable[str]) -> dict[str, dict[LetterKind, date]]:
    """Latest date each kind of letter was logged as sent, per claim: none until the contact log exists."""
    return {}


def record_sent_letter(ledger: Ledger, sent: "SentLetter") -> int:
    """Write one letter-out entry to the contact log (services/casework.log_contact, when it exists)."""
    raise ContactLogMissing("交渉記録の機能がまだ組み込まれていないため、発送を記録できません"
                            "（印刷したPDFはそのまま使えます）")
