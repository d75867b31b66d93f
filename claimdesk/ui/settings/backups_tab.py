"""設定 → バックアップ: where backups go, how many the rotation keeps, one now, a restore.

Making a backup and restoring go through the window (ui/ledger_safety.py): in the
background with progress, the same as the ファイル menu. A restore closes the ledger, so
the settings dialog closes with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...domain.backups import DEFAULT_KEEP
from ...domain.dates import format_wareki
from ...domain.errors import ClaimDeskError
from ...services.backups import (
    backup_folder,
    check_backup_folder,
    chosen_backup_folder,
    keep_counts,
    list_backups,
    set_backup_folder,
    set_keep_counts,
)
from ..error_texts import error_text
from ..fields import TextField
from .tab import SettingsTab, field_row

KEEP_NAMES = {"daily": "日ごと（日分）", "weekly": "週ごと（週分）", "monthly": "月ごと（か月分）"}


def _folder_problem(text: str) -> str | None:
    path = Path(text.strip())
    if text.strip() and path.exists() and not path.is_dir():
        return "フォルダではなくファイルです"
    return None


class BackupsTab(SettingsTab):
    """The backup folder and rotation, with 今すぐバックアップ and 復元."""

    title = "バックアップ"

    def __init__(self, session, window, parent=None):
        super().__init__(parent)
        self.session, self.main_window = session, window
        ledger = session.ledger
        self.folder = TextField(required=False, check=_folder_problem)
        self.folder.setPlaceholderText(str(ledger.path.parent / "backups") if ledger.path else "")
        self.folder.setText(chosen_backup_folder(ledger))
        self.folder.validity_changed.connect(self._emit_validity)
        choose = QPushButton(self.tr("参照…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        field_row(form, self.tr("保存先フォルダ"), folder_row, self.folder.message_label,
                  self.tr("空なら台帳と同じフォルダの backups。ファイルサーバーのフォルダも指定できます"))
        self.keep: dict[str, QSpinBox] = {}
        counts = keep_counts(ledger)
        for key, name in KEEP_NAMES.items():
            spin = QSpinBox(minimum=1, maximum=999)
            spin.setValue(counts[key])
            self.keep[key] = spin
            field_row(form, self.tr("自動バックアップの保存数: ") + self.tr(name), spin,
                      hint=self.tr("既定: {0}").format(DEFAULT_KEEP[key]))
        auto = QLabel(self.tr("自動バックアップは、その日に初めて台帳を開いたときと、閉じるときに作成します。"
                              "手動のバックアップは消しません。"))
        auto.setWordWrap(True)
        self.latest = QLabel()
        self.latest.setWordWrap(True)
        self.make_button = QPushButton(self.tr("今すぐバックアップ"))
        self.make_button.clicked.connect(self.make_now)
        self.restore_button = QPushButton(self.tr("バックアップから復元…"))
        self.restore_button.clicked.connect(self._choose_restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(auto)
        layout.addWidget(self.latest)
        layout.addLayout(buttons)
        layout.addStretch(1)
        writable = not ledger.read_only_reason
        for widget in (self.folder, choose, self.make_button, *self.keep.values()):
            widget.setEnabled(writable)
        self.refresh()

    def refresh(self) -> None:
        """Say where the backups are and which is the newest."""
        ledger = self.session.ledger
        try:
            entries = list_backups(ledger)
        except OSError:
            entries = []
        newest = (self.tr("最新: {0} {1:%H:%M}（{2}件）").format(
            format_wareki(entries[0].taken_at.date()), entries[0].taken_at, len(entries))
                  if entries else self.tr("まだバックアップはありません"))
        self.latest.setText(self.tr("いまの保存先: {0}　{1}").format(backup_folder(ledger), newest))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("バックアップの保存先"),
                                                  str(backup_folder(self.session.ledger)))
        if chosen:
            self.folder.setText(chosen)

    def make_now(self):
        """今すぐバックアップ: the window's background backup, this tab updated once made."""
        return self.main_window.make_backup(then=lambda _path: self.refresh())

    def _choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("バックアップから復元"),
                                              str(backup_folder(self.session.ledger)),
                                              self.tr("ClaimDesk 台帳 (*.sqlite3);;すべてのファイル (*)"))
        if path:
            self.restore(Path(path))

    def restore(self, backup: Path, *, confirm: bool = True):
        """Restore through the window; the settings dialog closes (the ledger is reopened)."""
        op = self.main_window.restore_backup(backup, confirm=confirm)
        if op is not None:
            self.window().reject()  # its ledger was closed for the restore: nothing here may be saved
        return op

    def problems(self) -> list[str]:
        error = self.folder.error()
        return [self.tr("保存先フォルダ: ") + error] if error else []

    def save(self) -> bool:
        ledger = self.session.ledger
        folder = self.folder.text().strip()
        try:
            if folder != chosen_backup_folder(ledger):
                check_backup_folder(ledger, folder)
                set_backup_folder(ledger, folder)
            counts = {key: spin.value() for key, spin in self.keep.items()}
            if counts != keep_counts(ledger):
                set_keep_counts(ledger, counts)
        except ClaimDeskError as e:
            self.folder.set_error(error_text(e))
            return False
        return True

    def saved(self) -> None:
        self.refresh()
