"""Who besides the debtor is liable (連帯保証人, 保証人, 相続人), and an heir's share.

Each kind is named by its own label wherever a party is listed: an heir is not a
guarantor, and a 保証人 (民法446条) is not a 連帯保証人 (民法454条).

An heir's share (法定相続分) carries part of a balance:

A money debt is divided among the heirs by their statutory shares by law (最判昭和34年6月19日),
so a letter to an heir whose share is recorded names the share and the yen it comes to.
Shares are fractions kept as two integers; the yen are cut to 1円 per claim (each claim is
a debt of its own), which the letter states.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import REASONS, Refusal
from .money import Yen

REASONS.update({
    "share_form": "法定相続分「{text}」は 1/2 や 2分の1 の形で入力してください",
    "share_range": "法定相続分「{text}」は0より大きく1以下の分数にしてください",
})

_SLASH = re.compile(r"^(\d+)\s*/\s*(\d+)$")
_BUNNO = re.compile(r"^(\d+)\s*分の\s*(\d+)$")
ROUNDING = "債権ごとに1円未満切捨て"
ROLE_LABELS = {"guarantor": "連帯保証人", "surety": "保証人", "heir": "相続人"}


def role_label(role: str) -> str:
    """The kind of a liable party in words (連帯保証人 / 保証人 / 相続人)."""
    return ROLE_LABELS[role]


@dataclass(frozen=True)
class Share:
    """A fraction of the estate: `numerator`/`denominator`, 0 < share ≤ 1."""

    numerator: int
    denominator: int

    @property
    def label(self) -> str:
        """As a share is written in Japanese: 2分の1 (1 for the whole)."""
        return "全部" if self.numerator == self.denominator else f"{self.denominator}分の{self.numerator}"

    @property
    def text(self) -> str:
        """As typed and stored: 1/2."""
        return f"{self.numerator}/{self.denominator}"

    def of(self, amount: Yen) -> Yen:
        """The share of `amount` in yen, cut to 1円 (integers only: no rounding drift)."""
        return amount * self.numerator // self.denominator


def parse_share(text: str) -> Share | None:
    """「1/2」「１／２」「2分の1」 → Share; empty → None; anything else is refused by name."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    if not s:
        return None
    m = _SLASH.match(s)
    if m:
        numerator, denominator = int(m.group(1)), int(m.group(2))
    elif m := _BUNNO.match(s):
        numerator, denominator = int(m.group(2)), int(m.group(1))
    else:
        raise Refusal("share", "share_form", text=text.strip())
    if not 0 < numerator <= denominator or denominator > 10_000:
        raise Refusal("share", "share_range", text=text.strip())
    return Share(numerator, denominator)


def share_of_claims(share: Share, balances: list[Yen]) -> Yen:
    """The heir's part of several claims: each claim's share cut to 1円, then added up."""
    return sum(share.of(b) for b in balances)
