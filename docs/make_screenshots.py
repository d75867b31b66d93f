"""Screenshots for the 操作マニュアル, made from the demo ledger so that they stay current.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

The window at 1366×768 (the smallest screen a clerk's PC has), today fixed at
2026-11-30, the small demo ledger made afresh in a temporary folder. Each picture is
written to docs/manual/images/ as an 8-bit PNG (a palette of 256 colours: the window's
flat colours and text survive, the files stay small). Run it again after changing a page
and commit the pictures that changed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CLAIMDESK_TODAY"] = "2026-11-30"
os.environ["CLAIMDESK_OPERATOR"] = "山田"  # the entries' 担当, instead of the login of whoever runs this

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from claimdesk.domain.claims import EventKind  # noqa: E402
from claimdesk.domain.contacts import LetterKind  # noqa: E402
from claimdesk.services.demo import fill_demo  # noqa: E402
from claimdesk.services.letters import render_batch  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402
from claimdesk.ui.app import create_app  # noqa: E402

TODAY = date(2026, 11, 30)
SIZE = (1366, 768)
IMAGES = Path(__file__).resolve().parent / "manual" / "images"


def settle(app: QApplication, rounds: int = 30) -> None:
    """Let the window finish what it computes in the background (worklist, summary)."""
    import time

    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.05)


def save(widget: QWidget | QPixmap, name: str) -> Path:
    """`widget` (or a picture already taken) as docs/manual/images/NAME.png, 8-bit."""
    picture = widget if isinstance(widget, QPixmap) else widget.grab()
    image = picture.toImage().convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)
    path = IMAGES / f"{name}.png"
    image.save(str(path), "PNG", 9)
    print(f"{path.relative_to(IMAGES.parents[1])}  {path.stat().st_size // 1024} KB")
    return path


def pages(app: QApplication, window, scene) -> None:
    """The window's pages: the three fixed tabs, a claim's tabs, a debtor, the call list."""
    for page, name in ((window.worklist, "worklist"), (window.register, "register"), (window.summary, "summary")):
        window.tabs.setCurrentWidget(page)
        settle(app)
        save(window, name)

    window.tabs.setCurrentWidget(window.worklist)
    window.worklist.set_grouped(True)
    settle(app)
    window.worklist.tree.expand(window.worklist.tree_proxy.index(0, 0))
    settle(app, 5)
    save(window, "worklist-grouped")
    window.worklist.set_grouped(False)
    settle(app)

    calls = window.worklist.open_call_list()
    next(iter(calls.result_buttons.values())).setChecked(True)  # 本人と話した: 記録 is then enabled
    settle(app, 10)
    save(calls, "call-list")
    calls.close()

    # The claim of the first work item: one with something to do, and a history to show.
    window.worklist.table.selectRow(0)
    claim_id = window.worklist.selected_claim_ids()[0]
    window.open_claim(claim_id)
    settle(app)
    save(window, "claim")

    window.open_claim(scene.enforced_claim, casework=True)
    settle(app)
    save(window, "casework")
    with_menu(app, window, window.tabs.currentWidget().casework.enforcement.menu_button, "enforcement-menu")

    window.open_claim(scene.guaranteed_claim)
    page = window.tabs.currentWidget()
    page.sections.setCurrentWidget(page.parties)
    page.parties.table.selectRow(0)
    settle(app)
    save(window, "parties")

    window.open_debtor(scene.debit_debtor)
    settle(app)
    save(window, "debtor")
    window.tabs.setCurrentWidget(window.worklist)


def with_menu(app: QApplication, window, button, name: str) -> None:
    """The window with `button`'s menu open below it (a menu is a window of its own: drawn in)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    menu = button.menu()
    below = button.mapTo(window, QPoint(0, button.height()))
    menu.popup(button.mapToGlobal(QPoint(0, button.height())))
    settle(app, 5)
    picture = window.grab()
    painter = QPainter(picture)
    left = min(below.x(), window.width() - menu.width())
    painter.drawPixmap(left, below.y(), menu.grab())
    painter.setPen(Qt.GlobalColor.gray)
    painter.drawRect(left, below.y(), menu.width() - 1, menu.height() - 1)
    painter.end()
    menu.close()
    save(picture, name)


def dialogs(app: QApplication, window, scene, folder: Path) -> None:
    """The dialogs the manual shows, each at the size it opens with."""
    from claimdesk.services.slip_batches import render_slip_batch
    from claimdesk.ui.dialogs.direct_debit import DirectDebitDialog
    from claimdesk.ui.backups_dialog import BackupsDialog
    from claimdesk.ui.dialogs import EventDialog
    from claimdesk.ui.letter_preview import LetterPreview
    from claimdesk.ui.reconciliation_view import ReconciliationDialog
    from claimdesk.ui.settings import SettingsDialog
    from claimdesk.ui.sheet_notes_dialog import SheetNotesDialog
    from claimdesk.ui.targets_dialog import TargetsDialog

    session = window.session
    receipt = EventDialog(session, scene.enforced_claim, EventKind.RECEIPT, window)
    show(app, receipt, "receipt")

    batch = render_batch(session.ledger, LetterKind.DEMAND, folder / "demand.pdf", TODAY, due=True)
    show(app, LetterPreview(session, batch, window), "letters", size=(1200, 720), rounds=20)
    slips = render_slip_batch(session.ledger, folder / "slips.pdf", TODAY, claim_ids=[scene.guaranteed_claim])
    preview = LetterPreview(session, slips, window)
    preview.resize(1200, 720)
    preview.show()
    settle(app, 20)
    preview.view.setZoomMode(preview.view.ZoomMode.Custom)
    preview.view.setZoomFactor(1.1)  # the first part of the slip, the barcode legible
    settle(app, 10)
    save(preview, "payment-slip")
    preview.close()

    settings = SettingsDialog(session, window)
    settings.tabs.setCurrentWidget(settings.letters)
    show(app, settings, "settings")

    show(app, ReconciliationDialog(session, scene.taken, [], window), "reconciliation", size=(1200, 480))
    refused = scene.refused
    show(app, ReconciliationDialog(session, refused.files, refused.problems, window), "reconciliation-refused",
         size=(1200, 480))

    # As a clerk types it from the 依頼書: the name in 全角 kana, shown as it will be kept.
    debit = DirectDebitDialog(session, scene.debit_debtor, None, window)
    debtor = session.ledger.debtor(scene.debit_debtor)
    for field, text in ((debit.bank_field, "0001"), (debit.branch_field, "100"), (debit.number_field, "1234561"),
                        (debit.holder_field, debtor.kana), (debit.customer_field, "1001")):
        field.setText(text)
    show(app, debit, "direct-debit")

    show(app, TargetsDialog(session, 2026, window), "targets")
    notes = SheetNotesDialog(session, session.ledger.claim(scene.enforced_claim).claim_type, 2026, window)
    notes.current_box.setPlainText("口座振替の勧奨と、納期限後20日以内の督促状の発送を徹底した。")
    show(app, notes, "sheet-notes")
    show(app, BackupsDialog(window), "backups", rounds=10)


def show(app: QApplication, dialog: QWidget, name: str, *, size=None, rounds: int = 5) -> None:
    """Show `dialog` (at `size` if given), save its picture, close it."""
    if size is not None:
        dialog.resize(*size)
    dialog.show()
    settle(app, rounds)
    save(dialog, name)
    dialog.close()


def main() -> int:
    from PySide6.QtCore import QSettings

    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.session import Session
    from claimdesk.ui.welcome import FirstStartDialog
    from screenshot_ledger import add_newer_entries

    IMAGES.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-screens-"))
    # The window keeps its filters and column widths per user: the pictures must not show
    # (nor change) those of whoever runs this.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    app = create_app()
    path = folder / "みどり区債権管理課.sqlite3"
    with Ledger.open(path) as ledger:
        fill_demo(ledger, "small", today=TODAY)
        scene = add_newer_entries(ledger, folder, TODAY)

    # The first start, as on a new ledger: nothing filled in yet.
    first = FirstStartDialog(Session(folder / "new.sqlite3", today=TODAY))
    show(app, first, "first-start")

    window = MainWindow(path, today=TODAY)
    window.resize(*SIZE)
    window.show()
    settle(app)
    pages(app, window, scene)
    dialogs(app, window, scene, folder)
    window.close()
    settle(app, 5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
