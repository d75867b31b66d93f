"""Files that survive paper: xlsx page setups, the summary as a report, every PDF font embedded."""

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from claimdesk.cli import main
from claimdesk.services.aggregate import export_aggregate
from claimdesk.services.budget_order import budget_order, set_budget_order
from claimdesk.services.demo import fill_demo
from claimdesk.services.sheets import export_sheets
from claimdesk.services.summary_export import build_summary, export_summary
from claimdesk.storage.ledger import Ledger

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The small demo's summary, 個票, aggregate and letters, as a department makes them."""
    folder = tmp_path_factory.mktemp("printed")
    db = folder / "demo.sqlite3"
    with Ledger.open(db) as ledger:
        fill_demo(ledger, "small", today=TODAY)
        set_budget_order(ledger, ["一般会計", "諸収入", "使用料及手数料", "学校給食費"])
        rows = build_summary(ledger, 2026, TODAY)
        export_summary(ledger, 2026, TODAY, folder / "summary.xlsx")
        export_summary(ledger, 2026, TODAY, folder / "summary.csv")
        export_sheets(ledger, 2026, TODAY, folder / "sheets.xlsx")
        export_sheets(ledger, 2026, TODAY, folder / "sheets.pdf")
    for suffix in (".xlsx", ".pdf"):
        export_aggregate([folder / "summary.csv"], folder / f"ward{suffix}")
    assert main(["letters", "--db", str(db), "--kind", "demand", "--due", "--as-of", "2026-11-30",
                 "--output", str(folder / "letters.pdf")]) == 0
    return folder, rows


@pytest.mark.parametrize("name, landscape", [("summary.xlsx", True), ("sheets.xlsx", False), ("ward.xlsx", None)])
def test_every_xlsx_prints_on_a4_one_page_wide_with_titles_and_page_numbers(made, name, landscape):
    wb = openpyxl.load_workbook(made[0] / name)
    for ws in wb:
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # fitToWidth 1 is the default, which XlsxWriter leaves out
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text, ws.title
        if landscape is not None:
            assert ws.page_setup.orientation == ("landscape" if landscape else "portrait"), ws.title
        if name != "sheets.xlsx":  # a 個票 is one page; the tables repeat their heading rows
            assert ws.print_title_rows, ws.title
    if name == "ward.xlsx":
        assert wb["債権名別（円）"].page_setup.orientation == "landscape"


def test_the_summary_report_has_one_row_per_claim_type_in_budget_order_and_a_grand_total(made):
    folder, rows = made
    ws = openpyxl.load_workbook(folder / "summary.xlsx")["収納状況"]
    assert ws["A1"].value.startswith("令和8年度　収納状況（令和8年11月30日現在）")
    assert [ws.cell(3, c).value for c in (1, 2, 3, 4, 9, 14)] == ["会計", "款", "債権名", "現年分", "滞納繰越分", "合計"]
    assert [ws.cell(4, c).value for c in range(4, 9)] == ["調定額", "収入済額", "不納欠損額", "収入未済額", "収納率\n（％）"]
    types = {r.claim_type: r for r in rows if r.category == "current"}
    listed = [ws.cell(r, 3).value for r in range(5, 5 + len(types))]
    assert set(listed) == set(types)
    # 諸収入 before 使用料及手数料 (the setting), 学校給食費 first inside 諸収入, the rest as first seen
    sections = [types[t].budget_section for t in listed]
    assert sections == sorted(sections, key=lambda s: s != "諸収入") and listed[0] == "学校給食費"
    last = 5 + len(types)
    assert ws.cell(last, 1).value == "総計"
    for k, category in enumerate(("current", "carried", "total")):
        part = [r for r in rows if r.category == category]
        col = 4 + 5 * k
        assert ws.cell(last, col).value == sum(r.assessed for r in part)
        assert ws.cell(last, col + 3).value == sum(r.outstanding for r in part)
    row = 5 + listed.index("区営住宅使用料")
    total = next(r for r in rows if r.claim_type == "区営住宅使用料" and r.category == "total")
    assert ws.cell(row, 14).value == total.assessed and ws.cell(row, 17).value == total.outstanding
    assert ws.cell(row, 18).value == float(total.collection_rate)


def test_the_second_sheet_has_the_contracts_columns(made):
    folder, rows = made
    ws = openpyxl.load_workbook(folder / "summary.xlsx")["標準様式"]
    assert ws.cell(3, 1).value == "様式\nschema" and ws.cell(3, 18).value == "目標収納率（％）\ntarget_rate"
    assert ws.max_row == 3 + len(rows)
    assert [ws.cell(4, c).value for c in (4, 5, 10)] == ["令和8年度", "令和8年11月30日", "現年分"]
    assert [ws.cell(4 + i, 11).value for i in range(len(rows))] == [r.assessed for r in rows]


def _unembedded_fonts(path) -> set[str]:
    """Fonts the PDF names (on pages and in drawings) without a font program in the file."""
    missing: set[str] = set()

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return missing


@pytest.mark.parametrize("name", ["sheets.pdf", "ward.pdf", "letters.pdf"])
def test_every_pdf_embeds_every_font_it_names(made, name):
    assert _unembedded_fonts(made[0] / name) == set()


def test_the_budget_order_is_a_ledger_setting(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3") as ledger:
        assert budget_order(ledger) == ("一般会計",)
        assert set_budget_order(ledger, [" 一般会計", "", "国民健康保険事業会計", "一般会計"]) == (
            "一般会計", "国民健康保険事業会計")
    with Ledger.open(tmp_path / "l.sqlite3") as ledger:
        assert budget_order(ledger) == ("一般会計", "国民健康保険事業会計")
        assert set_budget_order(ledger, []) == ("一般会計",)
        assert budget_order(ledger) == ("一般会計",)


def test_the_sheets_follow_the_budget_order(made):
    # the fixture's order: 一般会計, then 諸収入 before 使用料及手数料, 学校給食費 first of all
    names = openpyxl.load_workbook(made[0] / "sheets.xlsx").sheetnames
    assert names[0] == "学校給食費"
    assert names.index("区営住宅使用料") > max(names.index(n) for n in ("児童手当等返還金", "生活保護費返還金"))
