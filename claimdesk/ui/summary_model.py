"""The standard summary as a table: three rows per 債権名, then the totals of them all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.money import format_amount
from ..domain.summary import CATEGORIES, CATEGORY_LABELS, COLUMN_LABELS, SummaryRow

COLUMNS = (
    "account", "budget_section", "claim_type", "category", "assessed", "collected",
    "written_off", "refund_unpaid", "outstanding", "collection_rate", "delinquent_debtors",
    "target_rate",
)
AMOUNTS = ("assessed", "collected", "written_off", "refund_unpaid", "outstanding")
NUMBERS = (*AMOUNTS, "collection_rate", "delinquent_debtors", "target_rate")
SUMMED = (*AMOUNTS, "delinquent_debtors")
NO_RATE = "－"  # nothing assessed: the contract leaves the rate empty

_Index = QModelIndex | QPersistentModelIndex


def grand_totals(rows: Sequence[SummaryRow], label: str) -> list[SummaryRow]:
    """One row per category summed over every claim type; rates follow from the sums.

    Debtors are summed as the plan document does: one owing on two claim types counts twice.
    """
    totals = []
    for category in CATEGORIES:
        part = [r for r in rows if r.category == category]
        if part:
            sums = {name: sum(getattr(r, name) for r in part) for name in SUMMED}
            totals.append(replace(part[0], account="", budget_section="", claim_type=label,
                                  legal_nature="", target_rate=None, **sums))
    return totals


class SummaryModel(QAbstractTableModel):
    """Read-only rows of the summary; `rows` are the service's, the grand totals added here."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[SummaryRow] = []
        self._grand_from = 0  # index of the first grand-total row
        self._bold = QFont()
        self._bold.setBold(True)
        self._grand_brush = QBrush(QColor("#eef2f7"))
        self._short_brush = QBrush(QColor("#b00020"))  # a rate below its target

    def set_rows(self, rows: Sequence[SummaryRow]) -> None:
        """Show `rows` (three per claim type, as build_summary returns them) and their totals."""
        self.beginResetModel()
        label = QCoreApplication.translate("SummaryModel", "総計")
        self._rows = [*rows, *grand_totals(rows, label)]
        self._grand_from = len(rows)
        self.endResetModel()

    def summary_rows(self) -> list[SummaryRow]:
        """The rows as the service gave them, without the grand totals."""
        return self._rows[: self._grand_from]

    def row_at(self, row: int) -> SummaryRow:
        return self._rows[row]

    def is_grand_total(self, row: int) -> bool:
        return row >= self._grand_from

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SummaryModel", COLUMN_LABELS[COLUMNS[section]])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, name = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, name)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if name in NUMBERS else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row.category == "total" or self.is_grand_total(index.row()) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._grand_brush if self.is_grand_total(index.row()) else None
        if name in ("collection_rate", "target_rate") and row.target_rate is not None:
            # Progress against the target, where one is set: the gap, and the rate in red if short.
            rate = row.collection_rate
            if role == Qt.ItemDataRole.ForegroundRole and name == "collection_rate":
                return self._short_brush if rate is not None and rate < row.target_rate else None
            if role == Qt.ItemDataRole.ToolTipRole and rate is not None:
                return QCoreApplication.translate("SummaryModel", "目標 {0}％ に対し {1:+.1f} ポイント").format(
                    f"{row.target_rate:.1f}", rate - row.target_rate)
        if role == Qt.ItemDataRole.UserRole:  # the value itself: int yen, Decimal rate
            return getattr(row, name)
        return None

    @staticmethod
    def _text(row: SummaryRow, name: str) -> str:
        if name == "category":
            return QCoreApplication.translate("SummaryModel", CATEGORY_LABELS[row.category])
        if name in AMOUNTS or name == "delinquent_debtors":
            return format_amount(getattr(row, name))
        if name == "collection_rate":
            rate = row.collection_rate
            return NO_RATE if rate is None else f"{rate:.1f}"
        if name == "target_rate":
            return "" if row.target_rate is None else f"{row.target_rate:.1f}"
        return getattr(row, name)
