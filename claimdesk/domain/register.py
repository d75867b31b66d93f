"""The claim register (債権管理台帳) as a list: what a row shows and how it is filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .claims import LegalNature
from .money import Yen
from .periods import period_end


class Status(str, Enum):
    """Where a claim stands, from its balance and due date."""

    NOT_DUE = "not_due"
    OVERDUE = "overdue"
    PAID = "paid"
    OVERPAID = "overpaid"
    WRITTEN_OFF = "written_off"

    @property
    def label(self) -> str:
        return {"not_due": "納期前", "overdue": "滞納", "paid": "完納", "overpaid": "過納",
                "written_off": "欠損済"}[self.value]


def claim_status(balance: Yen, written_off: Yen, due_date: date, today: date) -> Status:
    if balance > 0:
        return Status.OVERDUE if due_date < today else Status.NOT_DUE
    if balance < 0:
        return Status.OVERPAID
    return Status.WRITTEN_OFF if written_off > 0 else Status.PAID


def basic_limitation_date(due_date: date, years: int = 5) -> date:
    """Limitation without renewals: the period starts the day after the due date."""
    return period_end(due_date, years=years)


SORT_COLUMNS = (
    "claim_id", "debtor_name", "debtor_kana", "claim_type", "legal_nature", "fiscal_year",
    "due_date", "assessed", "balance", "status", "limitation_date",
)


@dataclass(frozen=True)
class RegisterQuery:
    """What the register shows: a search text and filters, sorted by one column."""

    text: str = ""
    claim_type: str | None = None
    legal_nature: LegalNature | None = None
    fiscal_year: int | None = None
    overdue_only: bool = False
    debtor_id: str | None = None
    case_class: object = None  # a CaseClass, '整理' for every 整理 class, or None
    only_claims: tuple[str, ...] | None = None  # the claims of that class (the services fill it in)
    direct_debit: bool | None = None  # True: debtors paying by 口座振替 that day; False: the others
    sort: str = "claim_id"
    descending: bool = False


@dataclass(frozen=True)
class RegisterRow:
    claim_id: str
    debtor_id: str
    debtor_name: str
    debtor_kana: str
    claim_type: str
    legal_nature: LegalNature
    fiscal_year: int
    due_date: date
    assessed: Yen  # amount plus adjustments
    balance: Yen
    status: Status
    limitation_date: date
    direct_debit: bool = False  # the debtor pays by 口座振替 on the day shown
