"""The reconciliation of receipt files as an Excel book: 集計 (files and totals) and 明細
(every line, its outcome and reason)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..domain.reconciliation import OUTCOME_LABELS, OUTCOMES, TakenFile, totals
from .reconciliation_pdf import LINE_HEADS, file_state
from .workbooks import close_workbook, new_workbook


def write_reconciliation_xlsx(files: list[TakenFile], made_at: datetime, operator: str, path: str | Path) -> Path:
    """Write the reconciliation's book to `path`; the service makes the write atomic."""
    wb = new_workbook(path)
    try:
        font = {"font_name": "Yu Gothic", "font_size": 10}
        head = wb.add_format({**font, "bold": True, "border": 1, "bg_color": "#DDEBF7", "align": "center"})
        text = wb.add_format({**font, "border": 1})
        yen = wb.add_format({**font, "border": 1, "num_format": "#,##0"})
        title = wb.add_format({**font, "bold": True, "font_size": 13})
        ws = wb.add_worksheet("集計")
        ws.write(0, 0, "収納データ照合結果", title)
        ws.write(1, 0, f"作成 {made_at:%Y-%m-%d %H:%M}　{operator}", text)
        heads = ["ファイル", "種類", "引落日", "状態"] + [f"{OUTCOME_LABELS[o]}{u}" for o in OUTCOMES
                                                       for u in ("（件）", "（円）")]
        for j, h in enumerate(heads):
            ws.write(3, j, h, head)
        for i, f in enumerate(files, start=4):
            ws.write_row(i, 0, [f.file, f.kind_label, f.paid_on.isoformat() if f.paid_on else "", file_state(f)], text)
            for k, o in enumerate(OUTCOMES):
                ws.write_number(i, 4 + 2 * k, f.count(o)[0], yen)
                ws.write_number(i, 5 + 2 * k, f.count(o)[1], yen)
        last = 4 + len(files)
        ws.write(last, 0, "合計", head)
        for k, o in enumerate(OUTCOMES):
            ws.write_number(last, 4 + 2 * k, totals(files)[o][0], yen)
            ws.write_number(last, 5 + 2 * k, totals(files)[o][1], yen)
        ws.set_column(0, 0, 24)
        ws.set_column(1, 3, 20)
        ws.set_column(4, 3 + 2 * len(OUTCOMES), 12)
        lines = wb.add_worksheet("明細")
        for j, h in enumerate(("ファイル", *LINE_HEADS)):
            lines.write(0, j, h, head)
        row = 1
        for f in files:
            for r in f.lines:
                lines.write_row(row, 0, [r.file, r.line, r.outcome_label, r.key, f"{r.debtor_id} {r.debtor_name}".strip(),
                                         "、".join(r.claim_ids), r.paid_on.isoformat() if r.paid_on else ""], text)
                lines.write_number(row, 7, r.amount, yen)
                lines.write(row, 8, r.reason, text)
                row += 1
        lines.set_column(0, 0, 22)
        lines.set_column(3, 5, 20)
        lines.set_column(8, 8, 60)
        lines.autofilter(0, 0, max(row - 1, 1), 8)
    finally:
        close_workbook(wb)
    return Path(path)
