"""A claim's money history as a table: each entry with the balance after it.

Cancelled entries stay in the history (the ledger is append-only); they are struck
through and grey, and the entry that cancelled them reads 「取消」.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import format_amount
from ..services.details import HistoryLine
from .rows_model import RowsModel

COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryModel", "日付"),
    QT_TRANSLATE_NOOP("HistoryModel", "区分"),
    QT_TRANSLATE_NOOP("HistoryModel", "金額"),
    QT_TRANSLATE_NOOP("HistoryModel", "残高"),
    QT_TRANSLATE_NOOP("HistoryModel", "会計年度"),
    QT_TRANSLATE_NOOP("HistoryModel", "納付方法"),
    QT_TRANSLATE_NOOP("HistoryModel", "摘要"),
    QT_TRANSLATE_NOOP("HistoryModel", "入力者"),
    QT_TRANSLATE_NOOP("HistoryModel", "入力日時"),
)
DATE, KIND, AMOUNT, BALANCE, YEAR, METHOD, NOTE, OPERATOR, ENTERED = range(len(COLUMNS))
CANCELLED_COLOR = QColor("#8a8a8a")

LineRole = Qt.ItemDataRole.UserRole  # the HistoryLine of a row


class HistoryModel(RowsModel):
    """The rows of ClaimDetail.history, oldest first."""

    columns = COLUMNS
    amount_columns = frozenset((AMOUNT, BALANCE))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._by_id: dict[int, HistoryLine] = {}

    def set_history(self, lines: list[HistoryLine]) -> None:
        """Show `lines` (a fresh read after every change)."""
        lines = list(lines)
        self._by_id = {line.event.event_id: line for line in lines}
        self._set_rows(lines)

    def line(self, row: int) -> HistoryLine:
        return self._rows[row]

    def _data(self, line: HistoryLine, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole and self._cancelled(line):
            return QBrush(CANCELLED_COLOR)
        if role == Qt.ItemDataRole.FontRole and line.reversed_by is not None and column != BALANCE:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == LineRole:
            return line
        return None

    @staticmethod
    def _cancelled(line: HistoryLine) -> bool:
        return line.is_reversal or line.reversed_by is not None

    def _text(self, line: HistoryLine, column: int) -> str:
        e = line.event
        if column == DATE:
            return format_wareki(e.date)
        if column == KIND:
            if line.is_reversal:
                return self.tr("{0}の取消").format(e.kind.label)
            if line.reversed_by is not None:
                return self.tr("{0}（取消済）").format(e.kind.label)
            return e.kind.label
        if column == AMOUNT:
            return format_amount(e.amount)
        if column == BALANCE:
            return format_amount(line.balance_after)
        if column == YEAR:
            year = format_fiscal_year(e.accounting_year)
            return self.tr("{0} ※指定").format(year) if e.accounting_year_overridden else year
        if column == METHOD:
            return e.method
        if column == NOTE:
            return e.note
        if column == OPERATOR:
            return e.operator
        if column == ENTERED and e.entered_at is not None:
            return f"{format_wareki(e.entered_at.date())} {e.entered_at:%H:%M}"
        return ""

    def _tooltip(self, line: HistoryLine, column: int) -> str | None:
        if line.reversed_by is not None:
            return self.tr("この取引は取り消されています（残高には取消の行で戻されています）")
        if line.is_reversal and (original := self._by_id.get(line.event.reverses)):
            e = original.event
            return self.tr("{0}の{1} {2}円を取り消した記録です").format(
                format_wareki(e.date), e.kind.label, format_amount(e.amount))
        if column == YEAR and line.event.accounting_year_overridden:
            return self.tr("会計年度は日付から決まる年度ではなく、入力時に指定されたものです")
        if column == NOTE and line.event.note:
            return line.event.note
        return None
