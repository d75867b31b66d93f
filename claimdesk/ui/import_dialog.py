"""Importing an Excel ledger saved as CSV, from the window (docs/exchange-format.md §2)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services.changes import EVERYTHING
from ..services.importer import earlier_import, import_ledger
from .error_texts import error_text
from .manual import add_manual_key
from .operations import BackgroundOp, error_message, on_own_ledger

CSV_FILTER = "CSVファイル (*.csv);;すべてのファイル (*)"


class _FileRow(QWidget):
    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        browse = QPushButton(self.tr("参照…"))
        browse.clicked.connect(lambda: self._browse(caption))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)

    def _browse(self, caption: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, caption, self.edit.text() or str(Path.home()), CSV_FILTER)
        if path:
            self.edit.setText(path)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class ImportDialog(QDialog):
    """Choose the claims CSV (and optionally the transactions CSV) to import."""

    manual_anchor = "first-start"  # its section of the 操作マニュアル (F1)

    def __init__(self, parent=None):
        super().__init__(parent)
        add_manual_key(self)
        self.setWindowTitle(self.tr("台帳CSVの取込み"))
        note = QLabel(self.tr(
            "Excelの債権管理台帳をCSVで保存したものを取り込みます（UTF-8またはShift_JIS、"
            "見出しは日本語・英語のどちらでも可）。誤りが1行でもあれば何も取り込まず、誤りの一覧を表示します。"))
        note.setWordWrap(True)
        self.claims = _FileRow(self.tr("債権のCSV"))
        self.transactions = _FileRow(self.tr("取引（収納等）のCSV"))
        form = QFormLayout()
        form.addRow(self.tr("債権のCSV"), self.claims)
        form.addRow(self.tr("取引のCSV"), self.transactions)
        hint = QLabel(self.tr("取引のCSVだけでも取り込めます（台帳にある債権への収納などを毎月まとめて入力するとき）。"))
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("取込み"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.claims.edit.textChanged.connect(self._check)
        self.transactions.edit.textChanged.connect(self._check)
        self._check()
        self.resize(620, self.sizeHint().height())

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.claims.path() is not None or self.transactions.path() is not None)


def import_files(parent, session, claims: Path | None, transactions: Path | None, *,
                 then=None, again_reason: str | None = None) -> BackgroundOp:
    """Import in the background with a progress dialog; `then(result)` once imported."""

    today = session.today()

    def work(ledger, progress):
        from ..services.sheets import prepare_sheets_after_import

        result = import_ledger(ledger, claims, transactions, progress=progress, today=today,
                               again_reason=again_reason)
        prepare_sheets_after_import(ledger, today)  # (the 個票's stores: summed now, not at the next 個票)
        return result

    def done(result) -> None:
        session.notify_changed(EVERYTHING)  # claims, debtors, money: too many to name
        if then is not None:
            then(result)

    return (BackgroundOp(parent, on_own_ledger(session.path, work))
            .with_progress(parent.tr("台帳CSVの取込み"), parent.tr("取り込んでいます…"))
            .success(done).run_in_background())


def ask_again_reason(parent, why: str) -> str | None:
    """Ask whether to import content already imported, and why; None: do not."""
    reason, ok = QInputDialog.getText(parent, parent.tr("取り込み済みの内容"), parent.tr(
        "{0}。\n同じ内容をもう一度取り込むときは、その理由を入力してください。").format(why))
    return reason.strip() if ok and reason.strip() else None


def run_import(parent, session) -> None:
    """Ask for the files, import them, and report what was imported."""
    dialog = ImportDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    claims, transactions = dialog.claims.path(), dialog.transactions.path()
    try:
        repeat = earlier_import(session.ledger, claims, transactions)
    except OSError as e:
        QMessageBox.warning(parent, parent.tr("台帳CSVの取込み"), error_message(e)[0])
        return
    again = None
    if repeat is not None:
        again = ask_again_reason(parent, error_text(repeat))
        if again is None:
            return

    def report(result) -> None:
        text = parent.tr(
            "取り込みました（取込み番号 {5}）。\n債権 {0:,}件、債務者 新規 {1:,}件・更新 {2:,}件、債権名 新規 {3:,}件、"
            "取引 {4:,}件").format(result.claims, result.debtors_new, result.debtors_updated,
                                  result.claim_types_new, result.events, result.batch_id)
        if not result.warnings:
            QMessageBox.information(parent, parent.tr("台帳CSVの取込み"), text)
            return
        # taken, as the bank has the money, but to be refunded
        box = QMessageBox(QMessageBox.Icon.Warning, parent.tr("台帳CSVの取込み"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setInformativeText(parent.tr("残高を超える収納が{0}件あります（過誤納）。"
                                         "本日の作業の「還付」から還付を記録してください。").format(len(result.warnings)))
        box.setDetailedText("\n".join(str(w) for w in result.warnings))
        box.exec()

    import_files(parent, session, claims, transactions, then=report, again_reason=again)
