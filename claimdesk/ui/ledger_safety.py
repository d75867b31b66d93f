"""The window's part in keeping a ledger safe: backups, restore, the read-only state.

On open: the automatic backup of the day (not of a ledger that failed its check), and
if the ledger opened read-only, why — another clerk holds it, or the check found
damage, with the offer to restore the newest good backup. On close: a backup. A write
that waits for a busy ledger says so in the status bar.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ..domain.errors import ClaimDeskError

if TYPE_CHECKING:
    from .operations import BackgroundOp

# services.backups and ui.operations (storage, the Qt namespace's enums) are imported where
# used: the window builds this before its first paint (issue 13, start-up).

log = logging.getLogger("claimdesk")
# How long closing the window waits for the day's first backup still being made (then the
# closing backup is made beside it: each copy writes a file of its own).
OPEN_BACKUP_PATIENCE = 120.0
FILE_FILTER = "ClaimDesk 台帳 (*.sqlite3);;すべてのファイル (*)"


class LedgerSafety:
    """Backups and the read-only state for one MainWindow."""

    def __init__(self, window):
        self.window = window
        self._poll = QTimer(window, interval=300)
        self._poll.timeout.connect(self._check_finished)
        self.backup_op: BackgroundOp | None = None  # the day's first backup, made in the background
        self.prepare_op: BackgroundOp | None = None  # then the 個票's sums kept (_prepare_sheets)
        self._closing = False

    def tr(self, text: str) -> str:
        return QApplication.translate("LedgerSafety", text)

    def add_actions(self, menu) -> None:
        w = self.window
        w._action(menu, self.tr("バックアップを作成(&B)"), self.make_backup)
        w._action(menu, self.tr("バックアップの一覧(&L)…"), self.show_list)
        w._action(menu, self.tr("バックアップから復元(&E)…"), self.restore_dialog)

    # --- open and close --------------------------------------------------------------

    def opened(self) -> None:
        """Right after the window shows a ledger."""
        ledger = self.window.session.ledger
        ledger.set_busy_listener(self._busy)
        check = ledger.open_check
        if check is not None and not check.done.is_set():
            self.window.statusBar().showMessage(self.tr("台帳を点検しています（quick_check）…"))
            self._poll.start()
            return
        self._after_check()

    def _check_finished(self) -> None:
        if self.window.session is None or self.window.session.ledger.open_check.done.is_set():
            self._poll.stop()
            if self.window.session is not None:
                self.window.statusBar().clearMessage()
                self._after_check()

    def _after_check(self) -> None:
        session = self.window.session
        self.window._update_title()
        reason = session.ledger.read_only_reason
        if reason is None:
            self._auto_in_background()
        elif session.ledger.open_check and session.ledger.open_check.problems:
            self._offer_restore(reason)
        else:
            QMessageBox.information(self.window, self.tr("読み取り専用"), reason)

    def closing(self) -> None:
        """Before the window lets its ledger go."""
        self._poll.stop()
        self._closing = True  # (no sums started now: the window is going)
        self._wait_for_open_backup()
        self._auto("close")

    def _wait_for_open_backup(self, patience: float = OPEN_BACKUP_PATIENCE) -> None:
        """The day's backup on open, if still copying (a large ledger takes seconds), and the
        個票's sums after it: let them end before the closing backup, which would read the
        whole ledger again beside them."""
        def running() -> bool:  # (read again each time: the backup, once delivered, may start the sums)
            return any(op is not None and not op.is_done() for op in (self.backup_op, self.prepare_op))

        if not running():
            return
        self.window.statusBar().showMessage(self.tr("自動バックアップの完了を待っています…"))
        give_up = time.monotonic() + patience
        while running() and time.monotonic() < give_up:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.02)

    def _auto_in_background(self) -> None:
        from ..services.backups import auto_backup
        from .operations import BackgroundOp, on_own_ledger

        # A large ledger takes seconds to copy: the window opens meanwhile.
        work = on_own_ledger(self.window.session.path, lambda ledger, progress: auto_backup(ledger, "open"))
        self.backup_op = BackgroundOp(self.window, work).failure(
            lambda failure: self.window.statusBar().showMessage(
                self.tr("自動バックアップを作成できませんでした: {0}").format(failure.message), 15000),
        ).ended(self._prepare_sheets).run_in_background()

    def _prepare_sheets(self) -> None:
        """After the day's backup (a write meanwhile would make its copy start again): the
        個票's closed years and balances brought in summed and kept, once a year or after a
        late booking, so the clerk's first 個票 does not wait for them (services.sheets)."""
        from ..services.sheets import prepare_sheets
        from .operations import BackgroundOp, on_own_ledger

        session = self.window.session
        if session is None or self._closing:
            return
        day = session.today()
        work = on_own_ledger(session.path, lambda ledger, progress: prepare_sheets(ledger, day))
        # Derived data only: a failure costs the first 個票 its time, nothing else.
        self.prepare_op = BackgroundOp(self.window, work).failure(
            lambda failure: log.warning("個票の集計の準備に失敗しました: %s", failure.message)).run_in_background()

    def _auto(self, moment: str) -> None:
        from ..services.backups import auto_backup

        try:
            auto_backup(self.window.session.ledger, moment)
        except (OSError, ClaimDeskError) as e:  # a backup must never stop the clerk's work
            log.warning("automatic backup (%s) failed: %s", moment, e)
            self.window.statusBar().showMessage(self.tr("自動バックアップを作成できませんでした: {0}").format(e), 15000)

    def _busy(self, why: str) -> None:
        self.window.statusBar().showMessage(why, 5000)
        QApplication.processEvents()  # the write waits in this thread; let the message show

    # --- actions ---------------------------------------------------------------------

    def make_backup(self, then: Callable[[Path], object] | None = None) -> BackgroundOp:
        """ファイル → バックアップを作成: into the backup folder in the background, said in the status bar.

        `then(path)` runs once it is made; a failure is shown in a box by the operation.
        """
        from ..services.backups import make_backup
        from .operations import BackgroundOp, on_own_ledger

        def made(path: Path) -> None:
            self.window.statusBar().showMessage(self.tr("バックアップを作成しました: {0}").format(path), 10000)
            if then is not None:
                then(path)
        work = on_own_ledger(self.window.session.path, lambda ledger, progress: make_backup(ledger))
        return BackgroundOp(self.window, work).success(made).with_progress(
            self.tr("バックアップ"), self.tr("バックアップを作成しています…")).run_in_background()

    def show_list(self) -> None:
        from .backups_dialog import BackupsDialog

        BackupsDialog(self.window).exec()

    def restore_dialog(self) -> None:
        from ..services.backups import backup_folder

        folder = backup_folder(self.window.session.ledger)
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("バックアップから復元"), str(folder),
                                              FILE_FILTER)
        if path:
            self.restore_backup(Path(path))

    def restore_backup(self, backup: Path, *, confirm: bool = True) -> BackgroundOp | None:
        """Put `backup` in place of the window's ledger (after its check), in the background.

        None when the clerk said no; else the operation, whose result is the kept original's
        path, or the `RestoreFailed` whose problems the window showed. The ledger is closed
        meanwhile and opened again at the end, whatever the outcome.
        """
        from ..services.backups import RestoreFailed, restore
        from .operations import BackgroundOp

        w = self.window
        ledger_path = w.session.path
        if confirm and QMessageBox.question(w, self.tr("バックアップから復元"), self.tr(
                "台帳を次のバックアップの内容に戻します:\n{0}\n\nいまの台帳は「{1}.before-restore-日時」として"
                "保存します。よろしいですか。").format(backup, ledger_path.stem)) != QMessageBox.StandardButton.Yes:
            return None
        operator = w.session.ledger.operator
        w.close_session()

        def work(progress):  # a refusal is an outcome to show with its problems, not a failure
            try:
                return restore(ledger_path, backup, operator)
            except RestoreFailed as refused:
                return refused

        def done(outcome) -> None:
            if isinstance(outcome, RestoreFailed):
                lines = "\n".join(p.text() for p in outcome.problems[:10])
                QMessageBox.warning(w, self.tr("バックアップから復元"), f"{outcome}\n{lines}".strip())
                return
            QMessageBox.information(w, self.tr("バックアップから復元"), self.tr(
                "復元しました。元の台帳は次の名前で保存しています:\n{0}").format(outcome))
        # ended runs first, whatever the outcome (a failure's box is the operation's own).
        return BackgroundOp(w, work).ended(lambda: w.open_ledger(ledger_path)).success(done).with_progress(
            self.tr("バックアップから復元"), self.tr("バックアップを点検して復元しています…")).run_in_background()

    def _offer_restore(self, reason: str) -> None:
        from ..services.backups import backup_folder, newest_good_backup
        from .operations import BackgroundOp, on_own_ledger

        w = self.window
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("台帳の点検"), reason, parent=w)
        restore_button = box.addButton(self.tr("最新の正常なバックアップから復元…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("読み取り専用で続ける"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not restore_button:
            return
        folder = backup_folder(w.session.ledger)

        def found(good) -> None:
            if good is None:
                QMessageBox.warning(w, self.tr("台帳の点検"), self.tr(
                    "点検に通るバックアップが見つかりません（{0}）。").format(folder))
                return
            self.restore_backup(good.path)  # the clerk confirms which file
        # Each candidate is checked whole (seconds on a large ledger): in the background.
        work = on_own_ledger(w.session.path, lambda ledger, progress: newest_good_backup(ledger))
        BackgroundOp(w, work).success(found).with_progress(
            self.tr("台帳の点検"), self.tr("点検に通るバックアップを探しています…")).run_in_background()
