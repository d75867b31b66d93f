"""個票 as PDF: one A4 page per claim type, laid out like the plan document's sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.legends import Legend, LineSwatch
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import format_amount, thousand_yen
from ..domain.sheets import FORMULA_NOTE, ROUNDING_NOTE, ClaimTypeSheet, period_note, trend_lines
from ..domain.summary import CATEGORIES, CATEGORY_LABELS
from ..domain.targets import format_rate
from ..fonts import GOTHIC, MINCHO, register_fonts
from .pdf_pages import build_numbered

WIDTH = A4[0] - 30 * mm  # the frame's width
LINE_COLORS = {"current": colors.HexColor("#1f77b4"), "carried": colors.HexColor("#d62728"),
               "total": colors.HexColor("#2ca02c")}
GRID = colors.HexColor("#808080")
SHADE = colors.HexColor("#eef2f7")
NONE = "－"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=MINCHO, fontSize=9, leading=12.5)
    return {
        "title": ParagraphStyle("title", base, fontName=GOTHIC, fontSize=15, leading=20),
        "sub": ParagraphStyle("sub", base, fontName=GOTHIC, fontSize=9.5, leading=13),
        "head": ParagraphStyle("head", base, fontName=GOTHIC, fontSize=10.5, leading=15, spaceBefore=5, spaceAfter=2),
        "unit": ParagraphStyle("unit", base, fontName=GOTHIC, fontSize=7.5, alignment=TA_RIGHT),
        "text": base,
        "note": ParagraphStyle("note", base, fontSize=7.2, leading=9.5),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10.5),
    }


def write_sheets_pdf(sheets: Sequence[ClaimTypeSheet], path: str | Path) -> Path:
    """Write one page per claim type to `path`; the service makes the write atomic."""
    register_fonts()  # the IPAex fonts the letters use too: one registration for every PDF
    path = Path(path)
    styles = _styles()
    story = []
    for i, sheet in enumerate(sheets):
        if i:
            story.append(PageBreak())
        story += _sheet(sheet, styles)
    first = sheets[0]
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title=f"個票 {format_fiscal_year(first.fiscal_year)}",
        author=first.department_name, subject="債権管理重点プラン 個票", creator="債権管理デスク",
    )
    build_numbered(doc, story, number_at=7 * mm)
    return path


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _sheet(sheet: ClaimTypeSheet, st: dict) -> list:
    fy, as_of = format_fiscal_year(sheet.fiscal_year), format_wareki(sheet.as_of)
    info = Table(
        [["所管課", sheet.department_name, "債権の種類", sheet.nature_label],
         ["会計", sheet.account, "款", sheet.budget_section]],
        colWidths=[22 * mm, 68 * mm, 22 * mm, WIDTH - 112 * mm],
        style=TableStyle([
            ("FONT", (0, 0), (-1, -1), GOTHIC, 8.5), ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (0, -1), SHADE), ("BACKGROUND", (2, 0), (2, -1), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]),
    )
    return [
        _p(f"{fy}　債権管理重点プラン　個票", st["sub"]),
        _p(sheet.claim_type, st["title"]),
        Spacer(0, 2 * mm),
        info,
        _p("1　収納の現況（推移）", st["head"]),
        _p("（単位：千円、％、人）", st["unit"]),
        _trend_table(sheet),
        Spacer(0, 1.5 * mm),
        _p("※ " + period_note(sheet.periods), st["note"]),
        _p("※ " + ROUNDING_NOTE, st["note"]),
        _p("※ " + FORMULA_NOTE, st["note"]),
        _p("2　収納率の推移", st["head"]),
        _rate_chart(sheet),
        _p(f"3　目標収納率（{fy}）", st["head"]),
        *_target(sheet, st, as_of),
        *_words(sheet, st, as_of),
    ]


def _cell(value, unit: str) -> str:
    if value is None:
        return NONE
    if unit == "％":
        return format_rate(value)
    return format_amount(value)


def _trend_table(sheet: ClaimTypeSheet) -> Table:
    years = [f"{format_fiscal_year(p.fiscal_year)}\n{'決算' if p.closed else f'{p.as_of.month}/{p.as_of.day}現在'}"
             for p in sheet.periods]
    data = [["区分", "項目", *years]]
    style = [
        ("FONT", (0, 0), (-1, -1), GOTHIC, 7.8), ("LEADING", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.2),
    ]
    lines = trend_lines(sheet)
    per = len(lines) // len(CATEGORIES)
    for n, line in enumerate(lines, start=1):
        first = (n - 1) % per == 0
        data.append([CATEGORY_LABELS[line.category] if first else "", line.label,
                     *(_cell(v, line.unit) for v in line.values)])
        if first:
            style.append(("SPAN", (0, n), (0, n + per - 1)))
            style.append(("LINEABOVE", (0, n), (-1, n), 1.0, colors.black))
        if line.item == "collection_rate":
            style.append(("FONT", (1, n), (-1, n), GOTHIC, 8.2))
            style.append(("BACKGROUND", (1, n), (-1, n), colors.HexColor("#f7f7f7")))
        if line.category == "total":
            style.append(("BACKGROUND", (0, n), (0, n), SHADE))
    year_width = (WIDTH - 46 * mm) / len(sheet.periods)
    return Table(data, colWidths=[20 * mm, 26 * mm, *[year_width] * len(sheet.periods)],
                 style=TableStyle(style), repeatRows=1)


def _rate_chart(sheet: ClaimTypeSheet) -> Drawing:
    """Lines of the collection rate per category over the years; the target as a dashed line."""
    height = 46 * mm  # room for the case classes below the target, on the same page
    drawing = Drawing(WIDTH, height)
    # A drawing starts in Helvetica, named (unembedded) in the PDF even when nothing uses it.
    drawing.initialFontName, drawing.initialFontSize = GOTHIC, 7
    chart = HorizontalLineChart()
    chart.x, chart.y = 12 * mm, 9 * mm
    chart.width, chart.height = WIDTH - 50 * mm, height - 14 * mm
    series, names = [], []
    for category in CATEGORIES:
        series.append([None if r is None else float(r) for r in sheet.rates(category)])
        names.append((_swatch(LINE_COLORS[category]), CATEGORY_LABELS[category]))
    targets = [(c, [None if (rate := y[c].target_rate) is None else float(rate) for y in sheet.rows])
               for c in CATEGORIES]
    targets = [(c, t) for c, t in targets if any(v is not None for v in t)]
    for category, values in targets:
        series.append(values)
        names.append((_swatch(LINE_COLORS[category], dashed=True), f"目標（{CATEGORY_LABELS[category]}）"))
    chart.data = series
    chart.categoryAxis.categoryNames = [format_fiscal_year(p.fiscal_year) for p in sheet.periods]
    chart.categoryAxis.labels.fontName = GOTHIC
    chart.categoryAxis.labels.fontSize = 7.5
    # Room above 100 % for the label of a full year; ticks stop at 100.
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 108, 20
    chart.valueAxis.labels.fontName = GOTHIC
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    # A line needs two points: a new claim type, or a target of this year only, gets marks alone.
    chart.joinedLines = False
    for i, values in enumerate(series):
        if sum(v is not None for v in values) >= 2:
            chart.lines[i].lineStyle = "joinedLine"
    # Values on the rate lines only; a target is read off its dashed line and the table.
    chart.lineLabelFormat = "values"
    # The chart numbers labels by plotted point, skipping the years without a rate.
    chart.lineLabelArray = [["" if i >= len(CATEGORIES) else f"{v:.1f}" for v in values if v is not None]
                            for i, values in enumerate(series)]
    chart.lineLabels.fontName = GOTHIC
    chart.lineLabels.fontSize = 6.5
    chart.lineLabels.dy = 1
    # 現年分 and 合計 often lie close together: the totals' values go below their points.
    total_row = CATEGORIES.index("total")
    for j in range(len(chart.lineLabelArray[total_row])):
        chart.lineLabels[(total_row, j)].dy = -14
    # 滞納繰越分 may meet either of them (a year when all was paid is 100.0 for all three):
    # its values go to the right of its points, clear of the others' labels and markers.
    carried_row = CATEGORIES.index("carried")
    for j in range(len(chart.lineLabelArray[carried_row])):
        chart.lineLabels[(carried_row, j)].dx = 13
        chart.lineLabels[(carried_row, j)].dy = -6
    for i, category in enumerate(CATEGORIES):
        chart.lines[i].strokeColor = LINE_COLORS[category]
        chart.lines[i].strokeWidth = 1.4
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3.5, fillColor=LINE_COLORS[category])
    for j, (category, _) in enumerate(targets, start=len(CATEGORIES)):
        chart.lines[j].strokeColor = LINE_COLORS[category]
        chart.lines[j].strokeWidth = 0.9
        chart.lines[j].strokeDashArray = (3, 2)
        chart.lines[j].symbol = makeMarker("Cross", size=4, strokeColor=LINE_COLORS[category])
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = WIDTH - 34 * mm, height - 12 * mm
    legend.fontName, legend.fontSize = GOTHIC, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 6
    legend.dx, legend.dy, legend.deltay = 16, 3, 10
    legend.colorNamePairs = names
    drawing.add(legend)
    drawing.add(String(0, height - 4 * mm, "（％）", fontName=GOTHIC, fontSize=7))
    return drawing


def _swatch(color, *, dashed: bool = False) -> LineSwatch:
    """The legend's sample: a line like the chart's, dashed for a target."""
    swatch = LineSwatch()
    swatch.strokeColor, swatch.strokeWidth = color, 0.9 if dashed else 1.4
    swatch.strokeDashArray = (3, 2) if dashed else None
    return swatch


def _target(sheet: ClaimTypeSheet, st: dict, as_of: str) -> list:
    target = sheet.target
    if not target.is_set:
        return [_p("目標収納率が設定されていません（収納状況の画面の［目標収納率…］で設定できます）。", st["text"])]
    notes = sheet.notes
    rows = [["区分", "目標収納率\n（％）", "見込み収入額\n（千円）", "見込み収入未済額\n（千円）",
             f"実績（{as_of}現在）\n（％）", "目標との差\n（ポイント）"]]
    for category in CATEGORIES:
        goal, actual = target.rate(category), sheet.latest(category).collection_rate
        gap = NONE if goal is None or actual is None else _signed(actual - goal)
        rows.append([CATEGORY_LABELS[category], format_rate(goal, NONE), _expected(notes, "collected", category),
                     _expected(notes, "outstanding", category), format_rate(actual, NONE), gap])
    table = Table(rows, colWidths=[24 * mm, 24 * mm, 28 * mm, 30 * mm, 40 * mm, 28 * mm], hAlign="LEFT",
                  style=TableStyle([
        ("FONT", (0, 0), (-1, -1), GOTHIC, 8), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]))
    # The date only: the report leaves the office, the clerk's name stays in the ledger.
    entered = f"（目標設定日: {format_wareki(date.fromisoformat(target.entered_at[:10]))}）" if target.entered_at else ""
    return [
        table,
        Spacer(0, 2 * mm),
        Table([["目標設定の根拠", _p(target.basis, st["cell"])],
               ["目標達成に向けた取組", _p(target.actions or NONE, st["cell"])]],
              colWidths=[36 * mm, WIDTH - 36 * mm], style=TableStyle([
                  ("FONT", (0, 0), (0, -1), GOTHIC, 8), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                  ("BACKGROUND", (0, 0), (0, -1), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
              ])),
        _p(entered, st["note"]),
    ]


def _expected(notes, kind: str, category: str) -> str:
    """An expected amount of the target in 千円 (rounded like the sheet's figures), or a dash."""
    value = None if notes is None else getattr(notes, f"expected_{kind}").get(category)
    return NONE if value is None else format_amount(thousand_yen(value))


def _words(sheet: ClaimTypeSheet, st: dict, as_of: str) -> list:
    """4 収納状況に関する説明, 5 滞納整理に関する取組みの検証, 6 案件の区分."""
    notes = sheet.notes
    out = []
    if notes is not None and not notes.is_empty:  # the plan's words, where the department wrote them
        out += [_p("4　収納状況に関する説明", st["head"]),
                _boxed([("現年分", notes.explanation_current), ("滞納繰越分", notes.explanation_carried)], st),
                _p("5　滞納整理に関する取組みの検証", st["head"]),
                _boxed([("取組みの検証", notes.review)], st)]
    if sheet.classes:
        # One paragraph, not a table: it keeps a sheet without notes on its one page.
        shown = [c for c in sheet.classes if c.claims] or list(sheet.classes[:1])
        counts = "、".join(f"{c.case_class.full_label} {format_amount(c.claims)}件 "
                          f"{format_amount(thousand_yen(c.balance))}千円" for c in shown)
        out.append(_p(f"{6 if out else 4}　案件の区分（{as_of}現在、未納の債権）", st["head"]))
        out.append(_p(counts + "（回収＝手順に沿って回収中、整理＝分納中・交渉中・執行停止・時効経過・生活困窮）",
                      st["text"]))
    return out


def _boxed(rows: list[tuple[str, str]], st: dict) -> Table:
    return Table([[label, _p(text or "（記載なし）", st["cell"])] for label, text in rows],
                 colWidths=[28 * mm, WIDTH - 28 * mm], style=TableStyle([
                     ("FONT", (0, 0), (0, -1), GOTHIC, 8), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                     ("BACKGROUND", (0, 0), (0, -1), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))


def _signed(points: Decimal) -> str:
    return f"{points:+.1f}" if points else "0.0"
