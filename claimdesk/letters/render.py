"""Letters to PDF: each form's body filled in, laid out, and drawn with reportlab."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from ..fonts import GOTHIC, MINCHO, register_fonts
from .envelope import PAGE_HEIGHT, PAGE_WIDTH, Window
from .layout import BODY, SMALL, Flow, Page, number_pages
from .model import LetterData, placeholder_values
from .payment_slip import SlipData, draw_slip
from .tables import claims_table, contact_box, instalment_table, signature_block
from .templates import CONDITIONAL, Forms, LetterTemplate, fill

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Placement:
    """Where one letter sits in a batch PDF: its first page (1-based) and page count."""

    first_page: int
    pages: int


def layout_letter(data: LetterData, template: LetterTemplate, window: Window | None = None,
                  *, fold_marks: bool = True) -> list[Page]:
    """The pages of one letter, as drawing operations."""
    values = placeholder_values(data)
    flow = Flow(data, fill(template.title, values), window or Window(), fold_marks)
    if data.copy:
        flow.gap(2)
        flow.paragraph(fill(template.copy_note, values), style=SMALL)
        flow.gap(6)
    if data.to_heir and not template.words_heirs:
        # A department's own form with no heir wording: say at the top whose debt this is.
        flow.gap(2)
        flow.paragraph(heir_notice(data), style=SMALL)
        flow.gap(6)
    for block in template.body:
        name = block.directive
        text = fill(block.parts, values)
        if name in CONDITIONAL and (name == "相続人あて") != data.to_heir:
            continue
        if name in ("", *CONDITIONAL):
            flow.paragraph(text)
        elif name == "相続分":
            if data.share_sentence():
                flow.paragraph("　" + data.share_sentence())
        elif name == "空行":
            flow.gap()
        elif name == "記":
            flow.gap(4)
            flow.paragraph("記", align="centre")
            flow.gap(2)
        elif name == "以上":
            flow.paragraph("以上", align="right")
        elif name == "中央":
            flow.paragraph(text, align="centre")
        elif name == "右":
            flow.paragraph(text, align="right")
        elif name == "見出し":
            flow.gap(2)
            flow.paragraph(text, font=GOTHIC)
        elif name == "小":
            flow.style = SMALL
        elif name == "標準":
            flow.style = BODY
        elif name == "改ページ":
            flow.new_page()
        elif name == "債権一覧":
            claims_table(flow, template.show_charges)
        elif name == "分納計画":
            instalment_table(flow)
        elif name == "署名欄":
            signature_block(flow, text)
        elif name == "問合せ":
            contact_box(flow)
    number_pages(flow.pages)
    return flow.pages


def heir_notice(data: LetterData) -> str:
    """The words a letter to an heir opens with when its form has none of its own."""
    return (f"本書は、被相続人 {data.debtor.name} 様の下記の債務を相続により承継された相続人であるあなたに"
            f"お送りするものです。文中の「あなた」の債務は、被相続人の債務を指します。" + data.share_sentence())


def draw_pages(canvas: Canvas, pages: Iterable[Page]) -> None:
    """Draw laid-out pages, one showPage each."""
    for ops in pages:
        font = None
        for op in ops:
            kind = op[0]
            if kind == "T":
                _, x, y, name, size, text, cs = op
                if font != (name, size):
                    canvas.setFont(name, size)
                    font = (name, size)
                if cs:
                    canvas.drawString(x, y, text, charSpace=cs)
                else:
                    canvas.drawString(x, y, text)
            elif kind == "L":
                canvas.setLineWidth(op[5])
                canvas.line(op[1], op[2], op[3], op[4])
            else:
                _, x, y, w, h, line, gray = op
                canvas.setLineWidth(line)
                if gray is not None:
                    canvas.setFillGray(gray)
                    canvas.rect(x, y, w, h, stroke=1, fill=1)
                    canvas.setFillGray(0)
                else:
                    canvas.rect(x, y, w, h, stroke=1, fill=0)
        canvas.showPage()


def new_canvas(output: str | Path | BinaryIO, title: str = "", author: str = "") -> Canvas:
    """An A4 canvas with the fonts registered; `invariant` so the same letters give the same bytes."""
    register_fonts()
    # The initial font would otherwise be Helvetica: not embedded, named on every page.
    canvas = Canvas(str(output) if isinstance(output, Path) else output,
                    pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1,
                    initialFontName=MINCHO, initialFontSize=10.5)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("ClaimDesk")
    return canvas


def render_letters(
    letters: Sequence[LetterData],
    forms: Forms,
    output: str | Path | BinaryIO,
    *,
    window: Window | None = None,
    fold_marks: bool = True,
    title: str = "",
    progress: Progress | None = None,
    enclosures: Sequence[Sequence[SlipData]] | None = None,
) -> list[Placement]:
    """Render `letters` into one PDF at `output`; returns where each letter's pages are.

    `enclosures[i]` are the 納付書 printed right after letter i (they count among its
    pages: they go in the same envelope). `progress(done, total)` is called before the
    first letter and after each; it may raise to stop (the caller then discards the
    unfinished file).
    """
    by_name = {t.name: t for t in forms.templates}
    author = letters[0].sender.department if letters else ""
    canvas = new_canvas(output, title, author)
    placements, page = [], 1
    total = len(letters)
    if progress:
        progress(0, total)
    for n, data in enumerate(letters, start=1):
        pages = layout_letter(data, by_name[data.template], window, fold_marks=fold_marks)
        draw_pages(canvas, pages)
        slips = enclosures[n - 1] if enclosures else ()
        for slip in slips:
            draw_slip(canvas, slip)
        placements.append(Placement(page, len(pages) + len(slips)))
        page += len(pages) + len(slips)
        if progress:
            progress(n, total)
    if not letters:
        canvas.setFont(MINCHO, 10.5)
        canvas.drawString(72, PAGE_HEIGHT - 72, "（対象の文書はありません）")
        canvas.showPage()
    canvas.save()
    return placements


def render_slips(slips: Sequence[SlipData], output: str | Path | BinaryIO, *, title: str = "",
                 progress: Progress | None = None) -> None:
    """Render 納付書 alone, one page each, into one PDF at `output`."""
    canvas = new_canvas(output, title, slips[0].sender.department if slips else "")
    if progress:
        progress(0, len(slips))
    for n, slip in enumerate(slips, start=1):
        draw_slip(canvas, slip)
        if progress:
            progress(n, len(slips))
    canvas.save()
