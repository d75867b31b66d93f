"""A debtor's claims as a table: each with its balance and status, overdue ones in bold."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import format_amount
from ..domain.register import RegisterRow, Status
from .rows_model import RowsModel

CLAIM_COLUMNS = (
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "債権番号"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "債権名"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "年度"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "納期限"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "調定額"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "残高"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "状況"),
)
ID, TYPE, YEAR, DUE, ASSESSED, BALANCE, STATUS = range(len(CLAIM_COLUMNS))
ClaimIdRole = Qt.ItemDataRole.UserRole


class DebtorClaimsModel(RowsModel):
    """A debtor's claims (RegisterRow list from DebtorDetail.claims)."""

    columns = CLAIM_COLUMNS
    amount_columns = frozenset((ASSESSED, BALANCE))

    def set_rows(self, rows: list[RegisterRow]) -> None:
        self._set_rows(rows)

    def row(self, row: int) -> RegisterRow:
        return self._rows[row]

    def _text(self, r: RegisterRow, column: int) -> str:
        return (r.claim_id, r.claim_type, format_fiscal_year(r.fiscal_year),
                format_wareki(r.due_date), format_amount(r.assessed), format_amount(r.balance),
                r.status.label)[column]

    def _data(self, r: RegisterRow, column: int, role):
        if role == Qt.ItemDataRole.FontRole and column == STATUS and r.status is Status.OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == ClaimIdRole:
            return r.claim_id
        return None
