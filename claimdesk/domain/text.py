"""Text as clerks search it (kana in any form match alike), and sentences kept as data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

_HIRAGANA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)} | {ord("ゝ"): "ヽ", ord("ゞ"): "ヾ"}
_IGNORED = re.compile(r"[\s\-‐－―−・･()（）]")


def search_key(*parts: str) -> str:
    """Fold text for matching: 全角/半角, ひらがな/カタカナ, case, spaces and hyphens."""
    text = unicodedata.normalize("NFKC", "".join(p or "" for p in parts))
    return _IGNORED.sub("", text.translate(_HIRAGANA)).casefold()


@dataclass(frozen=True)
class Phrase:
    """A sentence as data: a template and its values, the dates left for each face to write.

    The command line and the log write ISO dates, the window 和暦; neither takes a finished
    sentence apart again to change them.
    """

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, template: str, **params: Any) -> Phrase:
        """The phrase of `template` with `params` (dates kept as dates)."""
        return cls(template, tuple(params.items()))

    def param(self, name: str) -> Any:
        """The value of one parameter."""
        return dict(self.params)[name]

    def text(self, day: Callable[[date], str] = date.isoformat) -> str:
        """The sentence, each date written by `day` (ISO unless told)."""
        return self.template.format(**{k: _written(v, day) for k, v in self.params})


def _written(value: Any, day: Callable[[date], str]) -> Any:
    """A parameter as text: a date by `day`, a phrase inside a phrase with the same dates."""
    if isinstance(value, Phrase):
        return value.text(day)
    return day(value) if isinstance(value, date) else value

