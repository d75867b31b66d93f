"""口座振替: a debtor's registration (bank, branch, account, holder, customer number) and
the rules of the 全銀協 fields it must fit (docs/receipt-files.md §1).

A registration is never changed: a new account, or its end, is a new entry of the
debtor's history, and the latest entry is the one in force.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from .errors import REASONS, Refusal

REASONS.update({
    "holder_bad_character": "口座名義に全銀協の文字（半角カナ・英大文字・数字・一部の記号）で書けない文字「{character}」があります",
    "holder_too_long": "口座名義は{width}文字（半角）までです（{length}文字）",
    "digits_only": "{label}は数字で入力してください（{text}）",
    "digits_exactly": "{label}は{digits}桁の数字です（{length}桁）",
    "digits_between": "{label}は{low}〜{high}桁の数字です（{length}桁）",
    "ends_before_starts": "終了日（{ends_on}）が開始日（{starts_on}）より前です",
})


class AccountType(str, Enum):
    """預金種目 as the 全銀協 formats code it."""

    ORDINARY = "1"
    CURRENT = "2"
    TAX_RESERVE = "3"
    SAVINGS = "4"
    OTHER = "9"

    @property
    def label(self) -> str:
        return {"1": "普通", "2": "当座", "3": "納税準備", "4": "貯蓄", "9": "その他"}[self.value]

    @classmethod
    def parse(cls, text: str) -> AccountType:
        """'1', '普通', '普通預金' … → the account type."""
        s = unicodedata.normalize("NFKC", str(text)).strip().removesuffix("預金")
        for kind in cls:
            if s in (kind.value, kind.label):
                return kind
        choices = "、".join(f"{k.value}/{k.label}" for k in cls)
        raise Refusal("account_type", "unknown_choice", label="預金種目", text=text, choices=choices)


# The 全銀協 character set of a name field (JIS X 0201): digits, capital letters, the
# half-width katakana without the small ones, the (semi-)voiced marks and a few signs.
_HALF_KANA = "ｦｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ"
ZENGIN_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ().-/,\\｢｣" + _HALF_KANA)
_SMALL = dict(zip("ｧｨｩｪｫｬｭｮｯｰ", "ｱｲｳｴｵﾔﾕﾖﾂ-"))  # and the long-vowel mark as the hyphen
# Full-width katakana → half-width, built from the half-width block itself (NFKC maps
# each half-width kana to its full-width twin), voiced ones as letter + mark.
_TO_HALF: dict[str, str] = {}
for _code in range(0xFF66, 0xFFA0):
    _TO_HALF[unicodedata.normalize("NFKC", chr(_code))] = chr(_code)
for _code in range(0x30A0, 0x3100):
    _base = unicodedata.normalize("NFD", chr(_code))
    if len(_base) == 2 and _base[0] in _TO_HALF and _base[1] in "\u3099\u309a":
        _TO_HALF[chr(_code)] = _TO_HALF[_base[0]] + ("ﾞ" if _base[1] == "\u3099" else "ﾟ")
_TO_HALF.update({"ー": "-", "－": "-", "　": " ", "「": "｢", "」": "｣", "ヴ": "ｳﾞ", "・": "."})


def zengin_kana(text: str, field: str = "account_holder_kana", width: int = 30) -> str:
    """A name in the 全銀協 character set: 全角 or hiragana written as half-width katakana,
    small kana as large, letters upper case; anything else is refused, naming the character."""
    out = []
    for ch in str(text).strip():
        if "\u3041" <= ch <= "\u3096":  # hiragana → katakana
            ch = chr(ord(ch) + 0x60)
        if ch in _TO_HALF:
            ch = _TO_HALF[ch]
        elif not "\uff61" <= ch <= "\uff9f":  # 全角 letters and digits → ASCII
            ch = unicodedata.normalize("NFKC", ch)
        out.append("".join(_SMALL.get(c, c) for c in ch).upper())
    result = " ".join("".join(out).split())
    if not result:
        raise Refusal(field, "not_entered", label="口座名義（カナ）")
    for ch in result:
        if ch not in ZENGIN_CHARACTERS:
            raise Refusal(field, "holder_bad_character", character=ch)
    if len(result) > width:
        raise Refusal(field, "holder_too_long", width=width, length=len(result))
    return result


def _digits(text: str, field: str, label: str, low: int, high: int) -> str:
    s = unicodedata.normalize("NFKC", str(text)).strip()
    if not s.isascii() or not s.isdigit():
        raise Refusal(field, "digits_only", label=label, text=text)
    if not low <= len(s) <= high:
        if low == high:
            raise Refusal(field, "digits_exactly", label=label, digits=high, length=len(s))
        raise Refusal(field, "digits_between", label=label, low=low, high=high, length=len(s))
    return s


def bank_code(text: str) -> str:
    """統一金融機関コード: 4 digits."""
    return _digits(text, "bank_code", "銀行コード", 4, 4)


def branch_code(text: str) -> str:
    """支店コード: 3 digits."""
    return _digits(text, "branch_code", "支店コード", 3, 3)


def account_number(text: str) -> str:
    """口座番号: up to 7 digits, written with leading zeros as the 全銀協 field is."""
    return _digits(text, "account_number", "口座番号", 1, 7).zfill(7)


def customer_number(text: str) -> str:
    """顧客番号: up to 20 digits; leading zeros do not tell two numbers apart (the field is
    right-aligned and zero-filled by some banks, left-aligned by others)."""
    return _digits(text, "customer_number", "顧客番号", 1, 20).lstrip("0") or "0"


@dataclass(frozen=True)
class DirectDebit:
    """One entry of a debtor's 口座振替 history; the latest entry is in force."""

    debtor_id: str
    bank_code: str
    branch_code: str
    account_type: AccountType
    account_number: str
    holder_kana: str
    customer_number: str
    starts_on: date
    ends_on: date | None = None  # the last day transfers apply; None: until further notice
    entry_id: int | None = None
    operator: str = ""
    entered_at: datetime | None = None

    def active_on(self, day: date) -> bool:
        """Whether transfers apply on `day`."""
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def direct_debit(debtor_id: str, bank: str, branch: str, account_type: str, number: str,
                 holder: str, customer: str, starts_on: date, ends_on: date | None = None) -> DirectDebit:
    """A registration checked field by field (a refusal names the first field wrong)."""
    if ends_on is not None and ends_on < starts_on:
        raise Refusal("ends_on", "ends_before_starts", ends_on=ends_on, starts_on=starts_on)
    kind = account_type if isinstance(account_type, AccountType) else AccountType.parse(account_type)
    return DirectDebit(debtor_id, bank_code(bank), branch_code(branch), kind, account_number(number),
                       zengin_kana(holder), customer_number(customer), starts_on, ends_on)
