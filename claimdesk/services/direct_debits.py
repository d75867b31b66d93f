"""口座振替 registrations: register, change and end one (each a new entry of the debtor's
history), and the debtors with arrears who do not pay by 口座振替 (for 勧奨)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from ..domain.direct_debit import DirectDebit, direct_debit
from ..domain.errors import REASONS, Refusal
from ..storage.ledger import Ledger
from .clock import today as clock_today
from .refusals import unknown_debtor

REASONS.update({
    "customer_number_taken": "顧客番号 {customer_number} は債務者 {debtor_id} に登録されています",
    "no_direct_debit": "この債務者の口座振替は登録されていません（終了済み）",
    "collector_code_digits": "委託者コードは10桁までの数字です（{text}）",
})


@dataclass(frozen=True)
class NonUser:
    """A debtor owing past-due money on the day without 口座振替 then."""

    debtor_id: str
    name: str
    address: str
    claims: int
    owed: int


def current_direct_debit(ledger: Ledger, debtor_id: str) -> DirectDebit | None:
    """The debtor's registration in force (possibly ended), or None."""
    return ledger.direct_debits.current(debtor_id)


def direct_debit_history(ledger: Ledger, debtor_id: str) -> list[DirectDebit]:
    """Every entry of the debtor's 口座振替, oldest first."""
    return ledger.direct_debits.history(debtor_id)


def registrations(ledger: Ledger) -> list[DirectDebit]:
    """Every debtor's registration in force (ended ones too), by debtor."""
    return ledger.direct_debits.latest()


def register_direct_debit(ledger: Ledger, debtor_id: str, *, bank: str, branch: str, account_type: str,
                          number: str, holder: str, customer: str, starts_on: date) -> DirectDebit:
    """Register (or change) the debtor's account: checked field by field, a new entry."""
    if ledger.debtor(debtor_id) is None:
        raise unknown_debtor(debtor_id)
    entry = direct_debit(debtor_id, bank, branch, account_type, number, holder, customer, starts_on)
    for held in ledger.direct_debits.with_customer_number(entry.customer_number):
        if held.debtor_id != debtor_id and held.ends_on is None:
            raise Refusal("customer_number", "customer_number_taken", customer_number=entry.customer_number,
                          debtor_id=held.debtor_id)
    ledger.direct_debits.add([entry])
    return ledger.direct_debits.current(debtor_id) or entry


def end_direct_debit(ledger: Ledger, debtor_id: str, ends_on: date) -> DirectDebit:
    """End the debtor's 口座振替 on `ends_on` (the last day it applies): a new entry."""
    held = ledger.direct_debits.current(debtor_id)
    if held is None or held.ends_on is not None:
        raise Refusal("ends_on", "no_direct_debit")
    if ends_on < held.starts_on:
        raise Refusal("ends_on", "ends_before_starts", ends_on=ends_on, starts_on=held.starts_on)
    ledger.direct_debits.add([replace(held, ends_on=ends_on)])
    return ledger.direct_debits.current(debtor_id) or held


COLLECTOR_SETTING = "direct_debit_collector_code"


def set_collector_code(ledger: Ledger, text: str) -> str:
    """Set (or with '' remove) the bank's 委託者コード that 口座振替結果 files must carry."""
    code = unicodedata.normalize("NFKC", text).strip()
    if not code:
        ledger.delete_setting(COLLECTOR_SETTING)
        return ""
    if not (code.isascii() and code.isdigit() and len(code) <= 10):
        raise Refusal("collector_code", "collector_code_digits", text=text)
    ledger.set_setting(COLLECTOR_SETTING, code)
    return code


def arrears_without_direct_debit(ledger: Ledger, as_of: date | None = None) -> list[NonUser]:
    """Debtors owing past-due money on `as_of` (default today) who do not pay by 口座振替
    then, the largest amount first: those to recommend it to (勧奨)."""
    return [NonUser(*row) for row in ledger.direct_debits.arrears_without(as_of or clock_today())]
