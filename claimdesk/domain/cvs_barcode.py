"""The convenience-store payment code (GS1-128, 標準料金代理収納ガイドライン).

44 digits, AI (91) included, fixed width:

    91 | MMMMMM | EEEEEEEEEEEEEEEEEEEEE | S | YYMMDD | F | AAAAAA | C
    AI   請求書発行    自由使用欄 (21)        再発行 支払期限  印紙  支払金額  検査数字
         企業コード (6)                       区分                (6)

- 請求書発行企業コード: the 7-digit JAN maker code without its leading 4 (so it begins
  with 9 or 5), or an old 5-digit code after the 国コード 9 — six digits either way.
- 自由使用欄: ClaimDesk puts the 12-digit 納付番号 first and fills with 0 (a receipt file
  gives the field back, and the 納付番号 finds the slip).
- 再発行区分: how often the slip was reissued (0 the first time, at most 9).
- 支払期限: the last day a store may take it (YYMMDD); the 納付期限 of the slip.
- 印紙フラグ: 0 — a receipt for public money needs no revenue stamp.
- 支払金額: yen, six digits; stores take at most 999,999 and usually far less (the
  department's contract: 30万円 by default, a setting).
- 検査数字: modulus 10, weights 3-1 from the right, over the 43 digits before it,
  AI included (see domain.payment_slips.mod10_w31).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import REASONS, Refusal
from .money import Yen
from .payment_slips import NUMBER_DIGITS, mod10_w31

AI = "91"
LENGTH = 44
FREE_DIGITS = 21
MAX_AMOUNT = 999_999
DEFAULT_STORE_LIMIT = 300_000

REASONS.update({
    "company_code_digits": "収納企業コードは6桁の数字です（{text}）",
    "company_code_prefix": "収納企業コードは 9 か 5 で始まります（JANの企業コード7桁から先頭の4を除いた6桁）（{text}）",
    "cvs_amount_range": "コンビニで納付できる金額は1円以上{limit:,}円以下です（{amount:,}円）",
    "barcode_digits": "コンビニ収納のバーコードは{digits}桁の数字です（{text}）",
    "barcode_not_cvs": "コンビニ収納のバーコードではありません（AIが91でない: {text}）",
    "barcode_check_digit": "バーコードの検査数字が合いません（{text}）",
})


def check_company_code(text: str) -> str:
    """The 6-digit 請求書発行企業コード, or a refusal saying what is wrong with it."""
    code = str(text).strip()
    if not (code.isascii() and code.isdecimal() and len(code) == 6):
        raise Refusal("cvs_company_code", "company_code_digits", text=text)
    if code[0] not in "59":
        raise Refusal("cvs_company_code", "company_code_prefix", text=text)
    return code


@dataclass(frozen=True)
class CvsCode:
    """The fields of one convenience-store code."""

    company_code: str
    free_field: str
    reissue: int
    deadline: date
    amount: Yen
    stamp: bool = False

    @property
    def digits(self) -> str:
        """The 44 digits, check digit last (what the bars and the printed line carry)."""
        body = (AI + self.company_code + self.free_field + str(self.reissue)
                + self.deadline.strftime("%y%m%d") + ("1" if self.stamp else "0") + f"{self.amount:06d}")
        return body + str(mod10_w31(body))

    @property
    def payment_number(self) -> str:
        """The 納付番号 ClaimDesk put at the head of the free field."""
        return self.free_field[:NUMBER_DIGITS]


def cvs_code(company_code: str, number: str, reissue: int, deadline: date, amount: Yen) -> CvsCode:
    """The code of a slip: its 納付番号 in the free field; refused when a store could not take it."""
    company_code = check_company_code(company_code)
    if not 0 < amount <= MAX_AMOUNT:
        raise Refusal("amount", "cvs_amount_range", limit=MAX_AMOUNT, amount=amount)
    if len(number) != NUMBER_DIGITS or not number.isdecimal():
        raise Refusal("payment_number", "payment_number_digits", digits=NUMBER_DIGITS, text=number)
    return CvsCode(company_code, number.ljust(FREE_DIGITS, "0"), min(max(reissue, 0), 9), deadline, amount)


def parse_cvs_code(text: str) -> CvsCode:
    """The fields of 44 digits read from a barcode or a receipt file (an 'EAN' or '(91)' prefix is allowed)."""
    raw = str(text).strip().removeprefix("EAN").replace("(", "").replace(")", "").replace(" ", "").replace("-", "")
    if len(raw) != LENGTH or not (raw.isascii() and raw.isdecimal()):
        raise Refusal("barcode", "barcode_digits", digits=LENGTH, text=text)
    if not raw.startswith(AI):
        raise Refusal("barcode", "barcode_not_cvs", text=text)
    if mod10_w31(raw[:-1]) != int(raw[-1]):
        raise Refusal("barcode", "barcode_check_digit", text=text)
    yymmdd = raw[30:36]
    try:
        deadline = date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        deadline = date.max  # 999999: no deadline (the guideline allows it)
    return CvsCode(raw[2:8], raw[8:29], int(raw[29]), deadline, int(raw[37:43]), raw[36] == "1")


def human_readable(digits: str) -> str:
    """The printed line under the bars, grouped as the guideline shows it: (91)MMMMMM-E…-S-YYMMDD-F-AAAAAA-C."""
    d = digits
    return f"({d[:2]}){d[2:8]}-{d[8:29]}-{d[29]}-{d[30:36]}-{d[36]}-{d[37:43]}-{d[43]}"


def barcode_refusal(amount: Yen, limit: Yen) -> str | None:
    """Why a slip of `amount` gets no barcode under the store limit `limit`, or None when it may."""
    if amount <= 0:
        return "金額が0円"
    if amount > min(limit, MAX_AMOUNT):
        return f"金額がコンビニの取扱上限（{min(limit, MAX_AMOUNT):,}円）を超える"
    return None
