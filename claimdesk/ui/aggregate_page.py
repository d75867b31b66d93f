"""各課集計（財政課）: choose the departments' summary files, see every problem or the tables, export.

The same service as `claimdesk aggregate`: the files are checked in full whenever the
list changes (a few dozen small CSV files take a moment), and the tables are shown only
when every file is right. Exporting checks the files again, as they are on disk then, in
a worker; nothing is written while any file has a problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStringListModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.budget_order import DEFAULT_ORDER
from ..domain.ward_tables import Aggregate, WardTable, in_thousand_yen, ward_tables
from ..services.aggregate import AggregateFailed, aggregate_files, export_aggregate
from .operations import BackgroundOp, error_message
from .ward_table_model import WardTableModel

FILTERS = {".xlsx": "Excel ブック (*.xlsx)", ".csv": "CSV ファイル (*.csv)", ".pdf": "PDF ファイル (*.pdf)"}


class AggregatePage(QWidget):
    """The finance department's page: files in, problems or ward tables out."""

    manual_anchor = "aggregate"  # its section of the 操作マニュアル (F1)

    checked = Signal()  # the files were checked: tables or problems shown
    exported = Signal(object)  # the Path written

    def __init__(self, parent: QWidget | None = None, order: Sequence[str] = DEFAULT_ORDER):
        super().__init__(parent)
        self.title = self.tr("各課集計")
        self.order = tuple(order)  # the open ledger's budget order of 会計, 款, 債権名
        self.aggregate: Aggregate | None = None
        self.problems: list[str] = []
        self._tables: list[WardTable] = []
        self._folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self.setAcceptDrops(True)

        self.files = QStringListModel(self)
        self.file_list = QListView()
        self.file_list.setModel(self.files)
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button = QPushButton(self.tr("ファイルを追加…"))
        self.remove_button = QPushButton(self.tr("選んだファイルを外す"))
        self.clear_button = QPushButton(self.tr("すべて外す"))
        self.export_buttons = {suffix: QPushButton(text) for suffix, text in (
            (".xlsx", self.tr("Excelで出力…")), (".pdf", self.tr("PDFで出力…")), (".csv", self.tr("CSVで出力…")))}
        self.status = QLabel(wordWrap=True)
        self.problem_model = QStringListModel(self)
        self.problem_list = QListView()
        self.problem_list.setModel(self.problem_model)
        self.problem_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_list.setWordWrap(True)
        self.problem_list.setAlternatingRowColors(True)
        self.table_choice = QComboBox()
        self.thousands = QCheckBox(self.tr("千円単位（四捨五入）"))
        self.model = WardTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.note = QLabel(wordWrap=True)
        self.note.setStyleSheet("color: #555555;")
        self.hint = QLabel(self.tr(
            "各課から届いた標準様式（claimdesk-summary/1）のCSVファイルを［ファイルを追加…］で選ぶか、"
            "ここへドロップしてください。すべてのファイルを検査し、誤りがなければ区全体の表を表示します。"
            "年度は2つまで（前年度との比較）、同じ年度のファイルは基準日が同じで、所管課は年度ごとに1つずつです。"),
            wordWrap=True)
        self.stack = QStackedWidget()
        self._lay_out()

        self.add_button.clicked.connect(self._ask_for_files)
        self.remove_button.clicked.connect(self._remove_selected)
        self.clear_button.clicked.connect(lambda: self.set_files([]))
        for suffix, button in self.export_buttons.items():
            button.clicked.connect(lambda checked=False, s=suffix: self._ask_and_export(s))
        self.table_choice.currentIndexChanged.connect(self._show_table)
        self.thousands.toggled.connect(self._show_table)
        self._check()

    def _lay_out(self) -> None:
        files = QWidget()
        left = QVBoxLayout(files)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel(self.tr("集計するファイル")))
        left.addWidget(self.file_list, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.clear_button):
            buttons.addWidget(button)
        left.addLayout(buttons)

        problems = QWidget()
        column = QVBoxLayout(problems)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.problem_list)
        tables = QWidget()
        column = QVBoxLayout(tables)
        column.setContentsMargins(0, 0, 0, 0)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("表")))
        choose.addWidget(self.table_choice, 1)
        choose.addWidget(self.thousands)
        column.addLayout(choose)
        column.addWidget(self.table, 1)
        column.addWidget(self.note)
        for page in (self.hint, problems, tables):
            self.stack.addWidget(page)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        for button in self.export_buttons.values():
            bar.addWidget(button)
        column.addLayout(bar)
        column.addWidget(self.stack, 1)
        split = QSplitter()
        split.addWidget(files)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 960])
        QVBoxLayout(self).addWidget(split)

    # --- the files -------------------------------------------------------------------

    def paths(self) -> list[Path]:
        return [Path(p) for p in self.files.stringList()]

    def set_files(self, paths) -> None:
        """Aggregate exactly `paths` (in this order), and check them."""
        self.files.setStringList([str(p) for p in paths])
        self._check()

    def add_files(self, paths) -> None:
        """Add `paths` not yet in the list, and check them all."""
        known = self.files.stringList()
        self.set_files([*known, *(str(p) for p in paths if str(p) not in known)])

    def _ask_for_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("各課の標準様式（CSV）"), str(self._folder),
                                                 self.tr("CSV ファイル (*.csv);;すべてのファイル (*)"))
        if chosen:
            self._folder = Path(chosen[0]).parent
            self.add_files(chosen)

    def _remove_selected(self) -> None:
        rows = {i.row() for i in self.file_list.selectionModel().selectedRows()}
        self.set_files([p for i, p in enumerate(self.files.stringList()) if i not in rows])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        local = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if local:
            self.add_files(local)
            event.acceptProposedAction()

    # --- checking --------------------------------------------------------------------

    def _check(self) -> None:
        paths = self.paths()
        self.aggregate, self.problems = None, []
        if not paths:
            self._set_status(self.tr("ファイルが選ばれていません。"))
            self.stack.setCurrentIndex(0)
        else:
            try:
                self.aggregate = aggregate_files(paths, self.order)
            except AggregateFailed as failed:
                self.problems = [str(p) for p in failed.problems]
                self._set_status(self.tr("{0}件の誤りがあります。各課にファイルの訂正を依頼し、訂正後のファイルを"
                                         "選び直してください（誤りがある間は出力できません）。").format(len(self.problems)),
                                 error=True)
                self.problem_model.setStringList(self.problems)
                self.stack.setCurrentIndex(1)
            except Exception as e:  # a file vanished, a disk error: said plainly, never a crash
                message, _ = error_message(e)
                self._set_status(message, error=True)
                self.stack.setCurrentIndex(0)
            else:
                agg = self.aggregate
                years = "・".join(agg.period(fy) for fy in agg.fiscal_years)
                self._set_status(self.tr("{0}件のファイルを検査しました。誤りはありません。{1}").format(
                    len(agg.files), years))
                self._fill_tables(agg)
                self.stack.setCurrentIndex(2)
        for button in self.export_buttons.values():
            button.setEnabled(self.aggregate is not None)
        self.remove_button.setEnabled(bool(paths))
        self.clear_button.setEnabled(bool(paths))
        self.checked.emit()

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")

    def _fill_tables(self, agg: Aggregate) -> None:
        self._tables = ward_tables(agg)
        self.table_choice.blockSignals(True)
        chosen = self.table_choice.currentIndex()
        self.table_choice.clear()
        for table in self._tables:
            self.table_choice.addItem(table.title.replace("\n", " "), table.key)
        self.table_choice.setCurrentIndex(max(0, min(chosen, len(self._tables) - 1)))
        self.table_choice.blockSignals(False)
        self._show_table()

    def current_table(self) -> WardTable | None:
        """The table shown, in the unit chosen (千円 only where there are amounts in yen)."""
        if self.aggregate is None or self.table_choice.currentIndex() < 0:
            return None
        table = self._tables[self.table_choice.currentIndex()]
        wanted_thousands = self.thousands.isChecked() and not table.key.startswith("rates_")
        return in_thousand_yen(table) if wanted_thousands else table

    def _show_table(self) -> None:
        table = self.current_table()
        self.model.set_table(table)
        self.thousands.setEnabled(table is not None and not table.key.startswith("rates_"))
        unit = self.tr("単位: {0}").format(table.unit) if table else ""
        self.note.setText("　".join([unit, *("※ " + n for n in (table.notes if table else ()))]))
        self.table.resizeColumnsToContents()

    # --- exporting -------------------------------------------------------------------

    def _ask_and_export(self, suffix: str) -> None:
        name = self.tr("各課集計") + suffix
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("各課集計の出力"), str(self._folder / name),
                                                FILTERS[suffix])
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._folder = path.parent
        self.export_to(path)

    def export_to(self, path: str | Path) -> BackgroundOp:
        """Check the files again and write the aggregate to `path`; `exported` says when it is written."""
        path, paths, order = Path(path), self.paths(), self.order

        def work(progress):
            return export_aggregate(paths, path, order)

        def done(_result) -> None:
            self._set_status(self.tr("出力しました: {0}").format(path))
            self.exported.emit(path)

        for button in self.export_buttons.values():
            button.setEnabled(False)
        # Afterwards the files as they are now: a file changed on disk shows its problems.
        return (BackgroundOp(self, work).with_progress(self.tr("各課集計の出力"), self.tr("出力しています…"))
                .success(done).ended(self._check).run_in_background())
