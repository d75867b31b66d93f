"""A letter laid out as pages of drawing operations, before anything touches a PDF.

Laying out first and drawing afterwards lets a letter know how many pages it has (for
"1 / 3") and lets the benchmark replay exactly the same drawing through bare reportlab.
An operation is a tuple: ("T", x, y, font, size, text, char_space), ("L", x1, y1, x2, y2,
line_width) or ("B", x, y, w, h, line_width, fill_gray or None), in points from the
page's bottom-left corner.
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm

from ..fonts import GOTHIC, MINCHO, metrics
from .envelope import FOLD_AT_MM, PAGE_HEIGHT, PAGE_WIDTH, Window, postal_code_text
from .kinsoku import cached_break
from .model import LetterData

LEFT, RIGHT = 25 * mm, PAGE_WIDTH - 20 * mm
TOP_CONTINUED, BOTTOM = PAGE_HEIGHT - 20 * mm, 17 * mm
BODY_TOP = PAGE_HEIGHT - 78 * mm  # below the window, the letterhead and the title
TITLE_BASELINE = PAGE_HEIGHT - 69 * mm
BODY, SMALL = (MINCHO, 10.5, 16.5), (MINCHO, 9.0, 13.5)  # font, size, leading
_HANGING = re.compile(r"^(?:[0-9０-９]{1,2}|[（(][0-9０-９]{1,2}[）)]|[・※])[\u3000 ]")
_MAX_SPREAD_EM = 2.0  # a broken line is justified only if it lacks less than this
_MAX_SQUEEZE = 0.06  # of a line's width: how much a line may tighten to take in an orphan

Op = tuple
Page = list


def width(text: str, font: str, size: float) -> float:
    return metrics(font).text(text, size)


class Flow:
    """Places a letter's lines from top to bottom, starting new pages as they fill."""

    def __init__(self, data: LetterData, title: str, window: Window, fold_marks: bool = True):
        self.data, self.title, self.window = data, title, window
        self.pages: list[Page] = [[]]
        self.ops = self.pages[0]
        self.y = BODY_TOP
        self.style = BODY
        self._head(fold_marks)

    # --- primitives ------------------------------------------------------------------

    def text(self, x: float, y: float, s: str, font: str = MINCHO, size: float = 10.5, cs: float = 0.0) -> None:
        if s:
            self.ops.append(("T", x, y, font, size, s, cs))

    def right(self, x: float, y: float, s: str, font: str = MINCHO, size: float = 10.5) -> None:
        self.text(x - width(s, font, size), y, s, font, size)

    def centre(self, x: float, y: float, s: str, font: str = MINCHO, size: float = 10.5, cs: float = 0.0) -> None:
        w = width(s, font, size) + cs * max(len(s) - 1, 0)
        self.text(x - w / 2, y, s, font, size, cs)

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.5) -> None:
        self.ops.append(("L", x1, y1, x2, y2, w))

    def box(self, x: float, y: float, w: float, h: float, line: float = 0.5, fill: float | None = None) -> None:
        self.ops.append(("B", x, y, w, h, line, fill))

    def new_page(self) -> None:
        self.ops = []
        self.pages.append(self.ops)
        self.y = TOP_CONTINUED
        who = f"{self.data.recipient.name} 様　{self.title}"
        self.right(RIGHT, PAGE_HEIGHT - 12 * mm, who, MINCHO, 8)

    def need(self, height: float) -> None:
        """Start a new page unless `height` points still fit above the bottom margin."""
        if self.y - height < BOTTOM:
            self.new_page()

    # --- text ------------------------------------------------------------------------

    def paragraph(self, s: str, align: str = "left", font: str | None = None,
                  style: tuple | None = None, indent: float = 0.0) -> None:
        """A paragraph: wrapped with kinsoku, a hanging indent for numbered items."""
        f, size, leading = style or self.style
        font = font or f
        left = LEFT + indent
        avail = RIGHT - left
        hang = _HANGING.match(s)
        rest = avail - width(hang.group(), font, size) if hang else None
        lines = list(cached_break(s, avail, font, size, rest))
        if len(lines) > 1 and len(lines[-1]) <= 2:  # 「い。」 alone on a line: tighten the one before
            room = avail if len(lines) == 2 or rest is None else rest
            if width(lines[-2] + lines[-1], font, size) <= room * (1 + _MAX_SQUEEZE):
                lines[-2:] = [lines[-2] + lines[-1]]
        last = len(lines) - 1
        for i, line in enumerate(lines):
            self.need(leading)
            self.y -= leading
            x = left if i == 0 or rest is None else RIGHT - rest
            if align == "centre":
                self.centre((LEFT + RIGHT) / 2, self.y, line, font, size)
            elif align == "right":
                self.right(RIGHT, self.y, line, font, size)
            else:
                cs = 0.0
                room = (avail if i == 0 or rest is None else rest) - width(line, font, size)
                if len(line) > 1 and (room < 0 or i < last and room < _MAX_SPREAD_EM * size):
                    cs = room / (len(line) - 1)
                self.text(x, self.y, line, font, size, cs)

    def gap(self, points: float | None = None) -> None:
        self.y -= self.style[2] * 0.6 if points is None else points

    # --- the first page's head ---------------------------------------------------------

    def _head(self, fold_marks: bool) -> None:
        d, s = self.data, self.data.sender
        self.right(RIGHT, PAGE_HEIGHT - 18 * mm, d.date_text(d.issued_on))
        self.right(RIGHT, PAGE_HEIGHT - 42 * mm, s.issuer, MINCHO, 11.5)
        if s.department and s.department != s.issuer:
            self.right(RIGHT, PAGE_HEIGHT - 48 * mm, s.department, MINCHO, 9)
        self._window()
        title = self.title + ("（写）" if d.copy else "")
        n = len(title)
        spacing = 18.0 if n <= 5 else 4.0 if n <= 8 else 0.0  # 督　促　状, as printed forms space it
        self.centre(PAGE_WIDTH / 2, TITLE_BASELINE, title, GOTHIC, 18, spacing)
        if d.copy:
            self.box(8 * mm, PAGE_HEIGHT - 14 * mm, 10 * mm, 8 * mm, 1.0)
            self.text(10.3 * mm, PAGE_HEIGHT - 11.8 * mm, "写", GOTHIC, 14)
        if fold_marks:  # where to fold for a 長3 window envelope
            for at in FOLD_AT_MM:
                y = PAGE_HEIGHT - at * mm
                self.line(3 * mm, y, 7 * mm, y, 0.3)

    def _window(self) -> None:
        """Postal code, address, name and 債務者番号, centred in the envelope window."""
        w, to = self.window, self.data.recipient
        x, avail = w.text_left, w.text_width
        rows = [(postal_code_text(to.postal_code), 11.0, 0.0, 0.0)]  # text, size, space above, indent
        size = 10.5
        lines = _address_lines(to.address, avail, size)
        if len(lines) > 3:  # a very long address: smaller rather than out of the window
            size = 9.0
            lines = _address_lines(to.address, avail, size)[:4]
        rows += [(line, size, 3.5, 0.0) for line in lines]
        if to.corporate:
            rows.append((to.name, _size_for(to.name, avail, 13), 8.0, 0.0))
            if to.representative:
                rows.append((f"{to.representative}　様", 12.0, 4.0, 6.0))
            else:
                rows.append(("御中", 12.0, 4.0, avail - width("御中", MINCHO, 12)))
        else:
            name = f"{to.name}　様"
            rows.append((name, _size_for(name, avail, 15), 8.0, 0.0))
        if to.reference:
            kind = to.kind or ("連帯保証人" if self.data.to_guarantor else "相続人" if self.data.to_heir else "")
            ref = f"債務者番号 {to.reference}" + (f"（{kind}あて）" if kind else "")
            rows.append((ref, 7.5, 5.0, 0.0))
        height = sum(size + above for _, size, above, _ in rows)
        room = w.text_top - w.text_bottom
        y = w.text_top - max(0.0, (room - height) / 2)
        for text, size, above, indent in rows:
            y -= size + above
            self.text(x + indent, y, text, MINCHO, size)


def _address_lines(address: str, avail: float, size: float) -> list[str]:
    """The street on one line and the building on the next, as Japanese addresses are written."""
    street, _, building = re.sub(r"\s+", " ", address.replace("\u3000", " ")).strip().partition(" ")
    lines = list(cached_break(street, avail, MINCHO, size))
    if building:
        lines += cached_break(building, avail, MINCHO, size)
    return lines


def _size_for(s: str, avail: float, size: float) -> float:
    """`size`, or smaller so that `s` fits `avail` points on one line (not below 8 pt)."""
    natural = width(s, MINCHO, size)
    return size if natural <= avail else max(8.0, size * avail / natural)


def number_pages(pages: list[Page]) -> None:
    """Put "n / N" at the foot of every page of a letter that has more than one."""
    if len(pages) < 2:
        return
    for i, ops in enumerate(pages, start=1):
        s = f"{i} / {len(pages)}"
        ops.append(("T", PAGE_WIDTH / 2 - width(s, MINCHO, 9) / 2, 10 * mm, MINCHO, 9, s, 0.0))
