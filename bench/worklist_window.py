"""本日の作業 as the clerk waits for it in the window: from the window shown to the list shown.

    QT_QPA_PLATFORM=offscreen CLAIMDESK_TODAY=2026-12-03 .venv/bin/python bench/worklist_window.py --db L [--repeat 5]

Each start is a new process (a fresh settings folder): it opens the main window on the
ledger at 1366×768, shows it, and waits until the worklist page is idle — the time from
show to then is "first" (the start of a day: the ledger opened after the first paint,
its check on open reading every page beside the list's first build). Then it asks the
page for a whole rebuild and waits again: "again" (a refresh). Of each, the parts: the
worklist built in the page's worker (`services.worklist.worklist`), its rows for the
table (`work_rows`) and the page showing them (the GUI thread). min / median / max over
the starts. The figure bench/worklist.py gives is the build alone, after the check.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _one_start(db: str) -> dict:
    """In a new process: show the window, time the first list and a rebuild (JSON on stdout)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="claimdesk-bench-")
    sys.path.insert(0, str(ROOT))
    import claimdesk.ui.worklist_page as page
    from claimdesk.services.clock import today
    from claimdesk.ui.app import create_app
    from claimdesk.ui.main_window import MainWindow

    parts: dict[str, float] = {}

    def timed(name, fn):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                parts[name] = parts.get(name, 0.0) + time.perf_counter() - started
        return run

    page.worklist = timed("build", page.worklist)
    page.wm.work_rows = timed("rows", page.wm.work_rows)
    page.WorklistPage._show = timed("shown", page.WorklistPage._show)
    app = create_app()
    window = MainWindow(Path(db), today=today())
    window.resize(1366, 768)
    window.show()
    result = {}
    for run in ("first", "again"):
        if run == "again":
            window.worklist.refresh()
        parts.clear()
        started = time.perf_counter()
        while window.worklist.is_busy():
            app.processEvents()
            time.sleep(0.002)
        app.processEvents()
        result[run] = {"wait": time.perf_counter() - started, **parts}
    window.close()
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # (a start, in its own process)
    args = p.parse_args()
    if args.one:
        print(json.dumps(_one_start(args.db)))
        return 0
    if not Path(args.db).exists():
        print(f"{args.db} がありません。先に大規模デモ台帳を作成してください", file=sys.stderr)
        return 2
    starts = []
    for _ in range(args.repeat):
        done = subprocess.run([sys.executable, __file__, "--db", args.db, "--one"], capture_output=True, text=True,
                              check=True)
        starts.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"本日の作業 in the window, {args.db}, as of {os.environ.get('CLAIMDESK_TODAY') or date.today()}, "
          f"{args.repeat} starts")
    for run in ("first", "again"):
        for part in ("wait", "build", "rows", "shown"):
            xs = [s[run].get(part, 0.0) for s in starts]
            label = {"wait": "shown after (s)", "build": "  worklist built", "rows": "  rows for the table",
                     "shown": "  page shows them"}[part]
            print(f"{run:5s} {label:24s} min {min(xs):.3f}, median {statistics.median(xs):.3f}, max {max(xs):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
