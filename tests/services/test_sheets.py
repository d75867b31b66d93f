"""個票 from a ledger: the worked example over five years, as PDF (read back) and xlsx."""

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.sheets import claim_type_sheets, export_sheets
from claimdesk.services.targets import set_targets
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
LUNCH = ClaimType("学校給食費", LegalNature.PRIVATE, "一般会計", "諸収入")
AS_OF = date(2026, 9, 30)
BASIS = "過去3年間の平均収納率に口座振替の推進による改善分を加えた"


@pytest.fixture
def ledger():
    """Claim A of docs/exchange-format.md's worked example, and a claim type without figures."""
    led = Ledger.memory(operator="佐藤")
    set_department(led, "JUTAKU", "住宅課")
    add_claim_type(led, RENT)
    add_claim_type(led, LUNCH)
    add_debtor(led, Debtor("D1", "山田 太郎"))
    add_claim(led, Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30)))
    for on, amount in ((date(2025, 8, 10), 3000), (date(2026, 5, 10), 2000), (date(2026, 7, 1), 4000)):
        record_event(led, "A", EventKind.RECEIPT, on, amount, method="窓口")
    set_targets(led, RENT.name, 2026, {"carried": "60.0", "total": "60.0"}, BASIS, "夜間の電話催告")
    yield led
    led.close()


def test_five_years_each_from_the_standard_summary(ledger):
    progress = []
    rent, lunch = claim_type_sheets(ledger, 2026, AS_OF, progress=lambda d, t: progress.append((d, t)))
    assert [p.fiscal_year for p in rent.periods] == [2022, 2023, 2024, 2025, 2026]
    fy2025, fy2026 = rent.rows[-2], rent.rows[-1]
    # FY2025 closed (as of 2026-05-31): 12,000 assessed, 5,000 collected, 41.7 %.
    assert (fy2025["current"].assessed, fy2025["current"].collected) == (12000, 5000)
    assert str(fy2025["current"].collection_rate) == "41.7"
    # FY2026 as of 2026-09-30: 7,000 carried, 4,000 collected, 57.1 %.
    assert (fy2026["carried"].assessed, fy2026["carried"].collected, fy2026["carried"].outstanding) == (7000, 4000, 3000)
    assert str(fy2026["carried"].collection_rate) == "57.1"
    assert rent.target.basis == BASIS and str(rent.target.rate("total")) == "60.0"
    assert str(fy2026["total"].target_rate) == "60.0"
    assert not lunch.target.is_set and lunch.rates("total") == [None] * 5
    done, total = zip(*progress)
    assert list(done) == sorted(done) and done[-1] == total[-1]


def pdf_text(path):
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_the_pdf_has_a_page_per_claim_type_with_the_figures_and_the_target(ledger, tmp_path):
    out = export_sheets(ledger, 2026, AS_OF, tmp_path / "個票.pdf")
    assert [s.claim_type for s in out] == [RENT.name, LUNCH.name]
    rent, lunch = pdf_text(tmp_path / "個票.pdf")
    for text in ("区営住宅使用料", "収納の現況（推移）", "令和4年度", "令和8年度", "9/30現在", "41.7", "57.1",
                 "千円未満を四捨五入", "令和4年度〜令和7年度は出納整理期間の終了日", BASIS, "夜間の電話催告",
                 "住宅課", "私債権", "使用料及手数料", "目標収納率", "-2.9"):
        assert text in rent, text
    assert "目標収納率が設定されていません" in lunch
    # 12,000円 and 5,000円 are 12 and 5 千円; the clerk's name stays in the ledger.
    assert "12" in rent and "佐藤" not in rent


def test_the_xlsx_has_a_worksheet_per_claim_type_and_a_line_chart(ledger, tmp_path):
    export_sheets(ledger, 2026, AS_OF, tmp_path / "個票.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "個票.xlsx")
    assert wb.sheetnames == [RENT.name, LUNCH.name]
    ws = wb[RENT.name]
    cells = {(r, c): ws.cell(r, c).value for r in range(1, 60) for c in range(1, 8)}
    header = [cells[(7, c)] for c in range(3, 8)]
    assert header[0] == "令和4年度\n決算" and header[-1] == "令和8年度\n9/30現在"
    current = {cells[(r, 2)]: [cells[(r, c)] for c in range(3, 8)] for r in range(8, 15)}
    assert current["調定額"] == [0, 0, 0, 12, 0] and current["収入済額"] == [0, 0, 0, 5, 0]
    assert current["収納率"][3] == pytest.approx(41.7)
    assert any(isinstance(v, str) and "四捨五入" in v for v in cells.values())
    assert any(v == BASIS for v in cells.values())
    (chart,) = ws._charts
    assert len(chart.series) == 3 + 2  # three rates, and the two categories with a target


def test_a_wrong_suffix_is_refused_before_anything_is_written(ledger, tmp_path):
    with pytest.raises(InvalidValue):
        export_sheets(ledger, 2026, AS_OF, tmp_path / "個票.docx")
    with pytest.raises(InvalidValue):
        export_sheets(ledger, 2026, date(2027, 6, 1), tmp_path / "個票.pdf")
    assert list(tmp_path.iterdir()) == []


def test_long_or_odd_claim_type_names_make_valid_worksheet_names():
    from claimdesk.reports.sheets_xlsx import sheet_name

    used = set()
    assert sheet_name("国民健康保険料[滞納]/再掲", used) == "国民健康保険料_滞納__再掲"
    long = "あ" * 40
    assert sheet_name(long, used) == "あ" * 31
    assert sheet_name(long, used) == "あ" * 28 + "(2)"
