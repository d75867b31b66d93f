"""ファイル → バックアップ: the list of a ledger's backups, a new one now, a restore from one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.backups import format_newest_entry, format_size
from ..domain.dates import format_wareki_time
from ..domain.errors import ClaimDeskError
from ..services.backups import KINDS, backup_folder, list_backups, set_backup_folder
from .error_texts import error_text
from .manual import add_manual_key

COLUMNS = ("作成日時", "種類", "大きさ", "最新の記録", "ファイル")


class BackupsDialog(QDialog):
    """The backups of the window's ledger, newest first; restore asks the window to do it."""

    manual_anchor = "backups"  # its section of the 操作マニュアル (F1)

    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        add_manual_key(self)
        self.window_ = window
        self.setWindowTitle(self.tr("バックアップ"))
        self.resize(900, 420)
        self.folder = QLabel()
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(self.tr("保存先を変更…"))
        self.folder_button.clicked.connect(self._choose_folder)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.make_button = QPushButton(self.tr("今すぐバックアップを作成"))
        self.make_button.clicked.connect(self._make)
        self.restore_button = QPushButton(self.tr("選んだバックアップから復元…"))
        self.restore_button.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.make_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(buttons)
        top = QHBoxLayout()
        top.addWidget(self.folder, 1)
        top.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Read the backup folder again."""
        ledger = self.window_.session.ledger
        self.folder.setText(self.tr("保存先: {0}（自動: 開いた日の最初と閉じるとき。7日・4週・12か月分を保存）")
                            .format(backup_folder(ledger)))
        self.entries = list_backups(ledger)
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            newest = format_newest_entry(e.newest_entry) or self.tr("（記録なし）")
            cells = (format_wareki_time(e.taken_at, seconds=True), KINDS.get(e.kind, e.kind), format_size(e.size),
                     newest, e.path.name)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.entries:
            self.table.selectRow(0)
        writable = not self.window_.session.ledger.read_only_reason
        self.make_button.setEnabled(writable)
        self.folder_button.setEnabled(writable)
        self.restore_button.setEnabled(bool(self.entries))

    def _choose_folder(self) -> None:
        ledger = self.window_.session.ledger
        chosen = QFileDialog.getExistingDirectory(self, self.tr("バックアップの保存先"), str(backup_folder(ledger)))
        if chosen:
            self.set_folder(chosen)

    def set_folder(self, folder: str) -> bool:
        """Store the department's backup folder ('' for the default) and list what is there."""
        try:
            set_backup_folder(self.window_.session.ledger, folder)
        except ClaimDeskError as e:
            QMessageBox.warning(self, self.tr("バックアップの保存先"), error_text(e))
            return False
        self.refresh()
        return True

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()].path if rows else None

    def _make(self) -> None:
        self.window_.make_backup(then=lambda made: self.refresh())

    def _restore(self) -> None:
        path = self.selected_path()
        if path is None:
            QMessageBox.information(self, self.windowTitle(), self.tr("復元するバックアップを選んでください。"))
            return
        if self.window_.restore_backup(path) is not None:
            self.accept()  # the ledger is closed for the restore: nothing left to list
