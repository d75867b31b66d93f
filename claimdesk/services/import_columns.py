"""The columns of the ledger import (docs/exchange-format.md §2) and how each cell is read."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, partial

from ..domain import direct_debit as debit
from ..domain.claims import PAYMENT_METHODS, EventKind, LegalNature
from ..domain.dates import parse_date, parse_fiscal_year
from ..domain.errors import REASONS, Refusal
from ..domain.money import parse_yen
from .csvfiles import Column

REASONS.update({
    "postal_code_form": "郵便番号として読めません（{text}）: 1540017 または 154-0017 の形で入力してください",
})

# A million rows repeat a few thousand dates, kinds and amounts: parse each text once.
_cached = lru_cache(maxsize=8192)
_date, _year, yen_cell = _cached(parse_date), _cached(parse_fiscal_year), _cached(parse_yen)
signed_yen_cell = _cached(partial(parse_yen, signed=True))  # adjustments
_nature, _kind = _cached(LegalNature.parse), _cached(EventKind.parse)
_POSTAL = re.compile(r"([0-9]{3})-?([0-9]{4})")
_DASHES = re.compile(r"[‐‑‒–—―−ー]")  # what Japanese input methods type for '-'


def parse_postal_code(text: str) -> str:
    """'1540017', '154-0017' or the same in 全角 → '154-0017'."""
    s = _DASHES.sub("-", unicodedata.normalize("NFKC", text).strip())
    if m := _POSTAL.fullmatch(s):
        return f"{m[1]}-{m[2]}"
    raise Refusal(None, "postal_code_form", text=text)


@_cached
def _method(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    if s not in PAYMENT_METHODS:
        raise Refusal(None, "unknown_choice", label="納付方法", text=text, choices="、".join(PAYMENT_METHODS))
    return s


CLAIM_COLUMNS = (
    Column("claim_id", "債権番号", True), Column("debtor_id", "債務者番号", True),
    Column("debtor_name", "氏名", True), Column("debtor_kana", "フリガナ"),
    Column("postal_code", "郵便番号", False, parse_postal_code), Column("address", "住所"),
    Column("phone", "電話番号"), Column("claim_type", "債権名", True),
    Column("legal_nature", "債権の種類", True, _nature), Column("account", "会計", True),
    Column("budget_section", "款", True), Column("fiscal_year", "年度", True, _year),
    Column("assessed_on", "調定日", True, _date), Column("amount", "調定額", True, yen_cell),
    Column("due_date", "納期限", True, _date),
    # The debtor's 口座振替 (optional; all six or none): services/import_direct_debits.py.
    Column("bank_code", "銀行コード", False, debit.bank_code), Column("branch_code", "支店コード", False, debit.branch_code),
    Column("account_type", "預金種目", False, debit.AccountType.parse),
    Column("account_number", "口座番号", False, debit.account_number),
    Column("account_holder_kana", "口座名義", False, debit.zengin_kana),
    Column("customer_number", "顧客番号", False, debit.customer_number),
)
TRANSACTION_COLUMNS = (
    Column("claim_id", "債権番号", True), Column("date", "日付", True, _date),
    Column("kind", "区分", True, _kind), Column("amount", "金額", True, None),
    Column("method", "納付方法", False, _method),
    Column("accounting_year", "会計年度", False, _year), Column("note", "備考", lines=True),
)
# Debtor attribute ← claims.csv column, for the particulars that may be left empty.
PARTICULARS = {"kana": "debtor_kana", "postal_code": "postal_code", "address": "address",
               "phone": "phone"}
CLAIM_TYPE_FIELDS = ("legal_nature", "account", "budget_section")
