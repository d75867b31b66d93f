"""「電話催告リスト」: today's calls, one row per debtor, with what to say; each call logged
from the list in two clicks (the result, then 記録), and the list saved as xlsx to call from paper."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.calls import CallResult, CallRow
from ..domain.dates import format_wareki
from ..domain.errors import ClaimDeskError
from ..domain.money import format_amount
from ..services.call_list import log_call, save_call_list
from ..services.changes import Changes, Kind
from .error_box import error_message
from .manual import add_manual_key
from .page_parts import rows_view
from .rows_model import RowsModel

COLUMNS = (
    QT_TRANSLATE_NOOP("CallListModel", "債務者"),
    QT_TRANSLATE_NOOP("CallListModel", "電話番号"),
    QT_TRANSLATE_NOOP("CallListModel", "債権"),
    QT_TRANSLATE_NOOP("CallListModel", "残高"),
    QT_TRANSLATE_NOOP("CallListModel", "話すこと"),
)
DEBTOR, PHONE, CLAIMS, BALANCE, SCRIPT = range(len(COLUMNS))


class CallListModel(RowsModel):
    """The calls still to make, in the worklist's order."""

    columns = COLUMNS
    amount_columns = frozenset((BALANCE,))

    def set_calls(self, rows: list[CallRow]) -> None:
        self._set_rows(rows)

    def call(self, row: int) -> CallRow:
        return self._rows[row]

    def calls(self) -> list[CallRow]:
        return list(self._rows)

    def _text(self, r: CallRow, column: int) -> str:
        return {DEBTOR: f"{r.name}（{r.debtor_id}）", PHONE: r.phone or self.tr("（未登録）"),
                CLAIMS: "、".join(r.claim_ids), BALANCE: format_amount(r.balance),
                SCRIPT: r.script.splitlines()[0] if r.script else ""}.get(column, "")

    def _data(self, r: CallRow, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole and column == SCRIPT:
            return r.script
        return None


class CallListDialog(QDialog):
    """The call list of `as_of`; logging a call takes the row off the list."""

    manual_anchor = "worklist"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, rows: list[CallRow], as_of: date, parent: QWidget | None = None):
        super().__init__(parent)
        add_manual_key(self)
        self.session, self.as_of = session, as_of
        self.setWindowTitle(self.tr("電話催告リスト（{0}）").format(format_wareki(as_of)))
        self.model = CallListModel(self)
        self.model.set_calls(rows)
        self.table = rows_view(self.model, SCRIPT)
        self.table.setAccessibleName(self.tr("電話催告リスト"))
        self.count_label = QLabel()
        self.script_label = QLabel()
        self.script_label.setWordWrap(True)
        self.script_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        script_box = QGroupBox(self.tr("話すこと（手順ファイルより）"))
        QVBoxLayout(script_box).addWidget(self.script_label)

        self.results = QButtonGroup(self)
        self.result_buttons: dict[CallResult, QRadioButton] = {}
        results_line = QHBoxLayout()
        results_line.addWidget(QLabel(self.tr("結果:")))
        for result in CallResult:
            radio = QRadioButton(result.label)
            self.results.addButton(radio)
            self.result_buttons[result] = radio
            results_line.addWidget(radio)
        results_line.addStretch(1)
        self.log_button = QPushButton(self.tr("記録"))
        self.log_button.setDefault(True)
        results_line.addWidget(self.log_button)
        self.message = QLabel()
        self.save_button = QPushButton(self.tr("Excelに保存…"))
        self.close_button = QPushButton(self.tr("閉じる"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 3)
        layout.addWidget(script_box, 1)
        layout.addLayout(results_line)
        layout.addLayout(bottom)
        self.resize(1100, 620)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.results.buttonToggled.connect(self._update_actions)
        self.log_button.clicked.connect(self.log_selected)
        self.save_button.clicked.connect(self._ask_and_save)
        self.close_button.clicked.connect(self.close)
        if rows:
            self.table.selectRow(0)
        self._show_count()
        self._selection_changed()

    def selected(self) -> CallRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.call(rows[0].row()) if rows else None

    def chosen_result(self) -> CallResult | None:
        return next((r for r, b in self.result_buttons.items() if b.isChecked()), None)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("電話する債務者 {0}件").format(self.model.rowCount()))

    def _selection_changed(self, *_args) -> None:
        row = self.selected()
        self.script_label.setText(row.script if row else "")
        self._update_actions()

    def _update_actions(self, *_args) -> None:
        self.log_button.setEnabled(self.selected() is not None and self.chosen_result() is not None)
        self.save_button.setEnabled(self.model.rowCount() > 0)

    def log_selected(self) -> bool:
        """Log the call of the selected row with the chosen result; the next row is then selected."""
        row, result = self.selected(), self.chosen_result()
        if row is None or result is None:
            return False
        try:
            log_call(self.session.ledger, row, result, today=self.session.today())
        except ClaimDeskError as e:
            self.message.setText(error_message(e)[0])
            return False
        index = self.table.selectionModel().selectedRows()[0].row()
        remaining = [r for r in self.model.calls() if r is not row]
        self.model.set_calls(remaining)
        self.message.setText(self.tr("{0}: {1}を記録しました").format(row.name, result.label))
        self.results.setExclusive(False)
        for b in self.result_buttons.values():
            b.setChecked(False)
        self.results.setExclusive(True)
        if remaining:
            self.table.selectRow(min(index, len(remaining) - 1))
        self._show_count()
        self._selection_changed()
        self.session.notify_changed(Changes.of(Kind.CASEWORK, claims=row.claim_ids, debtors=[row.debtor_id]))
        return True

    def _ask_and_save(self) -> None:
        name = self.tr("電話催告リスト_{0}.xlsx").format(self.as_of.isoformat())
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("電話催告リストの保存"), str(Path.home() / name),
                                                self.tr("Excel ブック (*.xlsx)"))
        if chosen:
            self.save_to(Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx"))

    def save_to(self, path: Path) -> bool:
        """Write the calls still listed to `path` as xlsx; says where, or why not."""
        try:
            save_call_list(self.model.calls(), path, self.as_of)
        except (ClaimDeskError, OSError) as e:
            self.message.setText(error_message(e)[0])
            return False
        self.message.setText(self.tr("保存しました: {0}").format(path))
        return True
