"""個票の記述: per claim type and year, what the plan's 個票 says in words beside the figures.

収納状況に関する説明 (現年分 and 滞納繰越分), 滞納整理に関する取組みの検証, and the target's
expected 収入額 and 収入未済額 per category. Opened from the targets dialog's row; saving
writes a new entry (the ledger keeps the earlier ones).
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ..domain.dates import format_fiscal_year
from ..domain.money import format_amount
from ..domain.summary import CATEGORIES, CATEGORY_LABELS
from ..services.targets import set_sheet_notes, sheet_notes_of
from .dialogs.base import EntryDialog
from .fields import AmountField

LINES = 4


class SheetNotesDialog(EntryDialog):
    """The 個票's words and the target's expected amounts for one claim type and fiscal year."""

    manual_anchor = "sheet-notes"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_type: str, fiscal_year: int, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_type, self.fiscal_year = claim_type, fiscal_year
        now = sheet_notes_of(session.ledger, fiscal_year).get(claim_type)
        self.setWindowTitle(self.tr("個票の記述（{0}）").format(format_fiscal_year(fiscal_year)))
        self.header.setText(self.tr("{0}　{1}").format(claim_type, format_fiscal_year(fiscal_year)))
        self.current_box = self.add_row(self.tr("収納状況の説明（現年分）"), self._text(now.explanation_current if now else ""),
                                       "explanation_current")
        self.carried_box = self.add_row(self.tr("収納状況の説明（滞納繰越分）"),
                                       self._text(now.explanation_carried if now else ""), "explanation_carried")
        self.review_box = self.add_row(self.tr("滞納整理に関する取組みの検証"), self._text(now.review if now else ""), "review")
        self.amounts: dict[tuple[str, str], AmountField] = {}
        for kind, label in (("collected", "見込み収入額"), ("outstanding", "見込み収入未済額")):
            for category in CATEGORIES:
                field = AmountField(required=False)
                value = getattr(now, f"expected_{kind}").get(category) if now else None
                field.setText("" if value is None else format_amount(value))
                field.setPlaceholderText(self.tr("空欄なら記載なし（円単位で入力）"))
                self.amounts[(kind, category)] = self.add_row(
                    self.tr("{0}（{1}）").format(label, CATEGORY_LABELS[category]), field, f"expected_{kind}_{category}")
        self._finish()
        self.setMinimumWidth(640)

    def _text(self, text: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setTabChangesFocus(True)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * LINES + 12)
        return box

    def _save(self):
        amounts = {kind: {c: self.amounts[(kind, c)].value() for c in CATEGORIES} for kind in ("collected", "outstanding")}
        return set_sheet_notes(self.session.ledger, self.claim_type, self.fiscal_year,
                               explanation_current=self.current_box.toPlainText(),
                               explanation_carried=self.carried_box.toPlainText(), review=self.review_box.toPlainText(),
                               expected_collected=amounts["collected"], expected_outstanding=amounts["outstanding"])
