"""Where the address goes so it shows through the window of a 長形3号 envelope.

A 長3 envelope (120 × 235 mm) takes an A4 sheet folded in three (210 × 99 mm panels).
Its address window must be at least 45 × 80 mm by postal rules (日本郵便「窓付封筒」
guideline); ready-made 長3 window envelopes from the large makers use about 90 × 45 mm,
and with the sheet's top panel facing out the window falls about 23 mm from the sheet's
left edge and 12–15 mm from its top. The default below (23, 13, 90, 45) is that common
position; a department whose envelopes differ sets letter_window_* in the ledger.

The sheet moves a few millimetres inside the envelope, and the post office asks that the
postal code and address never slide out of sight, so the text keeps `inset` millimetres
clear of every edge of the window.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reportlab.lib.units import mm

from ..domain.errors import REASONS, Refusal

REASONS.update({
    "window_too_small": "窓の大きさは郵便の規則により 80×45mm 以上です",
    "window_off_top_panel": "窓は用紙の一番上の面（上から99mmまで）に収まる位置にしてください",
})
# A4 portrait in points; a tri-fold's panels are a third of the height each.
PAGE_WIDTH, PAGE_HEIGHT = 210 * mm, 297 * mm
FOLD_AT_MM = (99.0, 198.0)


@dataclass(frozen=True)
class Window:
    """The envelope window on the unfolded sheet, in millimetres from its top-left corner."""

    left: float = 23.0
    top: float = 13.0
    width: float = 90.0
    height: float = 45.0
    inset: float = 4.0

    def __post_init__(self) -> None:
        if self.width < 80 or self.height < 45:
            raise Refusal(None, "window_too_small")
        if self.left + self.width > 210 or self.top + self.height > FOLD_AT_MM[0]:
            raise Refusal(None, "window_off_top_panel")

    # reportlab measures from the bottom-left corner, in points.
    @property
    def text_left(self) -> float:
        return (self.left + self.inset) * mm

    @property
    def text_top(self) -> float:
        """Baseline region's top (points from the page bottom)."""
        return PAGE_HEIGHT - (self.top + self.inset) * mm

    @property
    def text_bottom(self) -> float:
        return PAGE_HEIGHT - (self.top + self.height - self.inset) * mm

    @property
    def text_width(self) -> float:
        return (self.width - 2 * self.inset) * mm

    @property
    def right(self) -> float:
        """The window's right edge (points from the page's left)."""
        return (self.left + self.width) * mm


def postal_code_text(code: str) -> str:
    """'1540005' or '154-0005' → '〒154-0005'; anything else is printed as given."""
    digits = "".join(c for c in unicodedata.normalize("NFKC", code) if c.isascii() and c.isdigit())
    if len(digits) == 7:
        return f"〒{digits[:3]}-{digits[3:]}"
    return f"〒{code}" if code else ""
