"""目標収納率の設定: per claim type, the three rates of a fiscal year, their basis and actions.

One row per claim type, as the plan's 個票 states them. A row with a rate needs its basis
(the plan demands it be stated), and so does clearing a rate that was set: the ledger
keeps every change, and a withdrawal too must say why. OK saves every changed row
together, or none of them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.errors import ClaimDeskError, InvalidValue
from ..domain.summary import CATEGORIES, CATEGORY_LABELS
from ..domain.targets import Target, TargetSet, changes, format_rate, parse_rate
from ..services.changes import Changes, Kind
from ..services.targets import save_targets, target_sets
from .error_texts import error_text, reason_text
from .fields import MessageLabel, ValidatedField
from .manual import add_manual_key

TEXT_LINES = 3  # the basis and the actions: room for a sentence or two without scrolling


class RateField(ValidatedField):
    """A target rate in percent, one decimal, 0.0–100.0; empty means no target."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, required=False)
        self.setPlaceholderText(self.tr("なし"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(90)

    def _parse(self, text: str) -> tuple[Decimal, str]:
        return parse_rate(text), ""  # the field itself shows the rate; a hint would repeat it


class _Row:
    """The widgets of one claim type's row, and the set in force when the dialog opened."""

    def __init__(self, current: TargetSet):
        self.current = current
        self.name = QLabel(current.claim_type)
        self.name.setWordWrap(True)
        self.rates = {c: RateField() for c in CATEGORIES}
        for category, field in self.rates.items():
            field.setAccessibleName(f"{current.claim_type} {CATEGORY_LABELS[category]}")
            field.setText(format_rate(current.rate(category)))
        self.basis = _text_box(current.basis)
        self.actions = _text_box(current.actions)
        self.message = MessageLabel()
        self.notes_button = QPushButton("個票の記述…")
        self.notes_button.setToolTip("収納状況の説明・取組みの検証・見込み収入額と収入未済額（個票に印刷）")
        self.entered = QLabel()
        self.entered.setStyleSheet("color: #666666;")
        if current.entered_at:
            when = format_wareki(date.fromisoformat(current.entered_at[:10]))
            self.entered.setText(f"最終設定 {when}　{current.entered_by}")

    def wanted(self) -> tuple[str, dict[str, Decimal | None], str, str]:
        rates = {c: f.value() for c, f in self.rates.items()}
        return self.current.claim_type, rates, self.basis.toPlainText(), self.actions.toPlainText()

    def problem(self) -> str | None:
        """Why this row cannot be saved as it stands (a rate, or a missing basis), or None."""
        if any(not f.is_valid() for f in self.rates.values()):
            return "目標収納率は0.0〜100.0の範囲で、小数第1位まで入力してください"
        claim_type, rates, basis, actions = self.wanted()
        try:
            changes(claim_type, self.current.fiscal_year, _in_force(self.current), rates, basis, actions)
        except InvalidValue as e:
            return reason_text(e)
        return None

    def changed(self) -> bool:
        """Whether saving would write anything: other rates, or other texts under rates."""
        _, rates, basis, actions = self.wanted()
        now = {c: r for c, r in rates.items() if r is not None}
        if now != dict(self.current.rates) or any(not f.is_valid() for f in self.rates.values()):
            return True
        return bool(now) and (basis.strip(), actions.strip()) != (self.current.basis, self.current.actions)


def _in_force(s: TargetSet) -> dict[str, Target]:
    return {c: Target(s.claim_type, s.fiscal_year, c, r, s.basis, s.actions) for c, r in s.rates.items()}


def _text_box(text: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # Tab moves on to the next field, as in the rest of the form
    line = box.fontMetrics().lineSpacing()
    box.setFixedHeight(line * TEXT_LINES + 12)
    box.setMinimumWidth(260)
    return box


class TargetsDialog(QDialog):
    """Set the target rates of every claim type for one fiscal year."""

    manual_anchor = "targets"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, fiscal_year: int, parent: QWidget | None = None):
        super().__init__(parent)
        add_manual_key(self)
        self.session = session
        self.fiscal_year = fiscal_year
        self.saved: list[Target] = []
        self.setWindowTitle(self.tr("目標収納率の設定（{0}）").format(format_fiscal_year(fiscal_year)))
        intro = QLabel(self.tr(
            "債権名ごとに、{0}の目標収納率（％、小数第1位まで）を入力してください。空欄の区分は目標なしです。"
            "目標を置くときは、その根拠（例: 過去3年間の平均収納率、前年度実績に改善分を加えた値）が必要です。"
            "変更は履歴として台帳に残ります。").format(format_fiscal_year(fiscal_year)))
        intro.setWordWrap(True)
        self.rows = [_Row(s) for s in target_sets(session.ledger, fiscal_year)]
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if self.rows:
            layout.addWidget(self._grid(), 1)
        else:
            layout.addWidget(QLabel(self.tr("債権名が登録されていません。")), 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.notes_dialog = None
        for row in self.rows:
            row.notes_button.clicked.connect(lambda _=False, name=row.current.claim_type: self.open_notes(name))
            for field in row.rates.values():
                field.textChanged.connect(self._update)
            row.basis.textChanged.connect(self._update)
            row.actions.textChanged.connect(self._update)
        self._update()
        self.resize(1180, 720)

    def _grid(self) -> QScrollArea:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setHorizontalSpacing(10)
        heads = [self.tr("債権名"), *(self.tr(CATEGORY_LABELS[c]) for c in CATEGORIES),
                 self.tr("目標設定の根拠（必須）"), self.tr("目標達成に向けた取組")]
        for col, text in enumerate(heads):
            head = QLabel(f"<b>{text}</b>")
            grid.addWidget(head, 0, col, Qt.AlignmentFlag.AlignBottom)
        r = 1
        for row in self.rows:
            line = QFrame(frameShape=QFrame.Shape.HLine, frameShadow=QFrame.Shadow.Sunken)
            grid.addWidget(line, r, 0, 1, len(heads))
            grid.addWidget(row.name, r + 1, 0, Qt.AlignmentFlag.AlignTop)
            for col, category in enumerate(CATEGORIES, start=1):
                cell = QVBoxLayout()
                cell.setSpacing(1)
                cell.addWidget(row.rates[category])
                cell.addWidget(row.rates[category].message_label)
                cell.addStretch(1)
                grid.addLayout(cell, r + 1, col)
            grid.addWidget(row.basis, r + 1, 4)
            grid.addWidget(row.actions, r + 1, 5)
            grid.addWidget(row.notes_button, r + 2, 0)
            grid.addWidget(row.entered, r + 2, 1, 1, 3)
            grid.addWidget(row.message, r + 2, 4, 1, 2)
            r += 3
        grid.setColumnStretch(4, 3)
        grid.setColumnStretch(5, 2)
        grid.setColumnMinimumWidth(0, 150)
        grid.setRowStretch(r, 1)
        area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        area.setWidget(inner)
        return area

    def _update(self) -> None:
        """Show each row's problem beside it; OK only when something changed and nothing is wrong."""
        problems = 0
        for row in self.rows:
            problem = row.problem()
            if problem:
                problems += 1
                row.message.show_error(problem)
            else:
                row.message.clear_message()
        changed = any(row.changed() for row in self.rows)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(changed and not problems)
        self.error.clear()

    def open_notes(self, claim_type: str):
        """The 個票の記述 of one claim type (window-modal; saved on its own OK)."""
        from .page_parts import open_dialog
        from .sheet_notes_dialog import SheetNotesDialog

        self.notes_dialog = SheetNotesDialog(self.session, claim_type, self.fiscal_year, self)
        return open_dialog(self.notes_dialog)

    def row(self, claim_type: str) -> _Row:
        return next(r for r in self.rows if r.current.claim_type == claim_type)

    def accept(self) -> None:
        wanted = [row.wanted() for row in self.rows if row.changed()]
        try:
            self.saved = save_targets(self.session.ledger, self.fiscal_year, wanted)
        except InvalidValue as e:
            if e.field and any(r.current.claim_type == e.field for r in self.rows):
                self.row(e.field).message.show_error(reason_text(e))
            self.error.setText(reason_text(e))
            return
        except ClaimDeskError as e:
            self.error.setText(error_text(e))
            return
        self.session.notify_changed(Changes.of(Kind.TARGETS))
        super().accept()
