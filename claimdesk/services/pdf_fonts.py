"""The IPAex fonts for the reports' PDFs (個票, the aggregator's tables).

Reports embed the same bundled fonts as the letters, so a PDF prints the same on any
machine; until the letters' font module is available this registers them itself.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .paths import resources_dir

GOTHIC = "IPAexGothic"
MINCHO = "IPAexMincho"
_FILES = {GOTHIC: "ipaexg.ttf", MINCHO: "ipaexm.ttf"}
_lock = threading.Lock()


def register_pdf_fonts() -> None:
    """Register IPAexゴシック and IPAex明朝 with reportlab once per process."""
    with _lock:  # exports run in worker threads
        registered = pdfmetrics.getRegisteredFontNames()
        for name, file in _FILES.items():
            if name not in registered:
                path = resources_dir() / "fonts" / file
                if not path.exists():
                    raise FileNotFoundError(f"フォントファイルがありません: {path}")
                pdfmetrics.registerFont(TTFont(name, str(path)))
