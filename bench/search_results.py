"""What the register shows for every search of bench/gui.py: to compare before and after.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/search_results.py --db L --output before.txt
    (change the code)
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/search_results.py --db L --output after.txt
    cmp before.txt after.txt

For every keystroke of every search in bench/gui.py (`1`, `ヤ`, `やま`, …), alone and with
the filters and orders a clerk combines it with (descending, by balance, by kana, a year,
口座振替, 滞納のみ, 区分), the register model (ui/register_model.py, as the window uses it)
is asked for its count and for the rows of its first six pages, a page in the middle
and the last page: each row's every field (claim id, debtor, balance, status, 時効 …)
goes into one line per query with the first ids written out, so `cmp` and `diff` show
any change of rows or of their order.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from dataclasses import astuple, replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gui import SEARCHES, TODAY  # noqa: E402

from claimdesk.domain.case_class import CaseClass  # noqa: E402
from claimdesk.domain.register import RegisterQuery  # noqa: E402

VARIANTS = {
    "claim id": {},
    "claim id, descending": {"descending": True},
    "balance, descending": {"sort": "balance", "descending": True},
    "kana": {"sort": "debtor_kana"},
    "FY2025": {"fiscal_year": 2025},
    "口座振替 あり": {"direct_debit": True},
    "口座振替 なし, 滞納のみ": {"direct_debit": False, "overdue_only": True},
    "区分 分納中": {"case_class": CaseClass.INSTALMENTS},
}


def texts() -> list[str]:
    """Every keystroke of every search, once each, in the order typed."""
    seen: dict[str, None] = {"": None}
    for text in SEARCHES:
        for n in range(1, len(text) + 1):
            seen.setdefault(text[:n])
    return list(seen)


def shown(model) -> tuple[int, list[int]]:
    """The count and the rows read: first six pages, one in the middle, the last."""
    from claimdesk.ui.register_model import PAGE_SIZE

    count = model.rowCount()
    rows = set(range(min(count, 6 * PAGE_SIZE)))
    rows |= set(range(count // 2, min(count, count // 2 + PAGE_SIZE)))
    rows |= set(range(max(0, count - PAGE_SIZE), count))
    return count, sorted(rows)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/perf-large.sqlite3"))
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--only", choices=list(VARIANTS), action="append", help="these variants only")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication

    from claimdesk.ui.register_model import RegisterModel
    from claimdesk.ui.session import Session

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 (Qt objects need it)
    session = Session(args.db, today=TODAY)
    started = time.perf_counter()
    with args.output.open("w", encoding="utf-8") as out:
        for label, changes in VARIANTS.items():
            if args.only and label not in args.only:
                continue
            for text in texts():
                model = RegisterModel(session, query=replace(RegisterQuery(text=text), **changes))
                count, rows = shown(model)
                digest = hashlib.sha256()
                ids = []
                for r in rows:
                    row = model.row_at(r)
                    digest.update(repr((r, astuple(row))).encode())
                    if len(ids) < 5:
                        ids.append(row.claim_id)
                out.write(f"{label} | {text!r} | {count} | {digest.hexdigest()[:16]} | {' '.join(ids)}\n")
                out.flush()
            print(f"{label}: done at {time.perf_counter() - started:.0f} s", flush=True)
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
