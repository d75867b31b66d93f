"""`claimdesk --demo`: straight into the window (the demo has its settings), gone when it closes."""

import tempfile
import time

from PySide6.QtWidgets import QApplication

from claimdesk.cli import main
from claimdesk.ui.main_window import MainWindow
from claimdesk.ui.welcome import FirstStartDialog


def test_demo_opens_without_the_first_start_and_cleans_up(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "claimdesk-demo-x"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "mkdtemp", lambda prefix="", **k: str(folder))
    monkeypatch.setattr("claimdesk.system_libraries.missing_libraries", lambda env, platform: [])
    monkeypatch.setattr("claimdesk.ui.app.install_excepthook", lambda: None)
    asked = []
    monkeypatch.setattr(FirstStartDialog, "exec", lambda self: asked.append(self) or 0)
    seen = {}

    def run_and_close(*_args):
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        give_up = time.monotonic() + 20
        while window.session is None and time.monotonic() < give_up:  # it opens after its first paint
            QApplication.processEvents()
        seen["ledger"] = window.session.path
        seen["existed"] = window.session.path.exists()
        window.close()
        return 0
    monkeypatch.setattr(QApplication, "exec", run_and_close)
    assert main(["--demo"]) == 0
    assert seen == {"ledger": folder / "demo.sqlite3", "existed": True}
    assert asked == []  # the demo ledger has its department and letter settings
    assert not folder.exists()
