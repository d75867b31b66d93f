"""ファイル → 取込み履歴: every import batch of the ledger, and 取消 of a whole batch."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.dates import format_wareki_time
from ..domain.errors import ClaimDeskError
from ..services.changes import EVERYTHING
from ..services.import_batches import batches, reverse_batch
from .error_box import error_message
from .manual import add_manual_key

HEADERS = ("番号", "取込み日時", "担当", "ファイル", "債権", "取引", "状態")


def _state(b) -> str:
    if b.reversed:
        return f"取消 {format_wareki_time(b.reversed_at)}（{b.reversed_by}: {b.reversal_reason}）"
    return f"再取込み（{b.again_reason}）" if b.again_reason else ""


class ImportHistoryDialog(QDialog):
    """The batches, newest first; ［取消…］ reverses the selected one after asking why."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        add_manual_key(self)
        self.session = session
        self.setWindowTitle(self.tr("取込み履歴"))
        note = QLabel(self.tr(
            "台帳CSVの取込みの記録です。取消は、その取込みの取引をすべて取り消し、債権を調定減で0円にします"
            "（記録は消えず、取消の記録が追加されます。債務者・債権名の登録は残ります）。"))
        note.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reverse_button = QPushButton(self.tr("取消…"))
        self.reverse_button.clicked.connect(self.reverse_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.reverse_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()
        self.resize(900, 420)

    def refresh(self) -> None:
        """Re-read the batches from the ledger."""
        self.batches = batches(self.session.ledger)
        self.table.setRowCount(len(self.batches))
        for row, b in enumerate(self.batches):
            files = b.files
            cells = (str(b.batch_id), format_wareki_time(b.imported_at), b.operator, files,
                     f"{b.claims:,}", f"{b.events:,}", _state(b))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setToolTip(f"SHA-256 {b.claims_sha256}\n{b.transactions_sha256}".strip())
                self.table.setItem(row, col, item)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.batches[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        b = self.selected()
        self.reverse_button.setEnabled(b is not None and not b.reversed)

    def reverse_selected(self, *, reason: str | None = None) -> bool:
        """Reverse the selected batch (asks for the reason unless given); whether it was."""
        b = self.selected()
        if b is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("取込みの取消"), self.tr(
                "取込み番号 {0}（{1}、債権 {2:,}件・取引 {3:,}件）を取り消します。理由を入力してください。").format(
                    b.batch_id, b.files, b.claims, b.events))
            if not ok:
                return False
        try:
            done = reverse_batch(self.session.ledger, b.batch_id, reason)
        except ClaimDeskError as e:
            QMessageBox.warning(self, self.tr("取込みの取消"), error_message(e)[0])
            return False
        self.session.notify_changed(EVERYTHING)  # claims and money of a whole batch
        self.refresh()
        QMessageBox.information(self, self.tr("取込みの取消"), self.tr(
            "取込み番号 {0} を取り消しました。取引の取消 {1:,}件、債権の調定減 {2:,}件。").format(
                done.batch_id, done.events_reversed, done.claims_cancelled))
        return True
