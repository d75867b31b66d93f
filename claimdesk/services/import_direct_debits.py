"""The 口座振替 a claims file may carry for its debtors (optional columns bank_code …
customer_number; exchange-format in docs/receipt-files.md §1): all six or none on a row,
the same on every row of a debtor, one customer number per debtor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from ..domain.direct_debit import DirectDebit
from ..storage.ledger import Ledger
from .csvfiles import BAD, CsvTable

DEBIT_COLUMNS = ("bank_code", "branch_code", "account_type", "account_number", "account_holder_kana",
                 "customer_number")


def _same_account(a: DirectDebit, b: DirectDebit) -> bool:
    return (a.bank_code, a.branch_code, a.account_type, a.account_number, a.holder_kana, a.customer_number) == (
        b.bank_code, b.branch_code, b.account_type, b.account_number, b.holder_kana, b.customer_number)


class ImportedDebits:
    """Registrations read from the claims file, by debtor, with the line that gave them."""

    def __init__(self, ledger: Ledger, today: date):
        self.ledger, self.today = ledger, today
        self.read: dict[str, tuple[DirectDebit, int]] = {}
        self.numbers: dict[str, tuple[str, int]] = {}  # customer number → (debtor, line)

    def row(self, t: CsvTable, line: int, v: dict) -> None:
        """Check one row's 口座振替 columns."""
        given: dict[str, Any] = {c: v.get(c) for c in DEBIT_COLUMNS}
        if all(x is None for x in given.values()) or any(x is BAD for x in given.values()) or v["debtor_id"] is BAD:
            return
        missing = [c for c, x in given.items() if x is None]
        if missing:
            for c in missing:
                t.report(line, c, "口座振替の列は6列すべてを入力するか、すべて空にしてください")
            return
        debtor_id = v["debtor_id"]
        entry = DirectDebit(debtor_id, given["bank_code"], given["branch_code"], given["account_type"],
                            given["account_number"], given["account_holder_kana"], given["customer_number"],
                            self.today)
        if debtor_id in self.read:
            first, first_line = self.read[debtor_id]
            if not _same_account(first, entry):
                t.report(line, "customer_number", f"債務者番号 {debtor_id} の口座振替が{first_line}行目と違います")
            return
        number = entry.customer_number
        if number in self.numbers and self.numbers[number][0] != debtor_id:
            other, other_line = self.numbers[number]
            t.report(line, "customer_number", f"顧客番号 {number} は{other_line}行目の債務者 {other} と同じです")
            return
        for held in self.ledger.direct_debits.with_customer_number(number):
            if held.debtor_id != debtor_id and held.ends_on is None:
                t.report(line, "customer_number", f"顧客番号 {number} は台帳で債務者 {held.debtor_id} に登録されています")
                return
        self.read[debtor_id] = (entry, line)
        self.numbers[number] = (debtor_id, line)

    def new_entries(self) -> list[DirectDebit]:
        """The registrations that differ from those in force (unchanged ones are not repeated)."""
        out = []
        for debtor_id, (entry, _) in self.read.items():
            held = self.ledger.direct_debits.current(debtor_id)
            if held is not None and held.ends_on is None and _same_account(held, entry):
                continue
            out.append(replace(entry, starts_on=self.today))
        return out
