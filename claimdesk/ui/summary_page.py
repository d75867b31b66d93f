"""収納状況: the standard summary of a fiscal year on screen, as a chart, and to a file.

The figures come from the same service the command line exports with; the page computes
them in a worker on its own connection (a large ledger takes a second or two), and
recomputes when the period or the ledger changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import closing_period_end, fiscal_year_of, fiscal_year_start, format_fiscal_year, format_wareki
from ..domain.summary import SummaryRow
from ..services.budget_order import in_ledger_order
from ..services.changes import Changes, Kind
from ..services.summary_export import build_summary, export_summary
from .fields import DateField
from .operations import BackgroundOp, Failure, on_own_ledger
from .session import Session
from .summary_chart import RateChart
from .summary_model import SummaryModel

YEARS_SHOWN = 10  # fiscal years offered, back from the current one
RECOMPUTE_DELAY_MS = 300  # typing a date does not start a computation per keystroke


class SummaryPage(QWidget):
    """Choose a fiscal year and a date; see the summary and export it as CSV or Excel."""

    manual_anchor = "summary"  # its section of the 操作マニュアル (F1)

    refreshed = Signal()  # a computation ended: figures shown, or a message why not
    exported = Signal(object)  # the Path written

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._op: BackgroundOp | None = None
        self._stale = True  # computed when first shown, and when shown after a change
        self._export_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self._timer = QTimer(self, singleShot=True, interval=RECOMPUTE_DELAY_MS, timeout=self.refresh)

        self.year_combo = QComboBox()
        this_year = fiscal_year_of(session.today())
        for fy in range(this_year, this_year - YEARS_SHOWN, -1):
            self.year_combo.addItem(format_fiscal_year(fy), fy)
        self.as_of_edit = DateField()  # typed and shown as 和暦 (令和8年5月31日), or picked (F4)
        self.as_of_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("令和10年12月31日") + 60)
        self.as_of_wareki = self.as_of_edit.message_label  # why a typed date cannot be read
        self._as_of: date | None = None
        self.compute_button = QPushButton(self.tr("集計"))
        self.busy = QProgressBar(maximumWidth=140, textVisible=False)
        self.status = QLabel(wordWrap=True)
        self.csv_button = QPushButton(self.tr("CSVで出力…"))
        self.xlsx_button = QPushButton(self.tr("Excelで出力…"))
        self.targets_button = QPushButton(self.tr("目標収納率…"))
        self.targets_button.setToolTip(self.tr("この年度の債権名ごとの目標収納率と根拠・取組を設定します"))
        self.sheets_button = QPushButton(self.tr("個票を出力…"))
        self.sheets_button.setToolTip(self.tr("債権名ごとの個票（5年度の推移と目標）をPDFまたはExcelで出力します"))
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart_view = RateChart()
        self.chart = self.chart_view.chart()
        self._lay_out()

        self._set_as_of(self._default_as_of(this_year))
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.as_of_edit.textChanged.connect(self._date_changed)
        self.compute_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(lambda: self._ask_and_export(".csv"))
        self.xlsx_button.clicked.connect(lambda: self._ask_and_export(".xlsx"))
        self.targets_button.clicked.connect(self.edit_targets)
        self.sheets_button.clicked.connect(self.export_sheets)
        session.changed.connect(self._ledger_changed)
        self._set_busy(False)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("年度")), self.year_combo, QLabel(self.tr("基準日")), self.as_of_edit,
                       self.as_of_wareki, self.compute_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.targets_button)
        bar.addWidget(self.sheets_button)
        bar.addWidget(self.csv_button)
        bar.addWidget(self.xlsx_button)
        # The heading names the figures shown; the status says why there are none.
        line = QHBoxLayout()
        line.addWidget(self.heading)
        line.addWidget(self.busy)
        line.addWidget(self.status, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart_view)
        split.setStretchFactor(0, 3)  # the figures first, the chart as the overview
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(line)
        layout.addWidget(split, 1)

    # --- the period ----------------------------------------------------------------

    def fiscal_year(self) -> int:
        return self.year_combo.currentData()

    def as_of(self) -> date:
        return self.as_of_edit.value() or self._as_of

    def set_period(self, fiscal_year: int, as_of: date) -> None:
        """Choose the fiscal year and the date, then recompute (after a short pause)."""
        index = self.year_combo.findData(fiscal_year)
        if index < 0:
            self.year_combo.addItem(format_fiscal_year(fiscal_year), fiscal_year)
            index = self.year_combo.count() - 1
        self.year_combo.blockSignals(True)
        self.year_combo.setCurrentIndex(index)
        self.year_combo.blockSignals(False)
        self._set_as_of(as_of)
        self._timer.start()

    def _default_as_of(self, fiscal_year: int) -> date:
        """Today, moved into the year and its closing period."""
        return min(max(self.session.today(), fiscal_year_start(fiscal_year)), closing_period_end(fiscal_year))

    def _set_as_of(self, as_of: date) -> None:
        self._as_of = as_of
        self.as_of_edit.blockSignals(True)
        self.as_of_edit.set_date(as_of)
        self.as_of_edit.blockSignals(False)
        self.as_of_edit.revalidate()
        self.as_of_wareki.setVisible(self.as_of_wareki.is_error())

    def _year_changed(self) -> None:
        self._set_as_of(self._default_as_of(self.fiscal_year()))
        self._timer.start()

    def _date_changed(self) -> None:
        # The field reads as 和暦 already: its line below speaks only when a date cannot be read.
        self.as_of_wareki.setVisible(self.as_of_wareki.is_error())
        if self.as_of_edit.value() is None:
            return
        self._as_of = self.as_of_edit.value()
        self._timer.start()

    def _period_problem(self, fiscal_year: int, as_of: date) -> str:
        start, end = fiscal_year_start(fiscal_year), closing_period_end(fiscal_year)
        if start <= as_of <= end:
            return ""
        return self.tr("基準日（{0}）が{1}の範囲（{2}〜{3}、出納整理期間を含む）の外です。").format(
            format_wareki(as_of), format_fiscal_year(fiscal_year), format_wareki(start), format_wareki(end))

    # --- computing -------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the figures for the chosen period in the background."""
        self._timer.stop()
        self._stale = False
        if self._op is not None:
            self._op.cancel()  # superseded: its outcome is never delivered
            self._op = None
        fiscal_year, as_of = self.fiscal_year(), self.as_of()
        if problem := self._period_problem(fiscal_year, as_of):
            self._show_problem(problem)
            return

        def work(ledger, progress):
            return in_ledger_order(ledger, build_summary(ledger, fiscal_year, as_of, progress=progress))

        self._set_busy(True)
        self._op = (BackgroundOp(self, on_own_ledger(self.session.path, work))
                    .progress(self._progress).success(self._show_rows).failure(self._failed)
                    .run_in_background())

    def is_busy(self) -> bool:
        return self._op is not None

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy.setRange(0, 0)
        self.table.setEnabled(not busy)  # figures of the previous period, greyed until replaced
        if busy:
            self._set_status(self.tr("集計中…"))

    def _progress(self, done: int, total: int) -> None:
        self.busy.setRange(0, total)
        self.busy.setValue(done)

    def _show_rows(self, rows: list[SummaryRow]) -> None:
        self._op = None
        self._set_busy(False)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            first = rows[0]
            period = self.tr("{0}　{1}現在").format(format_fiscal_year(first.fiscal_year), format_wareki(first.as_of))
            self.heading.setText(f"{first.department_name}　{period}")
            self.chart_view.show_rows(rows, self.tr("債権名別の収納率（{0}）").format(period))
            self._set_status("")
        else:
            self._show_problem(self.tr("債権名が登録されていません。"))
            return
        self.refreshed.emit()

    def _failed(self, failure: Failure) -> None:
        self._op = None
        self._set_busy(False)
        self._show_problem(failure.message, failure.details)

    def _show_problem(self, message: str, details: str = "") -> None:
        self._set_busy(False)
        self.model.set_rows([])
        self.heading.setText("")
        self.chart_view.show_rows([], "")
        self._set_status(message, error=True, details=details)
        self.refreshed.emit()

    def _set_status(self, text: str, *, error: bool = False, details: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(details)
        self.status.setStyleSheet("color: #b00020;" if error else "")

    def _ledger_changed(self, changes: Changes) -> None:
        # Money and claims make the figures; casework and debtors' details do not.
        if not changes.concerns(Kind.MONEY, Kind.REGISTER, Kind.TARGETS, Kind.SETTINGS):
            return
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def edit_targets(self) -> None:
        """The targets of the chosen fiscal year; saving them recomputes the figures shown."""
        from .targets_dialog import TargetsDialog

        TargetsDialog(self.session, self.fiscal_year(), self).exec()

    def export_sheets(self) -> None:
        """The 個票 of the chosen year and date, to a PDF or Excel file the clerk names."""
        from .sheets_export import ask_and_export_sheets

        ask_and_export_sheets(self, self.session, self.fiscal_year(), self.as_of(),
                              then=lambda path: self._set_status(self.tr("出力しました: {0}").format(path)))

    # --- exporting -------------------------------------------------------------------

    def _ask_and_export(self, suffix: str) -> None:
        fiscal_year, as_of = self.fiscal_year(), self.as_of()
        name = self.tr("収納状況_{0}_{1}").format(format_fiscal_year(fiscal_year), f"{as_of:%Y%m%d}") + suffix
        kinds = {".csv": self.tr("CSV ファイル (*.csv)"), ".xlsx": self.tr("Excel ブック (*.xlsx)")}
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("収納状況の出力"), str(self._export_dir / name),
                                                kinds[suffix])
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._export_dir = path.parent
        self.export_to(path)

    def export_to(self, path: str | Path) -> BackgroundOp:
        """Write the summary of the chosen period to `path` (.csv or .xlsx); `exported` says when."""
        path = Path(path)
        fiscal_year, as_of = self.fiscal_year(), self.as_of()

        def work(ledger, progress):
            return export_summary(ledger, fiscal_year, as_of, path, progress=progress)

        def done(rows) -> None:
            self._set_status(self.tr("出力しました: {0}").format(path))
            self.exported.emit(path)

        def enable() -> None:
            for button in (self.csv_button, self.xlsx_button):
                button.setEnabled(True)

        for button in (self.csv_button, self.xlsx_button):
            button.setEnabled(False)
        return (BackgroundOp(self, on_own_ledger(self.session.path, work))
                .with_progress(self.tr("収納状況の出力"), self.tr("収納状況を出力しています…"))
                .success(done).ended(enable).run_in_background())
