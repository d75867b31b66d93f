"""Dialogs that enter money on a claim: a receipt, refund, write-off or adjustment, and the
reversal that cancels one of them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

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

    manual_anchor = "receipts"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_id: str, kind: EventKind, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id, self.kind = claim_id, kind
        self.detail = claim_detail(session.ledger, claim_id, session.today())
        self.recorded_balance = entries.ledger_balance(session.ledger, claim_id)  # what overpayment is judged on
        self.setWindowTitle(QCoreApplication.translate("EventDialog", _EVENT_TITLES[kind]))
        self.header.setText(self.claim_header(self.detail))

        self.date_field = self.add_row(self.tr("日付"), DateField(), "date")
        self.date_field.set_date(session.today())
        self.date_field.set_constraint(self._date_problem)
        label = self.tr("増減額") if kind is EventKind.ADJUSTMENT else self.tr("金額")
        self.amount_field = self.add_row(
            label, AmountField(signed=kind is EventKind.ADJUSTMENT), "amount")
        owed = self.detail.balance
        if kind is EventKind.REFUND and owed < 0:
            self.amount_field.set_value(-owed)
        elif kind is EventKind.WRITE_OFF and owed > 0:
            self.amount_field.set_value(owed)

        self.overpayment_check = QCheckBox(self.tr("過誤納金として受け入れる"))
        self.overpayment_check.setToolTip(self.tr(
            "残高を超える分は過誤納金として記録され、還付するまで本日の作業に「還付」が表示されます"))
        self.overpayment_note = QLabel()
        self.overpayment_note.setWordWrap(True)
        self.overpayment_note.setStyleSheet("color: #b00020;")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.overpayment_note)
        column.addWidget(self.overpayment_check)
        self.overpayment_row = box
        if kind is EventKind.RECEIPT:
            self.add_row(self.tr("過誤納"), box, "accept_overpayment")
            self.amount_field.textChanged.connect(self._overpayment_changed)
            self.overpayment_check.toggled.connect(self._changed)

        self.method_combo = None
        if kind is EventKind.RECEIPT:
            self.method_combo = self.add_row(self.tr("納付方法"), QComboBox(), "method")
            self.method_combo.addItems(PAYMENT_METHODS)
            self.method_combo.currentIndexChanged.connect(self._changed)

        self.accounting_year_label = QLabel()
        self.override_check = QCheckBox(self.tr("年度を指定する"))
        self.year_spin = FiscalYearSpin()
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.accounting_year_label, 1)
        line.addWidget(self.override_check)
        line.addWidget(self.year_spin)
        self.add_row(self.tr("会計年度"), row, "accounting_year", self.year_spin)
        self.override_check.setVisible(kind is EventKind.RECEIPT)
        self.year_spin.setVisible(kind is EventKind.RECEIPT)
        self.override_check.toggled.connect(self._year_changed)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.date_field.textChanged.connect(self._year_changed)

        self.legal_basis_field = None
        if kind in (EventKind.WRITE_OFF, EventKind.ADJUSTMENT):
            missing = self.tr("不納欠損の理由を入力してください") if kind is EventKind.WRITE_OFF \
                else self.tr("調定増減の理由を入力してください")
            self.note_field = self.add_row(self.tr("理由"), TextField(missing=missing), "note")
        else:
            self.note_field = self.add_row(self.tr("摘要"), TextField(required=False), "note")
        if kind is EventKind.WRITE_OFF:
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.legal_basis_field = TextField(missing=self.tr("根拠となる法令・条例を入力してください"))
            combo.setLineEdit(self.legal_basis_field)
            combo.addItems(LEGAL_BASES[self.detail.claim_type.legal_nature])
            combo.setCurrentIndex(-1)
            self.legal_basis_field.setPlaceholderText(self.tr("一覧から選ぶか入力（例: 民法166条）"))
            self.add_row(self.tr("根拠法令"), combo, "legal_basis", self.legal_basis_field)
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
        amount = self.amount_field.value() if self.amount_field.error() is None else None
        return entries.overpaid_by(self.recorded_balance, self.kind, amount or 0)

    def _overpayment_changed(self, *_args) -> None:
        excess = self.excess()
        label = self.form.labelForField(self.overpayment_row.parentWidget()) if self.kind is EventKind.RECEIPT \
            else None
        changed = self.overpayment_row.isVisibleTo(self) != bool(excess)
        for widget in (self.overpayment_row, label):
            if widget is not None:
                widget.setVisible(bool(excess))
        if changed and self.layout() is not None:
            self.layout().activate()
            self.adjustSize()  # room for the note, or back to the dialog's own size
        if not excess:
            self.overpayment_check.setChecked(False)
        self.overpayment_note.setText(self.tr("残高 {0} を {1} 超えています（超える分は過誤納金として還付が必要）")
                                     .format(format_yen(max(self.recorded_balance, 0)), format_yen(excess)))

    def _extra_problems(self) -> list[str]:
        if self.excess() and not self.overpayment_check.isChecked():
            return [self.tr("過誤納: 残高を超える収納です。「過誤納金として受け入れる」を選んでください")]
        return []

    def default_accounting_year(self) -> int | None:
        d = self.date_field.value()
        return None if d is None else default_accounting_year(d, self.detail.claim.fiscal_year)

    def accounting_year(self) -> int | None:
        """The year the event will be booked in; None while the date is not valid."""
        if self.override_check.isChecked():
            return self.year_spin.value()
        return self.default_accounting_year()

    def _year_changed(self, *_args) -> None:
        default = self.default_accounting_year()
        overriding = self.override_check.isChecked()
        self.year_spin.setEnabled(overriding)
        if default is None:
            self.accounting_year_label.setText(self.tr("（日付から決まります）"))
        else:
            self.year_spin.setRange(self.detail.claim.fiscal_year, default + 1)
            if not overriding:
                self.year_spin.blockSignals(True)
                self.year_spin.setValue(default)
                self.year_spin.blockSignals(False)
            text = format_fiscal_year(self.accounting_year())
            if overriding and self.accounting_year() != default:
                text += self.tr("（指定。日付からは{0}）").format(format_fiscal_year(default))
            elif default != fiscal_year_of(self.date_field.value()):
                text += self.tr("（出納整理期間）")
            self.accounting_year_label.setText(text)
        self._changed()

    def _save(self):
        overridden = self.override_check.isChecked()
        return entries.record_event(
            self.session.ledger, self.claim_id, self.kind, self.date_field.value(),
            self.amount_field.value(),
            accounting_year=self.year_spin.value() if overridden else None,
            method=self.method_combo.currentText() if self.method_combo else "",
            note=self.note_field.text().strip(),
            legal_basis=self.legal_basis_field.text().strip() if self.legal_basis_field else "",
            today=self.session.today(), accept_overpayment=self.overpayment_check.isChecked(),
        )


class ReversalDialog(EntryDialog):
    """Cancel a recorded entry by a new one; the original stays in the history."""

    manual_anchor = "receipts"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, event_id: int, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.event_id = event_id
        self.money_event = money_event(session.ledger, event_id)
        detail = claim_detail(session.ledger, self.money_event.claim_id)
        self.line = next(h for h in detail.history if h.event.event_id == event_id)
        self.setWindowTitle(self.tr("取引の取消"))
        self.header.setText(self.claim_header(detail))
        e = self.money_event
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
        self.reason_field = self.add_row(
            self.tr("取消の理由"), TextField(missing=self.tr("取消の理由を入力してください")), "note")
        self.reason_field.setPlaceholderText(self.tr("例: 別の債権への納付を誤って入力"))
        self._finish()
        if blocker := self._extra_problems():
            self.general_error.show_error(blocker[0])

    def _extra_problems(self) -> list[str]:
        if self.line.is_reversal:
            return [self.tr("取消の記録は取り消せません（正しい取引を新たに入力してください）")]
        if self.line.reversed_by is not None:
            return [self.tr("この取引はすでに取り消されています")]
        return []

    def _save(self):
        return entries.reverse_event(self.session.ledger, self.event_id, self.reason_field.text())
