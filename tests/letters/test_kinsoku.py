"""Kinsoku: no line starts with 、。」）ー or a small kana, none ends with 「（, figures stay whole."""

from claimdesk.fonts import MINCHO, metrics
from claimdesk.letters.kinsoku import NO_LINE_END, NO_LINE_START, break_lines, cached_break, violations


def one_em(s: str) -> float:
    """Every character one unit wide: line n holds exactly `width` characters."""
    return float(len(s))


FILLER = "督促状納付期限延滞金催告書"
STARTERS = "、。」）ーッャ々！？"  # each would start a line
ENDERS = "「（〒"  # each would end a line


def trap(width: int) -> str:
    """A paragraph whose every blind cut at `width` characters lands on a forbidden break."""
    parts = [(FILLER * 2)[:width]]
    for i, ch in enumerate(STARTERS):
        parts.append(ch + FILLER[i % 3:][: width - 1])
    for ch in ENDERS:
        parts.append(FILLER[: width - 1] + ch)
    return "".join(parts) + "引用）終わり。"


def test_paragraph_built_to_hit_every_forbidden_break():
    for width in (8, 10, 12):
        text = trap(width)
        naive = [text[i:i + width] for i in range(0, len(text), width)]
        hit = {line[0] for line in naive[1:]} | {line[-1] for line in naive[:-1]}
        assert set(STARTERS) <= hit and set(ENDERS) <= hit, "the trap must hit every forbidden break"
        assert len(violations(naive)) >= len(STARTERS) + len(ENDERS)
        lines = break_lines(text, width, one_em)
        assert violations(lines) == [], (width, lines)
        assert "".join(lines) == text  # nothing lost, nothing added
        assert all(len(line) <= width for line in lines)
        for i, line in enumerate(lines):
            if i:
                assert line[0] not in NO_LINE_START, line
            if i < len(lines) - 1:
                assert line[-1] not in NO_LINE_END, line


def test_figures_codes_and_phone_numbers_are_never_split():
    text = "金額は一二三四五六12,345円で、電話は03-5432-0000、番号はHO2024-000024です。"
    for width in range(14, 30):
        lines = break_lines(text, width, one_em)
        joined = "\n".join(lines)
        for whole in ("12,345円", "03-5432-0000", "HO2024-000024"):
            assert whole in joined, (width, lines)
        assert violations(lines) == []


def test_hanging_width_after_the_first_line():
    lines = break_lines("１　" + "あ" * 30, 12, one_em, rest_width=10)
    assert [len(x) for x in lines] == [12, 10, 10]


def test_a_unit_longer_than_a_line_is_cut_where_kinsoku_allows():
    lines = break_lines("あいうhttps://example.jp/very/long/path/name", 12, one_em)
    assert all(len(x) <= 12 for x in lines)
    assert "".join(lines) == "あいうhttps://example.jp/very/long/path/name"


def test_with_the_real_font_lines_fit_the_width():
    m = metrics(MINCHO)
    width = 200.0  # points: about 19 characters at 10.5 pt
    text = trap(19) * 3
    lines = cached_break(text, width, MINCHO, 10.5)
    assert violations(list(lines)) == []
    assert all(m.text(line, 10.5) <= width + 1e-6 for line in lines)
    assert "".join(lines) == text
