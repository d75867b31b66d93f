"""Dialogs that register who owes and what: a debtor (new, or changed) and a new claim (調定)."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QRadioButton, QWidget

from ...domain.claims import Claim, Debtor, DebtorKind
from ...domain.dates import fiscal_year_of, format_wareki
from ...services import entries
from ...services.claim_types import claim_types
from ...services.details import debtor_detail
from ..fields import AmountField, DateField, FiscalYearSpin, TextField
from .base import EntryDialog


def _postal_code(text: str) -> str:
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else text.strip()


class DebtorDialog(EntryDialog):
    """Register a new debtor, or change the particulars of `debtor`."""

    manual_anchor = "debtor"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, debtor: Debtor | None = None, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.debtor = debtor
        self.setWindowTitle(self.tr("債務者情報の変更") if debtor else self.tr("新しい債務者"))
        self.id_field = self.add_row(self.tr("債務者番号"), TextField(
            missing=self.tr("債務者番号を入力してください")), "debtor_id")
        kinds = QWidget()
        line = QHBoxLayout(kinds)
        line.setContentsMargins(0, 0, 0, 0)
        self.person_radio = QRadioButton(self.tr("個人"))
        self.corporation_radio = QRadioButton(self.tr("法人"))
        self.kind_group = QButtonGroup(self)
        for radio in (self.person_radio, self.corporation_radio):
            self.kind_group.addButton(radio)
            line.addWidget(radio)
        line.addStretch(1)
        self.add_row(self.tr("区分"), kinds)
        self.name_field = self.add_row(self.tr("氏名"), TextField(), "debtor_name")
        self._fields["name"] = self.name_field
        self.kana_field = self.add_row(self.tr("フリガナ"), TextField(required=False), "kana")
        self.postal_field = self.add_row(self.tr("郵便番号"), TextField(
            required=False, check=self._postal_code_problem),
            "postal_code")
        self.address_field = self.add_row(self.tr("住所"), TextField(required=False), "address")
        self.phone_field = self.add_row(self.tr("電話番号"), TextField(required=False), "phone")
        self.workplace_field = self.add_row(self.tr("勤務先"), TextField(required=False), "workplace")
        self.representative_field = self.add_row(
            self.tr("代表者"), TextField(required=False), "representative")
        if debtor:
            self.id_field.setText(debtor.debtor_id)
            self.id_field.setReadOnly(True)
            for field, value in ((self.name_field, debtor.name), (self.kana_field, debtor.kana),
                                 (self.postal_field, debtor.postal_code),
                                 (self.address_field, debtor.address), (self.phone_field, debtor.phone),
                                 (self.workplace_field, debtor.workplace),
                                 (self.representative_field, debtor.representative)):
                field.setText(value)
        corporate = bool(debtor and debtor.kind is DebtorKind.CORPORATION)
        (self.corporation_radio if corporate else self.person_radio).setChecked(True)
        self.corporation_radio.toggled.connect(self._kind_changed)
        self._finish()
        self._kind_changed()
        (self.name_field if debtor else self.id_field).setFocus()

    def kind(self) -> DebtorKind:
        return DebtorKind.CORPORATION if self.corporation_radio.isChecked() else DebtorKind.PERSON

    def _kind_changed(self, *_args) -> None:
        corporate = self.kind() is DebtorKind.CORPORATION
        self._set_label(self.name_field, self.tr("名称") if corporate else self.tr("氏名"))
        self._set_label(self.address_field, self.tr("所在地") if corporate else self.tr("住所"))
        self.name_field.set_missing_text(self.tr("名称を入力してください") if corporate
                                      else self.tr("氏名を入力してください"))
        self.form.setRowVisible(self.workplace_field.parentWidget(), not corporate)
        self.form.setRowVisible(self.representative_field.parentWidget(), corporate)
        self._changed()

    def _postal_code_problem(self, text: str) -> str | None:
        digits = re.sub(r"[-‐－ー−\s〒]", "", unicodedata.normalize("NFKC", text))
        return None if re.fullmatch(r"\d{7}", digits) else self.tr(
            "郵便番号は 123-4567 の形で入力してください")

    def _set_label(self, field: QWidget, text: str) -> None:
        self._labels[field] = text
        self.form.labelForField(field.parentWidget()).setText(text)

    def _save(self):
        corporate = self.kind() is DebtorKind.CORPORATION
        debtor = Debtor(
            debtor_id=self.id_field.text().strip(), name=self.name_field.text().strip(),
            kana=self.kana_field.text().strip(), kind=self.kind(),
            postal_code=_postal_code(self.postal_field.text()),
            address=self.address_field.text().strip(), phone=self.phone_field.text().strip(),
            workplace="" if corporate else self.workplace_field.text().strip(),
            representative=self.representative_field.text().strip() if corporate else "",
        )
        if self.debtor is None:
            return entries.add_debtor(self.session.ledger, debtor)
        return entries.update_debtor(self.session.ledger, debtor)


class ClaimDialog(EntryDialog):
    """Register a new claim (調定) of one debtor."""

    manual_anchor = "register"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, debtor_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.debtor_id = debtor_id
        debtor = debtor_detail(session.ledger, debtor_id, session.today()).debtor
        self.setWindowTitle(self.tr("新しい債権"))
        self.header.setText(self.tr("債務者 {0}　{1}").format(debtor.debtor_id, debtor.name))
        today = session.today()
        self.claim_id_field = self.add_row(self.tr("債権番号"), TextField(
            missing=self.tr("債権番号を入力してください")), "claim_id")
        self.types = {t.name: t for t in claim_types(session.ledger)}
        self.type_combo = self.add_row(self.tr("債権名"), QComboBox(), "claim_type")
        self.type_combo.addItems(list(self.types))
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.fiscal_year_spin = self.add_row(self.tr("年度"), FiscalYearSpin(), "fiscal_year")
        self.fiscal_year_spin.setValue(fiscal_year_of(today))
        self.assessed_field = self.add_row(self.tr("調定日"), DateField(), "assessed_on")
        self.assessed_field.set_date(today)
        self.amount_field = self.add_row(self.tr("調定額"), AmountField(), "amount")
        self.due_field = self.add_row(self.tr("納期限"), DateField(), "due_date")
        self.due_field.set_constraint(self._due_problem)
        self.assessed_field.textChanged.connect(self.due_field.revalidate)
        self.cause_field = self.add_row(self.tr("原因"), TextField(required=False), "cause")
        self.cause_field.setPlaceholderText(self.tr("例: 令和8年4月分 使用料"))
        self._finish()
        self._type_changed()
        self.claim_id_field.setFocus()

    def _due_problem(self, due) -> str | None:
        assessed = self.assessed_field.value()
        if assessed is not None and due < assessed:
            return self.tr("納期限が調定日（{0}）より前です").format(format_wareki(assessed))
        return None

    def _type_changed(self, *_args) -> None:
        message = self._messages["claim_type"]
        claim_type = self.types.get(self.type_combo.currentText())
        if claim_type is None:
            message.show_error(self.tr("債権名が登録されていません。先に債権名を登録してください"))
        else:
            message.show_hint(f"{claim_type.legal_nature.label}　{claim_type.account} / "
                             f"{claim_type.budget_section}")
        self._update_ok()

    def _extra_problems(self) -> list[str]:
        return [] if self.type_combo.currentText() in self.types else [self.tr("債権名: 未選択")]

    def _save(self):
        claim = Claim(
            claim_id=self.claim_id_field.text().strip(), debtor_id=self.debtor_id,
            claim_type=self.type_combo.currentText(), fiscal_year=self.fiscal_year_spin.value(),
            assessed_on=self.assessed_field.value(), amount=self.amount_field.value(),
            due_date=self.due_field.value(), cause=self.cause_field.text().strip(),
        )
        return entries.add_claim(self.session.ledger, claim)
