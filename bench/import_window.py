"""The window's memory while it imports 200,000 claims + 1,000,000 transactions.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/import_window.py [--work /tmp/claimdesk-import-bench]

Uses the files bench/import_scale.py makes (run it first). A new process opens the window
on a new ledger, starts the import as the 取込み menu does (`import_files`: a background
operation with its progress dialog) and samples the process's resident memory every
100 ms until the import has ended and the window has refreshed its pages. Prints the
peak while importing, the peak overall (ru_maxrss) and the time. Goal (issue 13): < 400 MB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--work", type=Path, default=Path("/tmp/claimdesk-import-bench"))
    args = p.parse_args()
    claims, events = args.work / "claims.csv", args.work / "transactions.csv"
    if not claims.exists():
        print("先に bench/import_scale.py で取込みファイルを作成してください", file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from claimdesk.ui.app import create_app
    from claimdesk.ui.import_dialog import import_files
    from claimdesk.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="claimdesk-window-import-") as tmp:
        path = Path(tmp) / "l.sqlite3"
        subprocess.run([sys.executable, "-m", "claimdesk", "--db", str(path), "department", "--code", "B1",
                        "--name", "ベンチ課"], check=True, stdout=subprocess.DEVNULL)
        app = create_app()
        QMessageBox.information = lambda *a, **k: QMessageBox.StandardButton.Ok  # the result box
        QMessageBox.exec = lambda self: 0  # the 過誤納 box
        window = MainWindow(path, today=date(2026, 12, 3))
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        start_rss, peak = _rss_mb(), [0.0]
        state = {"importing": True}

        def sample() -> None:
            if state["importing"]:
                peak[0] = max(peak[0], _rss_mb())

        timer = QTimer(interval=100, timeout=sample)
        timer.start()
        started = time.perf_counter()

        def done(result) -> None:
            state["importing"] = False
            state["seconds"] = time.perf_counter() - started
            QTimer.singleShot(2000, app.quit)  # the pages refresh meanwhile

        op = import_files(window, window.session, claims, events, then=done)
        op.failure(lambda f: (print(f"failed: {f}", file=sys.stderr), app.exit(1)))
        app.exec()
        timer.stop()
    overall = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"window before the import {start_rss:.0f} MB; peak while importing {peak[0]:.0f} MB "
          f"(goal < 400 MB); peak overall {overall:.0f} MB; import {state.get('seconds', 0):.1f} s")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
