"""What the 経過記録書 and 引継書 share: styles, paragraphs and ruled tables in the IPAex fonts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from ..domain.dates import format_wareki
from ..fonts import GOTHIC, MINCHO, register_fonts
from .pdf_pages import build_numbered

WIDTH = A4[0] - 30 * mm
GRID = colors.HexColor("#808080")
SHADE = colors.HexColor("#eef2f7")
NONE = "－"


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of a text report (the fonts registered first: paragraphs need them)."""
    register_fonts()
    base = ParagraphStyle("base", fontName=MINCHO, fontSize=9, leading=12.5)
    return {
        "title": ParagraphStyle("title", base, fontName=GOTHIC, fontSize=16, leading=22),
        "sub": ParagraphStyle("sub", base, fontName=GOTHIC, fontSize=9.5, leading=13),
        "head": ParagraphStyle("head", base, fontName=GOTHIC, fontSize=11, leading=16, spaceBefore=7, spaceAfter=3),
        "head2": ParagraphStyle("head2", base, fontName=GOTHIC, fontSize=9.5, leading=13, spaceBefore=4,
                                spaceAfter=2),
        "text": base,
        "note": ParagraphStyle("note", base, fontSize=7.5, leading=10),
        "cell": ParagraphStyle("cell", base, fontSize=7.8, leading=10),
        "cellg": ParagraphStyle("cellg", base, fontName=GOTHIC, fontSize=7.8, leading=10),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def day(d: date | None) -> str:
    """A date in 和暦 (令和8年12月1日), or a dash."""
    return format_wareki(d) if d is not None else NONE


def ruled(rows: list[list], widths: list[float], *, cell: ParagraphStyle, right: tuple[int, ...] = (),
          head_rows: int = 1) -> Table:
    """A ruled table: text cells wrap (as paragraphs), `right` columns are right-aligned figures."""
    data = []
    for r, row in enumerate(rows):
        data.append([value if not isinstance(value, str) or r < head_rows or c in right else para(value, cell)
                     for c, value in enumerate(row)])
    style = [("FONT", (0, 0), (-1, -1), GOTHIC, 7.8), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEADING", (0, 0), (-1, -1), 10),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    if head_rows:
        style += [("BACKGROUND", (0, 0), (-1, head_rows - 1), SHADE), ("ALIGN", (0, 0), (-1, head_rows - 1), "CENTER")]
    for c in right:
        style.append(("ALIGN", (c, head_rows), (c, -1), "RIGHT"))
    return Table(data, colWidths=widths, style=TableStyle(style), repeatRows=head_rows, hAlign="LEFT")


def pairs(rows: list[tuple[str, str]], st: dict, label_width: float = 30 * mm) -> Table:
    """A two-column table of labels and values."""
    return Table([[label, para(value or NONE, st["cell"])] for label, value in rows],
                 colWidths=[label_width, WIDTH - label_width], hAlign="LEFT", style=TableStyle([
                     ("FONT", (0, 0), (0, -1), GOTHIC, 7.8), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                     ("BACKGROUND", (0, 0), (0, -1), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))


def build(path: str | Path, story: list, *, title: str, author: str, subject: str) -> Path:
    """Write `story` to an A4 PDF at `path` with numbered pages."""
    register_fonts()
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
                            bottomMargin=14 * mm, title=title, author=author, subject=subject, creator="債権管理デスク")
    build_numbered(doc, story, number_at=7 * mm)
    return path
