"""収納状況 page: the worked example of docs/exchange-format.md §1 on screen, in the chart, in a file."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.session import open_ledger
from claimdesk.services.summary_export import build_summary, summary_csv_text
from claimdesk.ui.session import Session
from claimdesk.ui.summary_model import COLUMNS, SummaryModel
from claimdesk.ui.summary_page import SummaryPage

FY, AS_OF = 2025, date(2026, 5, 31)
HOUSING, LUNCH = "区営住宅使用料", "学校給食費"


def fill(ledger, *, department=True):
    """Claim A of the worked example, and a second claim type with a carried claim."""
    if department:
        set_department(ledger, "JUTAKU", "住宅課")
    add_claim_type(ledger, ClaimType(HOUSING, LegalNature.PUBLIC, "一般会計", "使用料及手数料"))
    add_claim_type(ledger, ClaimType(LUNCH, LegalNature.PRIVATE, "一般会計", "諸収入"))
    add_debtor(ledger, Debtor("D1", "山田 太郎"))
    add_debtor(ledger, Debtor("D2", "佐藤 花子"))
    add_claim(ledger, Claim("A", "D1", HOUSING, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30)))
    for on, amount in ((date(2025, 8, 10), 3000), (date(2026, 5, 10), 2000), (date(2026, 7, 1), 4000)):
        record_event(ledger, "A", EventKind.RECEIPT, on, amount, method="窓口")
    # 学校給食費: 4,500 of FY2024 carried into FY2025 (1,500 paid), 3,000 of FY2025 paid in full.
    add_claim(ledger, Claim("B", "D2", LUNCH, 2024, date(2024, 4, 1), 4500, date(2024, 4, 30)))
    record_event(ledger, "B", EventKind.RECEIPT, date(2025, 6, 15), 1500, method="窓口")
    add_claim(ledger, Claim("C", "D2", LUNCH, 2025, date(2025, 5, 1), 3000, date(2025, 5, 31)))
    record_event(ledger, "C", EventKind.RECEIPT, date(2025, 5, 20), 3000, method="口座振替")


@pytest.fixture
def make_page(qtbot, tmp_path):
    """A page on a new ledger file holding `fill`'s claims; the session closes after the test."""
    sessions = []

    def make(*, today=date(2026, 9, 30), department=True):
        path = tmp_path / "ledger.sqlite3"
        with open_ledger(path) as ledger:
            fill(ledger, department=department)
        sessions.append(Session(path, today=today))
        page = SummaryPage(sessions[-1])
        qtbot.addWidget(page)
        return page

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def page(qtbot, make_page):
    page = make_page()
    page.set_period(FY, AS_OF)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    return page


def cells(model, row):
    return {name: model.index(row, c).data() for c, name in enumerate(COLUMNS)}


def test_the_table_shows_the_worked_example(page):
    model = page.model
    assert model.rowCount() == 2 * 3 + 3
    a = cells(model, 0)
    assert (a["claim_type"], a["category"]) == (HOUSING, "現年分")
    assert (a["assessed"], a["collected"], a["outstanding"], a["collection_rate"]) == ("12,000", "5,000", "7,000", "41.7")
    assert a["delinquent_debtors"] == "1"
    assert cells(model, 1)["collection_rate"] == "－"  # nothing carried: no rate
    assert cells(model, 2)["category"] == "合計"
    bold = [model.index(r, 0).data(Qt.ItemDataRole.FontRole) for r in range(3)]
    assert bold[0] is None and bold[1] is None and bold[2].bold()  # total rows stand out
    b_carried = cells(model, 4)
    assert (b_carried["claim_type"], b_carried["category"]) == (LUNCH, "滞納繰越分")
    assert (b_carried["assessed"], b_carried["collected"], b_carried["outstanding"]) == ("4,500", "1,500", "3,000")
    assert page.heading.text() == "住宅課　令和7年度　令和8年5月31日現在"
    assert page.status.text() == ""


def test_grand_totals_add_up_every_claim_type(page):
    model = page.model
    grand = [cells(model, r) for r in range(6, 9)]
    assert [g["claim_type"] for g in grand] == ["総計"] * 3
    assert [g["category"] for g in grand] == ["現年分", "滞納繰越分", "合計"]
    current, carried, total = grand
    assert (current["assessed"], current["collected"], current["outstanding"], current["collection_rate"]) == (
        "15,000", "8,000", "7,000", "53.3")
    assert (carried["assessed"], carried["collected"], carried["collection_rate"]) == ("4,500", "1,500", "33.3")
    # 9,500 / 19,500 = 48.72 %: recomputed from the sums, not an average of rates.
    assert (total["assessed"], total["collected"], total["outstanding"], total["collection_rate"]) == (
        "19,500", "9,500", "10,000", "48.7")
    assert total["delinquent_debtors"] == "2"
    assert all(model.is_grand_total(r) for r in range(6, 9))


def test_amounts_are_right_aligned(page):
    col = COLUMNS.index("assessed")
    align = Qt.AlignmentFlag(page.model.index(0, col).data(Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight


def test_the_chart_has_a_category_per_claim_type_and_the_rates(page):
    (series,) = page.chart.series()
    (x_axis,) = [a for a in page.chart.axes() if a.orientation().name == "Horizontal"]
    assert x_axis.categories() == [HOUSING, LUNCH]
    bars = {s.label(): [round(s.at(i), 1) for i in range(s.count())] for s in series.barSets()}
    assert bars == {"現年分": [41.7, 100.0], "滞納繰越分": [0.0, 33.3], "合計": [41.7, 60.0]}
    (y_axis,) = [a for a in page.chart.axes() if a.orientation().name == "Vertical"]
    # 0–100 % in steps of 25, with some room above 100 for the labels of full bars.
    assert y_axis.min() == 0 and 100 < y_axis.max() <= 120 and y_axis.tickInterval() == 25


def test_export_writes_the_contract_csv(qtbot, page, tmp_path):
    out = tmp_path / "出力" / "収納状況_令和7年度_20260531.csv"
    rows = build_summary(page.session.ledger, FY, AS_OF)
    expected = ("\ufeff" + summary_csv_text(rows)).encode("utf-8")
    with qtbot.waitSignal(page.exported, timeout=10000) as exported:
        page.export_to(out)
    assert exported.args == [out]
    assert out.read_bytes() == expected
    assert "出力しました" in page.status.text()


def test_export_to_xlsx(qtbot, page, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "収納状況.xlsx"
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_to(out)
    sheet = openpyxl.load_workbook(out)["標準様式"]
    assert sheet["K4"].value == 12000  # 調定額 of the first row


def test_defaults_follow_today(make_page):
    page = make_page(today=date(2026, 9, 30))
    assert (page.fiscal_year(), page.as_of()) == (2026, date(2026, 9, 30))
    assert page.year_combo.currentText() == "令和8年度"
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    assert page.as_of() == date(2026, 5, 31)  # moved into FY2025's closing period
    assert page.as_of_edit.text() == "令和8年5月31日"  # typed and shown as 和暦


def test_showing_the_page_computes_the_figures(qtbot, make_page):
    page = make_page()
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()
    assert page.model.rowCount() == 9 and not page.is_busy()


def test_missing_department_is_a_message_not_a_crash(qtbot, make_page):
    page = make_page(department=False)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    assert page.status.text().startswith("所管課が設定されていません")
    # The window points to its own menu, never to a command-line option.
    assert "ファイル → 所管課の設定" in page.status.text() and "--" not in page.status.text()
    assert page.model.rowCount() == 0 and page.chart.series() == []


def test_as_of_outside_the_year_is_a_message(qtbot, make_page):
    page = make_page()
    page.set_period(FY, date(2026, 7, 1))
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    assert "令和8年7月1日" in page.status.text() and "外です" in page.status.text()
    assert page.model.rowCount() == 0


def test_a_ledger_change_recomputes_the_shown_page(page, qtbot):
    page.show()
    record_event(page.session.ledger, "A", EventKind.RECEIPT, date(2026, 5, 20), 1000, method="窓口")
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.session.notify_changed()
    assert cells(page.model, 0)["collected"] == "6,000"


def test_the_summary_model_passes_the_model_tester(qtmodeltester, tmp_path):
    with open_ledger(tmp_path / "l.sqlite3") as ledger:
        fill(ledger)
        rows = build_summary(ledger, FY, AS_OF)
    model = SummaryModel()
    qtmodeltester.check(model)
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.summary_rows() == rows


def test_a_newer_refresh_replaces_one_still_running(qtbot, page):
    page.set_period(2026, date(2026, 9, 30))
    page.refresh()
    page.set_period(FY, AS_OF)
    with qtbot.waitSignal(page.refreshed, timeout=10000) as refreshed:
        page.refresh()
    assert page.heading.text().endswith("令和7年度　令和8年5月31日現在")
    qtbot.wait(200)  # the first computation's answer, if it comes, changes nothing
    assert page.heading.text().endswith("令和7年度　令和8年5月31日現在") and not page.is_busy()
    assert refreshed.signal_triggered


def test_the_date_is_typed_as_wareki_and_a_wrong_one_says_why(qtbot, make_page):
    page = make_page(today=date(2026, 9, 30))
    page.as_of_edit.setText("R8.6.30")
    assert page.as_of() == date(2026, 6, 30)
    page.as_of_edit.setText("令和8年13月1日")
    assert page.as_of() == date(2026, 6, 30)  # the last date it could read stays in force
    assert page.as_of_wareki.is_error() and page.as_of_wareki.text()


def test_the_page_lists_the_claim_types_in_the_budget_order(qtbot, make_page):
    from claimdesk.services.budget_order import set_budget_order

    page = make_page()
    page.set_period(FY, AS_OF)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    assert cells(page.model, 0)["claim_type"] == HOUSING  # 使用料及手数料 before 諸収入 by character
    set_budget_order(page.session.ledger, ["一般会計", "諸収入"])
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    assert [cells(page.model, r)["claim_type"] for r in range(6)] == [LUNCH] * 3 + [HOUSING] * 3
    assert [cells(page.model, r)["category"] for r in range(3)] == ["現年分", "滞納繰越分", "合計"]
