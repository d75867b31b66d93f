"""What the read-only table models over a service's list share: counts, titles, alignment.

A page reads its rows again after every change and hands them over whole, so a model
only resets; it never edits. A subclass names its columns and says what a cell shows.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class RowsModel(QAbstractTableModel):
    """A table of `_rows`; subclasses set `columns`, `amount_columns` and `_text`."""

    # Titles marked with QT_TRANSLATE_NOOP in the subclass's name: the translation context.
    columns: tuple[str, ...] = ()
    amount_columns: frozenset[int] = frozenset()  # aligned right, titles and cells

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def _set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(type(self).__name__, self.columns[section])
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.amount_columns:
                return RIGHT
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in self.amount_columns else LEFT
        return self._data(row, column, role)

    def _text(self, row, column: int) -> str:
        raise NotImplementedError

    def _data(self, row, column: int, role):
        """Any other role of a cell (colour, font, tooltip, the row's object); None if none."""
        return None
