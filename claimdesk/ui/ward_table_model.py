"""A ward table of the aggregate (各課集計) as a Qt table model: one row per table row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.ward_tables import WardTable, format_cell

_Index = QModelIndex | QPersistentModelIndex


class WardTableModel(QAbstractTableModel):
    """Read-only cells of a `WardTable`; subtotals and totals set apart as on paper."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table: WardTable | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {"subtotal": QBrush(QColor("#f2f2f2")), "total": QBrush(QColor("#e4ecf7"))}

    def set_table(self, table: WardTable | None) -> None:
        """Show `table` (None: nothing)."""
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def table(self) -> WardTable | None:
        return self._table

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._table is None else len(self._table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._table is None else len(self._table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self._table is None:
            return None
        if not 0 <= section < len(self._table.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._table.columns[section].label
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._table is None or not 0 <= index.row() < len(self._table.rows):
            return None
        row, column = self._table.rows[index.row()], self._table.columns[index.column()]
        value = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(value, column.kind) if column.kind != "text" else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignLeft if column.kind == "text" else Qt.AlignmentFlag.AlignRight
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row.style else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes.get(row.style)
        if role == Qt.ItemDataRole.UserRole:  # the value itself: int yen, Decimal rate
            return value
        return None
