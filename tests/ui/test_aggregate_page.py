"""The aggregator page: files in, every problem or the ward tables, export; and its menu item."""

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.session import open_ledger
from claimdesk.services.summary_export import export_summary
from claimdesk.storage.ledger import Ledger
from claimdesk.ui.aggregate_page import AggregatePage
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow

DEPARTMENTS = (
    ("JUTAKU01", "住宅課", ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料"), 12_000, 5_000),
    ("HOKEN01", "保険年金課", ClaimType("国民健康保険料", LegalNature.ENFORCED_PUBLIC, "国民健康保険事業会計",
                                        "国民健康保険料"), 98_765, 43_211),
    ("GAKUMU01", "学務課", ClaimType("学校給食費", LegalNature.PRIVATE, "一般会計", "諸収入"), 4_500, 3_000),
)


@pytest.fixture
def files(tmp_path):
    paths = []
    for code, name, claim_type, amount, paid in DEPARTMENTS:
        led = Ledger.memory()
        set_department(led, code, name)
        add_claim_type(led, claim_type)
        add_debtor(led, Debtor("D1", "山田 太郎"))
        add_claim(led, Claim("C1", "D1", claim_type.name, 2026, date(2026, 4, 1), amount, date(2026, 4, 30)))
        record_event(led, "C1", EventKind.RECEIPT, date(2026, 5, 20), paid, method="窓口")
        export_summary(led, 2026, date(2026, 9, 30), tmp_path / f"{code}.csv")
        paths.append(tmp_path / f"{code}.csv")
        led.close()
    return paths


@pytest.fixture
def page(qtbot):
    page = AggregatePage()
    qtbot.addWidget(page)
    page.show()
    return page


def cells(model):
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_good_files_show_the_ward_tables(qtbot, qtmodeltester, page, files):
    with qtbot.waitSignal(page.checked):
        page.set_files(files)
    assert "3件のファイルを検査しました。誤りはありません。" in page.status.text()
    assert page.stack.currentIndex() == 2 and all(b.isEnabled() for b in page.export_buttons.values())
    assert [page.table_choice.itemText(i) for i in range(page.table_choice.count())] == [
        "会計別 収入未済額", "会計・款・債権名別 収入未済額", "所管課・債権名別 収納率　令和8年度（令和8年9月30日現在）"]
    assert cells(page.model) == [["一般会計", "8,500"], ["国民健康保険事業会計", "55,554"], ["合計", "64,054"]]
    assert page.model.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    qtmodeltester.check(page.model)
    page.thousands.setChecked(True)
    assert cells(page.model) == [["一般会計", "9"], ["国民健康保険事業会計", "56"], ["合計", "64"]]
    assert "単位: 千円" in page.note.text() and "四捨五入" in page.note.text()
    page.table_choice.setCurrentIndex(2)
    assert not page.thousands.isEnabled()
    rows = cells(page.model)
    # nothing carried: no rate there; 51,211 / 115,265 = 44.4 %
    assert rows[-1] == ["区全体", "", "44.4", "－", "－", "－", "44.4", "－", "115,265", "51,211", "3"]
    qtmodeltester.check(page.model)


def test_bad_files_list_every_problem_and_nothing_can_be_exported(qtbot, page, files, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(files[0].read_bytes().replace(b",7000,", b",7001,"))
    page.set_files([*files[1:], bad, files[1]])
    assert page.stack.currentIndex() == 1
    assert page.problems == [
        f"{bad}:2: outstanding（収入未済額） 7001 が 調定額−（収入済額＋不納欠損額）＋還付未済額 = 7000 と一致しません",
        f"{bad}:4: outstanding（収入未済額） 7001 が 調定額−（収入済額＋不納欠損額）＋還付未済額 = 7000 と一致しません",
        f"{files[1]}:2: 所管課 HOKEN01（保険年金課）の令和8年度のファイルが重複しています（{files[1]}）",
    ]
    assert page.problem_model.stringList() == page.problems
    assert "3件の誤り" in page.status.text()
    assert not any(b.isEnabled() for b in page.export_buttons.values())
    op = page.export_to(tmp_path / "ward.xlsx")
    qtbot.waitUntil(op.is_done, timeout=10000)
    assert op.result is None and not (tmp_path / "ward.xlsx").exists()


def test_removing_the_wrong_file_makes_the_set_good(qtbot, page, files, tmp_path):
    page.set_files([*files, files[0]])
    assert page.aggregate is None
    page.file_list.selectionModel().select(page.files.index(3), page.file_list.selectionModel().SelectionFlag.Select)
    page.remove_button.click()
    assert page.aggregate is not None and len(page.paths()) == 3
    page.add_files([files[0]])  # already there: not added twice
    assert len(page.paths()) == 3
    page.clear_button.click()
    assert page.paths() == [] and page.stack.currentIndex() == 0


def test_export_writes_the_checked_files(qtbot, page, files, tmp_path):
    page.set_files(files)
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_to(tmp_path / "ward.xlsx")
    assert "会計別（千円）" in openpyxl.load_workbook(tmp_path / "ward.xlsx").sheetnames
    assert "出力しました" in page.status.text()


def test_the_file_menu_opens_the_page_as_a_tab(qtbot, tmp_path):
    path = tmp_path / "l.sqlite3"
    with open_ledger(path):
        pass
    create_app()
    window = MainWindow(path, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    (action,) = [a for a in file_menu.actions() if a.text() == "各課集計（財政課）(&A)…"]
    action.trigger()
    action.trigger()  # the same tab again, not a second one
    assert window.tabs.count() == 4 and window.tabs.tabText(3) == "各課集計"
    assert isinstance(window.tabs.currentWidget(), AggregatePage)


def test_the_tables_follow_the_open_ledgers_budget_order(qtbot, tmp_path, files):
    from claimdesk.services.budget_order import set_budget_order

    path = tmp_path / "l.sqlite3"
    with open_ledger(path) as led:
        set_budget_order(led, ["国民健康保険事業会計", "一般会計"])
    create_app()
    window = MainWindow(path, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    window.open_aggregate()
    page = window.tabs.currentWidget()
    assert page.order == ("国民健康保険事業会計", "一般会計")
    page.add_files(files)
    qtbot.waitUntil(lambda: page.aggregate is not None)
    out = tmp_path / "ward.xlsx"
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_to(out)
    ws = openpyxl.load_workbook(out)["会計別（円）"]
    assert [ws.cell(r, 1).value for r in (4, 5, 6)] == ["国民健康保険事業会計", "一般会計", "合計"]
