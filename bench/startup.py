"""Start-up to the first paint: `claimdesk --db LARGE` against a bare PySide6 window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py --db /tmp/perf-large.sqlite3 [--repeat 7]

Each run is a new process, started the same way for both: the clock starts before the
process is spawned and stops at the first paint event of its main window (an event
filter on the application, installed just before its event loop starts; the process
then exits at once). The baseline is a QMainWindow holding an empty QTableView, the
least a window with a table can cost. Runs alternate, so both see the same machine.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _child(kind: str, db: str) -> None:
    """In the measured process: report the first paint of a main window, then exit."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj, event):
            if not self.done and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                self.done = True
                print(f"painted {time.time():.6f}", flush=True)
                if not hasattr(obj, "opened"):
                    os._exit(0)
                # ClaimDesk's window opens the ledger after its first paint: when that is done too
                obj.opened.connect(lambda: (print(f"opened {time.time():.6f}", flush=True), os._exit(0)))
                obj.openFailed.connect(lambda e: (print(f"failed {e}", flush=True), os._exit(1)))
            return False

    exec_ = QApplication.exec
    hook = FirstPaint()

    def exec_with_hook(*args):
        QApplication.instance().installEventFilter(hook)
        return exec_()

    QApplication.exec = exec_with_hook
    if kind == "bare":
        from PySide6.QtWidgets import QTableView

        app = QApplication(sys.argv)
        window = QMainWindow()
        window.setCentralWidget(QTableView())
        window.show()
        app.exec()
    else:
        from claimdesk.cli import main

        main(["--db", db])


def _run(kind: str, db: str, env: dict) -> tuple[float, float]:
    """Seconds from spawning to the first paint, and to the ledger opened (the same for bare)."""
    started = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--db", db], capture_output=True,
                         text=True, cwd=ROOT, timeout=300, env=env)
    found = {x.split()[0]: float(x.split()[1]) for x in out.stdout.splitlines() if x.startswith(("painted", "opened"))}
    if "painted" not in found:
        raise SystemExit(f"{kind}: no paint\n{out.stdout}\n{out.stderr}")
    return found["painted"] - started, found.get("opened", found["painted"]) - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/perf-large.sqlite3")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.db)
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A fresh settings folder: a remembered sort order or size would change what is read.
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="claimdesk-bench-")
    # As installed: byte-compiled (pip and PyInstaller compile; PYTHONDONTWRITEBYTECODE, set
    # on some machines, would make every start compile ClaimDesk's sources again).
    compileall.compile_dir(ROOT / "claimdesk", quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    _run("claimdesk", args.db, env)  # once, so that the ledger is migrated and both are in the page cache
    _run("bare", args.db, env)
    times: dict[str, list[tuple[float, float]]] = {"bare": [], "claimdesk": []}
    for _ in range(args.repeat):
        for kind in times:
            times[kind].append(_run(kind, args.db, env))

    def stats(label, ts):
        print(f"{label:32} min {min(ts):.3f}, median {statistics.median(ts):.3f}, max {max(ts):.3f}")

    stats("bare first paint (s)", [p for p, _ in times["bare"]])
    stats("claimdesk first paint (s)", [p for p, _ in times["claimdesk"]])
    stats("claimdesk ledger opened (s)", [o for _, o in times["claimdesk"]])
    stats("ratio first paint (pairwise)", [c[0] / b[0] for b, c in zip(times["bare"], times["claimdesk"])])
    stats("ratio ledger opened (pairwise)", [c[1] / b[0] for b, c in zip(times["bare"], times["claimdesk"])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
