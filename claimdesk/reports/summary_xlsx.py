"""The standard summary as an Excel book: the CSV's figures with Japanese headings."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.summary import CATEGORY_LABELS, COLUMN_LABELS, COLUMNS, SummaryRow
from .workbooks import close_workbook, new_workbook


def write_summary_xlsx(rows: Sequence[SummaryRow], path: str | Path) -> Path:
    """The CSV's figures with Japanese headings and yen formats; the service makes it atomic."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        _fill_workbook(wb, rows)
    finally:
        close_workbook(wb)
    return path


_AMOUNT_COLUMNS = ("assessed", "collected", "written_off", "refund_unpaid", "outstanding")
_NATURE_LABELS = {"enforced_public": "強制徴収公債権", "public": "非強制徴収公債権", "private": "私債権"}


def _fill_workbook(wb, rows: Sequence[SummaryRow]) -> None:
    ws = wb.add_worksheet("収納状況")
    font = {"font_name": "Yu Gothic", "font_size": 10}
    head = wb.add_format({**font, "bold": True, "bg_color": "#DDEBF7", "border": 1,
                          "text_wrap": True, "valign": "vcenter", "align": "center"})
    text = wb.add_format({**font, "border": 1})
    yen = wb.add_format({**font, "border": 1, "num_format": "#,##0"})
    rate = wb.add_format({**font, "border": 1, "num_format": "0.0"})
    count = wb.add_format({**font, "border": 1, "num_format": "#,##0"})
    total_text = wb.add_format({**font, "border": 1, "bold": True, "bg_color": "#F2F2F2"})
    total_yen = wb.add_format({**font, "border": 1, "bold": True, "bg_color": "#F2F2F2", "num_format": "#,##0"})
    total_rate = wb.add_format({**font, "border": 1, "bold": True, "bg_color": "#F2F2F2", "num_format": "0.0"})

    if rows:
        first = rows[0]
        ws.write_string(0, 0, f"収納状況（{format_fiscal_year(first.fiscal_year)}　"
                       f"{format_wareki(first.as_of)}現在）　{first.department_name}",
                 wb.add_format({**font, "bold": True, "font_size": 12}))
    top = 2
    for col, name in enumerate(COLUMNS):
        ws.write(top, col, COLUMN_LABELS[name], head)
    for i, row in enumerate(rows, start=top + 1):
        is_total = row.category == "total"
        rec = row.as_record()
        for col, name in enumerate(COLUMNS):
            if name in _AMOUNT_COLUMNS:
                ws.write_number(i, col, getattr(row, name), total_yen if is_total else yen)
            elif name == "delinquent_debtors":
                ws.write_number(i, col, row.delinquent_debtors, total_yen if is_total else count)
            elif name in ("collection_rate", "target_rate"):
                value = row.collection_rate if name == "collection_rate" else row.target_rate
                fmt = total_rate if is_total else rate
                if value is None:
                    ws.write_blank(i, col, None, fmt)
                else:
                    ws.write_number(i, col, float(value), fmt)
            elif name == "fiscal_year":  # a sheet a person reads: 和暦 (the CSV keeps 2026)
                ws.write_string(i, col, format_fiscal_year(row.fiscal_year), total_text if is_total else text)
            elif name == "as_of":
                ws.write_string(i, col, format_wareki(row.as_of), total_text if is_total else text)
            elif name == "category":
                ws.write(i, col, CATEGORY_LABELS[row.category], total_text if is_total else text)
            elif name == "legal_nature":
                ws.write(i, col, _NATURE_LABELS[row.legal_nature], total_text if is_total else text)
            else:
                ws.write_string(i, col, rec[name], total_text if is_total else text)
    ws.set_row(top, 32)
    widths = {"schema": 18, "department_name": 16, "as_of": 15, "account": 14,
              "budget_section": 14, "claim_type": 24, "legal_nature": 15}
    for col, name in enumerate(COLUMNS):
        ws.set_column(col, col, widths.get(name, 12))
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(len(rows), 1), len(COLUMNS) - 1)
