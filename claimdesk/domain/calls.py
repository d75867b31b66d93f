"""電話催告: today's calls, one per debtor, with what to say, and what came of each call."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .claims import LegalNature
from .contacts import Party
from .money import Yen


class CallResult(str, Enum):
    """What came of a call: the one choice the clerk makes before OK."""

    REACHED = "reached"  # spoke with the debtor: the call step is done
    FAMILY = "family"  # a message left with the family: tried, not done
    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"

    @property
    def label(self) -> str:
        return {"reached": "本人と話した", "family": "家族に伝言", "no_answer": "不在・留守番電話",
                "wrong_number": "番号違い・不通"}[self.value]

    @property
    def party(self) -> Party:
        return {"reached": Party.DEBTOR, "family": Party.FAMILY}.get(self.value, Party.NONE)


@dataclass(frozen=True)
class CallStep:
    """The claims of one legal kind that one step of the procedure asks to call about."""

    legal_nature: LegalNature
    step_id: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class CallRow:
    """One debtor to call: whom, on which number, about what, and what to say."""

    debtor_id: str
    name: str
    phone: str
    claim_ids: tuple[str, ...]
    balance: Yen  # what the claims listed still owe
    title: str  # the step's title (電話・訪問による催告)
    script: str  # from the procedure file's step
    steps: tuple[CallStep, ...]
