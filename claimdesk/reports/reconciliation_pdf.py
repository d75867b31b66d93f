"""The reconciliation of receipt files (収納データ照合結果) as PDF, A4 landscape: the totals,
then each file's lines with their outcome and reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.money import format_yen
from ..domain.reconciliation import OUTCOME_LABELS, OUTCOMES, TakenFile, totals
from ..fonts import GOTHIC, register_fonts
from .pdf_pages import build_numbered

GRID = colors.HexColor("#808080")
HEAD = colors.HexColor("#dde6f2")
UNMATCHED = colors.HexColor("#fbe3e3")
FAILED = colors.HexColor("#fff4d6")
LINE_HEADS = ("行", "結果", "顧客番号・納付番号", "債務者", "債権", "日付", "金額", "備考")
WIDTHS = [12 * mm, 30 * mm, 40 * mm, 45 * mm, 30 * mm, 22 * mm, 24 * mm, 70 * mm]


def file_state(f: TakenFile) -> str:
    """取込済み（取込み番号 N） or 取込み中止."""
    if not f.taken:
        return "取込み中止（台帳は変更していません）"
    return f"取込済み（取込み番号 {f.batch_id}）" if f.batch_id else "取込済み（収納なし）"


def write_reconciliation_pdf(files: list[TakenFile], made_at: datetime, operator: str, path: str | Path) -> Path:
    """Write the reconciliation to `path`; the service makes the write atomic."""
    register_fonts()
    st = {"title": ParagraphStyle("t", fontName=GOTHIC, fontSize=15, leading=20),
          "head": ParagraphStyle("h", fontName=GOTHIC, fontSize=11, leading=15, spaceBefore=8, spaceAfter=3),
          "cell": ParagraphStyle("c", fontName=GOTHIC, fontSize=7.5, leading=9)}
    story = [Paragraph("収納データ照合結果", st["title"]),
             Paragraph(escape(f"作成 {made_at:%Y-%m-%d %H:%M}　{operator}"), st["cell"]), Spacer(0, 3 * mm),
             _totals(files)]
    for f in files:
        when = f"　引落日 {f.paid_on.isoformat()}" if f.paid_on else ""
        story.append(Paragraph(escape(f"{f.file}　{f.kind_label}{when}　{file_state(f)}"), st["head"]))
        story.append(_lines(f, st["cell"]))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title="収納データ照合結果",
                            creator="債権管理デスク")
    build_numbered(doc, story, number_at=6 * mm)
    return Path(path)


def _totals(files: list[TakenFile]) -> Table:
    sums = totals(files)
    data = [["", *(OUTCOME_LABELS[o] for o in OUTCOMES)],
            ["件数", *(f"{sums[o][0]:,}件" for o in OUTCOMES)],
            ["金額", *(format_yen(sums[o][1]) for o in OUTCOMES)]]
    return Table(data, hAlign="LEFT", colWidths=[18 * mm] + [38 * mm] * len(OUTCOMES), style=TableStyle([
        ("FONT", (0, 0), (-1, -1), GOTHIC, 8), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))


def _lines(f: TakenFile, cell: ParagraphStyle) -> Table:
    data: list[list] = [list(LINE_HEADS)]
    style = [("FONT", (0, 0), (-1, -1), GOTHIC, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD), ("ALIGN", (6, 1), (6, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, r in enumerate(f.lines, start=1):
        data.append([str(r.line), r.outcome_label, r.key, Paragraph(escape(f"{r.debtor_id} {r.debtor_name}".strip()), cell),
                     Paragraph(escape("、".join(r.claim_ids)), cell), r.paid_on.isoformat() if r.paid_on else "",
                     format_yen(r.amount), Paragraph(escape(r.reason), cell)])
        if r.outcome in ("unmatched", "failed", "awaiting"):
            style.append(("BACKGROUND", (0, i), (-1, i), UNMATCHED if r.outcome == "unmatched" else FAILED))
    return Table(data, colWidths=WIDTHS, repeatRows=1, hAlign="LEFT", style=TableStyle(style))
