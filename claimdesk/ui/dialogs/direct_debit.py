"""口座振替 of a debtor: register (or change) the account, or end it. Each field is checked
as it is typed against the 全銀協 widths and character set (docs/receipt-files.md §1)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget

from ...domain import direct_debit as rules
from ...domain.direct_debit import AccountType, DirectDebit
from ...services.direct_debits import end_direct_debit, register_direct_debit
from ..fields import DateField, ValidatedField
from .base import EntryDialog


class RuleField(ValidatedField):
    """A field read by one of the 全銀協 rules; the hint shows the value as it will be kept."""

    def __init__(self, rule: Callable[[str], str], *, width: int, placeholder: str = "",
                 parent: QWidget | None = None):
        self._rule = rule
        super().__init__(parent)
        self.setMaxLength(width)
        self.setPlaceholderText(placeholder)

    def _parse(self, text: str) -> tuple[str, str]:
        value = self._rule(text)
        return value, (self.tr("登録: {0}").format(value) if value != text.strip() else "")


class DirectDebitDialog(EntryDialog):
    """Register the debtor's account for 口座振替 (a change is a new registration)."""

    def __init__(self, session, debtor_id: str, current: DirectDebit | None = None, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.debtor_id = debtor_id
        self.setWindowTitle(self.tr("口座振替の登録"))
        debtor = session.ledger.debtor(debtor_id)
        self.header.setText(self.tr("債務者 {0}　{1}").format(debtor_id, debtor.name if debtor else ""))
        self.bank_field = self.add_row(self.tr("銀行コード"), RuleField(rules.bank_code, width=4,
                                                                   placeholder=self.tr("4桁 例: 0001")), "bank_code")
        self.branch_field = self.add_row(self.tr("支店コード"), RuleField(rules.branch_code, width=3,
                                                                     placeholder=self.tr("3桁")), "branch_code")
        self.type_combo = QComboBox()
        for kind in AccountType:
            self.type_combo.addItem(f"{kind.value} {kind.label}", kind)
        self.add_row(self.tr("預金種目"), self.type_combo, "account_type")
        self.number_field = self.add_row(self.tr("口座番号"), RuleField(rules.account_number, width=7,
                                                                    placeholder=self.tr("7桁まで")), "account_number")
        self.holder_field = self.add_row(self.tr("口座名義（カナ）"), RuleField(
            rules.zengin_kana, width=40, placeholder=self.tr("例: ﾔﾏﾀﾞ ﾀﾛｳ（全角カナ・ひらがなは半角カナにします）")),
            "account_holder_kana")
        self.customer_field = self.add_row(self.tr("顧客番号"), RuleField(rules.customer_number, width=20,
                                                                     placeholder=self.tr("20桁まで")), "customer_number")
        self.start_field = self.add_row(self.tr("開始日"), DateField(), "starts_on")
        if current is not None and current.ends_on is None:
            self.bank_field.setText(current.bank_code)
            self.branch_field.setText(current.branch_code)
            self.type_combo.setCurrentIndex(list(AccountType).index(current.account_type))
            self.number_field.setText(current.account_number)
            self.holder_field.setText(current.holder_kana)
            self.customer_field.setText(current.customer_number)
        self.start_field.set_date(session.today())
        self._finish()

    def _save(self):
        return register_direct_debit(
            self.session.ledger, self.debtor_id, bank=self.bank_field.text(), branch=self.branch_field.text(),
            account_type=self.type_combo.currentData(), number=self.number_field.text(),
            holder=self.holder_field.text(), customer=self.customer_field.text(),
            starts_on=self.start_field.value())


class EndDirectDebitDialog(EntryDialog):
    """End the debtor's 口座振替: the last day transfers apply."""

    def __init__(self, session, debtor_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.debtor_id = debtor_id
        self.setWindowTitle(self.tr("口座振替の終了"))
        self.header.setText(self.tr("債務者 {0} の口座振替を終了します（登録の記録は残ります）").format(debtor_id))
        self.end_field = self.add_row(self.tr("終了日（最後に振替する日）"), DateField(), "ends_on")
        self.end_field.set_date(session.today())
        self._finish()

    def _save(self):
        return end_direct_debit(self.session.ledger, self.debtor_id, self.end_field.value())
