"""表示 → 口座振替の勧奨対象: debtors owing past-due money who do not pay by 口座振替."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from ..domain.money import format_yen
from ..services.direct_debits import arrears_without_direct_debit
from .manual import add_manual_key

HEADS = ("債務者番号", "氏名", "住所", "滞納の債権", "滞納額")


class ProspectsDialog(QDialog):
    """The 勧奨 list of the session's day; double-click opens the debtor's page."""

    open_debtor = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        add_manual_key(self)
        self.setWindowTitle(self.tr("口座振替の勧奨対象"))
        self.listed = arrears_without_direct_debit(session.ledger, session.today())
        self.summary = QLabel(self.tr("口座振替を利用していない滞納者 {0:,}人、滞納額 計 {1}").format(
            len(self.listed), format_yen(sum(n.owed for n in self.listed))))
        self.table = QTableWidget(len(self.listed), len(HEADS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for i, n in enumerate(self.listed):
            for j, text in enumerate((n.debtor_id, n.name, n.address, f"{n.claims:,}件", format_yen(n.owed))):
                item = QTableWidgetItem(text)
                if j >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_debtor.emit(self.listed[row].debtor_id))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)
