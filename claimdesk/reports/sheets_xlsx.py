"""個票 as an Excel book: one worksheet per claim type, with a native line chart of the rates.

The figures are values, not formulas: they are the plan's 千円 figures, each rounded
half up on its own, and a formula summing them would contradict the shown totals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import thousand_yen
from ..domain.sheets import FORMULA_NOTE, ROUNDING_NOTE, ClaimTypeSheet, period_note, trend_lines
from ..domain.summary import CATEGORIES, CATEGORY_LABELS
from .workbooks import close_workbook, new_workbook, page_setup

LINE_COLORS = {"current": "#1F77B4", "carried": "#D62728", "total": "#2CA02C"}
# All "above", the labels of close rates sat on each other's markers: 現年分 above its
# marker, 合計 (usually between the two) below, 滞納繰越分 to the right.
LABEL_POSITIONS = {"current": "above", "carried": "right", "total": "below"}
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


def write_sheets_xlsx(sheets: Sequence[ClaimTypeSheet], path: str | Path) -> Path:
    """Write one worksheet per claim type to `path`; the service makes the write atomic."""
    path = Path(path)
    wb = new_workbook(path)
    try:
        formats = _formats(wb)
        used: set[str] = set()
        for sheet in sheets:
            _fill(wb, wb.add_worksheet(sheet_name(sheet.claim_type, used)), sheet, formats)
    finally:
        close_workbook(wb)
    return path


def sheet_name(claim_type: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: no []:*?/\\, at most 31 characters, unique in the book."""
    base = _BAD_NAME.sub("_", claim_type).strip("'")[:31] or "債権"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
    used.add(name.lower())
    return name


def _formats(wb) -> dict:
    font = {"font_name": "Yu Gothic", "font_size": 10}
    border = {**font, "border": 1}
    return {
        "title": wb.add_format({**font, "bold": True, "font_size": 14}),
        "sub": wb.add_format({**font}),
        "head": wb.add_format({**font, "bold": True, "font_size": 11}),
        "label": wb.add_format({**border, "bg_color": "#EEF2F7"}),
        "text": wb.add_format({**border}),
        "col": wb.add_format({**border, "bold": True, "bg_color": "#EEF2F7", "align": "center",
                              "valign": "vcenter", "text_wrap": True}),
        "cat": wb.add_format({**border, "bg_color": "#EEF2F7", "valign": "vcenter", "align": "center"}),
        "amount": wb.add_format({**border, "num_format": "#,##0"}),
        "rate": wb.add_format({**border, "num_format": "0.0", "bg_color": "#F7F7F7"}),
        "none": wb.add_format({**border, "align": "right"}),
        "note": wb.add_format({**font, "font_size": 8, "text_wrap": True, "valign": "top"}),
        "wrap": wb.add_format({**border, "text_wrap": True, "valign": "top"}),
        "unit": wb.add_format({**font, "font_size": 8, "align": "right"}),
    }


def _fill(wb, ws, sheet: ClaimTypeSheet, f: dict) -> None:
    years = len(sheet.periods)
    last_col = 1 + years
    page_setup(ws, landscape=False)  # one sheet of the plan document: A4 portrait
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 14)
    ws.set_column(2, last_col, 13)
    ws.write(0, 0, f"{format_fiscal_year(sheet.fiscal_year)}　債権管理重点プラン　個票", f["sub"])
    ws.write_string(1, 0, sheet.claim_type, f["title"])
    ws.write(2, 0, "所管課", f["label"])
    ws.merge_range(2, 1, 2, 3, sheet.department_name, f["text"])
    ws.write(2, 4, "債権の種類", f["label"])
    ws.merge_range(2, 5, 2, last_col, sheet.nature_label, f["text"])
    ws.write(3, 0, "会計", f["label"])
    ws.merge_range(3, 1, 3, 3, sheet.account, f["text"])
    ws.write(3, 4, "款", f["label"])
    ws.merge_range(3, 5, 3, last_col, sheet.budget_section, f["text"])

    ws.write(5, 0, "1　収納の現況（推移）", f["head"])
    ws.write(5, last_col, "（単位：千円、％、人）", f["unit"])
    top = 6
    ws.write(top, 0, "区分", f["col"])
    ws.write(top, 1, "項目", f["col"])
    for j, p in enumerate(sheet.periods):
        state = "決算" if p.closed else f"{p.as_of.month}/{p.as_of.day}現在"
        ws.write(top, 2 + j, f"{format_fiscal_year(p.fiscal_year)}\n{state}", f["col"])
    ws.set_row(top, 30)
    lines = trend_lines(sheet)
    per = len(lines) // len(CATEGORIES)
    rate_rows: dict[str, int] = {}
    target_rows: dict[str, int] = {}
    for n, line in enumerate(lines):
        r = top + 1 + n
        if n % per == 0:
            ws.merge_range(r, 0, r + per - 1, 0, CATEGORY_LABELS[line.category], f["cat"])
        ws.write(r, 1, line.label, f["label"])
        if line.item == "collection_rate":
            rate_rows[line.category] = r
        if line.item == "target_rate":
            target_rows[line.category] = r
        for j, value in enumerate(line.values):
            if value is None:
                ws.write(r, 2 + j, "－", f["none"])
            elif line.unit == "％":
                ws.write_number(r, 2 + j, float(value), f["rate"])
            else:
                ws.write_number(r, 2 + j, value, f["amount"])
    r = top + 1 + len(lines)
    for note in (period_note(sheet.periods), ROUNDING_NOTE, FORMULA_NOTE):
        ws.merge_range(r, 0, r, last_col, "※ " + note, f["note"])
        ws.set_row(r, 26)
        r += 1

    r += 1
    ws.write(r, 0, "2　収納率の推移", f["head"])
    chart = wb.add_chart({"type": "line"})
    categories = [ws.name, top, 2, top, last_col]
    for category in CATEGORIES:
        chart.add_series({
            "name": CATEGORY_LABELS[category],
            "categories": categories,
            "values": [ws.name, rate_rows[category], 2, rate_rows[category], last_col],
            "line": {"color": LINE_COLORS[category], "width": 2},
            "marker": {"type": "circle", "size": 5, "fill": {"color": LINE_COLORS[category]},
                       "border": {"color": LINE_COLORS[category]}},
            "data_labels": {"value": True, "position": LABEL_POSITIONS[category], "num_format": "0.0",
                            "font": {"size": 8}},
        })
    for category in CATEGORIES:
        if any(year[category].target_rate is not None for year in sheet.rows):
            chart.add_series({
                "name": f"目標（{CATEGORY_LABELS[category]}）",
                "categories": categories,
                "values": [ws.name, target_rows[category], 2, target_rows[category], last_col],
                "line": {"color": LINE_COLORS[category], "width": 1.25, "dash_type": "dash"},
                "marker": {"type": "x", "size": 6, "border": {"color": LINE_COLORS[category]}},
            })
    chart.set_y_axis({"min": 0, "max": 100, "major_unit": 20, "num_format": "0\"%\"",
                      "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
    chart.set_legend({"position": "right"})
    chart.set_title({"none": True})
    # The "－" of a year without a rate is text: Excel leaves a gap there rather than a zero.
    chart.show_blanks_as("gap")
    chart.set_size({"width": 760, "height": 300})
    ws.insert_chart(r + 1, 0, chart)

    r += 17
    ws.write(r, 0, f"3　目標収納率（{format_fiscal_year(sheet.fiscal_year)}）", f["head"])
    r += 1
    target = sheet.target
    if not target.is_set:
        ws.write(r, 0, "目標収納率が設定されていません。", f["sub"])
        _words(ws, r + 2, sheet, f, last_col)
        return
    for j, head in enumerate(("区分", "目標収納率（％）", f"実績（{format_wareki(sheet.as_of)}現在）（％）",
                              "目標との差（ポイント）", "見込み収入額（千円）", "見込み収入未済額（千円）")):
        ws.write(r, j, head, f["col"])
    ws.set_row(r, 30)
    for category in CATEGORIES:
        r += 1
        goal, actual = target.rate(category), sheet.latest(category).collection_rate
        ws.write(r, 0, CATEGORY_LABELS[category], f["label"])
        for j, value in enumerate((goal, actual, None if goal is None or actual is None else actual - goal), 1):
            if value is None:
                ws.write(r, j, "－", f["none"])
            else:
                ws.write_number(r, j, float(value), f["rate"])
        for j, kind in ((4, "collected"), (5, "outstanding")):
            value = None if sheet.notes is None else getattr(sheet.notes, f"expected_{kind}").get(category)
            if value is None:
                ws.write(r, j, "－", f["none"])
            else:
                ws.write_number(r, j, thousand_yen(value), f["amount"])
    for label, text in (("目標設定の根拠", target.basis), ("目標達成に向けた取組", target.actions or "－")):
        r += 2
        ws.write(r, 0, label, f["label"])
        ws.merge_range(r, 1, r, last_col, text, f["wrap"])
        ws.set_row(r, 15 * max(2, text.count("\n") + 1 + len(text) // 60))
    _words(ws, r + 2, sheet, f, last_col)


def _words(ws, r: int, sheet: ClaimTypeSheet, f: dict, last_col: int) -> None:
    """4 収納状況に関する説明, 5 滞納整理に関する取組みの検証, 6 案件の区分, from row `r`."""
    notes = sheet.notes
    for head, rows in (("4　収納状況に関する説明", (("現年分", notes.explanation_current if notes else ""),
                                              ("滞納繰越分", notes.explanation_carried if notes else ""))),
                       ("5　滞納整理に関する取組みの検証", (("取組みの検証", notes.review if notes else ""),))):
        ws.write(r, 0, head, f["head"])
        for label, text in rows:
            r += 1
            text = text or "（記載なし）"
            ws.write(r, 0, label, f["label"])
            ws.merge_range(r, 1, r, last_col, text, f["wrap"])
            ws.set_row(r, 15 * max(2, text.count("\n") + 1 + len(text) // 60))
        r += 2
    if sheet.classes:
        ws.write(r, 0, f"6　案件の区分（{format_wareki(sheet.as_of)}現在、未納の債権）", f["head"])
        r += 1
        for j, head in enumerate(("区分", "件数", "未納残高（千円）")):
            ws.write(r, j, head, f["col"])
        for c in sheet.classes:
            r += 1
            ws.write(r, 0, c.case_class.full_label, f["label"])
            ws.write_number(r, 1, c.claims, f["amount"])
            ws.write_number(r, 2, thousand_yen(c.balance), f["amount"])
