"""The aggregate as an Excel book: the files merged, then each ward table in 円 and in 千円."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain.dates import format_fiscal_year
from ..domain.ward_tables import Aggregate, WardTable, in_thousand_yen, total, unit_text, ward_tables
from .workbooks import close_workbook, new_workbook

SHEET_NAMES = {"by_account": "会計別", "by_claim_type": "債権名別"}


def write_aggregate_xlsx(agg: Aggregate, path: str | Path) -> Path:
    """Write the aggregate's book to `path`; the service makes the write atomic."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        f = _formats(wb)
        _sources(wb.add_worksheet("集計元"), agg, f)
        for table in ward_tables(agg):
            if table.key in SHEET_NAMES:
                name = SHEET_NAMES[table.key]
                write_table(wb.add_worksheet(f"{name}（千円）"), in_thousand_yen(table), f)
                write_table(wb.add_worksheet(f"{name}（円）"), table, f)
            else:
                fy = int(table.key.removeprefix("rates_"))
                write_table(wb.add_worksheet(f"収納率 {format_fiscal_year(fy)}"), table, f)
    finally:
        close_workbook(wb)
    return path


# Cell formats by name ("title") or by (column kind, row style).
_Formats = dict[str | tuple[str, str], Any]


def _formats(wb: Any) -> _Formats:
    font = {"font_name": "Yu Gothic", "font_size": 10}
    b = {**font, "border": 1}
    sub = {"bold": True, "bg_color": "#F2F2F2"}
    tot = {"bold": True, "bg_color": "#DDEBF7"}
    f: _Formats = {
        "title": wb.add_format({**font, "bold": True, "font_size": 13}),
        "note": wb.add_format({**font, "font_size": 9}),
        "unit": wb.add_format({**font, "font_size": 9, "align": "right"}),
        "head": wb.add_format({**b, "bold": True, "bg_color": "#DDEBF7", "align": "center", "valign": "vcenter",
                               "text_wrap": True}),
    }
    for style, extra in (("", {}), ("subtotal", sub), ("total", tot)):
        f[("text", style)] = wb.add_format({**b, **extra})
        f[("yen", style)] = wb.add_format({**b, **extra, "num_format": "#,##0;-#,##0"})
        f[("count", style)] = wb.add_format({**b, **extra, "num_format": "#,##0"})
        f[("rate", style)] = wb.add_format({**b, **extra, "num_format": "0.0"})
        f[("none", style)] = wb.add_format({**b, **extra, "align": "right"})
    return f


def write_table(ws: Any, table: WardTable, f: _Formats) -> None:
    """One table on its own worksheet: title, unit, header, rows, notes."""
    ws.write(0, 0, table.title, f["title"])
    ws.write(1, len(table.columns) - 1, unit_text(table), f["unit"])
    for j, column in enumerate(table.columns):
        ws.write(2, j, column.label, f["head"])
        width = 14 if column.kind != "text" else max(10, min(28, 2 + max(
            (len(str(r.cells[j])) * 2 for r in table.rows), default=10)))
        ws.set_column(j, j, width)
    ws.set_row(2, 32)
    for i, row in enumerate(table.rows, start=3):
        for j, (value, column) in enumerate(zip(row.cells, table.columns)):
            if value is None:
                ws.write(i, j, "－", f[("none", row.style)])
            elif column.kind == "text":
                ws.write_string(i, j, str(value), f[("text", row.style)])
            else:
                number = float(value) if column.kind == "rate" and isinstance(value, Decimal) else value
                ws.write_number(i, j, number, f[(column.kind, row.style)])
    for k, note in enumerate(table.notes):
        ws.write(4 + len(table.rows) + k, 0, "※ " + note, f["note"])
    ws.freeze_panes(3, 0)


def _sources(ws: Any, agg: Aggregate, f: _Formats) -> None:
    years = "・".join(agg.period(fy) for fy in agg.fiscal_years)
    ws.write(0, 0, f"各課集計　{years}", f["title"])
    ws.write(1, 0, "各課の標準様式（claimdesk-summary/1）を、すべて検査したうえで合算しています。金額は円単位。", f["note"])
    heads = ("ファイル", "所管課コード", "所管課名", "年度", "基準日", "債権名の数", "調定額（合計）", "収入済額（合計）",
             "収入未済額（合計）")
    for j, head in enumerate(heads):
        ws.write(3, j, head, f["head"])
    ws.set_column(0, 0, 36)
    ws.set_column(1, 2, 16)
    ws.set_column(3, 8, 14)
    for i, file in enumerate(sorted(agg.files, key=lambda x: (x.fiscal_year, x.department_code)), start=4):
        t = total(r for r in file.rows if r.category == "total")
        values = (Path(file.name).name, file.department_code, file.department_name, format_fiscal_year(file.fiscal_year),
                  file.as_of.isoformat())
        for j, text in enumerate(values):
            ws.write_string(i, j, text, f[("text", "")])
        ws.write_number(i, 5, len(file.rows) // 3, f[("count", "")])
        for j, amount in enumerate((t.assessed, t.collected, t.outstanding), start=6):
            ws.write_number(i, j, amount, f[("yen", "")])
