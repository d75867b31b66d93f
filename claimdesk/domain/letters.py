"""Letters as the trade knows them (docs/domain.md §8): kinds, deadlines, instalment schedules.

The kinds are the contact log's (domain.contacts.LetterKind): a letter printed is the
letter logged. Every number here is only a default: the ledger's settings and the
procedure files hold the values a department uses, as ordinances and rules decide them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .contacts import LetterKind
from .errors import REASONS, InvalidValue, Refusal
from .money import Yen
from .open_days import OpenDays
from .payment_slips import SlipKind
from .periods import period_end

REASONS.update({
    "deadline_days_negative": "期限までの日数は0以上にしてください（{days}）",
    "nothing_to_split": "分納する金額がありません",
    "split_count_positive": "分納回数は1回以上にしてください（{count}）",
})

__all__ = ["LetterKind", "parse_letter_kind", "DEFAULT_DEADLINE_DAYS", "letter_deadline", "Instalment",
           "month_end", "next_month_end", "instalment_schedule", "SentLetter"]


def parse_letter_kind(text: str) -> LetterKind:
    """A kind from its code name (demand …) or its Japanese name (督促状 …)."""
    try:
        return LetterKind.parse(text)
    except InvalidValue:
        raise Refusal("kind", "unknown_choice", label="文書の種類", text=text,
                      choices=", ".join(k.value for k in LetterKind)) from None


# Days from the issue date to the deadline printed on a letter that no step of the
# procedure gives a reply_days (docs/domain.md §3: a 督促 gives 10–15 days, default 10; a
# 催告書 20 days). The rest are common practice.
DEFAULT_DEADLINE_DAYS = {
    LetterKind.DEMAND: 10,
    LetterKind.REMINDER: 20,
    LetterKind.FINAL_REMINDER: 10,
    LetterKind.INSTALMENT_PLEDGE: 14,
    LetterKind.ACKNOWLEDGMENT: 14,
    LetterKind.GUARANTOR: 20,
    LetterKind.CONSULTATION: 14,
    LetterKind.DIRECT_DEBIT: 30,  # the 口座振替依頼書 returned within a month
}


def letter_deadline(issued_on: date, days: int, *, open_days: OpenDays | None = OpenDays()) -> date:
    """The 納付期限 `days` after issue (初日不算入), moved off closed days.

    A deadline on a Saturday, Sunday, national holiday or closing day of the municipality
    moves to the next open day (地方自治法4条の2第4項); `open_days=None` keeps it as counted.
    """
    if days < 0:
        raise Refusal("days", "deadline_days_negative", days=days)
    deadline = period_end(issued_on, days=days)
    return open_days.on_or_after(deadline) if open_days is not None else deadline


@dataclass(frozen=True)
class Instalment:
    """One payment of an instalment plan (分納)."""

    number: int
    due_date: date
    amount: Yen


def month_end(d: date) -> date:
    """The last day of `d`'s month."""
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def next_month_end(d: date) -> date:
    """The last day of the month after `d`'s (the usual first date of a pledge)."""
    return month_end(period_end(d, months=1))


def instalment_schedule(total: Yen, count: int, first_due: date, *, unit: Yen = 100,
                        open_days: OpenDays | None = OpenDays()) -> list[Instalment]:
    """Split `total` into at most `count` monthly payments, each a multiple of `unit`.

    Payments are rounded up to the unit so the schedule ends early rather than late; the
    last payment takes what is left. The n-th date is n months from the first counted as
    民法143条 counts (a month-end first date keeps month ends: 1/31 → 2/28 → 3/31), then
    moved off closed days.
    """
    if total <= 0:
        raise Refusal("total", "nothing_to_split")
    if count < 1:
        raise Refusal("count", "split_count_positive", count=count)
    per = -(-total // count)
    per = -(-per // unit) * unit if unit > 1 else per
    plan, left, n = [], total, 0
    while left > 0:
        due = period_end(first_due, months=n) if n else first_due
        if open_days is not None:
            due = open_days.on_or_after(due)
        n += 1
        pay = min(per, left)
        plan.append(Instalment(n, due, pay))
        left -= pay
    return plan


@dataclass(frozen=True)
class SentLetter:
    """What the log records about one letter sent about one debtor's claims."""

    debtor_id: str
    claim_ids: tuple[str, ...]
    kind: LetterKind | SlipKind
    sent_on: date
    recipient: str
    to_guarantor: bool
    copy: bool
    document_hash: str
    document_path: str  # relative to the ledger's folder
    pages: str  # where in the archived PDF, e.g. "3–4"
    liable_party_id: int | None = None  # the guarantor written to
    entry_id: int | None = None  # the contact-log entry, once written
    schedule: tuple[Instalment, ...] = ()  # the instalments printed on a 分納誓約書
    recipient_kind: str = ""  # 連帯保証人 / 保証人 / 相続人 when not the debtor

    @property
    def summary(self) -> str:
        """The log's one-line text for the entry."""
        what = f"{self.kind.label}（写）" if self.copy else self.kind.label
        kind = self.recipient_kind or ("連帯保証人" if self.to_guarantor else "")
        to = f"{kind} {self.recipient}" if kind else self.recipient
        return f"{what}を送付（宛先: {to} 様、{self.document_path} の {self.pages} ページ）"
