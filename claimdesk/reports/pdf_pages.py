"""What every report PDF shares: the page number at the bottom right."""

from __future__ import annotations

from reportlab.platypus import SimpleDocTemplate

from ..fonts import GOTHIC


def build_numbered(doc: SimpleDocTemplate, story: list, *, number_at: float) -> None:
    """Build `doc` from `story`, each page numbered at its right margin, `number_at` above the edge."""

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(GOTHIC, 7)
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, number_at, f"{doc.page}")
        canvas.restoreState()

    # The canvas would start each page in Helvetica: a font named but not embedded, which
    # a PDF/A check or a printer without it complains about. Start in our embedded one.
    doc.initialFontName, doc.initialFontSize = GOTHIC, 7
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
