"""Text as clerks search it: kana in any form, with or without spaces, match alike."""

from __future__ import annotations

import re
import unicodedata

_HIRAGANA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)} | {ord("ゝ"): "ヽ", ord("ゞ"): "ヾ"}
_IGNORED = re.compile(r"[\s\-‐－―−・･()（）]")


def search_key(*parts: str) -> str:
    """Fold text for matching: 全角/半角, ひらがな/カタカナ, case, spaces and hyphens."""
    text = unicodedata.normalize("NFKC", "".join(p or "" for p in parts))
    return _IGNORED.sub("", text.translate(_HIRAGANA)).casefold()
