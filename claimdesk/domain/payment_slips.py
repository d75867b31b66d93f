"""納付書 as the ledger records them: the 納付番号 and what one printed slip asked for.

A 納付番号 is 12 digits: the claim's serial (9 digits, given once when the claim is
recorded, never reused), the issue of the slip for that claim (2 digits, 01–99: a slip
reissued for the same claim gets the next), and a check digit (modulus 10, weights 3
and 1 from the right — the rule the convenience-store barcode uses, so one routine
checks both). It is all digits so that it fits the barcode's free field and a clerk can
read it over the telephone; the same claim and issue always give the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .errors import REASONS, Refusal
from .money import Yen

SERIAL_DIGITS = 9
ISSUE_DIGITS = 2
NUMBER_DIGITS = SERIAL_DIGITS + ISSUE_DIGITS + 1
MAX_ISSUE = 10 ** ISSUE_DIGITS - 1

REASONS.update({
    "serial_out_of_range": "債権の通し番号が範囲外です（{serial}）",
    "too_many_issues": "この債権の納付書は{limit}回までしか発行できません（{issue}回目）",
    "payment_number_digits": "納付番号は{digits}桁の数字です（{text}）",
    "payment_number_check_digit": "納付番号の検査数字が合いません（{text}）。読み違い・打ち間違いを確かめてください",
    "not_a_payment_number": "納付番号ではありません（{text}）",
})


def mod10_w31(digits: str) -> int:
    """The modulus-10 check digit with weights 3, 1, 3 … from the rightmost digit.

    This is the check digit of the 標準料金代理収納 GS1-128 code (over AI and data) and
    of JAN/EAN: the digit that makes 3×(odd places) + (even places) a multiple of 10.
    """
    if not digits.isdecimal() or not digits.isascii():
        raise ValueError(f"digits only: {digits!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def payment_number(serial: int, issue: int) -> str:
    """The 12-digit 納付番号 of a claim's serial and the slip's issue (1 = first)."""
    if not 0 < serial < 10 ** SERIAL_DIGITS:
        raise Refusal("serial", "serial_out_of_range", serial=serial)
    if not 0 < issue <= MAX_ISSUE:
        raise Refusal("issue", "too_many_issues", limit=MAX_ISSUE, issue=issue)
    body = f"{serial:0{SERIAL_DIGITS}d}{issue:0{ISSUE_DIGITS}d}"
    return body + str(mod10_w31(body))


def parse_payment_number(text: str) -> str:
    """A 納付番号 as typed or read (hyphens, spaces, 全角 digits allowed), checked, as 12 digits."""
    raw = str(text).translate(_WIDE).replace("-", "").replace(" ", "").strip()
    if not raw.isdecimal() or not raw.isascii() or len(raw) != NUMBER_DIGITS:
        raise Refusal("payment_number", "payment_number_digits", digits=NUMBER_DIGITS, text=text)
    if mod10_w31(raw[:-1]) != int(raw[-1]):
        raise Refusal("payment_number", "payment_number_check_digit", text=text)
    if int(raw[:SERIAL_DIGITS]) == 0 or int(raw[SERIAL_DIGITS:-1]) == 0:
        raise Refusal("payment_number", "not_a_payment_number", text=text)
    return raw


def number_parts(number: str) -> tuple[int, int]:
    """(claim serial, issue) of a checked 納付番号."""
    return int(number[:SERIAL_DIGITS]), int(number[SERIAL_DIGITS:-1])


def format_payment_number(number: str) -> str:
    """The 納付番号 as printed: serial-issue-check (000012345-01-7), easier to read aloud."""
    return f"{number[:SERIAL_DIGITS]}-{number[SERIAL_DIGITS:-1]}-{number[-1]}"


class SlipKind(str, Enum):
    """A batch of 納付書 alone, beside the letter kinds (it is no letter: no legal effect, no form)."""

    PAYMENT_SLIP = "payment_slip"

    @property
    def label(self) -> str:
        return "納付書"


_WIDE = str.maketrans("０１２３４５６７８９－ー　", "0123456789-- ")


@dataclass(frozen=True)
class PaymentSlip:
    """One printed 納付書 as recorded: which claim, what it asked for, until when.

    `amount` is what the slip asks (the balance and the late charge as of `deadline`);
    `barcode` the 44 digits of its convenience-store code, or None when it had none
    (no 収納企業コード, or over the store limit). `batch_path`/`batch_hash` name the kept
    copy of the PDF it was printed in, `letter_entry` the contact-log entry of the
    letter it went with (or of the slip itself), when there is one.
    """

    number: str
    claim_id: str
    issue: int
    issued_on: date
    deadline: date
    principal: Yen
    late_charge: Yen
    barcode: str | None = None
    batch_path: str = ""
    batch_hash: str = ""
    letter_entry: int | None = None
    recorded_by: str = ""
    recorded_at: str = ""

    @property
    def amount(self) -> Yen:
        return self.principal + self.late_charge

    @property
    def printed_number(self) -> str:
        return format_payment_number(self.number)
