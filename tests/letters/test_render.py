"""Letters rendered to PDF and read back: names, amounts, 和暦 dates, fonts embedded."""

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader
from reportlab.lib.units import mm

from claimdesk.domain.claims import LegalNature
from claimdesk.domain.letters import LetterKind, instalment_schedule
from claimdesk.fonts import metrics
from claimdesk.letters.envelope import PAGE_HEIGHT, Window, postal_code_text
from claimdesk.letters.layout import LEFT, RIGHT
from claimdesk.letters.model import ClaimLine, Party
from claimdesk.letters.render import layout_letter, render_letters


def pdf_of(letters, forms, **kw):
    buf = io.BytesIO()
    placements = render_letters(letters, forms, buf, **kw)
    return PdfReader(io.BytesIO(buf.getvalue())), placements


def text_of(reader) -> str:
    """The text of every page, lines joined: a phrase may wrap anywhere kinsoku allows."""
    return "".join(p.extract_text().replace("\n", "") for p in reader.pages)


def fonts_of(reader) -> dict[str, bool]:
    """BaseFont → whether its FontDescriptor carries the embedded TrueType (FontFile2)."""
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            found[str(font["/BaseFont"])] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    return found


def test_demand_shows_name_amounts_and_wareki_deadline(forms, make_letter):
    reader, placements = pdf_of([make_letter()], forms)
    text = text_of(reader)
    assert "山田 太郎" in text and "〒154-0005" in text
    for amount in ("12,000", "34,500", "1,200", "35,700", "46,500", "47,700"):
        assert amount in text, amount
    assert "令和8年12月10日までに納付してください" in text
    assert "令和8年11月30日" in text  # issue date
    assert "地方自治法第231条の3第1項" in text and "審査請求" in text  # the 教示
    assert placements[0].first_page == 1 and placements[0].pages == len(reader.pages)


def test_only_embedded_ipaex_fonts(forms, make_letter):
    reader, _ = pdf_of([make_letter()], forms)
    fonts = fonts_of(reader)
    assert fonts and all(fonts.values()), fonts
    assert {name.split("+")[1] for name in fonts} == {"IPAexMincho", "IPAexGothic"}


def test_private_demand_has_no_instruction_and_names_default_interest(forms, make_letter):
    reader, _ = pdf_of([make_letter(template="demand_private", nature=LegalNature.PRIVATE)], forms)
    text = text_of(reader)
    assert "地方自治法施行令第171条" in text and "遅延損害金" in text
    assert "審査請求" not in text and "教示" not in text


def test_address_is_inside_the_envelope_window(forms, make_letter):
    w = Window()
    pages = layout_letter(make_letter(), next(t for t in forms.templates if t.name == "demand_public"), w)
    x0, x1 = w.left * mm, (w.left + w.width) * mm
    y0, y1 = PAGE_HEIGHT - (w.top + w.height) * mm, PAGE_HEIGHT - w.top * mm
    wanted = {postal_code_text("1540005"), "東京都世田谷区三宿3-6-1", "区営三宿住宅2号棟503号室", "山田 太郎　様"}
    placed = {op[5]: op for op in pages[0] if op[0] == "T" and op[5] in wanted}
    assert set(placed) == wanted  # the street and the building on lines of their own
    for _, x, y, _, size, s, _ in placed.values():
        assert x0 + 4 * mm - 0.01 <= x and y0 + 4 * mm <= y and y + size <= y1 - 4 * mm, s
        assert x + len(s) * size <= x1, s


def test_a_long_letter_has_page_numbers_and_a_header_on_each_page(forms, make_letter):
    claims = tuple(ClaimLine(f"JU2025-{n:06d}", "区営住宅使用料", f"区営三宿住宅 2025年{n % 12 + 1}月分", 2025,
                             date(2025, n % 12 + 1, 28), 40_000 + n, 0) for n in range(60))
    data = make_letter(LetterKind.REMINDER, "reminder", LegalNature.PRIVATE, claims)
    reader, placements = pdf_of([data, make_letter()], forms)
    n = placements[0].pages
    assert n >= 3 and placements[1].first_page == n + 1
    for i in range(n):
        page = reader.pages[i].extract_text()
        assert f"{i + 1} / {n}" in page
        if i:
            assert "山田 太郎 様" in page and "催告書" in page
    assert "合計（60件）" in text_of(reader) and f"{sum(c.principal for c in claims):,}" in text_of(reader)
    assert "1 / " not in reader.pages[n].extract_text()  # a one-page letter is not numbered


def test_text_stays_inside_the_margins_justified_lines_included(forms, make_letter):
    template = next(t for t in forms.templates if t.name == "demand_public")
    for data in (make_letter(), make_letter(western_year=True)):
        for page in layout_letter(data, template):
            for op in page:
                if op[0] == "T":
                    _, x, y, font, size, s, cs = op
                    right = x + metrics(font).text(s, size) + cs * (len(s) - 1)
                    assert LEFT - 1 <= x and right <= RIGHT + 0.01 and y >= 10 * mm - 0.01, s


def test_guarantor_copy_is_marked_and_explained(forms, make_letter):
    guarantor = Party("山田 花子", "1520023", "東京都目黒区八雲1-1-4", reference="D000001")
    data = make_letter(LetterKind.REMINDER, "reminder", LegalNature.PRIVATE, recipient=guarantor,
                  copy=True, to_guarantor=True)
    text = text_of(pdf_of([data], forms)[0])
    assert "写" in text and "山田 花子" in text and "山田 太郎様あてに送付した催告書の写し" in text
    assert "（連帯保証人あて）" in text


def test_pledge_lists_the_schedule_and_signature_fields(forms, make_letter):
    plan = tuple(instalment_schedule(46_500, 6, date(2026, 12, 31), open_days=None))
    data = make_letter(LetterKind.INSTALMENT_PLEDGE, "instalment_pledge", instalments=plan)
    reader, _ = pdf_of([data], forms)
    text = text_of(reader)
    assert len(reader.pages) == 1
    assert "第6回" in text and "令和8年12月31日" in text and "7,800" in text and "7,500" in text
    assert "2回以上怠ったとき" in text and "期限の利益を" in text
    assert "氏　名" in text and "（自署）" in text and "㊞" in text


def test_corporation_is_addressed_to_its_representative(forms, make_letter):
    corp = Party("株式会社みどり商事", "1540005", "東京都世田谷区三宿1-1-1", corporate=True,
                 representative="代表取締役 緑山 次郎", reference="D000009")
    text = text_of(pdf_of([make_letter(recipient=corp, debtor=corp)], forms)[0])
    assert "株式会社みどり商事" in text and "代表取締役 緑山 次郎　様" in text


def test_the_same_letters_give_the_same_bytes(forms, make_letter):
    a, b = io.BytesIO(), io.BytesIO()
    render_letters([make_letter()], forms, a)
    render_letters([make_letter()], forms, b)
    assert a.getvalue() == b.getvalue()


def test_western_year_in_brackets_when_the_department_wants_it(forms, make_letter):
    text = text_of(pdf_of([replace(make_letter(), western_year=True)], forms)[0])
    assert "令和8年12月10日（2026年）" in text
