"""Line breaking for Japanese with kinsoku (禁則処理, after JIS X 4051).

No line may start with closing brackets, 、。, prolonged sound marks, small kana and the
like; no line may end with an opening bracket or 〒/￥. Figures such as 12,000円,
03-1234-5678 or HO2022-000001 are never split. The method is 追い出し (pushing the
offending character's neighbour to the next line), so the text never overhangs the
margin; the layout then spreads the characters of a broken line to keep a straight edge.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# 行頭禁則: closing brackets, punctuation, iteration marks, prolonged sound mark,
# small kana, and units that belong to the figure before them.
NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!‼⁇⁈⁉）)］]｝}〕〉》」』】〙〗〟’”｠»"
    "ゝゞヽヾ々〻ー－‐゠–～〜…‥"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "％%℃°′″"
)
# 行末禁則: opening brackets and marks that lead what follows.
NO_LINE_END = frozenset("（(［[｛{〔〈《「『【〘〖〝‘“｟«￥¥＄$＃#〒")

# Runs never split: Latin words, figures with their separators and unit (12,000円).
_UNBREAKABLE = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ][0-9０-９A-Za-zＡ-Ｚａ-ｚ,.，．\-－/:_@]*[円]?|…+|‥+|―+|—+")

Width = Callable[[str], float]


def units(text: str) -> list[str]:
    """`text` cut where a line may break: kinsoku characters cling to their neighbours."""
    pieces: list[str] = []
    pos = 0
    for m in _UNBREAKABLE.finditer(text):
        pieces.extend(text[pos:m.start()])
        pieces.append(m.group())
        pos = m.end()
    pieces.extend(text[pos:])
    out: list[str] = []
    carry = ""  # opening brackets waiting for what they open
    for piece in pieces:
        if out and not carry and piece[0] in NO_LINE_START:
            out[-1] += piece
        elif piece[-1] in NO_LINE_END:
            carry += piece
        else:
            out.append(carry + piece)
            carry = ""
    if carry:
        out.append(carry)
    return out


def break_lines(text: str, width: float, measure: Width, rest_width: float | None = None) -> list[str]:
    """Break `text` into lines no wider than `width` (`rest_width` after the first line).

    A unit longer than a whole line is cut by characters where kinsoku allows it, as
    nothing else can be done; spaces where a line breaks are dropped.
    """
    full = width if rest_width is None else rest_width
    lines: list[str] = []
    line, used, limit = "", 0.0, width
    for unit in units(text):
        w = measure(unit)
        if used + w <= limit + 1e-6:
            line, used = line + unit, used + w
            continue
        if w > full + 1e-6:  # fits no line: fill this one with its head, then go on
            while used + w > limit + 1e-6:
                cut = _fit(unit, limit - used, measure)
                if cut:
                    lines.append(line + unit[:cut])
                    unit = unit[cut:]
                    w = measure(unit)
                elif line.strip():
                    lines.append(line.rstrip(" "))
                else:  # not even one character fits: give it a line of its own
                    lines.append(unit[0])
                    unit = unit[1:]
                    w = measure(unit)
                line, used, limit = "", 0.0, full
            line, used = unit, w
            continue
        if line.strip():
            lines.append(line.rstrip(" "))
            unit = unit.lstrip(" ")
            w = measure(unit)
        line, used, limit = unit, w, full
    if line or not lines:
        lines.append(line.rstrip(" "))
    return lines


def _fit(unit: str, room: float, measure: Width) -> int:
    """How many leading characters of `unit` to put in `room`, kinsoku permitting (0: none)."""
    n = 0
    while n < len(unit) and measure(unit[:n + 1]) <= room + 1e-6:
        n += 1
    best = n
    while 0 < n < len(unit) and (unit[n] in NO_LINE_START or unit[n - 1] in NO_LINE_END):
        n -= 1
    return n or (best if best and len(unit) > best else 0)


@lru_cache(maxsize=4096)
def cached_break(text: str, width: float, font: str, size: float, rest_width: float | None = None) -> tuple[str, ...]:
    """`break_lines` with the font's metrics, remembered: letters repeat most paragraphs."""
    from ..fonts import metrics

    m = metrics(font)
    return tuple(break_lines(text, width, lambda s: m.text(s, size), rest_width))


def violations(lines: list[str]) -> list[str]:
    """Lines that break a kinsoku rule (for tests and checks), described."""
    bad = []
    for i, line in enumerate(lines):
        if i > 0 and line and line[0] in NO_LINE_START:
            bad.append(f"line {i + 1} starts with {line[0]!r}: {line}")
        if i < len(lines) - 1 and line and line[-1] in NO_LINE_END:
            bad.append(f"line {i + 1} ends with {line[-1]!r}: {line}")
    return bad
