"""The main window: menus, the worklist, register and summary tabs, claim and debtor pages.

Started from the desktop (`run_gui`), the window paints itself first and opens the
ledger right after that first paint: the clerk sees the window at once, and the
storage layer, the pages and their first queries load behind it (issue 13). So this
module imports no storage-facing code at the top.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# Not `Qt`: its first use makes all of its 113 enums (~0.1 s before the first paint).
from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from ..services.changes import Changes, Kind
from .main_menus import WindowMenus

if TYPE_CHECKING:
    from .session import Session

MAX_RECENT = 8
FIXED_TABS = 3  # 本日の作業, 債権台帳, 収納状況: always there, never closed
FILE_FILTER = "ClaimDesk 台帳 (*.sqlite3);;すべてのファイル (*)"


def settings() -> QSettings:
    return QSettings("ClaimDesk", "ClaimDesk")


class MainWindow(WindowMenus, QMainWindow):
    """One window on one ledger at a time; File → open switches ledgers.

    `after_first_paint`: open the ledger only once the window has painted itself;
    `opened` or `openFailed` (with the error) tells how that went.
    """

    opened = Signal()
    openFailed = Signal(object)

    def __init__(self, path: Path, *, today=None, after_first_paint: bool = False):
        super().__init__()
        self._today = today
        self.session: Session | None = None
        self.tabs = QTabWidget(documentMode=True, tabsClosable=True, movable=True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        from .ledger_safety import LedgerSafety

        self.safety = LedgerSafety(self)
        # Key sequences resolve through the Qt namespace's enums (~0.1 s): set after the
        # first paint when the window paints first (its menus are disabled until then).
        self._deferred_shortcuts: list[tuple[QAction, object]] | None = [] if after_first_paint else None
        self._build_menus()
        self._pending: Path | None = None
        if after_first_paint:
            self._pending = path
            self.menuBar().setEnabled(False)  # its actions need the ledger's pages
            self._opening = QLabel(self.tr("台帳を開いています…\n{0}").format(path))
            self._opening.setStyleSheet("qproperty-alignment: AlignCenter;")  # (no Qt enum before the paint)
            self.setCentralWidget(self._opening)
        else:
            self.setCentralWidget(self.tabs)
            self.open_ledger(path)
        self._restore_geometry()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._pending is not None:
            path, self._pending = self._pending, None
            QTimer.singleShot(0, lambda: self._open_after_paint(path))

    def _open_after_paint(self, path: Path) -> None:
        from ..domain.errors import ClaimDeskError

        for action, shortcut in self._deferred_shortcuts or ():
            action.setShortcut(QKeySequence(shortcut))
        self._deferred_shortcuts = None

        try:
            self.open_ledger(path)
        except ClaimDeskError as e:
            self.openFailed.emit(e)
            return
        self.setCentralWidget(self.tabs)  # (Qt deletes the label it replaces)
        self.menuBar().setEnabled(True)
        self.opened.emit()

    # --- ledger ----------------------------------------------------------------------

    def open_ledger(self, path: Path) -> None:
        """Show the ledger at `path` (created if new) in this window."""
        from .register_view import RegisterView
        from .session import Session
        from .summary_page import SummaryPage
        from .worklist_page import WorklistPage

        session = Session(path, today=self._today, parent=self)
        self.close_session()
        self.session = session
        if session.ledger.backup_path:
            QMessageBox.information(self, self.tr("台帳の更新"), self.tr(
                "この台帳を新しい形式に更新しました。更新前の控えを保存しています:\n{0}").format(
                    session.ledger.backup_path))
        self.register = RegisterView(session, self, settings=settings())
        self.register.open_claim.connect(self.open_claim)
        self.register.open_debtor.connect(self.open_debtor)
        self.summary = SummaryPage(session, self)
        # What to do today comes first: a clerk new to the desk starts there.
        self.worklist = WorklistPage(session, self, settings=settings())
        self.worklist.open_claim.connect(lambda claim_id: self.open_claim(claim_id, casework=True))
        self.tabs.addTab(self.worklist, self.tr("本日の作業"))
        self.tabs.addTab(self.register, self.tr("債権台帳"))
        self.tabs.addTab(self.summary, self.tr("収納状況"))
        for i in range(FIXED_TABS):
            self.tabs.tabBar().setTabButton(i, self.tabs.tabBar().ButtonPosition.RightSide, None)
        session.changed.connect(self._ledger_changed)
        self._update_title()
        self._remember(path)
        self.safety.opened()

    def close_session(self) -> None:
        """Let the ledger go (its closing backup made); the pages go with it."""
        if self.session is None:
            return
        self.safety.closing()
        self.register.save_state(settings())
        # The old pages go with the old ledger: a worklist still being built for it
        # must not come back to a closed connection.
        pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.clear()
        for page in pages:
            page.deleteLater()
        self.session.close()
        self.session = None

    def make_backup(self, then=None):
        """Make a backup in the background (LedgerSafety.make_backup)."""
        return self.safety.make_backup(then)

    def restore_backup(self, backup: Path, *, confirm: bool = True):
        """Restore `backup` in the background (LedgerSafety.restore_backup)."""
        return self.safety.restore_backup(backup, confirm=confirm)

    def _ledger_changed(self, changes: Changes) -> None:
        if changes.concerns(Kind.SETTINGS):  # the department's name is in the title
            self._update_title()

    def _update_title(self) -> None:
        from ..services.department import get_department

        dept = get_department(self.session.ledger)
        name = f"{dept.name} — " if dept.name else ""
        read_only = self.session.ledger.read_only_reason
        mark = self.tr("［読み取り専用］") if read_only else ""
        self.setWindowTitle(f"{name}{self.session.path.name}{mark}")
        text = self.tr("台帳: {0}　担当: {1}").format(self.session.path, self.session.ledger.operator)
        self.status.setText(f"{mark} {text}".strip())
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if read_only else "")
        self.status.setToolTip(read_only or "")

    def welcome_if_needed(self) -> None:
        """On a ledger without its department or the letter essentials, ask for them first."""
        from ..services.first_start import needs_first_start
        from .welcome import FirstStartDialog

        if not self.session.ledger.read_only_reason and needs_first_start(self.session.ledger):
            FirstStartDialog(self.session, self).exec()

    # --- pages -----------------------------------------------------------------------

    def _show_page(self, key: str, make) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).property("page_key") == key:
                self.tabs.setCurrentIndex(i)
                return
        page = make()
        page.setProperty("page_key", key)
        self.tabs.setCurrentIndex(self.tabs.addTab(page, page.title))

    def open_claim(self, claim_id: str, casework: bool = False) -> None:
        """The claim's page; `casework`: on its 交渉・督促 tab (as from the worklist)."""
        from .claim_page import ClaimPage

        def make():
            page = ClaimPage(self.session, claim_id, self)
            page.open_debtor.connect(self.open_debtor)
            return page
        self._show_page(f"claim:{claim_id}", make)
        if casework:
            page = self.tabs.currentWidget()
            page.sections.setCurrentWidget(page.casework)

    def open_debtor(self, debtor_id: str) -> None:
        from .debtor_page import DebtorPage

        def make():
            page = DebtorPage(self.session, debtor_id, self)
            page.open_claim.connect(self.open_claim)
            return page
        self._show_page(f"debtor:{debtor_id}", make)

    def open_aggregate(self) -> None:
        """The finance department's aggregation of the departments' summaries, as a tab."""
        from ..services.budget_order import budget_order
        from .aggregate_page import AggregatePage

        self._show_page("aggregate", lambda: AggregatePage(self, budget_order(self.session.ledger)))

    def export_handover(self) -> None:
        """The department's 引継書 as of the session's day, to a PDF the clerk names."""
        from .casefile_export import ask_and_export_handover

        self.handover_op = ask_and_export_handover(self, self.session)

    def _close_tab(self, index: int) -> None:
        if index >= FIXED_TABS:  # the worklist, the register and the summary stay
            widget = self.tabs.widget(index)
            self.tabs.removeTab(index)
            widget.deleteLater()

    def selected_claim_ids(self) -> list[str]:
        """The claims chosen in the page shown: the register's or the worklist's selection."""
        page = self.tabs.currentWidget()
        if page is self.worklist or page is self.register:
            return page.selected_claim_ids()
        claim_id = getattr(page, "claim_id", None)
        return [claim_id] if claim_id else []

    def make_letters(self, kind, *, selected: bool):
        """One PDF of `kind` letters for the selection (or for every claim due one), previewed."""
        from ..domain.contacts import LetterKind
        from .letter_preview import make_letters

        enclose = isinstance(kind, LetterKind) and self.enclose_slips.isChecked()
        if not selected:
            return make_letters(self, self.session, kind, due=True, with_payment_slip=enclose)
        ids = self.selected_claim_ids()
        if not ids:
            QMessageBox.information(self, kind.label, self.tr(
                "本日の作業か債権台帳で債権を選んでください（Ctrl・Shiftで複数選べます）。"))
            return None
        return make_letters(self, self.session, kind, claim_ids=ids, with_payment_slip=enclose)

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.register)
        self.register.search.setFocus()
        self.register.search.selectAll()

    def _new_ledger(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("新しい台帳"), str(Path.home() / "claimdesk.sqlite3"),
                                              FILE_FILTER)
        if path:
            if Path(path).exists():
                QMessageBox.warning(self, self.tr("新しい台帳"), self.tr("そのファイルはすでにあります。別の名前を指定してください。"))
                return
            self.open_ledger(Path(path))
            self.welcome_if_needed()

    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("台帳を開く"), str(self.session.path.parent), FILE_FILTER)
        if path:
            self.open_ledger(Path(path))

    def _remember(self, path: Path) -> None:
        s = settings()
        recent = [p for p in (s.value("recent", []) or []) if p != str(path)]
        recent = [str(path)] + recent[: MAX_RECENT - 1]
        s.setValue("recent", recent)
        self.recent_menu.clear()
        for p in recent:
            action = self.recent_menu.addAction(p)
            action.triggered.connect(lambda checked=False, p=p: self.open_ledger(Path(p)))

    def _department(self):
        """ファイル → 所管課の設定: the 設定 dialog, on its 所管課 tab (one place for the department)."""
        dialog = self.open_settings()
        dialog.show_tab(dialog.department)
        return dialog

    def open_settings(self):
        """ファイル → 設定: every setting of the department in one dialog with tabs."""
        from .settings import SettingsDialog

        dialog = SettingsDialog(self.session, self)
        dialog.open()
        return dialog

    def _new_debtor(self) -> None:
        from .dialogs import DebtorDialog

        DebtorDialog(self.session, parent=self).exec()

    def _receipt_for_selection(self) -> None:
        from ..domain.claims import EventKind
        from .dialogs import EventDialog

        claim_id = self.register.current_claim_id()
        if claim_id is None:
            QMessageBox.information(self, self.tr("収納の入力"), self.tr("債権台帳で債権を選んでください。"))
            return
        EventDialog(self.session, claim_id, EventKind.RECEIPT, self).exec()

    def _import(self) -> None:
        from .import_dialog import run_import

        run_import(self, self.session)

    def take_receipts(self) -> None:
        """口座振替結果 and コンビニ receipt files (ui/receipts_dialog.py)."""
        from .receipts_dialog import run_receipts

        run_receipts(self, self.session)

    def direct_debit_prospects(self):
        """Debtors in arrears without 口座振替, to recommend it to."""
        from .direct_debit_prospects import ProspectsDialog

        dialog = ProspectsDialog(self.session, self)
        dialog.open_debtor.connect(self.open_debtor)
        dialog.open()
        return dialog

    def import_history(self):
        """The import batches, with 取消 of a whole batch."""
        from .import_history import ImportHistoryDialog

        dialog = ImportHistoryDialog(self.session, self)
        dialog.open()
        return dialog

    def show_manual(self) -> None:
        """The 操作マニュアル at the section of the page in front (F1)."""
        from .manual import ManualWindow, page_anchor

        if getattr(self, "manual", None) is None:
            self.manual = ManualWindow(self)
        self.manual.show_section(page_anchor(self.tabs.currentWidget()))

    def _about(self) -> None:
        from .. import __version__

        QMessageBox.about(self, self.tr("債権管理デスクについて"), self.tr(
            "債権管理デスク（ClaimDesk）{0}\n債権管理台帳・交渉記録・収納状況の管理\n"
            "フォント: IPAexゴシック・IPAex明朝（IPAフォントライセンスv1.0）").format(__version__))

    # --- window state ----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            from .screen import resize_to_fit

            resize_to_fit(self, 1280, 800)

    def closeEvent(self, event) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        self.close_session()
        from .scratch import remove_all_scratch

        remove_all_scratch()  # letters rendered for a preview still open
        super().closeEvent(event)

