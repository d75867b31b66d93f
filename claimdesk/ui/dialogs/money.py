"""Dialogs that enter money on a claim: a receipt, refund, write-off or adjustment, and the
reversal that cancels one of them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget,
)

from ...domain.claims import PAYMENT_METHODS, EventKind, LegalNature
from ...domain.dates import default_accounting_year, fiscal_year_of, format_fiscal_year, format_wareki
from ...domain.money import format_yen
from ...services import entries
from ...services.details import claim_detail, money_event
from ..fields import AmountField, DateField, FiscalYearSpin, TextField
from .base import EntryDialog

# Suggestions only: the clerk may type any basis the department's rules name.
LEGAL_BASES = {
    LegalNature.PRIVATE: ("民法166条（時効の援用）", "地方自治法施行令171条の7（免除）",
                          "債権管理条例（債権放棄）", "破産法253条（免責）"),
    LegalNature.PUBLIC: ("地方自治法236条（時効消滅）", "地方自治法施行令171条の7（免除）",
                         "債権管理条例（債権放棄）", "破産法253条（免責）"),
    LegalNature.ENFORCED_PUBLIC: ("地方自治法236条（時効消滅）", "地方税法15条の7第4項（執行停止3年）",
                                  "地方税法15条の7第5項（即時消滅）", "破産法253条（免責）"),
}


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
        self.detail = claim_detail(session.ledger, claim_id, session.today())
        self.recordedBalance = entries.ledger_balance(session.ledger, claim_id)  # what overpayment is judged on
        self.setWindowTitle(QCoreApplication.translate("EventDialog", _EVENT_TITLES[kind]))
        self.header.setText(self.claimHeader(self.detail))

        self.dateField = self.addRow(self.tr("日付"), DateField(), "date")
        self.dateField.setDate(session.today())
        self.dateField.setConstraint(self._date_problem)
        label = self.tr("増減額") if kind is EventKind.ADJUSTMENT else self.tr("金額")
        self.amountField = self.addRow(
            label, AmountField(signed=kind is EventKind.ADJUSTMENT), "amount")
        owed = self.detail.balance
        if kind is EventKind.REFUND and owed < 0:
            self.amountField.setValue(-owed)
        elif kind is EventKind.WRITE_OFF and owed > 0:
            self.amountField.setValue(owed)

        self.overpaymentCheck = QCheckBox(self.tr("過誤納金として受け入れる"))
        self.overpaymentCheck.setToolTip(self.tr(
            "残高を超える分は過誤納金として記録され、還付するまで本日の作業に「還付」が表示されます"))
        self.overpaymentNote = QLabel()
        self.overpaymentNote.setWordWrap(True)
        self.overpaymentNote.setStyleSheet("color: #b00020;")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.overpaymentNote)
        column.addWidget(self.overpaymentCheck)
        self.overpaymentRow = box
        if kind is EventKind.RECEIPT:
            self.addRow(self.tr("過誤納"), box, "accept_overpayment")
            self.amountField.textChanged.connect(self._overpayment_changed)
            self.overpaymentCheck.toggled.connect(self._changed)

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
        self._overpayment_changed()

    def _date_problem(self, d) -> str | None:
        if d < self.detail.claim.assessed_on:
            return self.tr("日付が調定日（{0}）より前です").format(format_wareki(self.detail.claim.assessed_on))
        if d > self.session.today():
            return self.tr("日付が今日（{0}）より後です。将来の日付の取引は入力できません").format(
                format_wareki(self.session.today()))
        return None

    def excess(self) -> int:
        """How much of the receipt typed is beyond the balance (過誤納金); 0 when none."""
        amount = self.amountField.value() if self.amountField.error() is None else None
        return entries.overpaid_by(self.recordedBalance, self.kind, amount or 0)

    def _overpayment_changed(self, *_args) -> None:
        excess = self.excess()
        label = self.form.labelForField(self.overpaymentRow.parentWidget()) if self.kind is EventKind.RECEIPT \
            else None
        changed = self.overpaymentRow.isVisibleTo(self) != bool(excess)
        for widget in (self.overpaymentRow, label):
            if widget is not None:
                widget.setVisible(bool(excess))
        if changed and self.layout() is not None:
            self.layout().activate()
            self.adjustSize()  # room for the note, or back to the dialog's own size
        if not excess:
            self.overpaymentCheck.setChecked(False)
        self.overpaymentNote.setText(self.tr("残高 {0} を {1} 超えています（超える分は過誤納金として還付が必要）")
                                     .format(format_yen(max(self.recordedBalance, 0)), format_yen(excess)))

    def _extra_problems(self) -> list[str]:
        if self.excess() and not self.overpaymentCheck.isChecked():
            return [self.tr("過誤納: 残高を超える収納です。「過誤納金として受け入れる」を選んでください")]
        return []

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
            today=self.session.today(), accept_overpayment=self.overpaymentCheck.isChecked(),
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
