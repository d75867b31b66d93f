"""Dialogs that enter things in the ledger: money events, reversals, debtors, claims.

Each dialog checks its fields as they are typed and keeps OK disabled while any is
invalid. OK calls the service; a refusal is shown beside the field it names and nothing
is saved; success tells the session (so every page re-reads) and closes the dialog.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame,
    QGroupBox, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget,
)

from ..domain.claims import PAYMENT_METHODS, Claim, Debtor, DebtorKind, EventKind, LegalNature
from ..domain.dates import default_accounting_year, fiscal_year_of, format_fiscal_year, format_wareki
from ..domain.errors import ClaimDeskError, InvalidValue
from ..domain.money import format_yen
from ..services import entries
from ..services.claim_types import claim_types
from ..services.details import claim_detail, debtor_detail, money_event
from .fields import AmountField, DateField, FiscalYearSpin, MessageLabel, TextField, ValidatedField

# Suggestions only: the clerk may type any basis the department's rules name.
LEGAL_BASES = {
    LegalNature.PRIVATE: ("民法166条（時効の援用）", "地方自治法施行令171条の7（免除）",
                          "債権管理条例（債権放棄）", "破産法253条（免責）"),
    LegalNature.PUBLIC: ("地方自治法236条（時効消滅）", "地方自治法施行令171条の7（免除）",
                         "債権管理条例（債権放棄）", "破産法253条（免責）"),
    LegalNature.ENFORCED_PUBLIC: ("地方自治法236条（時効消滅）", "地方税法15条の7第4項（執行停止3年）",
                                  "地方税法15条の7第5項（即時消滅）", "破産法253条（免責）"),
}


class EntryDialog(QDialog):
    """What the entry dialogs share: a form, in-place errors, OK only when all is valid."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.saved = None  # what the service returned on success
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._fields: dict[str, QWidget] = {}
        self._messages: dict[str, MessageLabel] = {}
        self._labels: dict[QWidget, str] = {}
        self._shown: set[str] = set()  # names whose message shows the service's reason
        self._before_form: list[QWidget] = []

    def addRow(self, label: str, widget: QWidget, name: str | None = None,
               field: QWidget | None = None) -> QWidget:
        """Add `widget` under `label`; `name` is the service's field name for errors."""
        field = field or widget
        message = field.messageLabel if isinstance(field, ValidatedField) else MessageLabel()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(message)
        box.setFocusProxy(widget)
        self.form.addRow(label, box)
        self._labels[field] = label
        if name:
            self._fields[name] = field
            self._messages[name] = message
        if isinstance(field, ValidatedField):
            field.validityChanged.connect(self._update_ok)
            field.textChanged.connect(self._changed)
        return widget

    def _finish(self) -> None:
        """Lay out the form and the buttons (created last so Tab reaches them last)."""
        self.generalError = MessageLabel()
        self.buttonBox = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.okButton = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.okButton.setDefault(True)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.header.text():
            font = QFont(self.header.font())
            font.setBold(True)
            self.header.setFont(font)
            rule = QFrame()
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setFrameShadow(QFrame.Shadow.Sunken)
            layout.addWidget(self.header)
            layout.addWidget(rule)
        for box in self._before_form:
            layout.addWidget(box)
        layout.addLayout(self.form)
        layout.addWidget(self.generalError)
        layout.addStretch(1)
        layout.addWidget(self.buttonBox)
        self.setMinimumWidth(480)
        self._update_ok()

    # --- validity --------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What keeps OK disabled, as 「label: reason」 lines."""
        found = [f"{self._labels[f]}: {f.error()}" for f in self._labels
                 if isinstance(f, ValidatedField) and f.isEnabled() and f.error()]
        return found + self._extra_problems()

    def _extra_problems(self) -> list[str]:
        return []

    def _update_ok(self, *_args) -> None:
        if not hasattr(self, "okButton"):
            return
        problems = self.problems()
        self.okButton.setEnabled(not problems)
        self.okButton.setToolTip("\n".join(problems))

    def _changed(self, *_args) -> None:
        # Any change may answer the service's last objection: forget it until OK again.
        for field in self._fields.values():
            if isinstance(field, ValidatedField):
                field.clearError()
        for name in self._shown:
            self._messages[name].clearMessage()
        self._shown.clear()
        if hasattr(self, "generalError"):
            self.generalError.clearMessage()
        self._update_ok()

    # --- saving ----------------------------------------------------------------------

    def _save(self):
        raise NotImplementedError

    def accept(self) -> None:
        """Save through the service; stay open showing the reason if it refuses."""
        self._update_ok()
        if not self.okButton.isEnabled():
            return
        try:
            self.saved = self._save()
        except InvalidValue as e:
            self.showError(e)
            return
        except ClaimDeskError as e:
            self.generalError.showError(str(e))
            return
        self.session.notify_changed()
        super().accept()

    def showError(self, error: InvalidValue) -> None:
        """Show `error` beside the field it names, or under the form."""
        field = self._fields.get(error.field or "")
        if isinstance(field, ValidatedField):
            field.setError(error.reason)
            field.setFocus()
            self._update_ok()
        elif field is not None:
            self._messages[error.field].showError(error.reason)
            self._shown.add(error.field)
            field.setFocus()
        else:
            self.generalError.showError(error.reason)


    def claimHeader(self, detail) -> str:
        """The claim a dialog acts on, so the clerk can check it is the right one."""
        c = detail.claim
        return self.tr("債権 {0}　{1}　{2}（{3}）\n現在の残高 {4}").format(
            c.claim_id, detail.debtor.name, c.claim_type, format_fiscal_year(c.fiscal_year),
            format_yen(detail.balance))


_EVENT_TITLES = {
    EventKind.RECEIPT: QT_TRANSLATE_NOOP("EventDialog", "収納の入力"),
    EventKind.REFUND: QT_TRANSLATE_NOOP("EventDialog", "還付の入力"),
    EventKind.WRITE_OFF: QT_TRANSLATE_NOOP("EventDialog", "不納欠損の入力"),
    EventKind.ADJUSTMENT: QT_TRANSLATE_NOOP("EventDialog", "調定増減の入力"),
}


class EventDialog(EntryDialog):
    """Enter a receipt, refund, write-off or adjustment on one claim."""

    def __init__(self, session, claim_id: str, kind: EventKind, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id, self.kind = claim_id, kind
        self.detail = claim_detail(session.ledger, claim_id)
        claim = self.detail.claim
        self.setWindowTitle(QCoreApplication.translate("EventDialog", _EVENT_TITLES[kind]))
        self.header.setText(self.claimHeader(self.detail))

        self.dateField = self.addRow(self.tr("日付"), DateField(), "date")
        self.dateField.setDate(session.today())
        self.dateField.setConstraint(lambda d: self.tr("日付が調定日（{0}）より前です").format(
            format_wareki(claim.assessed_on)) if d < claim.assessed_on else None)
        label = self.tr("増減額") if kind is EventKind.ADJUSTMENT else self.tr("金額")
        self.amountField = self.addRow(
            label, AmountField(signed=kind is EventKind.ADJUSTMENT), "amount")
        owed = self.detail.balance
        if kind is EventKind.REFUND and owed < 0:
            self.amountField.setValue(-owed)
        elif kind is EventKind.WRITE_OFF and owed > 0:
            self.amountField.setValue(owed)

        self.methodCombo = None
        if kind is EventKind.RECEIPT:
            self.methodCombo = self.addRow(self.tr("納付方法"), QComboBox(), "method")
            self.methodCombo.addItems(PAYMENT_METHODS)
            self.methodCombo.currentIndexChanged.connect(self._changed)

        self.accountingYearLabel = QLabel()
        self.overrideCheck = QCheckBox(self.tr("年度を指定する"))
        self.yearSpin = FiscalYearSpin()
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.accountingYearLabel, 1)
        line.addWidget(self.overrideCheck)
        line.addWidget(self.yearSpin)
        self.addRow(self.tr("会計年度"), row, "accounting_year", self.yearSpin)
        self.overrideCheck.setVisible(kind is EventKind.RECEIPT)
        self.yearSpin.setVisible(kind is EventKind.RECEIPT)
        self.overrideCheck.toggled.connect(self._year_changed)
        self.yearSpin.valueChanged.connect(self._year_changed)
        self.dateField.textChanged.connect(self._year_changed)

        self.legalBasisField = None
        if kind in (EventKind.WRITE_OFF, EventKind.ADJUSTMENT):
            missing = self.tr("不納欠損の理由を入力してください") if kind is EventKind.WRITE_OFF \
                else self.tr("調定増減の理由を入力してください")
            self.noteField = self.addRow(self.tr("理由"), TextField(missing=missing), "note")
        else:
            self.noteField = self.addRow(self.tr("摘要"), TextField(required=False), "note")
        if kind is EventKind.WRITE_OFF:
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.legalBasisField = TextField(missing=self.tr("根拠となる法令・条例を入力してください"))
            combo.setLineEdit(self.legalBasisField)
            combo.addItems(LEGAL_BASES[self.detail.claim_type.legal_nature])
            combo.setCurrentIndex(-1)
            self.legalBasisField.setPlaceholderText(self.tr("一覧から選ぶか入力（例: 民法166条）"))
            self.addRow(self.tr("根拠法令"), combo, "legal_basis", self.legalBasisField)
        self._finish()
        self._year_changed()

    def defaultAccountingYear(self) -> int | None:
        d = self.dateField.value()
        return None if d is None else default_accounting_year(d, self.detail.claim.fiscal_year)

    def accountingYear(self) -> int | None:
        """The year the event will be booked in; None while the date is not valid."""
        if self.overrideCheck.isChecked():
            return self.yearSpin.value()
        return self.defaultAccountingYear()

    def _year_changed(self, *_args) -> None:
        default = self.defaultAccountingYear()
        overriding = self.overrideCheck.isChecked()
        self.yearSpin.setEnabled(overriding)
        if default is None:
            self.accountingYearLabel.setText(self.tr("（日付から決まります）"))
        else:
            self.yearSpin.setRange(self.detail.claim.fiscal_year, default + 1)
            if not overriding:
                self.yearSpin.blockSignals(True)
                self.yearSpin.setValue(default)
                self.yearSpin.blockSignals(False)
            text = format_fiscal_year(self.accountingYear())
            if overriding and self.accountingYear() != default:
                text += self.tr("（指定。日付からは{0}）").format(format_fiscal_year(default))
            elif default != fiscal_year_of(self.dateField.value()):
                text += self.tr("（出納整理期間）")
            self.accountingYearLabel.setText(text)
        self._changed()

    def _save(self):
        overridden = self.overrideCheck.isChecked()
        return entries.record_event(
            self.session.ledger, self.claim_id, self.kind, self.dateField.value(),
            self.amountField.value(),
            accounting_year=self.yearSpin.value() if overridden else None,
            method=self.methodCombo.currentText() if self.methodCombo else "",
            note=self.noteField.text().strip(),
            legal_basis=self.legalBasisField.text().strip() if self.legalBasisField else "",
        )


class ReversalDialog(EntryDialog):
    """Cancel a recorded entry by a new one; the original stays in the history."""

    def __init__(self, session, event_id: int, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.event_id = event_id
        self.moneyEvent = money_event(session.ledger, event_id)
        detail = claim_detail(session.ledger, self.moneyEvent.claim_id)
        self.line = next(h for h in detail.history if h.event.event_id == event_id)
        self.setWindowTitle(self.tr("取引の取消"))
        self.header.setText(self.claimHeader(detail))
        e = self.moneyEvent
        facts = [
            (self.tr("日付"), format_wareki(e.date)),
            (self.tr("区分"), e.kind.label),
            (self.tr("金額"), format_yen(e.amount)),
            (self.tr("会計年度"), format_fiscal_year(e.accounting_year)),
            (self.tr("納付方法"), e.method or "—"),
            (self.tr("摘要"), e.note or "—"),
            (self.tr("入力者"), f"{e.operator}　{format_wareki(e.entered_at.date())}"
                                f" {e.entered_at:%H:%M}" if e.entered_at else e.operator),
        ]
        group = QGroupBox(self.tr("取り消す取引"))
        shown = QFormLayout(group)
        for label, value in facts:
            text = QLabel(value)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setWordWrap(True)
            shown.addRow(label, text)
        explain = QLabel(self.tr("取消は新しい記録として残り、元の取引も台帳から消えません。"))
        explain.setWordWrap(True)
        self._before_form += [group, explain]
        self.reasonField = self.addRow(
            self.tr("取消の理由"), TextField(missing=self.tr("取消の理由を入力してください")), "note")
        self.reasonField.setPlaceholderText(self.tr("例: 別の債権への納付を誤って入力"))
        self._finish()
        if blocker := self._extra_problems():
            self.generalError.showError(blocker[0])

    def _extra_problems(self) -> list[str]:
        if self.line.is_reversal:
            return [self.tr("取消の記録は取り消せません（正しい取引を新たに入力してください）")]
        if self.line.reversed_by is not None:
            return [self.tr("この取引はすでに取り消されています")]
        return []

    def _save(self):
        return entries.reverse_event(self.session.ledger, self.event_id, self.reasonField.text())


def _postal_code(text: str) -> str:
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else text.strip()


class DebtorDialog(EntryDialog):
    """Register a new debtor, or change the particulars of `debtor`."""

    def __init__(self, session, debtor: Debtor | None = None, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.debtor = debtor
        self.setWindowTitle(self.tr("債務者情報の変更") if debtor else self.tr("新しい債務者"))
        self.idField = self.addRow(self.tr("債務者番号"), TextField(
            missing=self.tr("債務者番号を入力してください")), "debtor_id")
        kinds = QWidget()
        line = QHBoxLayout(kinds)
        line.setContentsMargins(0, 0, 0, 0)
        self.personRadio = QRadioButton(self.tr("個人"))
        self.corporationRadio = QRadioButton(self.tr("法人"))
        self.kindGroup = QButtonGroup(self)
        for radio in (self.personRadio, self.corporationRadio):
            self.kindGroup.addButton(radio)
            line.addWidget(radio)
        line.addStretch(1)
        self.addRow(self.tr("区分"), kinds)
        self.nameField = self.addRow(self.tr("氏名"), TextField(), "debtor_name")
        self._fields["name"] = self.nameField
        self.kanaField = self.addRow(self.tr("フリガナ"), TextField(required=False), "kana")
        self.postalField = self.addRow(self.tr("郵便番号"), TextField(
            required=False, check=self._postal_code_problem),
            "postal_code")
        self.addressField = self.addRow(self.tr("住所"), TextField(required=False), "address")
        self.phoneField = self.addRow(self.tr("電話番号"), TextField(required=False), "phone")
        self.workplaceField = self.addRow(self.tr("勤務先"), TextField(required=False), "workplace")
        self.representativeField = self.addRow(
            self.tr("代表者"), TextField(required=False), "representative")
        if debtor:
            self.idField.setText(debtor.debtor_id)
            self.idField.setReadOnly(True)
            for field, value in ((self.nameField, debtor.name), (self.kanaField, debtor.kana),
                                 (self.postalField, debtor.postal_code),
                                 (self.addressField, debtor.address), (self.phoneField, debtor.phone),
                                 (self.workplaceField, debtor.workplace),
                                 (self.representativeField, debtor.representative)):
                field.setText(value)
        corporate = bool(debtor and debtor.kind is DebtorKind.CORPORATION)
        (self.corporationRadio if corporate else self.personRadio).setChecked(True)
        self.corporationRadio.toggled.connect(self._kind_changed)
        self._finish()
        self._kind_changed()
        (self.nameField if debtor else self.idField).setFocus()

    def kind(self) -> DebtorKind:
        return DebtorKind.CORPORATION if self.corporationRadio.isChecked() else DebtorKind.PERSON

    def _kind_changed(self, *_args) -> None:
        corporate = self.kind() is DebtorKind.CORPORATION
        self._set_label(self.nameField, self.tr("名称") if corporate else self.tr("氏名"))
        self._set_label(self.addressField, self.tr("所在地") if corporate else self.tr("住所"))
        self.nameField.setMissingText(self.tr("名称を入力してください") if corporate
                                      else self.tr("氏名を入力してください"))
        self.form.setRowVisible(self.workplaceField.parentWidget(), not corporate)
        self.form.setRowVisible(self.representativeField.parentWidget(), corporate)
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
            debtor_id=self.idField.text().strip(), name=self.nameField.text().strip(),
            kana=self.kanaField.text().strip(), kind=self.kind(),
            postal_code=_postal_code(self.postalField.text()),
            address=self.addressField.text().strip(), phone=self.phoneField.text().strip(),
            workplace="" if corporate else self.workplaceField.text().strip(),
            representative=self.representativeField.text().strip() if corporate else "",
        )
        if self.debtor is None:
            return entries.add_debtor(self.session.ledger, debtor)
        return entries.update_debtor(self.session.ledger, debtor)


class ClaimDialog(EntryDialog):
    """Register a new claim (調定) of one debtor."""

    def __init__(self, session, debtor_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.debtor_id = debtor_id
        debtor = debtor_detail(session.ledger, debtor_id, session.today()).debtor
        self.setWindowTitle(self.tr("新しい債権"))
        self.header.setText(self.tr("債務者 {0}　{1}").format(debtor.debtor_id, debtor.name))
        today = session.today()
        self.claimIdField = self.addRow(self.tr("債権番号"), TextField(
            missing=self.tr("債権番号を入力してください")), "claim_id")
        self.types = {t.name: t for t in claim_types(session.ledger)}
        self.typeCombo = self.addRow(self.tr("債権名"), QComboBox(), "claim_type")
        self.typeCombo.addItems(list(self.types))
        self.typeCombo.currentIndexChanged.connect(self._type_changed)
        self.fiscalYearSpin = self.addRow(self.tr("年度"), FiscalYearSpin(), "fiscal_year")
        self.fiscalYearSpin.setValue(fiscal_year_of(today))
        self.assessedField = self.addRow(self.tr("調定日"), DateField(), "assessed_on")
        self.assessedField.setDate(today)
        self.amountField = self.addRow(self.tr("調定額"), AmountField(), "amount")
        self.dueField = self.addRow(self.tr("納期限"), DateField(), "due_date")
        self.dueField.setConstraint(self._due_problem)
        self.assessedField.textChanged.connect(self.dueField.revalidate)
        self.causeField = self.addRow(self.tr("原因"), TextField(required=False), "cause")
        self.causeField.setPlaceholderText(self.tr("例: 令和8年4月分 使用料"))
        self._finish()
        self._type_changed()
        self.claimIdField.setFocus()

    def _due_problem(self, due) -> str | None:
        assessed = self.assessedField.value()
        if assessed is not None and due < assessed:
            return self.tr("納期限が調定日（{0}）より前です").format(format_wareki(assessed))
        return None

    def _type_changed(self, *_args) -> None:
        message = self._messages["claim_type"]
        claim_type = self.types.get(self.typeCombo.currentText())
        if claim_type is None:
            message.showError(self.tr("債権名が登録されていません。先に債権名を登録してください"))
        else:
            message.showHint(f"{claim_type.legal_nature.label}　{claim_type.account} / "
                             f"{claim_type.budget_section}")
        self._update_ok()

    def _extra_problems(self) -> list[str]:
        return [] if self.typeCombo.currentText() in self.types else [self.tr("債権名: 未選択")]

    def _save(self):
        claim = Claim(
            claim_id=self.claimIdField.text().strip(), debtor_id=self.debtor_id,
            claim_type=self.typeCombo.currentText(), fiscal_year=self.fiscalYearSpin.value(),
            assessed_on=self.assessedField.value(), amount=self.amountField.value(),
            due_date=self.dueField.value(), cause=self.causeField.text().strip(),
        )
        return entries.add_claim(self.session.ledger, claim)
