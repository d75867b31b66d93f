"""Promises and instalment schedules as tables, each line matched against the receipts.

Nobody marks a promise kept or an instalment paid: the services match receipts to them
on the day asked for. The tables show that outcome, missed instalments and broken
promises in red. The schedule table also previews a plan not yet signed (dates and
amounts only), so the clerk sees the same table before and after.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.dates import format_wareki
from ..domain.instalments import Instalment, InstalmentLine, InstalmentStatus
from ..domain.money import format_amount
from ..domain.promises import PromiseState, PromiseStatus
from .rows_model import RowsModel

_RED, _GREY = QColor("#b00020"), QColor("#6b6b6b")

PROMISE_COLUMNS = (
    QT_TRANSLATE_NOOP("PromisesModel", "約束日"),
    QT_TRANSLATE_NOOP("PromisesModel", "金額"),
    QT_TRANSLATE_NOOP("PromisesModel", "期日"),
    QT_TRANSLATE_NOOP("PromisesModel", "納付額"),
    QT_TRANSLATE_NOOP("PromisesModel", "状況"),
)
P_MADE, P_AMOUNT, P_DUE, P_PAID, P_STATUS = range(len(PROMISE_COLUMNS))


class PromisesModel(RowsModel):
    """A claim's promises (PromiseState), newest first."""

    columns = PROMISE_COLUMNS
    amount_columns = frozenset((P_AMOUNT, P_PAID))

    def set_promises(self, states) -> None:
        self._set_rows(states)

    def promise(self, row: int) -> PromiseState:
        return self._rows[row]

    def _text(self, s: PromiseState, column: int) -> str:
        p = s.promise
        if column == P_STATUS:
            if s.status is PromiseStatus.KEPT and s.settled_on:
                return self.tr("{0}（{1}）").format(s.status.label, format_wareki(s.settled_on))
            return s.status.label
        return (format_wareki(p.made_on), format_amount(p.amount), format_wareki(p.due_on),
                format_amount(s.paid))[column]

    def _data(self, s: PromiseState, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == P_STATUS:
            if s.status is PromiseStatus.BROKEN:
                return QBrush(_RED)
            if s.status is PromiseStatus.SUPERSEDED:
                return QBrush(_GREY)
        if role == Qt.ItemDataRole.UserRole:
            return s
        return None


SCHEDULE_COLUMNS = (
    QT_TRANSLATE_NOOP("ScheduleModel", "回"),
    QT_TRANSLATE_NOOP("ScheduleModel", "納付日"),
    QT_TRANSLATE_NOOP("ScheduleModel", "金額"),
    QT_TRANSLATE_NOOP("ScheduleModel", "納付済"),
    QT_TRANSLATE_NOOP("ScheduleModel", "完納日"),
    QT_TRANSLATE_NOOP("ScheduleModel", "状況"),
)
S_SEQ, S_DUE, S_AMOUNT, S_PAID, S_COVERED, S_STATUS = range(len(SCHEDULE_COLUMNS))


class ScheduleModel(RowsModel):
    """A plan's instalments: matched lines (InstalmentLine), or a preview (Instalment)."""

    columns = SCHEDULE_COLUMNS
    amount_columns = frozenset((S_SEQ, S_AMOUNT, S_PAID))

    def set_lines(self, lines) -> None:
        """The instalments of a recorded plan, with what was paid toward each."""
        self._set_rows(lines)

    def set_preview(self, instalments) -> None:
        """Instalments of a plan not signed yet: the paid columns stay empty."""
        self._set_rows(instalments)

    def _text(self, row, column: int) -> str:
        line = row if isinstance(row, InstalmentLine) else None
        inst: Instalment = line.instalment if line else row
        if column == S_SEQ:
            return str(inst.seq)
        if column == S_DUE:
            return format_wareki(inst.due_on)
        if column == S_AMOUNT:
            return format_amount(inst.amount)
        if line is None:
            return ""
        if column == S_PAID:
            return format_amount(line.paid)
        if column == S_COVERED:
            return format_wareki(line.covered_on) if line.covered_on else ""
        if column == S_STATUS:
            return line.status.label
        return ""

    def _data(self, row, column: int, role):
        if not isinstance(row, InstalmentLine):
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.status is InstalmentStatus.MISSED:
            return QBrush(_RED)
        if role == Qt.ItemDataRole.FontRole and row.status is InstalmentStatus.MISSED and column == S_STATUS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
