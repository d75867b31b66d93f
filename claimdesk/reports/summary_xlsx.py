"""The standard summary as an Excel book a person reads, and the contract's columns beside it.

Sheet 収納状況: one row per 債権名 in the budget order, 現年分 / 滞納繰越分 / 合計 side by
side, a 総計 row, Japanese headings, the date in 和暦, printed on one A4 landscape page
wide. Sheet 標準様式: the CSV's eighteen columns (claimdesk-summary/1), every row, with
their Japanese labels, for whoever wants the figures as the finance department gets them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..domain.budget_order import DEFAULT_ORDER, in_budget_order
from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import collection_rate
from ..domain.summary import CATEGORIES, CATEGORY_LABELS, COLUMN_LABELS, COLUMNS, SummaryRow
from .workbooks import close_workbook, new_workbook, page_setup

REPORT_SHEET, CONTRACT_SHEET = "収納状況", "標準様式"
# per category, in the plan's order: (field, heading)
FIGURES = (("assessed", "調定額"), ("collected", "収入済額"), ("written_off", "不納欠損額"),
           ("outstanding", "収入未済額"), ("collection_rate", "収納率\n（％）"))
_AMOUNT_COLUMNS = ("assessed", "collected", "written_off", "refund_unpaid", "outstanding")
NATURE_LABELS = {"enforced_public": "強制徴収公債権", "public": "非強制徴収公債権", "private": "私債権"}


def write_summary_xlsx(rows: Sequence[SummaryRow], path: str | Path,
                       order: Sequence[str] = DEFAULT_ORDER) -> Path:
    """The report sheet and the contract's sheet; the service makes the write atomic."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        f = _formats(wb)
        _report(wb.add_worksheet(REPORT_SHEET), rows, order, f)
        _contract(wb.add_worksheet(CONTRACT_SHEET), rows, f)
    finally:
        close_workbook(wb)
    return path


def _formats(wb) -> dict:
    font = {"font_name": "Yu Gothic", "font_size": 10}
    b = {**font, "border": 1}
    tot = {"bold": True, "bg_color": "#F2F2F2"}
    return {
        "title": wb.add_format({**font, "bold": True, "font_size": 13}),
        "sub": wb.add_format({**font}),
        "unit": wb.add_format({**font, "font_size": 9, "align": "right"}),
        "head": wb.add_format({**b, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                               "valign": "vcenter", "align": "center"}),
        "text": wb.add_format({**b, "valign": "vcenter"}),
        "yen": wb.add_format({**b, "num_format": "#,##0"}),
        "rate": wb.add_format({**b, "num_format": "0.0"}),
        "total_text": wb.add_format({**b, **tot}),
        "total_yen": wb.add_format({**b, **tot, "num_format": "#,##0"}),
        "total_rate": wb.add_format({**b, **tot, "num_format": "0.0"}),
    }


def title_text(rows: Sequence[SummaryRow]) -> str:
    """'令和8年度　収納状況（令和8年11月30日現在）　住宅課'."""
    first = rows[0]
    return (f"{format_fiscal_year(first.fiscal_year)}　収納状況（{format_wareki(first.as_of)}現在）"
            f"　{first.department_name}")


def _report(ws, rows: Sequence[SummaryRow], order: Sequence[str], f: dict) -> None:
    if rows:
        ws.write_string(0, 0, title_text(rows), f["title"])
    ws.write_string(1, 3 + len(CATEGORIES) * len(FIGURES) - 1, "（単位：円、％）", f["unit"])
    top = 2
    for col, head in enumerate(("会計", "款", "債権名")):
        ws.merge_range(top, col, top + 1, col, head, f["head"])
    for k, category in enumerate(CATEGORIES):
        first = 3 + k * len(FIGURES)
        ws.merge_range(top, first, top, first + len(FIGURES) - 1, CATEGORY_LABELS[category], f["head"])
        for j, (_, head) in enumerate(FIGURES):
            ws.write_string(top + 1, first + j, head, f["head"])
    ws.set_row(top + 1, 30)
    by_type: dict[tuple[str, str, str], dict[str, SummaryRow]] = {}
    for row in rows:
        by_type.setdefault((row.account, row.budget_section, row.claim_type), {})[row.category] = row
    keys = in_budget_order(by_type, lambda key: key, order)
    r = top + 2
    for key in keys:
        for col, text in enumerate(key):
            ws.write_string(r, col, text, f["text"])
        _figures(ws, r, [by_type[key][c] for c in CATEGORIES], f, "")
        r += 1
    ws.merge_range(r, 0, r, 2, "総計", f["total_text"])
    _figures(ws, r, [_sum(rows, c) for c in CATEGORIES], f, "total_")
    # Columns as narrow as their contents: fitted to one page wide, the print stays legible.
    for col in range(3):
        ws.set_column(col, col, max(8, *(_text_width(key[col]) + 1 for key in keys)))
    totals = [_sum(rows, c) for c in CATEGORIES]
    for k in range(len(CATEGORIES)):
        for j, (name, _) in enumerate(FIGURES):
            col = 3 + k * len(FIGURES) + j
            if name == "collection_rate":
                ws.set_column(col, col, 7)
            else:
                widest = max(totals[k][name], *(abs(getattr(by_type[key][CATEGORIES[k]], name)) for key in keys))
                ws.set_column(col, col, max(9, len(f"{widest:,}") + 2))
    ws.freeze_panes(top + 2, 3)
    page_setup(ws, landscape=True, title_rows=(top, top + 1))


def _text_width(text: str) -> int:
    """Columns a text needs: two for a full-width character, one for the others."""
    return sum(2 if ord(ch) > 0xFF else 1 for ch in text)


def _sum(rows: Sequence[SummaryRow], category: str) -> dict[str, int]:
    part = [r for r in rows if r.category == category]
    return {name: sum(getattr(r, name) for r in part) for name, _ in FIGURES if name != "collection_rate"}


def _figures(ws, r: int, per_category: list, f: dict, style: str) -> None:
    """One row's figures: per category (a SummaryRow or a dict of sums) its FIGURES."""
    for k, figures in enumerate(per_category):
        values = figures if isinstance(figures, dict) else {n: getattr(figures, n) for n in _AMOUNT_COLUMNS}
        for j, (name, _) in enumerate(FIGURES):
            col = 3 + k * len(FIGURES) + j
            if name != "collection_rate":
                ws.write_number(r, col, values[name], f[style + "yen"])
            elif (rate := collection_rate(values["collected"], values["assessed"])) is None:
                ws.write_blank(r, col, None, f[style + "rate"])
            else:
                ws.write_number(r, col, float(rate), f[style + "rate"])


def _contract(ws, rows: Sequence[SummaryRow], f: dict) -> None:
    """Every column of claimdesk-summary/1: its Japanese label, then the contract's name below."""
    if rows:
        ws.write_string(0, 0, title_text(rows) + "　（標準様式 claimdesk-summary/1 の全項目）", f["title"])
    top = 2
    for col, name in enumerate(COLUMNS):
        ws.write_string(top, col, f"{COLUMN_LABELS[name]}\n{name}", f["head"])
    for i, row in enumerate(rows, start=top + 1):
        style = "total_" if row.category == "total" else ""
        rec = row.as_record()
        for col, name in enumerate(COLUMNS):
            if name in _AMOUNT_COLUMNS or name == "delinquent_debtors":
                ws.write_number(i, col, getattr(row, name), f[style + "yen"])
            elif name in ("collection_rate", "target_rate"):
                value = row.collection_rate if name == "collection_rate" else row.target_rate
                if value is None:
                    ws.write_blank(i, col, None, f[style + "rate"])
                else:
                    ws.write_number(i, col, float(value), f[style + "rate"])
            elif name == "fiscal_year":
                ws.write_string(i, col, format_fiscal_year(row.fiscal_year), f[style + "text"])
            elif name == "as_of":
                ws.write_string(i, col, format_wareki(row.as_of), f[style + "text"])
            elif name == "category":
                ws.write_string(i, col, CATEGORY_LABELS[row.category], f[style + "text"])
            elif name == "legal_nature":
                ws.write_string(i, col, NATURE_LABELS[row.legal_nature], f[style + "text"])
            else:
                ws.write_string(i, col, rec[name], f[style + "text"])
    ws.set_row(top, 32)
    widths = {"schema": 18, "department_name": 14, "as_of": 16, "account": 16,
              "budget_section": 14, "claim_type": 22, "legal_nature": 15}
    for col, name in enumerate(COLUMNS):
        ws.set_column(col, col, widths.get(name, 11))
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(len(rows), 1), len(COLUMNS) - 1)
    page_setup(ws, landscape=True, title_rows=(top, top))
