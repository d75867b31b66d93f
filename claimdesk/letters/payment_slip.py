"""The 納付書: one A4 page in three parts (納付書 / 領収済通知書 / 領収証書) with cut lines.

Each part repeats what a bank, a store or the payer needs: who is paid (municipality,
department), for what (債権名, 年度, 納付番号), by whom, how much (未納額, 延滞金, 合計) and
by when; where it can be paid (取扱金融機関, a setting); a stamp box (領収日付印). The
first part carries the convenience-store barcode (GS1-128, drawn as vector bars by
reportlab so it prints sharp at any resolution) and its digits, when the department has
a 収納企業コード and the amount is within the store limit; otherwise it says why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..domain.cvs_barcode import human_readable
from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import Yen, format_yen
from ..domain.payment_slips import format_payment_number
from ..fonts import GOTHIC, MINCHO
from .envelope import PAGE_HEIGHT, PAGE_WIDTH
from .model import Sender

PART_HEIGHT = PAGE_HEIGHT / 3  # 99 mm: the tri-fold panels, so a folded slip fits a 長3 envelope
MARGIN = 12 * mm
# GS1-128 for store scanners (標準料金代理収納ガイドライン §2): 44 digits are 288 modules,
# and the symbol with its quiet zones (2.54 mm each side) must be at most 60 mm long and
# at least 10 mm high. The guideline sets the module by the printer's dots: 0.169 mm is
# 4 dots at 600 dpi (the office laser printer), 2 at 300 and 8 at 1200, so every bar
# comes out the same width; 0.19 mm (3 dots) suits only a 400 dpi printer and comes out
# 4 or 5 dots at 600 dpi. 288 × 0.1693 = 48.8 mm, 53.9 mm with the quiet zones.
MODULE = 25.4 / 150 * mm
BAR_HEIGHT = 13 * mm
QUIET = 2.54 * mm
FNC1 = "\xf1"

PARTS = (("納付書", "（金融機関・コンビニエンスストア保管）"),
         ("領収済通知書", "（金融機関から{自治体}へ送付）"),
         ("領収証書", "（納付者保管）"))


@dataclass(frozen=True)
class SlipData:
    """Everything one 納付書 prints, as plain data."""

    number: str  # 12 digits
    claim_id: str
    claim_type: str
    fiscal_year: int
    payer_name: str
    payer_address: str
    payer_reference: str  # 債務者番号
    principal: Yen
    late_charge: Yen
    charge_name: str  # 延滞金 or 遅延損害金
    issued_on: date
    deadline: date
    sender: Sender
    banks: str  # 取扱金融機関 text
    barcode: str | None = None  # 44 digits
    no_barcode: str = ""  # why a slip of a department with a store contract has no barcode
    western_year: bool = False

    @property
    def amount(self) -> Yen:
        return self.principal + self.late_charge


def _fit(canvas: Canvas, x: float, y: float, text: str, width: float, font: str = MINCHO,
         size: float = 9.0, align: str = "l") -> None:
    """Draw `text` in `width`, smaller if it must be (never below 5.5 pt), then cut."""
    while size > 5.5 and stringWidth(text, font, size) > width:
        size -= 0.5
    while text and stringWidth(text, font, size) > width:
        text = text[:-1]
    canvas.setFont(font, size)
    if align == "r":
        canvas.drawRightString(x + width, y, text)
    elif align == "c":
        canvas.drawCentredString(x + width / 2, y, text)
    else:
        canvas.drawString(x, y, text)


def _cut_line(canvas: Canvas, y: float) -> None:
    canvas.saveState()
    canvas.setDash(3, 2)
    canvas.setLineWidth(0.4)
    label = "きりとり線"
    half = stringWidth(label, GOTHIC, 6.5) / 2 + 2 * mm
    canvas.line(5 * mm, y, PAGE_WIDTH / 2 - half, y)
    canvas.line(PAGE_WIDTH / 2 + half, y, PAGE_WIDTH - 5 * mm, y)
    canvas.setFont(GOTHIC, 6.5)
    canvas.drawCentredString(PAGE_WIDTH / 2, y - 2.2, label)
    canvas.restoreState()


def _rows(slip: SlipData) -> list[tuple[str, str, bool]]:
    day = (lambda d: format_wareki(d, western=slip.western_year))
    return [
        ("債権名", f"{slip.claim_type}（{format_fiscal_year(slip.fiscal_year)}）", False),
        ("納付番号", f"{format_payment_number(slip.number)}　（債権番号 {slip.claim_id}）", False),
        ("納付者", f"{slip.payer_name} 様　（{slip.payer_reference}）", False),
        ("住所", slip.payer_address, False),
        ("未納額", format_yen(slip.principal), True),
        (slip.charge_name, format_yen(slip.late_charge), True),
        ("合計額", format_yen(slip.amount), True),
        ("納付期限", day(slip.deadline), False),
    ]


def _part(canvas: Canvas, slip: SlipData, index: int) -> None:
    """One of the three parts, drawn in its third of the page (0 = top)."""
    s = slip.sender
    top = PAGE_HEIGHT - index * PART_HEIGHT - 7 * mm
    left, right = MARGIN, PAGE_WIDTH - MARGIN
    title, note = PARTS[index]
    if index == 0 and not slip.barcode:
        note = "（金融機関保管）"  # no store can take it
    canvas.setFont(GOTHIC, 14)
    canvas.drawString(left, top - 4 * mm, title)
    _fit(canvas, left + stringWidth(title, GOTHIC, 14) + 2 * mm, top - 4 * mm,
         note.replace("{自治体}", s.municipality), 70 * mm, GOTHIC, 7.5)
    who = s.municipality if s.department == s.municipality else f"{s.municipality}　{s.department}"
    _fit(canvas, right - 80 * mm, top - 2 * mm, who, 80 * mm, GOTHIC, 9, "r")
    _fit(canvas, right - 80 * mm, top - 6.5 * mm,
         f"発行日 {format_wareki(slip.issued_on, western=slip.western_year)}", 80 * mm, MINCHO, 7.5, "r")

    stamp_w = 34 * mm  # the 領収日付印 box on the right
    table_right = right - stamp_w - 3 * mm
    label_w, row_h = 20 * mm, 5.4 * mm
    y = top - 9 * mm
    rows = _rows(slip)
    canvas.setLineWidth(0.5)
    canvas.rect(left, y - row_h * len(rows), table_right - left, row_h * len(rows))
    for i, (label, value, money) in enumerate(rows):
        row_top = y - i * row_h
        base = row_top - row_h + 1.7 * mm
        if i:
            canvas.line(left, row_top, table_right, row_top)
        strong = label in ("合計額", "納付期限")
        if strong:
            canvas.setFillGray(0.9)
            canvas.rect(left, row_top - row_h, label_w, row_h, stroke=0, fill=1)
            canvas.setFillGray(0)
        _fit(canvas, left + 1.5 * mm, base, label, label_w - 3 * mm, GOTHIC, 8.5)
        font, size = (GOTHIC, 10.5) if strong else (MINCHO, 9)
        if money:
            _fit(canvas, left + label_w + 2 * mm, base, value, 45 * mm, font, size, "r")
        else:
            _fit(canvas, left + label_w + 2 * mm, base, value, table_right - left - label_w - 4 * mm, font, size)
    canvas.line(left + label_w, y, left + label_w, y - row_h * len(rows))
    bottom = y - row_h * len(rows)

    canvas.rect(right - stamp_w, bottom, stamp_w, y - bottom)
    canvas.setFont(GOTHIC, 7.5)
    canvas.drawCentredString(right - stamp_w / 2, y - 3.5 * mm, "領収日付印")
    canvas.setDash(1, 1.5)
    canvas.circle(right - stamp_w / 2, (y + bottom) / 2 - 2 * mm, 13 * mm)
    canvas.setDash()

    _footer(canvas, slip, index, bottom - 4 * mm)


def _footer(canvas: Canvas, slip: SlipData, index: int, y: float) -> None:
    left, right = MARGIN, PAGE_WIDTH - MARGIN
    if index == 0:
        if slip.barcode:
            _barcode(canvas, slip.barcode, left, y - BAR_HEIGHT - 1 * mm)
            y -= BAR_HEIGHT + 8.5 * mm
        elif slip.no_barcode:
            _fit(canvas, left, y - 1 * mm, f"この納付書はコンビニエンスストアでは取り扱えません（{slip.no_barcode}）。"
                 "金融機関の窓口で納付してください。", right - left, GOTHIC, 8)
            y -= 5 * mm
    else:
        _fit(canvas, left, y - 1 * mm, "上記の金額を領収しました。", 60 * mm, MINCHO, 8.5)
        y -= 5 * mm
    for line in slip.banks.splitlines()[:3]:
        _fit(canvas, left, y - 1 * mm, line, right - left, MINCHO, 7.5)
        y -= 3.6 * mm
    if slip.sender.contact and index == 2:
        _fit(canvas, left, y - 1 * mm, f"問合せ先: {slip.sender.department}　{slip.sender.contact}",
             right - left, MINCHO, 7.5)


def cvs_symbol(digits: str):
    """The GS1-128 symbol (FNC1, then the 44 digits in code set C) with its quiet zones."""
    # Imported here: reportlab's barcode package loads every symbology it has (~0.25 s),
    # which only a slip with a barcode needs.
    from reportlab.graphics.barcode.code128 import Code128

    return Code128(FNC1 + digits, barWidth=MODULE, barHeight=BAR_HEIGHT, quiet=1, lquiet=QUIET, rquiet=QUIET)


def _barcode(canvas: Canvas, digits: str, x: float, y: float) -> None:
    """The symbol and its digits beneath."""
    symbol = cvs_symbol(digits)
    symbol.drawOn(canvas, x, y)
    canvas.setFont(MINCHO, 7.5)
    canvas.drawString(x + QUIET, y - 3.2 * mm, human_readable(digits))
    canvas.setFont(GOTHIC, 7.5)
    canvas.drawString(x + symbol.width + 3 * mm, y + BAR_HEIGHT - 3 * mm, "コンビニエンスストアで納付できます")
    canvas.setFont(MINCHO, 7)
    canvas.drawString(x + symbol.width + 3 * mm, y + BAR_HEIGHT - 7 * mm, "（納付期限を過ぎると取り扱えません）")


def draw_slip(canvas: Canvas, slip: SlipData) -> None:
    """One 納付書 page: three parts and two cut lines; ends the page."""
    for index in range(3):
        _part(canvas, slip, index)
    for n in (1, 2):
        _cut_line(canvas, PAGE_HEIGHT - n * PART_HEIGHT)
    canvas.showPage()
