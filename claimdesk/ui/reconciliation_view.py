"""The reconciliation of receipt files in the window: totals, every line with its outcome
and reason, and saving it as PDF or xlsx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.dates import format_wareki
from ..domain.errors import ClaimDeskError
from ..domain.money import format_yen
from ..domain.reconciliation import OUTCOME_LABELS, OUTCOMES, TakenFile, totals
from ..services.receipt_report import save_reconciliation
from .error_box import error_message, show_error
from .manual import add_manual_key

HEADS = ("ファイル", "行", "結果", "顧客番号・納付番号", "債務者", "債権", "日付", "金額", "備考")
COLOURS = {"unmatched": QColor("#fbe3e3"), "failed": QColor("#fff4d6"), "awaiting": QColor("#fff4d6")}


class ReconciliationDialog(QDialog):
    """照合結果: what each line of the files did (or why none was taken)."""

    manual_anchor = "receipt-files"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, files: list[TakenFile], problems: list, parent=None):
        super().__init__(parent)
        add_manual_key(self)  # F1: the manual's section on receipt files
        self.session, self.files, self.problems = session, list(files), list(problems)
        self.setWindowTitle(self.tr("収納データの照合結果"))
        sums = totals(self.files)
        state = (self.tr("取り込みました。") if not self.problems else
                 self.tr("照合できない行などが{0}件あるため、何も取り込んでいません（選んだファイルはまとめて取り込むか、"
                         "1つも取り込まないかのどちらかです。台帳は変更していません）。").format(len(self.problems)))
        self.summary = QLabel(state + "\n" + "　".join(
            f"{OUTCOME_LABELS[o]} {sums[o][0]:,}件 {format_yen(sums[o][1])}" for o in OUTCOMES
            if o != "awaiting" or sums[o][0]))
        self.summary.setWordWrap(True)
        self.file_states = QLabel("\n".join(self._file_state(f) for f in self.files))
        self.file_states.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self._fill()
        self.problem_list = QLabel("\n".join(str(p) for p in self.problems[:20]))
        self.problem_list.setWordWrap(True)
        self.problem_list.setVisible(bool(self.problems))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton(self.tr("PDFで保存…"))
        self.xlsx_button = QPushButton(self.tr("Excelで保存…"))
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.clicked.connect(lambda: self.save(suffix=".pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save(suffix=".xlsx"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.file_states)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem_list)
        layout.addWidget(buttons)
        self.resize(1100, 560)

    def _file_state(self, f: TakenFile) -> str:
        """One file's part: taken, or its own problems, or refused for another file's."""
        own = sum(1 for p in self.problems if Path(p.file).name == f.file)
        if f.taken:
            state = self.tr("取込済み（取込み番号 {0}）").format(f.batch_id) if f.batch_id else self.tr("取込済み（収納なし）")
        elif own:
            state = self.tr("誤り {0}件").format(own)
        else:
            state = self.tr("誤りなし（ほかのファイルの誤りのため取り込んでいません）")
        return f"・{f.file}（{f.kind_label}）: {state}"

    def _fill(self) -> None:
        lines = [r for f in self.files for r in f.lines]
        self.table.setRowCount(len(lines))
        for i, r in enumerate(lines):
            cells = (r.file, str(r.line), r.outcome_label, r.key, f"{r.debtor_id} {r.debtor_name}".strip(),
                     "、".join(r.claim_ids), format_wareki(r.paid_on) if r.paid_on else "", format_yen(r.amount),
                     r.reason)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (1, 7):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r.outcome in COLOURS:
                    item.setBackground(COLOURS[r.outcome])
                if j == 8:  # the reason can be longer than the dialog is wide
                    item.setToolTip(text)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def save(self, *, suffix: str, path: Path | None = None) -> Path | None:
        """Save the reconciliation as PDF or xlsx (asks where unless `path` is given)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("照合結果の保存"), str(Path.home() / f"照合結果{suffix}"),
                "PDF (*.pdf)" if suffix == ".pdf" else "Excel (*.xlsx)")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            return save_reconciliation(self.session.ledger, self.files, path)
        except (ClaimDeskError, OSError) as e:  # a full disk, a file open in Excel: said in words
            message, details = error_message(e)
            show_error(self, self.tr("照合結果の保存"), message, details)
            return None
