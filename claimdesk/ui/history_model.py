"""A claim's money history as a table: each entry with the balance after it.

Cancelled entries stay in the history (the ledger is append-only); they are struck
through and grey, and the entry that cancelled them reads 「取消」.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import format_amount
from ..services.details import HistoryLine

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
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CANCELLED_COLOR = QColor("#8a8a8a")

LineRole = Qt.ItemDataRole.UserRole  # the HistoryLine of a row


class HistoryModel(QAbstractTableModel):
    """The rows of ClaimDetail.history, oldest first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[HistoryLine] = []
        self._by_id: dict[int, HistoryLine] = {}

    def setHistory(self, lines: list[HistoryLine]) -> None:
        """Show `lines` (a fresh read after every change)."""
        self.beginResetModel()
        self._lines = list(lines)
        self._by_id = {line.event.event_id: line for line in self._lines}
        self.endResetModel()

    def line(self, row: int) -> HistoryLine:
        return self._lines[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("HistoryModel", COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (AMOUNT, BALANCE):
                return _RIGHT
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (AMOUNT, BALANCE) else _LEFT
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
