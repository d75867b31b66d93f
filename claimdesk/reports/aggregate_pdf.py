"""The aggregate as PDF (A4 landscape): the ward tables as the plan document prints them.

The plan shows 千円; the exact yen figures follow as a reference section, so the paper
and the CSV can be checked against each other.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.dates import format_fiscal_year
from ..domain.ward_tables import Aggregate, WardTable, format_cell, in_thousand_yen, total, unit_text, ward_tables
from ..fonts import GOTHIC, register_fonts
from .pdf_pages import build_numbered

PAGE = landscape(A4)
WIDTH = PAGE[0] - 24 * mm
GRID = colors.HexColor("#808080")
HEAD = colors.HexColor("#dde6f2")
SUBTOTAL = colors.HexColor("#f2f2f2")
TOTAL = colors.HexColor("#e4ecf7")


def write_aggregate_pdf(agg: Aggregate, path: str | Path) -> Path:
    """Write the aggregate's tables to `path`; the service makes the write atomic."""
    register_fonts()  # the IPAex fonts the letters use too: one registration for every PDF
    path = Path(path)
    st = {
        "title": ParagraphStyle("title", fontName=GOTHIC, fontSize=15, leading=20),
        "head": ParagraphStyle("head", fontName=GOTHIC, fontSize=11, leading=15, spaceBefore=6, spaceAfter=3),
        "note": ParagraphStyle("note", fontName=GOTHIC, fontSize=7.5, leading=10),
    }
    tables = ward_tables(agg)
    outstanding = [t for t in tables if not t.key.startswith("rates_")]
    rates = [t for t in tables if t.key.startswith("rates_")]
    years = "・".join(agg.period(fy) for fy in agg.fiscal_years)
    story = [Paragraph(escape(f"各課集計　{years}"), st["title"]), Spacer(0, 3 * mm), _sources(agg),
             Paragraph("各課の標準様式（claimdesk-summary/1）を、すべて検査したうえで合算しています。", st["note"])]
    for n, table in enumerate([*map(in_thousand_yen, outstanding), *rates], start=1):
        story += _section(f"{n}　{table.title}", table, st)
    story.append(PageBreak())
    story.append(Paragraph("参考　円単位の数値", st["title"]))
    for table in outstanding:
        story += _section(f"{table.title}（円）", table, st)
    doc = SimpleDocTemplate(str(path), pagesize=PAGE, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=f"各課集計 {years}",
                            subject="債権管理重点プラン 各課集計", creator="債権管理デスク")
    build_numbered(doc, story, number_at=6 * mm)
    return path


def _section(heading: str, table: WardTable, st: dict) -> list:
    unit = unit_text(table)
    head = Table([[Paragraph(escape(heading), st["head"]), unit]], colWidths=[WIDTH - 50 * mm, 50 * mm],
                 style=TableStyle([("FONT", (0, 0), (-1, -1), GOTHIC, 7.5), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    notes = [Paragraph(escape("※ " + note), st["note"]) for note in table.notes]
    # The heading stays with the first rows of its table; a long table may go on over pages.
    return [KeepTogether([head, _table(table)]), *notes]


def _table(table: WardTable) -> Table:
    cell = ParagraphStyle("cell", fontName=GOTHIC, fontSize=7.5, leading=9)
    data = [[c.label for c in table.columns]]
    style = [
        ("FONT", (0, 0), (-1, -1), GOTHIC, 7.5), ("LEADING", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
    ]
    for j, column in enumerate(table.columns):
        if column.kind != "text":
            style.append(("ALIGN", (j, 1), (j, -1), "RIGHT"))
    for i, row in enumerate(table.rows, start=1):
        # Names wrap inside their cell; figures never do.
        data.append([Paragraph(escape(str(v)), cell) if c.kind == "text" and v else format_cell(v, c.kind)
                     for v, c in zip(row.cells, table.columns)])
        if row.style:
            style.append(("BACKGROUND", (0, i), (-1, i), TOTAL if row.style == "total" else SUBTOTAL))
            style.append(("FONT", (0, i), (-1, i), GOTHIC, 7.8))
            style.append(("LINEABOVE", (0, i), (-1, i), 0.9, colors.black))
    return Table(data, colWidths=_widths(table), style=TableStyle(style), repeatRows=1, hAlign="LEFT")


def _widths(table: WardTable) -> list[float]:
    """Figures get a fixed width; names share the rest by their longest text, up to a limit."""
    def chars(text: str) -> float:  # 7.5 pt: a full-width character is about 2.65 mm, others half
        return sum(1.0 if ord(ch) > 0xFF else 0.55 for ch in text)

    def header(c) -> float:
        return max(chars(line) for line in c.label.split("\n")) * 2.75 * mm + 5 * mm

    fixed = {"yen": 24 * mm, "count": 17 * mm, "rate": 16 * mm}
    numbers = [max(fixed[c.kind], header(c)) if c.kind in fixed else 0 for c in table.columns]
    wanted = [min(max(max([chars(str(r.cells[j] or "")) for r in table.rows], default=0) * 2.75 * mm + 6 * mm,
                      header(c), 18 * mm), 70 * mm) if c.kind == "text" else 0
              for j, c in enumerate(table.columns)]
    scale = min(1.0, max(WIDTH - sum(numbers), 30 * mm) / max(sum(wanted), 1))
    return [numbers[j] or max(wanted[j] * scale, 14 * mm) for j in range(len(table.columns))]


def _sources(agg: Aggregate) -> Table:
    data = [["ファイル", "所管課コード", "所管課名", "年度", "基準日", "債権名の数", "収入未済額（合計、円）"]]
    for f in sorted(agg.files, key=lambda x: (x.fiscal_year, x.department_code)):
        t = total(r for r in f.rows if r.category == "total")
        data.append([Path(f.name).name, f.department_code, f.department_name, format_fiscal_year(f.fiscal_year),
                     f.as_of.isoformat(), str(len(f.rows) // 3), format_cell(t.outstanding, "yen")])
    return Table(data, hAlign="LEFT", repeatRows=1, style=TableStyle([
        ("FONT", (0, 0), (-1, -1), GOTHIC, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD), ("ALIGN", (5, 1), (-1, -1), "RIGHT"),
    ]))
