"""電話催告リスト as an Excel book: one row per debtor, a column to write the result in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..domain.calls import CallResult, CallRow
from ..domain.dates import format_wareki
from .workbooks import close_workbook, new_workbook

HEADINGS = ("債務者番号", "債務者", "電話番号", "債権", "残高", "話すこと", "結果")
_WIDTHS = (12, 16, 15, 22, 12, 70, 16)


def write_call_list_xlsx(rows: Sequence[CallRow], path: str | Path, as_of: date) -> Path:
    """The list at `path` (the service makes it atomic), printable on A4 landscape."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        ws = wb.add_worksheet("電話催告")
        font = {"font_name": "Yu Gothic", "font_size": 10}
        head = wb.add_format({**font, "bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
        text = wb.add_format({**font, "border": 1, "valign": "top", "text_wrap": True})
        yen = wb.add_format({**font, "border": 1, "valign": "top", "num_format": "#,##0"})
        ws.write_string(0, 0, f"電話催告リスト（{format_wareki(as_of)}）　{len(rows)}件",
                        wb.add_format({**font, "bold": True, "font_size": 12}))
        ws.write_string(1, 0, "結果: " + "／".join(r.label for r in CallResult), wb.add_format(font))
        for col, (title, width) in enumerate(zip(HEADINGS, _WIDTHS)):
            ws.write_string(3, col, title, head)
            ws.set_column(col, col, width)
        for i, r in enumerate(rows, start=4):
            ws.write_string(i, 0, r.debtor_id, text)
            ws.write_string(i, 1, r.name, text)
            ws.write_string(i, 2, r.phone or "（未登録）", text)
            ws.write_string(i, 3, "、".join(r.claim_ids), text)
            ws.write_number(i, 4, r.balance, yen)
            ws.write_string(i, 5, r.script, text)
            ws.write_string(i, 6, "", text)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(3)
        ws.freeze_panes(4, 0)
    finally:
        close_workbook(wb)
    return path
