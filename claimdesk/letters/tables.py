"""The parts of a letter drawn from the ledger: claims table, instalments, signature, contact."""

from __future__ import annotations

from reportlab.lib.units import mm

from ..domain.dates import format_fiscal_year
from ..domain.money import format_amount
from ..fonts import GOTHIC, MINCHO, metrics
from .kinsoku import cached_break
from .layout import BOTTOM, LEFT, RIGHT, Flow

_CELL, _NOTE = 8.5, 7.0  # table text and the small line under a claim's name
_PAD = 1.6 * mm


def _columns(flow: Flow, show_charges: bool) -> list[tuple[str, float, str]]:
    """(heading, width in points, alignment) of the claims table; the first takes the rest."""
    charge = "遅延損害金" if flow.data.nature.value == "private" else "延滞金"
    cols = [("年度", 19 * mm, "c"), ("納期限", 29 * mm, "c"), ("未納額（円）", 24 * mm, "r")]
    if show_charges:
        cols += [(f"{charge}（円）", 22 * mm, "r"), ("計（円）", 24 * mm, "r")]
    rest = (RIGHT - LEFT) - sum(c[1] for c in cols)
    return [("債権名・内容", rest, "l")] + cols


def _header(flow: Flow, cols, height: float = 15.0) -> None:
    flow.need(height + 26)
    top = flow.y
    flow.box(LEFT, top - height, RIGHT - LEFT, height, 0.6, 0.9)
    x = LEFT
    for name, w, _ in cols:
        flow.centre(x + w / 2, top - height + 4.6, name, GOTHIC, _CELL)
        x += w
    flow.y = top - height


def _verticals(flow: Flow, cols, top: float) -> None:
    x = LEFT
    for _, w, _ in cols:
        flow.line(x, top, x, flow.y, 0.6)
        x += w
    flow.line(RIGHT, top, RIGHT, flow.y, 0.6)


def _cell(flow: Flow, x: float, w: float, align: str, y: float, s: str, font: str = MINCHO) -> None:
    if align == "r":
        flow.right(x + w - _PAD, y, s, font, _CELL)
    elif align == "c":
        flow.centre(x + w / 2, y, s, font, _CELL)
    else:
        flow.text(x + _PAD, y, s, font, _CELL)


def claims_table(flow: Flow, show_charges: bool) -> None:
    """The claims of the letter, one row each, with a total row; the header repeats per page."""
    d = flow.data
    cols = _columns(flow, show_charges)
    flow.gap(4)
    _header(flow, cols)
    top = flow.y
    first_w = cols[0][1] - 2 * _PAD
    mincho = metrics(MINCHO)
    for c in d.claims:
        names = list(cached_break(c.claim_type, first_w, MINCHO, _CELL))
        # The claim number goes right of the name when both fit: a row of two lines, not three.
        id_w = mincho.text(c.claim_id, _NOTE)
        id_beside = mincho.text(names[-1], _CELL) + 3 * mm + id_w <= first_w
        if id_beside:
            note_text = c.cause
        else:
            note_text = f"{c.cause}（{c.claim_id}）" if c.cause else c.claim_id
        note = cached_break(note_text, first_w, MINCHO, _NOTE) if note_text else ()
        height = 3 + len(names) * (_CELL + 1.5) + len(note) * (_NOTE + 1.5) + 2.5
        if flow.y - height < BOTTOM + 17:  # room for the total row below
            _verticals(flow, cols, top)
            flow.new_page()
            _header(flow, cols)
            top = flow.y
        y = flow.y - 3 - _CELL
        if id_beside:
            last_name_y = y - (len(names) - 1) * (_CELL + 1.5)
            flow.text(LEFT + cols[0][1] - _PAD - id_w, last_name_y, c.claim_id, MINCHO, _NOTE)
        for line in names:
            flow.text(LEFT + _PAD, y, line, MINCHO, _CELL)
            y -= _CELL + 1.5
        for line in note:
            y += 0.5
            flow.text(LEFT + _PAD, y, line, MINCHO, _NOTE)
            y -= _NOTE + 1.5
        values = [format_fiscal_year(c.fiscal_year), d.date_text(c.due_date), format_amount(c.principal)]
        if show_charges:
            values += [format_amount(c.late_charge), format_amount(c.total)]
        x = LEFT + cols[0][1]
        mid = flow.y - height / 2 - _CELL / 2 + 1.5
        for (_, w, align), s in zip(cols[1:], values):
            _cell(flow, x, w, align, mid, s)
            x += w
        flow.y -= height
        flow.line(LEFT, flow.y, RIGHT, flow.y, 0.3)
    flow.need(17)
    flow.line(LEFT, flow.y, RIGHT, flow.y, 0.9)
    row = 16.0
    totals = [format_amount(d.principal)] + ([format_amount(d.late_charges), format_amount(d.total)]
                                              if show_charges else [])
    label_y = flow.y - row + 5
    flow.text(LEFT + _PAD, label_y, f"合計（{len(d.claims)}件）", GOTHIC, _CELL)
    x = LEFT + sum(c[1] for c in cols[:3])
    for (_, w, align), s in zip(cols[3:], totals):
        _cell(flow, x, w, align, label_y, s, GOTHIC)
        x += w
    flow.y -= row
    flow.line(LEFT, flow.y, RIGHT, flow.y, 0.6)
    # the total row's cells: the label spans the first three columns
    x = LEFT
    for i, (_, w, _) in enumerate(cols):
        if i in (1, 2):
            flow.line(x, top, x, flow.y + row, 0.6)
        else:
            flow.line(x, top, x, flow.y, 0.6)
        x += w
    flow.line(RIGHT, top, RIGHT, flow.y, 0.6)
    flow.gap(6)


def instalment_table(flow: Flow) -> None:
    """The instalment schedule, in two columns when long; blank rows to fill in if none."""
    plan = flow.data.instalments
    rows = [(f"第{i.number}回", flow.data.date_text(i.due_date), format_amount(i.amount)) for i in plan]
    rows = rows or [("第　回", "　　年　　月　　日", "")] * 6
    half = (len(rows) + 1) // 2 if len(rows) > 6 else len(rows)
    parts = [rows[:half], rows[half:]] if len(rows) > 6 else [rows]
    cols = [("回", 14 * mm), ("納付期限", 36 * mm), ("納付額（円）", 26 * mm)]
    table_w, row_h = sum(w for _, w in cols), 13.0
    flow.need(row_h * (half + 2) + 6)
    top = flow.y - 4
    for p, part in enumerate(parts):
        x0 = LEFT + p * (table_w + 8 * mm)
        y = top
        flow.box(x0, y - row_h, table_w, row_h, 0.6, 0.9)
        x = x0
        for name, w in cols:
            flow.centre(x + w / 2, y - row_h + 3.8, name, GOTHIC, _CELL)
            x += w
        for r in part:
            y -= row_h
            x = x0
            for (_name, w), s, align in zip(cols, r, "ccr"):
                _cell(flow, x, w, align, y - row_h + 3.8, s)
                x += w
            flow.line(x0, y - row_h, x0 + table_w, y - row_h, 0.3)
        x = x0
        for _, w in cols:
            flow.line(x, top, x, y - row_h, 0.6)
            x += w
        flow.line(x, top, x, y - row_h, 0.6)
    flow.y = top - row_h * (half + 1) - 6


def signature_block(flow: Flow, label: str) -> None:
    """Date, address, name (signed by hand), seal and phone fields for the debtor to fill in."""
    flow.need(80)
    flow.y -= 14
    flow.right(RIGHT, flow.y, "令和　　年　　月　　日")
    x_label, x_line = LEFT + 66 * mm, LEFT + 84 * mm
    for n, (field, hint) in enumerate((("住　所", ""), ("氏　名", "（自署）"), ("電話番号", ""))):
        flow.y -= 19
        if n == 0 and label:
            flow.right(x_label - 4 * mm, flow.y, label)
        flow.text(x_label, flow.y, field)
        flow.line(x_line, flow.y - 2, RIGHT - (8 * mm if field == "氏　名" else 0), flow.y - 2, 0.5)
        if field == "氏　名":
            flow.text(RIGHT - 5.5 * mm, flow.y, "㊞", MINCHO, 11)
        if hint:
            flow.text(x_line, flow.y - 10, hint, MINCHO, 7)
    flow.y -= 10


def contact_box(flow: Flow) -> None:
    """A framed 問合せ先: department, address and contact, kept on one page."""
    s = flow.data.sender
    size, lead, label = 9.5, 13.0, "【お問い合わせ先】"
    x = LEFT + 3 * mm + metrics(GOTHIC).text(label, size) + 2 * mm
    lines = [line for line in (s.department, s.address, s.contact) if line]
    wrapped = [w for line in lines for w in cached_break(line, RIGHT - x - 3 * mm, MINCHO, size)]
    height = lead * max(len(wrapped), 1) + 6
    flow.need(height + 5)
    flow.y -= 5
    flow.box(LEFT, flow.y - height, RIGHT - LEFT, height, 0.6)
    y = flow.y - 3 - size
    flow.text(LEFT + 3 * mm, y, label, GOTHIC, size)
    for line in wrapped:
        flow.text(x, y, line, MINCHO, size)
        y -= lead
    flow.y -= height
