"""ファイル → 収納データの取込み: choose 口座振替結果 / コンビニ receipt files, take them in
the background, and show the reconciliation (docs/receipt-files.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from ..services.changes import Changes, Kind
from ..services.receipts import ReceiptsRefused, take_receipt_files
from .error_box import show_error
from .manual import add_manual_key
from .operations import BackgroundOp, Failure, on_own_ledger
from .reconciliation_view import ReconciliationDialog

FILE_FILTER = "収納データ (*.txt *.dat *.csv);;すべてのファイル (*)"
FORMAT_CHOICES = (("内容から判別", None), ("口座振替結果（全銀協）", "zengin"), ("コンビニ収納（速報・確報）", "cvs"))


class ReceiptFilesDialog(QDialog):
    """The files to take and their format."""

    manual_anchor = "receipt-files"  # its section of the 操作マニュアル (F1)

    def __init__(self, parent=None):
        super().__init__(parent)
        add_manual_key(self)  # F1: the manual's section on receipt files
        self.setWindowTitle(self.tr("収納データの取込み"))
        note = QLabel(self.tr(
            "銀行の口座振替結果（全銀協の固定長）や、収納代行会社のコンビニ収納データ（速報・確報）を取り込みます。"
            "選んだファイルはまとめて1回の取込みです: すべてのファイルの全行を照合し、どれか1つのファイルに照合できない行が"
            "1行でもあれば、どのファイルも取り込まずに照合結果（ファイルごとの誤りの数）を表示します。"
            "問題のないファイルだけを取り込むには、そのファイルだけを選び直してください。同じファイルは2回取り込めません。"))
        note.setWordWrap(True)
        self.files = QListWidget()
        add = QPushButton(self.tr("ファイルを追加…"))
        add.clicked.connect(self._browse)
        remove = QPushButton(self.tr("選択を外す"))
        remove.clicked.connect(lambda: [self.files.takeItem(self.files.row(i)) for i in self.files.selectedItems()])
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.format = QComboBox()
        for label, value in FORMAT_CHOICES:
            self.format.addItem(self.tr(label), value)
        form = QFormLayout()
        form.addRow(self.tr("形式"), self.format)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("取込み"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.files, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.files.model().rowsInserted.connect(self._check)
        self.files.model().rowsRemoved.connect(self._check)
        self._check()
        self.resize(640, 360)

    def add_files(self, paths) -> None:
        """Add files to the list (a file already listed is not added twice)."""
        listed = set(self.paths())
        for p in map(Path, paths):
            if p not in listed:
                listed.add(p)
                self.files.addItem(str(p))

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def chosen_format(self) -> str | None:
        return self.format.currentData()

    def _browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("収納データ"), str(Path.home()), FILE_FILTER)
        self.add_files(paths)

    def _check(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.files.count() > 0)


def take_files(parent, session, paths: list[Path], format: str | None, *, then=None) -> BackgroundOp:
    """Take the files in the background; the reconciliation is shown either way (`then(dialog)`)."""
    today = session.today()

    def work(ledger, progress):
        return take_receipt_files(ledger, paths, format, today, progress=progress)

    def show(files, problems) -> None:
        dialog = ReconciliationDialog(session, files, problems, parent)
        dialog.open()
        if then is not None:
            then(dialog)

    def taken(files) -> None:
        # Receipts and failed transfers of the claims the lines name: the pages re-read those.
        touched = {c for f in files for r in f.lines for c in r.claim_ids}
        session.notify_changed(Changes.of(Kind.MONEY, claims=touched, debtors={r.debtor_id for f in files
                                                                             for r in f.lines if r.debtor_id}))
        show(files, [])

    def failed(failure: Failure) -> None:
        if isinstance(failure.error, ReceiptsRefused):
            show(failure.error.files, failure.error.problems)
        else:
            show_error(parent, parent.tr("収納データの取込み"), failure.message, failure.details)

    return (BackgroundOp(parent, on_own_ledger(session.path, work))
            .with_progress(parent.tr("収納データの取込み"), parent.tr("照合しています…"))
            .success(taken).failure(failed).run_in_background())


def run_receipts(parent, session) -> None:
    """Ask for the files, take them, show the reconciliation."""
    dialog = ReceiptFilesDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    take_files(parent, session, dialog.paths(), dialog.chosen_format())
