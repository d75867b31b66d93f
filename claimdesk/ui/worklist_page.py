"""「本日の作業」: what every claim needs done on a day, most urgent first, to open and do.

The list is worked out from the whole ledger (services.casework.worklist), about three
seconds on the 200,000-claim demo, so it is built in a worker on its own connection
while the page shows a busy bar. Filters and the search box only narrow the list already
built, so they answer at once. After a write that names its claims (a receipt, a contact,
a step) only those claims' items are worked out again and put in place; a write that
concerns the whole list (an import, a debtor's particulars, a new day) rebuilds it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date

from PySide6.QtCore import QModelIndex, QSettings, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain.claims import LegalNature
from ..domain.dates import format_wareki
from ..domain.worklist import Urgency, WorkKind
from ..services.casework import debtor_search_keys, load_procedures, worklist
from ..services.changes import Changes, Kind
from ..services.claim_types import claim_type_names
from . import worklist_model as wm
from .fields import DateField
from .operations import BackgroundOp, Failure, on_own_ledger
from .session import Session
from .worklist_filters import WorklistFilters
from .worklist_tree import debtor_tree

RELOAD_DELAY_MS = 300  # a date typed or several changes in a row start one computation
# Each column as wide as a typical long value, measured in the page's font.
_SAMPLES = {wm.URGENCY: "期限超過", wm.DEADLINE: "令和10年12月31日（1,320日超過）", wm.WORK: "最終催告書（差押予告）の発送",
            wm.REASON: "", wm.LETTER: "最終催告書・", wm.CLAIM: "SH2025-000000", wm.DEBTOR: "五十嵐 香織子",
            wm.TYPE: "奨学資金等貸付金返還金", wm.BALANCE: "1,000,000"}


class WorklistPage(QWidget):
    """The worklist of a day (the session's today unless the clerk picks another)."""

    manual_anchor = "worklist"  # its section of the 操作マニュアル (F1)

    open_claim = Signal(str)  # claim_id
    refreshed = Signal()  # a computation ended and its rows are shown (or why not)

    def __init__(self, session: Session, parent: QWidget | None = None, *, settings: QSettings | None = None):
        super().__init__(parent)
        self.session = session
        # The filters, grouping and order are the clerk's own view (see worklist_filters).
        self._settings = settings
        self.call_dialog = None
        self.title = self.tr("本日の作業")
        self._op: BackgroundOp | None = None
        self._rows: list[wm.WorkRow] = []
        self._debtor_keys = self._new_debtor_keys()  # (read at the first search of the rows made with it)
        self._counts: dict = {}
        self._claim_types: list[str] = claim_type_names(session.ledger)
        self._as_of: date | None = None  # the day the rows shown were built for
        self._follow_today = True  # the date moves with the session's today until the clerk picks one
        self._stale = True  # the whole list is to be built again
        self._pending: set[str] = set()  # claims whose items are to be worked out again
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS, timeout=self._catch_up)

        self.date_field = DateField()
        self.date_field.set_date(session.today())
        self.date_field.setToolTip(self.tr("この日の時点で必要な作業を表示します"))
        self.today_button = QPushButton(self.tr("今日"))
        self.filters = WorklistFilters()
        f = self.filters  # its widgets by their old names (tests and the manual's pictures reach them)
        self.kind_combo, self.type_combo, self.nature_combo, self.class_combo = f.combos()
        self.search, self.grouped_check = f.search, f.grouped_check
        self.count_label = QLabel()
        self.busy = QProgressBar(maximumWidth=140, textVisible=False)
        self.busy.setRange(0, 0)
        self.model = wm.WorklistModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(wm.SortRole)
        self.table = self._make_table()
        self.calls_button = QPushButton(self.tr("電話催告リスト…"))
        self._tree_model = debtor_tree([], self.model)
        self.tree_proxy = QSortFilterProxyModel(self)
        self.tree_proxy.setSortRole(wm.SortRole)
        self.tree_proxy.setSourceModel(self._tree_model)
        self.tree = self._make_tree()
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.tree)
        self.filters.fill(self._counts, self._claim_types)
        self._restore_state()
        self._lay_out()
        self._quiet_hint()

        self.date_field.textChanged.connect(self._date_edited)
        self.today_button.clicked.connect(self.follow_today)
        self.filters.changed.connect(self.apply_filters)
        self.filters.grouping_changed.connect(self._grouping_changed)
        self.table.activated.connect(self._activated)
        self.tree.activated.connect(self._activated)
        self.calls_button.clicked.connect(self.open_call_list)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._save_state)
        self.tree.header().sortIndicatorChanged.connect(self._save_state)
        session.changed.connect(self._ledger_changed)
        self._set_busy(False)

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.tree_proxy)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setSortingEnabled(True)
        tree.header().setSortIndicatorClearable(True)  # a third click: back to most urgent first
        tree.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        metrics = self.fontMetrics()
        for column, sample in _SAMPLES.items():
            tree.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        tree.setColumnWidth(wm.URGENCY, metrics.horizontalAdvance("期限超過") + 48)  # room for the branch
        tree.setColumnWidth(wm.DEBTOR, metrics.horizontalAdvance("五十嵐 香織子（D000000）") + 24)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(wm.REASON, QHeaderView.ResizeMode.Stretch)
        tree.setToolTip(self.tr("債務者の行を選ぶと、その債権すべてが選ばれます。作業の行をダブルクリックで債権の画面"))
        return tree

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicatorClearable(True)  # a third click: back to most urgent first
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Fixed widths and row heights: sizing to contents would measure every one of
        # thousands of rows on each reload.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        for column, sample in _SAMPLES.items():
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(wm.REASON, QHeaderView.ResizeMode.Stretch)
        table.setToolTip(self.tr("ダブルクリック（またはEnter）で債権の画面を開きます"))
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        caption = QLabel(self.tr("基準日"))
        caption.setBuddy(self.date_field)
        bar.addWidget(caption)
        # Wide enough for the longest 和暦 date and its calendar button: at 1366×768 the
        # filters beside it would otherwise squeeze it to 「11月30日」.
        self.date_field.setFixedWidth(self.fontMetrics().horizontalAdvance("令和10年12月31日") + 60)
        bar.addWidget(self.date_field, 1)
        bar.addWidget(self.today_button)
        bar.addSpacing(12)
        bar.addWidget(self.filters, 1)
        bar.addWidget(self.calls_button)
        status = QHBoxLayout()
        status.addWidget(self.count_label, 1)
        status.addWidget(self.date_field.message_label)  # what the date was read as, or why not
        status.addWidget(self.busy)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(status)
        layout.addWidget(self.views, 1)

    # --- the filters, grouping and order ---------------------------------------------------

    def set_filters(self, *, kind: WorkKind | None = None, claim_type: str | None = None,
                    nature: LegalNature | None = None, text: str = "") -> None:
        """Choose the filters (as the clerk would) and show the rows that pass."""
        self.filters.set_values(kind=kind, claim_type=claim_type, nature=nature, text=text)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Show the rows of the list built that pass the filters and the search text."""
        rows = self.filters.passing(self._rows)
        self.model.set_rows(rows, self._as_of or self.session.today())
        if self.filters.is_grouped():
            self._tree_model = debtor_tree(rows, self.model)
            self.tree_proxy.setSourceModel(self._tree_model)
        self._show_count(rows)
        self._save_state()

    def _grouping_changed(self, grouped: bool) -> None:
        self.views.setCurrentWidget(self.tree if grouped else self.table)
        self.apply_filters()

    def set_grouped(self, grouped: bool) -> None:
        """One row per debtor (True) or one per work item."""
        self.grouped_check.setChecked(grouped)

    def _restore_state(self) -> None:
        s = self._settings
        if s is None:
            return
        self.filters.restore(s)
        self.views.setCurrentWidget(self.tree if self.filters.is_grouped() else self.table)
        column, order = int(s.value("worklist/sort_column", -1)), int(s.value("worklist/sort_order", 0))
        for header in (self.table.horizontalHeader(), self.tree.header()):
            header.setSortIndicator(column, Qt.SortOrder(order))

    def _save_state(self, *_args) -> None:
        s = self._settings
        if s is None or not hasattr(self, "views"):
            return
        self.filters.save(s)
        header = (self.tree.header() if self.filters.is_grouped() else self.table.horizontalHeader())
        s.setValue("worklist/sort_column", header.sortIndicatorSection())
        s.setValue("worklist/sort_order", header.sortIndicatorOrder().value)

    def _show_count(self, rows: list[wm.WorkRow]) -> None:
        if self._as_of is None:
            self.count_label.setText("")
            return
        shown = [r.item.urgency for r in rows]
        by = Counter(shown)
        parts = "・".join(f"{u.label} {by[u]:,}" for u in Urgency if by[u])
        head = self.tr("{0}の作業").format(format_wareki(self._as_of))
        if len(shown) == len(self._rows):
            text = self.tr("{0}: {1:,}件").format(head, len(shown))
        else:
            text = self.tr("{0}: 全{1:,}件のうち {2:,}件").format(head, len(self._rows), len(shown))
        self.count_label.setText(f"{text}（{parts}）" if parts else text)

    # --- the day -------------------------------------------------------------------------

    def as_of(self) -> date | None:
        """The day the page is set to (None while the date field is invalid)."""
        return self.date_field.value()

    def set_date(self, day: date) -> None:
        """Show the worklist of `day` (the clerk's choice: it no longer follows today)."""
        self._follow_today = False
        self.date_field.set_date(day)
        self.refresh()

    def follow_today(self) -> None:
        """Back to the session's today, and stay with it."""
        self._follow_today = True
        self.date_field.blockSignals(True)
        self.date_field.set_date(self.session.today())
        self.date_field.blockSignals(False)
        self.date_field.revalidate()
        self._quiet_hint()
        self.refresh()

    def _date_edited(self) -> None:
        self._follow_today = False
        self._quiet_hint()
        if self.date_field.value() is not None:
            self._reload_timer.start()

    def _quiet_hint(self) -> None:
        # The field already reads in 和暦; only a date it cannot read needs the line beside it.
        self.date_field.message_label.setVisible(self.date_field.message_label.is_error())

    def _ledger_changed(self, changes: Changes) -> None:
        # Not for targets or settings; otherwise brought up to date (later, if the page is hidden).
        if not changes.concerns(Kind.MONEY, Kind.CASEWORK, Kind.DEBTOR, Kind.REGISTER):
            return
        if self._follow_today and self.date_field.value() != self.session.today():
            self.date_field.blockSignals(True)
            self.date_field.set_date(self.session.today())
            self.date_field.blockSignals(False)
            self.date_field.revalidate()
            self._quiet_hint()
            self._stale = True
        claims = _claims_alone(changes)
        if claims is None:
            self._stale = True
        else:
            self._pending |= set(claims)
        if self.isVisible():
            self._reload_timer.start()  # else when shown (showEvent)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale or self._pending:
            self._catch_up()

    # --- computing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the whole worklist of the chosen day in the background."""
        self._stale = True
        self._catch_up()

    def _catch_up(self) -> None:
        # Only the claims named by the writes since, if the list shown is of this day and
        # no write concerned the whole list; else the whole list.
        self._reload_timer.stop()
        day = self.as_of()
        if day is None:
            return
        if self._stale or day != self._as_of or self._op is not None:
            self._rebuild(day)
        elif self._pending:
            self._update(day, self._pending)
        self._pending = set()

    def _new_debtor_keys(self) -> wm.DebtorKeys:
        """The debtors' search texts for the rows of a whole build, read from the window's
        own ledger in the GUI thread at the first search (a debtor changed: a whole build)."""
        session = self.session
        return wm.DebtorKeys(lambda: debtor_search_keys(session.ledger))

    def _rebuild(self, day: date) -> None:
        self._stale = False
        keys = self._debtor_keys = self._new_debtor_keys()

        def work(ledger, progress):
            built = worklist(ledger, day)
            rows = wm.work_rows(built.items, load_procedures(ledger), keys)
            return day, rows, dict(built.counts), claim_type_names(ledger)

        self._run(work, self._show)

    def _update(self, day: date, claims: set[str]) -> None:
        claims, keys = set(claims), self._debtor_keys

        def work(ledger, progress):
            built = worklist(ledger, day, claim_ids=claims)
            return day, claims, wm.work_rows(built.items, load_procedures(ledger), keys)

        self._run(work, self._show_claims)

    def _run(self, work, shown) -> None:
        if self._op is not None:
            self._op.cancel()  # a run for another day, or overtaken by a whole rebuild: dropped
        self._set_busy(True)
        self._op = (BackgroundOp(self, on_own_ledger(self.session.path, work))
                    .success(shown).failure(self._failed).run_in_background())

    def is_busy(self) -> bool:
        return self._op is not None

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.table.setEnabled(not busy)
        if busy:
            self.count_label.setText(self.tr("作業を調べています…"))

    def _show(self, result) -> None:
        self._op = None
        self._set_busy(False)
        self._as_of, self._rows, self._counts, self._claim_types = result
        self.filters.fill(self._counts, self._claim_types)
        self.apply_filters()
        self.refreshed.emit()

    def _show_claims(self, result) -> None:
        """The items of some claims worked out again: put in place of theirs, in the list's order."""
        self._op = None
        self._set_busy(False)
        day, claims, rows = result
        kept = [r for r in self._rows if r.item.claim.claim_id not in claims]
        self._rows = sorted(kept + rows, key=lambda r: r.item.sort_key)
        self._counts = dict(Counter(r.item.kind for r in self._rows))
        self.filters.fill(self._counts, self._claim_types)
        self.apply_filters()
        self.refreshed.emit()

    def _failed(self, failure: Failure) -> None:
        self._op = None
        self._set_busy(False)
        self.count_label.setText(failure.message)
        self.count_label.setToolTip(failure.details)
        self.refreshed.emit()

    def selected_claim_ids(self) -> list[str]:
        """The claims of the selected rows (a debtor's row: all their claims listed), top to bottom, each once."""
        view = self.tree if self.filters.is_grouped() else self.table
        indexes = view.selectionModel().selectedRows()
        indexes.sort(key=lambda i: (i.parent().row(), i.row()) if i.parent().isValid() else (i.row(), -1))
        return list(dict.fromkeys(c for i in indexes for c in (i.data(wm.ClaimIdsRole) or ())))

    def _activated(self, index: QModelIndex) -> None:
        row = index.siblingAtColumn(0).data(wm.ItemRole) if index.isValid() else None
        if row is not None:
            self.open_claim.emit(row.item.claim.claim_id)

    def open_call_list(self):
        """「電話催告リスト」 of the day shown: the listed calls (steps with a script), one per debtor."""
        from ..services.call_list import calls_from_items
        from .call_list_dialog import CallListDialog

        rows = calls_from_items(self.session.ledger, [r.item for r in self._rows], load_procedures(self.session.ledger))
        self.call_dialog = CallListDialog(self.session, rows, self._as_of or self.session.today(), self)
        self.call_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.call_dialog.destroyed.connect(lambda *_: setattr(self, "call_dialog", None))
        self.call_dialog.show()
        return self.call_dialog


def _claims_alone(changes: Changes) -> Collection[str] | None:
    """The claims a write changed, if its items are all it can have changed; else None."""
    if Kind.DAY in changes.kinds or not isinstance(changes.claims, frozenset) or not changes.claims:
        return None
    if changes.kinds - {Kind.MONEY, Kind.CASEWORK}:
        return None  # a debtor's particulars or a new claim: the whole list
    return changes.claims
