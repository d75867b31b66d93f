"""Claims, debtors, guarantors and money events; a claim's balance on any date."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from .dates import default_accounting_year
from .errors import REASONS, Refusal
from .frozen import made_from_fields
from .money import Yen

REASONS.update({
    "assessed_amount_positive": "調定額は1円以上の整数で入力してください",
    "due_before_assessed": "納期限が調定日より前です",
    "adjustment_zero": "調定増減額に0円は指定できません",
    "method_only_for_receipt": "納付方法は収納にだけ指定できます",
    "unknown_method": "納付方法が不明です（{method}）: {methods}",
    "accounting_year_before_claim": "会計年度 {accounting_year} は債権の年度 {fiscal_year} より前です",
    "accounting_year_too_late": "会計年度 {accounting_year} は日付から見て先すぎます",
    "reversal_unrecorded": "記録されていない取引は取り消せません",
    "reversal_of_reversal": "取消の記録はさらに取り消せません（正しい取引を新たに入力してください）",
})


class LegalNature(str, Enum):
    """The three legal kinds of claim (docs/domain.md §2)."""

    ENFORCED_PUBLIC = "enforced_public"
    PUBLIC = "public"
    PRIVATE = "private"

    @property
    def label(self) -> str:
        return _NATURE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> LegalNature:
        s = unicodedata.normalize("NFKC", str(text)).strip()
        for nature in cls:
            if s in (nature.value, nature.label):
                return nature
        choices = "、".join(f"{n.value}/{n.label}" for n in cls)
        raise Refusal(None, "unknown_choice", label="債権の種類", text=text, choices=choices)


_NATURE_LABELS = {
    LegalNature.ENFORCED_PUBLIC: "強制徴収公債権",
    LegalNature.PUBLIC: "非強制徴収公債権",
    LegalNature.PRIVATE: "私債権",
}


class EventKind(str, Enum):
    """Money events on a claim."""

    RECEIPT = "receipt"
    REFUND = "refund"
    WRITE_OFF = "write_off"
    ADJUSTMENT = "adjustment"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def sign(self) -> int:
        """How the event moves the balance owed: receipts and write-offs lower it."""
        return -1 if self in (EventKind.RECEIPT, EventKind.WRITE_OFF) else 1

    @classmethod
    def parse(cls, text: str) -> EventKind:
        s = unicodedata.normalize("NFKC", str(text)).strip()
        for kind in cls:
            if s in (kind.value, kind.label):
                return kind
        choices = "、".join(f"{k.value}/{k.label}" for k in cls)
        raise Refusal(None, "unknown_choice", label="区分", text=text, choices=choices)


_KIND_LABELS = {
    EventKind.RECEIPT: "収納",
    EventKind.REFUND: "還付",
    EventKind.WRITE_OFF: "不納欠損",
    EventKind.ADJUSTMENT: "調定増減",
}

PAYMENT_METHODS = ("窓口", "納付書", "口座振替", "コンビニ", "クレジット", "スマホ決済", "その他")


class DebtorKind(str, Enum):
    PERSON = "person"
    CORPORATION = "corporation"

    @property
    def label(self) -> str:
        return "個人" if self is DebtorKind.PERSON else "法人"


@dataclass(frozen=True)
class Debtor:
    """債務者: a person, or a corporation (name = 名称, address = 所在地)."""

    debtor_id: str
    name: str
    kana: str = ""
    kind: DebtorKind = DebtorKind.PERSON
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    workplace: str = ""
    representative: str = ""  # 代表者, for a corporation

    def __post_init__(self) -> None:
        if not self.debtor_id.strip():
            raise Refusal("debtor_id", "not_entered", label="債務者番号")
        if not self.name.strip():
            raise Refusal("debtor_name", "not_entered", label="氏名（名称）")


@dataclass(frozen=True)
class Guarantor:
    """連帯保証人 of a claim."""

    claim_id: str
    name: str
    kana: str = ""
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    relation: str = ""
    guarantor_id: int | None = None


@dataclass(frozen=True)
class ClaimType:
    """債権名 with its legal kind and budget classification."""

    name: str
    legal_nature: LegalNature
    account: str
    budget_section: str

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.account, self.budget_section, self.name)


@dataclass(frozen=True)
class Claim:
    """債権: what one assessment (調定) fixed as owed."""

    claim_id: str
    debtor_id: str
    claim_type: str
    fiscal_year: int
    assessed_on: date
    amount: Yen
    due_date: date
    cause: str = ""

    def __post_init__(self) -> None:
        if not self.claim_id.strip():
            raise Refusal("claim_id", "not_entered", label="債権番号")
        if self.amount <= 0:
            raise Refusal("amount", "assessed_amount_positive")
        if self.due_date < self.assessed_on:
            raise Refusal("due_date", "due_before_assessed")


@dataclass(frozen=True)
class MoneyEvent:
    """A receipt, refund, write-off or adjustment; never changed once recorded.

    A reversal (取消) is an event of the same kind with the opposite amount that points
    at the event it cancels through `reverses`, on the same date and accounting year.
    """

    claim_id: str
    kind: EventKind
    date: date
    amount: Yen
    accounting_year: int
    accounting_year_overridden: bool = False
    method: str = ""
    note: str = ""
    reverses: int | None = None
    event_id: int | None = None
    operator: str = ""
    entered_at: datetime | None = None

    @property
    def effect(self) -> Yen:
        """Signed change of the balance owed."""
        return self.kind.sign * self.amount


def new_event(
    claim: Claim,
    kind: EventKind,
    on: date,
    amount: Yen,
    *,
    accounting_year: int | None = None,
    method: str = "",
    note: str = "",
) -> MoneyEvent:
    """Validate a new money event on `claim` and give it its accounting year."""
    if kind is EventKind.ADJUSTMENT:
        if amount == 0:
            raise Refusal("amount", "adjustment_zero")
    elif amount <= 0:
        raise Refusal("amount", "amount_whole_yen")
    if on < claim.assessed_on:
        raise Refusal("date", "event_before_assessed", assessed_on=claim.assessed_on)
    if method and kind is not EventKind.RECEIPT:
        raise Refusal("method", "method_only_for_receipt")
    if method and method not in PAYMENT_METHODS:
        raise Refusal("method", "unknown_method", method=method, methods="、".join(PAYMENT_METHODS))
    default = default_accounting_year(on, claim.fiscal_year)
    if accounting_year is not None and accounting_year < claim.fiscal_year:
        raise Refusal("accounting_year", "accounting_year_before_claim", accounting_year=accounting_year,
                      fiscal_year=claim.fiscal_year)
    if accounting_year is not None and accounting_year > default + 1:
        raise Refusal("accounting_year", "accounting_year_too_late", accounting_year=accounting_year)
    year = default if accounting_year is None else accounting_year
    # Every field given as one dict, not through the frozen dataclass's field-by-field
    # __init__: an import checks a million events here, and this is 1 s of it less.
    return made_from_fields(MoneyEvent, {
        "claim_id": claim.claim_id, "kind": kind, "date": on, "amount": amount, "accounting_year": year,
        "accounting_year_overridden": year != default, "method": method, "note": note, "reverses": None,
        "event_id": None, "operator": "", "entered_at": None,
    })


def reversal_of(original: MoneyEvent, reason: str) -> MoneyEvent:
    """The event that cancels `original` (same kind, date and year, opposite amount)."""
    if original.event_id is None:
        raise Refusal(None, "reversal_unrecorded")
    if original.reverses is not None:
        raise Refusal(None, "reversal_of_reversal")
    if not reason.strip():
        raise Refusal("note", "text_required", label="取消の理由")
    return MoneyEvent(
        claim_id=original.claim_id,
        kind=original.kind,
        date=original.date,
        amount=-original.amount,
        accounting_year=original.accounting_year,
        accounting_year_overridden=original.accounting_year_overridden,
        method=original.method,
        note=reason.strip(),
        reverses=original.event_id,
    )


@dataclass(frozen=True)
class Balance:
    """What a claim stands at on a date."""

    assessed: Yen = 0  # amount plus adjustments
    collected: Yen = 0  # receipts minus refunds
    written_off: Yen = 0
    by_kind: dict[EventKind, Yen] = field(default_factory=dict)

    @property
    def owed(self) -> Yen:
        """Positive: still owed; negative: overpaid (to be refunded)."""
        return self.assessed - self.collected - self.written_off


def balance_on(claim: Claim, events: Iterable[MoneyEvent], on: date) -> Balance:
    """A claim's balance counting its assessment and every event dated on or before `on`."""
    assessed = claim.amount if claim.assessed_on <= on else 0
    sums = {kind: 0 for kind in EventKind}
    for e in events:
        if e.date <= on:
            sums[e.kind] += e.amount
    return Balance(
        assessed=assessed + sums[EventKind.ADJUSTMENT],
        collected=sums[EventKind.RECEIPT] - sums[EventKind.REFUND],
        written_off=sums[EventKind.WRITE_OFF],
        by_kind=sums,
    )
