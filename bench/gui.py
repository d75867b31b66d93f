"""The window on the large demo ledger: time to first paint and time per search keystroke.

    QT_QPA_PLATFORM=offscreen /tmp/v/bin/python bench/gui.py [--db PATH]

Uses bench/out/large.sqlite3 (made by bench/summary.py, or built here). Reports, side by
side in one run:

  - first paint: from creating the main window to its first complete paint (grab());
  - per keystroke: typing a search one character at a time, each step measured from
    applying the filter to the repainted register (count query, first page, paint);
  - scroll: jumping to the middle and the end of the register and painting;
  - for scale, the same register query run once directly (count + first page), so the
    window's overhead is a ratio, not an absolute that depends on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A fresh settings folder: a remembered sort order would change what "first paint" reads.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="claimdesk-bench-")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimdesk.domain.register import RegisterQuery  # noqa: E402
from claimdesk.services.register import register_count, register_page  # noqa: E402
from claimdesk.services.session import open_ledger  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
TODAY = date(2026, 11, 30)
SEARCHES = ("やまだ", "ﾔﾏﾀﾞ ﾀ", "03-", "KY2025")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=OUT / "large.sqlite3")
    args = parser.parse_args()
    if not args.db.exists():
        from claimdesk.services.demo import fill_demo

        args.db.parent.mkdir(parents=True, exist_ok=True)
        with open_ledger(args.db) as led:
            fill_demo(led, "large", today=TODAY)

    from claimdesk.ui.app import create_app
    from claimdesk.ui.main_window import MainWindow

    app = create_app()
    started = time.perf_counter()
    window = MainWindow(args.db, today=TODAY)
    window.resize(1400, 850)
    window.show()
    app.processEvents()
    window.grab()
    first_paint = time.perf_counter() - started
    claims = window.register.model.rowCount()
    print(f"ledger: {args.db} ({claims:,} claims)")
    print(f"first paint of the main window: {ms(first_paint)}")

    view = window.register
    window.tabs.setCurrentWidget(view)  # the window opens on 本日の作業; the register is measured
    app.processEvents()
    with open_ledger(args.db) as led:
        for text in SEARCHES:
            window_steps, direct_steps = [], []
            for n in range(1, len(text) + 1):
                view.search.setText(text[:n])
                t0 = time.perf_counter()
                view.apply_filters()
                view.table.viewport().grab()
                app.processEvents()
                window_steps.append(time.perf_counter() - t0)
                q = RegisterQuery(text=text[:n])
                t0 = time.perf_counter()
                register_count(led, q, TODAY)
                register_page(led, q, 0, 200, TODAY)
                direct_steps.append(time.perf_counter() - t0)
            shown = view.model.rowCount()
            print(f"search {text!r:12} per keystroke: median {ms(statistics.median(window_steps))}, "
                  f"max {ms(max(window_steps))} (query alone median {ms(statistics.median(direct_steps))}, "
                  f"ratio {statistics.median(window_steps) / statistics.median(direct_steps):.2f}); {shown:,} rows")
        view.search.clear()
        view.apply_filters()
        for label, row in (("middle", claims // 2), ("end", claims - 1)):
            t0 = time.perf_counter()
            view.table.scrollTo(view.model.index(row, 0))
            view.table.viewport().grab()
            print(f"scroll to the {label}: {ms(time.perf_counter() - t0)}")
        for column, name in ((8, "balance"), (1, "debtor name")):
            t0 = time.perf_counter()
            view.table.sortByColumn(column, view.table.horizontalHeader().sortIndicatorOrder())
            view.table.viewport().grab()
            print(f"sort by {name}: {ms(time.perf_counter() - t0)}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
