"""The register of the window on the large demo: what each search keystroke costs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py [--db /tmp/perf-large.sqlite3] [--repeat 5]

Opens the main window on the ledger, waits until it is idle (本日の作業 built), shows the
register, then types each search one character at a time, as a clerk does, every
keystroke `--repeat` times. For each keystroke it measures:

  - the work: from the search being applied (what the 150 ms typing timer calls) to the
    register repainted — the count, the first page, its limitation dates, the paint;
  - the same query's SQL alone, on its own connection: what the model asks storage for
    (the count, then the first page by position, or the keys and the first page's rows);

and reports min / median / max of each over all keystrokes of a search, with their
ratio, as wall-clock time and as the main thread's CPU time (`time.thread_time`), which
waiting for a core on a loaded machine does not inflate; then the slowest keystrokes. The typing delay (SEARCH_DELAY_MS, the pause after the last key before the
search runs) is reported apart: it is a constant added to every search, not work; one
end-to-end run per search, from the key to the repaint, shows the two together.
Scrolling and sorting the whole register are timed too, once each.
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
# A fresh settings folder: a remembered sort order would change what is read.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="claimdesk-bench-")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimdesk.domain.register import RegisterQuery  # noqa: E402
from claimdesk.services.register import register_count, register_ids, register_page, register_rows  # noqa: E402
from claimdesk.services.session import open_ledger  # noqa: E402

TODAY = date(2026, 12, 3)
# one digit, one and two kana, a phone's start, a name in hiragana and half-width kana,
# a claim id's type and year, a debtor number
SEARCHES = ("1", "7", "ヤ", "やまだ", "ﾔﾏﾀﾞ ﾀ", "03-", "090", "KY2025", "D0012", "佐藤")


def fmt(values) -> str:
    return (f"min {min(values) * 1000:6.1f}, median {statistics.median(values) * 1000:6.1f}, "
            f"max {max(values) * 1000:6.1f} ms")


def sql_alone(ledger, text: str, keys_at_most: int, page_size: int, keys_later_from: int) -> None:
    """What the register model asks storage for on a search in the claim id order."""
    q = RegisterQuery(text=text)
    found = register_count(ledger, q, TODAY)
    if found > keys_at_most or found >= keys_later_from:  # the first page by position
        register_page(ledger, q, 0, page_size, TODAY, found=found)
    else:
        register_rows(ledger, register_ids(ledger, q, TODAY)[:page_size], TODAY)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/perf-large.sqlite3"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from claimdesk.ui import register_model
    from claimdesk.ui.app import create_app
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.register_model import KEYS_AT_MOST, PAGE_SIZE

    # (the version before it read every search's keys at once: to run this against it)
    KEYS_LATER_FROM = getattr(register_model, "KEYS_LATER_FROM", KEYS_AT_MOST + 1)
    from claimdesk.ui.register_view import SEARCH_DELAY_MS

    app = create_app()
    window = MainWindow(args.db, today=TODAY)
    window.resize(1366, 768)
    window.show()
    started = time.perf_counter()
    while window.worklist.is_busy():  # idle: nothing left in the background
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    print(f"ledger: {args.db} ({window.register.model.rowCount():,} claims); "
          f"本日の作業 ready {time.perf_counter() - started:.2f} s after show")
    view = window.register
    window.tabs.setCurrentWidget(view)
    app.processEvents()

    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):  # counts the viewport's paints: one per keystroke, as in use
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    paints = Paints()
    view.table.viewport().installEventFilter(paints)

    def keystroke(text: str) -> tuple[float, float]:
        view.search.setText(text)  # starts the typing timer …
        t0, c0 = time.perf_counter(), time.thread_time()
        before = paints.count
        view.apply_filters()  # … which would call this SEARCH_DELAY_MS later
        app.processEvents()  # the repaint the reset scheduled
        if paints.count == before:  # (not yet delivered: paint now)
            view.table.viewport().repaint()
        return time.perf_counter() - t0, time.thread_time() - c0

    all_work, all_sql, all_work_cpu, all_sql_cpu = [], [], [], []
    worst: list[tuple[float, str]] = []
    worst_cpu: list[tuple[float, str]] = []
    print(f"typing delay (SEARCH_DELAY_MS): {SEARCH_DELAY_MS} ms after the last key, before any work")
    with open_ledger(args.db) as led:
        for text in SEARCHES:
            work, sql, work_cpu, sql_cpu = [], [], [], []
            for _ in range(args.repeat):
                for n in range(1, len(text) + 1):
                    wall, cpu = keystroke(text[:n])
                    work.append(wall)
                    work_cpu.append(cpu)
                    worst.append((wall, text[:n]))
                    worst_cpu.append((cpu, text[:n]))
                    t0, c0 = time.perf_counter(), time.thread_time()
                    sql_alone(led, text[:n], KEYS_AT_MOST, PAGE_SIZE, KEYS_LATER_FROM)
                    sql.append(time.perf_counter() - t0)
                    sql_cpu.append(time.thread_time() - c0)
                view.search.clear()
                view.apply_filters()
            # once, as typed: the key, the timer, the work, the repaint
            view.search.clear()
            view.apply_filters()
            app.processEvents()
            t0 = time.perf_counter()
            view.search.setText(text)
            while view.model.query.text != text:
                app.processEvents()
            view.table.viewport().repaint()
            end_to_end = time.perf_counter() - t0
            all_work += work
            all_sql += sql
            all_work_cpu += work_cpu
            all_sql_cpu += sql_cpu
            print(f"search {text!r:10} {view.model.rowCount():7,} rows | work {fmt(work)} | "
                  f"SQL alone {fmt(sql)} | as typed {end_to_end * 1000:.0f} ms")
            print(f"{'':29} CPU: work {fmt(work_cpu)} | SQL alone {fmt(sql_cpu)}")
        print(f"every keystroke ({len(all_work)}): work {fmt(all_work)} | SQL alone {fmt(all_sql)} | "
              f"median ratio {statistics.median(all_work) / statistics.median(all_sql):.2f}")
        print(f"{'':22} CPU: work {fmt(all_work_cpu)} | SQL alone {fmt(all_sql_cpu)}")
        print("slowest keystrokes (wall): " + ", ".join(
            f"{text!r} {wall * 1000:.0f} ms" for wall, text in sorted(worst, reverse=True)[:8]))
        print("slowest keystrokes (CPU): " + ", ".join(
            f"{text!r} {cpu * 1000:.0f} ms" for cpu, text in sorted(worst_cpu, reverse=True)[:8]))

    view.search.clear()
    view.apply_filters()
    claims = view.model.rowCount()
    for label, row in (("middle", claims // 2), ("end", claims - 1)):
        t0 = time.perf_counter()
        view.table.scrollTo(view.model.index(row, 0))
        view.table.viewport().repaint()
        print(f"scroll to the {label}: {(time.perf_counter() - t0) * 1000:.1f} ms")
    for column, name in ((8, "balance"), (1, "debtor name"), (0, "claim id")):
        t0 = time.perf_counter()
        view.table.sortByColumn(column, view.table.horizontalHeader().sortIndicatorOrder())
        view.table.viewport().repaint()
        print(f"sort by {name}: {(time.perf_counter() - t0) * 1000:.1f} ms")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
