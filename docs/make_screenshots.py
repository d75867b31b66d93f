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
from PySide6.QtGui import QImage  # noqa: E402
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


def save(widget: QWidget, name: str) -> Path:
    """`widget` as docs/manual/images/NAME.png, 8-bit."""
    image = widget.grab().toImage().convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)
    path = IMAGES / f"{name}.png"
    image.save(str(path), "PNG", 9)
    print(f"{path.relative_to(IMAGES.parents[1])}  {path.stat().st_size // 1024} KB")
    return path


def main() -> int:
    from claimdesk.ui.backups_dialog import BackupsDialog
    from claimdesk.ui.dialogs import EventDialog
    from claimdesk.ui.letter_preview import LetterPreview
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.targets_dialog import TargetsDialog
    from claimdesk.ui.welcome import DepartmentDialog

    IMAGES.mkdir(parents=True, exist_ok=True)
    app = create_app()
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-screens-"))
    path = folder / "みどり区債権管理課.sqlite3"
    with Ledger.open(path) as ledger:
        fill_demo(ledger, "small", today=TODAY)
    window = MainWindow(path, today=TODAY)
    window.resize(*SIZE)
    window.show()
    settle(app)

    first = DepartmentDialog(window.session, window, welcome=True)
    first.show()
    settle(app, 5)
    save(first, "first-start")
    first.close()

    for page, name in ((window.worklist, "worklist"), (window.register, "register"), (window.summary, "summary")):
        window.tabs.setCurrentWidget(page)
        settle(app)
        save(window, name)

    # The claim of the first work item: one with something to do, and a history to show.
    window.tabs.setCurrentWidget(window.worklist)
    window.worklist.table.selectRow(0)
    claim_id = window.worklist.selected_claim_ids()[0]
    window.open_claim(claim_id)
    settle(app)
    save(window, "claim")

    receipt = EventDialog(window.session, claim_id, EventKind.RECEIPT, window)
    receipt.show()
    settle(app, 5)
    save(receipt, "receipt")
    receipt.close()

    batch = render_batch(window.session.ledger, LetterKind.DEMAND, folder / "demand.pdf", TODAY, due=True)
    preview = LetterPreview(window.session, batch, window)
    preview.resize(1200, 720)
    preview.show()
    settle(app, 20)
    save(preview, "letters")
    preview.close()

    targets = TargetsDialog(window.session, 2026, window)
    targets.show()
    settle(app, 5)
    save(targets, "targets")
    targets.close()

    backups = BackupsDialog(window)
    backups.show()
    settle(app, 10)
    save(backups, "backups")
    backups.close()

    window.close()
    settle(app, 5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
