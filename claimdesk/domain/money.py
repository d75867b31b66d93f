"""Money is whole yen in an ``int``; text only at the edges.

Excel ledgers carry amounts as ``12,000``, ``１２，０００`` or ``12000円``; all of them are
read as 12000. Fractions and (unless asked for) negative amounts are errors, never
rounded away, because a silently changed amount is a wrong ledger.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from .errors import REASONS, Refusal

REASONS.update({
    "amount_not_number": "金額を数値で入力してください",
    "amount_fraction": "金額は1円単位の整数で入力してください（{text}）",
    "amount_grouping": "金額の桁区切りが正しくありません（{text}）",
    "amount_unreadable": "金額として読めません（{text}）",
    "amount_too_large": "金額が大きすぎます（{text}）: 上限は ±{limit:,}円です",
    "amount_negative": "金額は1円以上の整数で入力してください（{text}）",
    "amount_zero": "金額に0円は指定できません",
})

Yen = int
# The largest amount one entry may carry: under a trillion yen, so that the sums of a
# million of them stay far inside SQLite's 64-bit integers.
MAX_YEN = 999_999_999_999

_NUMBER = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+")


def parse_yen(text: str | int, *, signed: bool = False, allow_zero: bool = False) -> Yen:
    """Read an amount of whole yen from text as clerks type it (全角, commas, 円, ¥)."""
    if isinstance(text, bool):
        raise Refusal(None, "amount_not_number")
    if isinstance(text, int):
        value = text
    else:
        s = unicodedata.normalize("NFKC", str(text)).strip()
        # NFKC leaves the minus sign (U+2212) and the long dash as they are.
        s = s.replace("−", "-").replace("－", "-").replace("ー", "-").replace(" ", "")
        s = s.removesuffix("円").removeprefix("¥").removeprefix("\\")
        if s.startswith("-¥") or s.startswith("-\\"):
            s = "-" + s[2:]
        if not s:
            raise Refusal(None, "not_entered", label="金額")
        if "." in s:
            raise Refusal(None, "amount_fraction", text=text)
        if "," in s:
            if not _GROUPED.fullmatch(s):
                raise Refusal(None, "amount_grouping", text=text)
            s = s.replace(",", "")
        if not _NUMBER.fullmatch(s):
            raise Refusal(None, "amount_unreadable", text=text)
        value = int(s)
    if abs(value) > MAX_YEN:
        raise Refusal(None, "amount_too_large", text=text, limit=MAX_YEN)
    if value < 0 and not signed:
        raise Refusal(None, "amount_negative", text=text)
    if value == 0 and not allow_zero:
        if signed:
            raise Refusal(None, "amount_zero")
        raise Refusal(None, "amount_whole_yen")
    return value


def format_amount(value: Yen) -> str:
    """12000 → '12,000' (for tables, where the column says 円)."""
    return f"{value:,}"


def format_yen(value: Yen) -> str:
    """12000 → '12,000円'."""
    return f"{value:,}円"


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round as Japanese public accounts do (四捨五入), not banker's rounding."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def collection_rate(collected: Yen, assessed: Yen) -> Decimal | None:
    """収納率 in percent with one decimal, rounded half up; None when nothing is assessed."""
    if assessed == 0:
        return None
    return round_half_up(Decimal(100 * collected) / Decimal(assessed), 1)


def thousand_yen(value: Yen) -> int:
    """Yen → 千円, rounded half up (away from zero for negatives, as the plan tables do)."""
    q = round_half_up(Decimal(abs(value)) / 1000, 0)
    return int(q) if value >= 0 else -int(q)
