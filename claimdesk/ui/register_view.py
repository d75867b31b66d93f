"""The register page: search as you type, filters, and the claim table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.claims import LegalNature
from ..domain.dates import format_fiscal_year
from ..domain.register import SORT_COLUMNS, RegisterQuery
from ..services.changes import Changes, Kind
from ..services.claim_types import claim_type_names
from ..services.register import class_key, classes_known, fiscal_years, open_classes, remember_classes
from .choice_combo import ChoiceCombo, class_choices
from .operations import BackgroundOp, on_own_ledger
from .register_model import COLUMNS, ClaimIdRole, DebtorIdRole, RegisterDelegate, RegisterModel

SEARCH_DELAY_MS = 150  # wait for a pause in typing, so each keystroke does not query


class RegisterView(QWidget):
    """The claim register with its search bar; emits which claim or debtor to open."""

    manual_anchor = "register"  # its section of the 操作マニュアル (F1)

    open_claim = Signal(str)
    open_debtor = Signal(str)

    def __init__(self, session, parent=None, *, settings: QSettings | None = None):
        super().__init__(parent)
        self._session = session
        self._class_op: BackgroundOp | None = None  # the case classes being worked out for the 区分 filter
        # The order the clerk left the register in is read before the first query, so
        # a large ledger is not read twice on opening.
        header_state = settings.value("register/header") if settings is not None else None
        sort = settings.value("register/sort") if settings is not None else None
        descending = settings is not None and settings.value("register/descending") in (True, "true")
        query = RegisterQuery(sort=sort if sort in SORT_COLUMNS else "claim_id", descending=descending)
        self.model = RegisterModel(session, self, query=query)

        self.search = QLineEdit(placeholderText=self.tr("氏名・フリガナ・債権番号・債務者番号・電話番号で検索"))
        self.search.setClearButtonEnabled(True)
        self.claim_type = QComboBox()
        self.nature = QComboBox()
        self.fiscal_year = QComboBox()
        self.case_class = ChoiceCombo()
        self.case_class.set_choices([(self.tr("すべて"), None)] + class_choices())
        self.case_class.setToolTip(self.tr("回収・整理の区分（本日現在、交渉記録などから判定）"))
        self.overdue = QCheckBox(self.tr("滞納のみ"))
        self.direct_debit = QComboBox()
        for label, value in ((self.tr("すべて"), None), (self.tr("利用あり"), True), (self.tr("利用なし"), False)):
            self.direct_debit.addItem(label, value)
        self.count_label = QLabel()
        self._fill_filters()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(RegisterDelegate(self.model, self.table))
        if header_state is not None:
            self.table.horizontalHeader().restoreState(header_state)
        # Indicator first: enabling sorting sorts by it, and the model already has that order.
        keys = [key for key, _ in COLUMNS]
        self.table.horizontalHeader().setSortIndicator(
            keys.index(query.sort), Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(False)
        # Every column, 口座振替 (the last) included, within a 1366-pixel-wide screen: no sideways scrolling.
        for i, width in enumerate((122, 110, 120, 150, 120, 80, 120, 90, 90, 60, 120, 64)):
            self.table.setColumnWidth(i, width)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for label, widget in ((self.tr("債権名"), self.claim_type), (self.tr("種類"), self.nature),
                              (self.tr("年度"), self.fiscal_year), (self.tr("区分"), self.case_class),
                              (self.tr("口座振替"), self.direct_debit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1)
        filters.addWidget(self.overdue)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.claim_type, self.nature, self.fiscal_year, self.case_class, self.direct_debit):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)
        self.table.activated.connect(self._activated)
        self.model.modelReset.connect(self._show_count)
        session.changed.connect(self._ledger_changed)
        self.setTabOrder(self.search, self.claim_type)
        self.setTabOrder(self.claim_type, self.nature)
        self.setTabOrder(self.nature, self.fiscal_year)
        self.setTabOrder(self.fiscal_year, self.case_class)
        self.setTabOrder(self.case_class, self.direct_debit)
        self.setTabOrder(self.direct_debit, self.overdue)
        self.setTabOrder(self.overdue, self.table)
        self._show_count()

    def _fill_filters(self) -> None:
        """(Re)fill the filter choices from the ledger, keeping what is chosen."""
        ledger = self._session.ledger
        chosen = [combo.currentData() for combo in (self.claim_type, self.nature, self.fiscal_year)]
        for combo in (self.claim_type, self.nature, self.fiscal_year):
            combo.blockSignals(True)
            combo.clear()
        self.claim_type.addItem(self.tr("すべて"), None)
        for name in claim_type_names(ledger):
            self.claim_type.addItem(name, name)
        self.nature.addItem(self.tr("すべて"), None)
        for nature in LegalNature:
            self.nature.addItem(nature.label, nature)
        self.fiscal_year.addItem(self.tr("すべて"), None)
        for fy in fiscal_years(ledger):
            self.fiscal_year.addItem(format_fiscal_year(fy), fy)
        for combo, data in zip((self.claim_type, self.nature, self.fiscal_year), chosen):
            combo.setCurrentIndex(max(combo.findData(data), 0))
            combo.blockSignals(False)

    def apply_filters(self) -> None:
        """Show the register for what is in the search bar and filters now."""
        self._timer.stop()
        query = self._query_in_bar()
        self._with_classes(query, lambda: self.model.set_query(query))

    def _query_in_bar(self) -> RegisterQuery:
        return replace(
            self.model.query,
            text=self.search.text(),
            claim_type=self.claim_type.currentData(),
            # Qt hands a str-based enum back as plain str: make it the enum again.
            legal_nature=LegalNature(self.nature.currentData()) if self.nature.currentData() else None,
            fiscal_year=self.fiscal_year.currentData(),
            overdue_only=self.overdue.isChecked(),
            case_class=self.case_class.value(),
            direct_debit=self.direct_debit.currentData(),
        )

    def _with_classes(self, query: RegisterQuery, show) -> None:
        """`show()` now, or once the case classes are worked out in the background.

        The 区分 filter needs every open claim assessed (seconds on a large ledger): that
        runs on its own connection, the page stays usable, and the result is kept for this
        ledger as it stood when asked (a write meanwhile makes the model work them out again).
        """
        if self._class_op is not None:
            self._class_op.cancel()  # overtaken by this filter
            self._class_op = None
        ledger, today = self._session.ledger, self._session.today()
        if query.case_class is None or classes_known(ledger, today):
            show()
            return
        key = class_key(ledger, today)

        def classified(classes) -> None:
            self._class_op = None
            remember_classes(ledger, key, classes)
            show()
            self._show_count()

        self.count_label.setText(self.tr("区分を判定しています…"))
        self._class_op = (BackgroundOp(self, on_own_ledger(self._session.path,
                                                           lambda own, _progress: open_classes(own, today)))
                          .success(classified).run_in_background())

    def is_busy(self) -> bool:
        """Whether the case classes are still being worked out."""
        return self._class_op is not None

    def _ledger_changed(self, changes: Changes) -> None:
        # Balances, the 時効 column, names, new claims; not targets or settings.
        if changes.concerns(Kind.MONEY, Kind.CASEWORK, Kind.DEBTOR, Kind.REGISTER):
            self.refresh()

    def refresh(self) -> None:
        """Re-read after the ledger changed (new claim types and years join the filters)."""
        self._fill_filters()
        self._timer.stop()
        query = self._query_in_bar()

        def show() -> None:
            self.model.set_query(query)
            self.model.reload()

        self._with_classes(query, show)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{0:,} 件").format(self.model.rowCount()))

    def _activated(self, index) -> None:
        if index.column() in (1, 2):
            self.open_debtor.emit(index.data(DebtorIdRole))
        else:
            self.open_claim.emit(index.data(ClaimIdRole))

    def current_claim_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ClaimIdRole) if index.isValid() else None

    def selected_claim_ids(self) -> list[str]:
        """The selected claims, top to bottom."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.index(r, 0).data(ClaimIdRole) for r in rows]

    # --- remembered column widths ----------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        """Remember column widths and order for the next start (read back in __init__)."""
        settings.setValue("register/header", self.table.horizontalHeader().saveState())
        settings.setValue("register/sort", self.model.query.sort)
        settings.setValue("register/descending", self.model.query.descending)


__all__ = ["RegisterView", "COLUMNS"]
