"""IPAex fonts for letters and reports, registered with reportlab and embedded (as subsets) in each PDF.

Why embed: a letter must print the same on any machine and stay readable as an archived
copy, so nothing may depend on the fonts a PC happens to have. reportlab's TTFont embeds
only the glyphs a document uses (FontFile2 in the PDF), which keeps a batch small.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .bundled import fonts_dir

MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"
_FILES = {MINCHO: "ipaexm.ttf", GOTHIC: "ipaexg.ttf"}
_lock = threading.Lock()


def register_fonts(font_dir: Path | None = None) -> None:
    """Register IPAex明朝 and IPAexゴシック with reportlab once per process."""
    with _lock:  # batches may run in a worker thread while the GUI previews
        registered = pdfmetrics.getRegisteredFontNames()
        for name, file in _FILES.items():
            if name not in registered:
                path = (font_dir or fonts_dir()) / file
                if not path.exists():
                    raise FileNotFoundError(f"フォントファイルがありません: {path}")
                pdfmetrics.registerFont(TTFont(name, str(path)))


@dataclass
class Metrics:
    """Character widths of one font, as a plain dict: line breaking measures every character."""

    name: str

    def __post_init__(self) -> None:
        face = pdfmetrics.getFont(self.name).face
        self._default = face.defaultWidth / 1000.0
        self._widths = {chr(code): w / 1000.0 for code, w in face.charWidths.items()}

    def char(self, ch: str) -> float:
        """Width of `ch` at 1 pt, in points."""
        return self._widths.get(ch, self._default)

    def text(self, s: str, size: float) -> float:
        """Width of `s` at `size` points."""
        get, default = self._widths.get, self._default
        return sum([get(c, default) for c in s]) * size


_metrics: dict[str, Metrics] = {}


def metrics(name: str) -> Metrics:
    """The width table of a registered font."""
    m = _metrics.get(name)
    if m is None:
        register_fonts()
        m = _metrics[name] = Metrics(name)
    return m
