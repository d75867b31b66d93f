"""The claim page and the debtor page: facts, history, balances, and entries made from them."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from claimdesk.domain.claims import DebtorKind, EventKind, Guarantor
from claimdesk.services import entries
from claimdesk.services.details import claim_detail
from claimdesk.ui import history_model as hm
from claimdesk.ui.claim_page import ClaimPage
from claimdesk.ui.debtor_page import DebtorClaimsModel, DebtorPage
from claimdesk.ui.dialogs import ClaimDialog, DebtorDialog, EventDialog, ReversalDialog


@pytest.fixture
def session(make_session):
    """conftest's ledger, with the particulars the pages show: an address, a cause, a guarantor."""
    s = make_session(address="東京都港区1-1", cause="令和8年4月分 使用料")
    s.ledger.add_guarantor(Guarantor("C0001", "山田 花子", relation="妻"))
    return s


def page_of(qtbot, page):
    qtbot.addWidget(page)
    page.show()
    return page


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_the_page_shows_the_claims_facts(qtbot, session):
    page = page_of(qtbot, ClaimPage(session, "C0001"))
    assert page.title == "債権 C0001 山田 太郎" and page.property("title") == page.title
    assert page.values["fiscal_year"].text() == "令和8年度"
    assert page.values["due_date"].text() == "令和8年4月30日"
    assert page.values["amount"].text() == "50,000円"
    assert page.values["nature"].text() == "私債権"
    assert page.values["budget"].text() == "一般会計／使用料及手数料"
    assert page.guarantors_label.text() == "連帯保証人 山田 花子（妻）"  # by kind: an heir is no guarantor
    assert page.balance_label.text() == "50,000円"
    assert not page.refund_button.isEnabled() and page.write_off_button.isEnabled()
    assert not page.reverse_button.isEnabled()
    with qtbot.waitSignal(page.open_debtor) as opened:
        qtbot.mouseClick(page.debtor_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["D0001"]


def test_a_receipt_entered_in_the_dialog_shows_in_the_history(qtbot, session, typist):
    page = page_of(qtbot, ClaimPage(session, "C0001"))
    qtbot.mouseClick(page.receipt_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, EventDialog) and dialog.isVisible()
    dialog.date_field.clear()
    typist(dialog.date_field, "令和8年5月1日")
    typist(dialog.amount_field, "１２，０００")
    dialog.method_combo.setCurrentText("窓口")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    model = page.history_model
    assert model.rowCount() == 1
    assert [cell(model, 0, c) for c in (hm.DATE, hm.KIND, hm.AMOUNT, hm.BALANCE, hm.YEAR, hm.METHOD,
                                        hm.OPERATOR)] == [
        "令和8年5月1日", "収納", "12,000", "38,000", "令和8年度", "窓口", "テスト担当"]
    assert cell(model, 0, hm.AMOUNT, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert page.balance_label.text() == "38,000円"


def test_a_reversal_shows_both_entries_and_marks_the_original(qtbot, session, typist):
    entries.record_event(session.ledger, "C0001", EventKind.RECEIPT, date(2026, 5, 1), 20000)
    entries.record_event(session.ledger, "C0001", EventKind.RECEIPT, date(2026, 6, 1), 10000)
    page = page_of(qtbot, ClaimPage(session, "C0001"))
    assert page.balance_label.text() == "20,000円"
    page.history_view.selectRow(0)
    assert page.reverse_button.isEnabled()
    qtbot.mouseClick(page.reverse_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReversalDialog) and not dialog.ok_button.isEnabled()
    typist(dialog.reason_field, "別人の納付を誤って入力")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    model = page.history_model
    assert [(cell(model, r, hm.KIND), cell(model, r, hm.AMOUNT), cell(model, r, hm.BALANCE))
            for r in range(model.rowCount())] == [
        ("収納（取消済）", "20,000", "30,000"),
        ("収納の取消", "-20,000", "50,000"),
        ("収納", "10,000", "40,000")]
    original_font = cell(model, 0, hm.AMOUNT, Qt.ItemDataRole.FontRole)
    assert isinstance(original_font, QFont) and original_font.strikeOut()
    assert cell(model, 0, hm.KIND, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(model, 1, hm.KIND, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(model, 2, hm.KIND, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(model, 1, hm.NOTE) == "別人の納付を誤って入力"
    assert "令和8年5月1日の収納 20,000円" in cell(model, 1, hm.KIND, Qt.ItemDataRole.ToolTipRole)
    assert page.balance_label.text() == "40,000円"
    for row in (0, 1):
        page.history_view.selectRow(row)
        assert not page.reverse_button.isEnabled()


def test_the_override_of_an_accounting_year_is_marked(qtbot, session):
    entries.record_event(session.ledger, "C0002", EventKind.RECEIPT, date(2026, 5, 10), 1000)
    entries.record_event(session.ledger, "C0002", EventKind.RECEIPT, date(2026, 5, 11), 1000,
                         accounting_year=2026)
    page = page_of(qtbot, ClaimPage(session, "C0002"))
    assert cell(page.history_model, 0, hm.YEAR) == "令和7年度"
    assert cell(page.history_model, 1, hm.YEAR) == "令和8年度 ※指定"


def test_refund_is_offered_only_when_overpaid(qtbot, session):
    page = page_of(qtbot, ClaimPage(session, "C0002"))
    entries.record_event(session.ledger, "C0002", EventKind.RECEIPT, date(2026, 5, 10), 31000,
                         accept_overpayment=True)
    session.notify_changed()
    assert (page.balance_caption.text(), page.balance_label.text()) == ("過誤納金（還付未済）", "1,000円")
    assert page.refund_button.isEnabled() and not page.write_off_button.isEnabled()
    dialog = page.open_event_dialog(EventKind.REFUND)
    assert dialog.amount_field.value() == 1000
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert (page.balance_caption.text(), page.balance_label.text()) == ("現在の残高", "0円")


def test_history_model_passes_the_model_tester(qtmodeltester, session):
    model = hm.HistoryModel()
    qtmodeltester.check(model)
    r = entries.record_event(session.ledger, "C0001", EventKind.RECEIPT, date(2026, 5, 1), 20000, method="窓口")
    entries.reverse_event(session.ledger, r.event_id, "誤入力")
    entries.record_event(session.ledger, "C0001", EventKind.ADJUSTMENT, date(2026, 6, 1), -500, note="減免")
    model.set_history(claim_detail(session.ledger, "C0001").history)
    assert model.rowCount() == 3 and model.columnCount() == 9
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)] == [
        "日付", "区分", "金額", "残高", "会計年度", "納付方法", "摘要", "入力者", "入力日時"]
    qtmodeltester.check(model)


def test_the_debtor_page_lists_claims_and_totals_what_is_owed(qtbot, qtmodeltester, session):
    entries.record_event(session.ledger, "C0002", EventKind.RECEIPT, date(2025, 5, 1), 10000)
    page = page_of(qtbot, DebtorPage(session, "D0001"))
    assert page.title == "債務者 D0001 山田 太郎"
    assert page.total_label.text() == "70,000円"
    assert page.values["address"].text() == "東京都港区1-1"
    assert "連帯保証人 山田 花子・妻（債権 C0001）" == page.values["guarantors"].text()
    model = page.claims_model
    assert isinstance(model, DebtorClaimsModel)
    qtmodeltester.check(model)
    assert [cell(model, 0, c) for c in range(7)] == [
        "C0002", "区営住宅使用料", "令和7年度", "令和7年4月30日", "30,000", "20,000", "滞納"]
    assert cell(model, 0, 5, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    rect = page.claims_view.visualRect(model.index(1, 0))
    # A real double click is press, release, double-click: the view wants the press first.
    qtbot.mouseClick(page.claims_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_claim) as opened:
        qtbot.mouseDClick(page.claims_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["C0001"]


def test_a_new_claim_and_a_new_name_from_the_debtor_page(qtbot, session, typist):
    page = page_of(qtbot, DebtorPage(session, "D0001"))
    dialog = page.open_claim_dialog()
    assert isinstance(dialog, ClaimDialog)
    qtbot.keyClicks(dialog.claim_id_field, "C0003")
    qtbot.keyClicks(dialog.amount_field, "4500")
    qtbot.keyClicks(dialog.due_field, "2026-12-31")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.claims_model.rowCount() == 3 and page.total_label.text() == "84,500円"
    claim_page = page_of(qtbot, ClaimPage(session, "C0003"))

    dialog = page.open_debtor_dialog()
    assert isinstance(dialog, DebtorDialog) and dialog.name_field.text() == "山田 太郎"
    qtbot.mouseClick(dialog.corporation_radio, Qt.MouseButton.LeftButton)
    dialog.name_field.clear()
    assert not dialog.ok_button.isEnabled()
    typist(dialog.name_field, "山田商店株式会社")
    typist(dialog.representative_field, "山田 太郎")
    with qtbot.waitSignals([page.title_changed, claim_page.title_changed]):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.title == "債務者 D0001 山田商店株式会社"
    assert claim_page.title == "債権 C0003 山田商店株式会社"
    assert page.form.labelForField(page.values["name"]).text() == "名称"
    assert page.values["representative"].text() == "山田 太郎"
    assert page.values["representative"].isVisible() and not page.values["workplace"].isVisible()
    assert page.detail.debtor.kind is DebtorKind.CORPORATION
