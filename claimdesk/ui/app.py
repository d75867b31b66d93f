"""The desktop application's entry point.

Until the full window lands (the desktop-application issue), this opens a small
window that shows which ledger is open and what it holds, in Japanese.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from ..domain.errors import ClaimDeskError
from ..services.overview import ledger_overview


def build_window(path: Path) -> QMainWindow:
    """The main window on the ledger at `path` (created if it does not exist)."""
    window = QMainWindow()
    window.setWindowTitle(f"債権管理デスク — {path.name}")
    overview = ledger_overview(path)
    label = QLabel(
        f"<h2>債権管理デスク</h2>"
        f"<p>台帳: {path}</p>"
        f"<p>所管課: {overview.department or '（未設定）'}</p>"
        f"<p>債務者 {overview.debtors:,}件　債権 {overview.claims:,}件　取引 {overview.events:,}件</p>"
        f"<p>台帳の取込み・収納状況の出力は、いまはコマンド <code>claimdesk import</code>・"
        f"<code>claimdesk export summary</code> で行います。</p>"
    )
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    window.setCentralWidget(label)
    window.resize(720, 360)
    return window


def run_gui(path: Path) -> int:
    """Open the window on the ledger at `path` and run until it is closed."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ClaimDesk")
    try:
        window = build_window(Path(path))
    except ClaimDeskError as e:
        QMessageBox.critical(None, "債権管理デスク", str(e))
        return 2
    window.show()
    return app.exec()
