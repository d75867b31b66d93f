"""「本日の作業」 by debtor, sorted by any column, its filters remembered; the 電話催告 list
shown, saved as xlsx and each call logged in two clicks."""

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.contacts import Channel
from claimdesk.domain.letters import LetterKind
from claimdesk.domain.worklist import WorkKind
from claimdesk.services import casework, entries
from claimdesk.services.letters import render_batch
from claimdesk.ui import call_list_dialog as cl
from claimdesk.ui import worklist_model as wm
from claimdesk.ui.worklist_page import WorklistPage

WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")


@pytest.fixture
def session(make_session):
    """山田 太郎's two rent claims (督促 due) and 佐藤 花子's public claim, whose 督促 went out on 11/1
    (so the call is due), with her phone number."""
    s = make_session(address="東京都世田谷区三宿3-6-1")
    entries.add_claim_type(s.ledger, WELFARE)
    entries.add_debtor(s.ledger, Debtor("D0002", "佐藤 花子", "サトウ ハナコ", phone="03-1234-5678",
                                        address="東京都目黒区八雲1-1-4"))
    entries.add_claim(s.ledger, Claim("W0001", "D0002", WELFARE.name, 2026, date(2026, 8, 1), 40000,
                                      date(2026, 8, 31)))
    casework.complete_step(s.ledger, "W0001", "demand", on=date(2026, 11, 1), today=s.today())
    return s


def shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()
    return page


def test_grouped_by_debtor_one_row_each_with_their_claims_and_one_letter_each(qtbot, session, tmp_path):
    page = shown(qtbot, WorklistPage(session))
    page.set_grouped(True)
    tree = page.tree.model()
    assert tree.rowCount() == 2
    heads = {tree.index(r, wm.DEBTOR).data(): r for r in range(tree.rowCount())}
    yamada = tree.index(heads["山田 太郎（D0001）"], 0)
    assert tree.index(yamada.row(), wm.CLAIM).data() == "債権 2件"
    assert tree.index(yamada.row(), wm.BALANCE).data() == "80,000"
    assert tree.index(yamada.row(), wm.WORK).data() == "督促状の発送ほか 計2件"
    assert tree.rowCount(yamada) == 2
    assert {tree.index(r, wm.CLAIM, yamada).data() for r in range(2)} == {"C0001", "C0002"}
    page.tree.selectionModel().select(yamada, page.tree.selectionModel().SelectionFlag.ClearAndSelect
                                      | page.tree.selectionModel().SelectionFlag.Rows)
    assert sorted(page.selected_claim_ids()) == ["C0001", "C0002"]
    batch = render_batch(session.ledger, LetterKind.DEMAND, tmp_path / "d.pdf", session.today(),
                         claim_ids=page.selected_claim_ids())
    assert [(r.recipient, sorted(r.claim_ids)) for r in batch.letters] == [("山田 太郎", ["C0001", "C0002"])]
    # Double-clicking a work row opens its claim; a debtor's row opens nothing.
    child = tree.index(0, 0, yamada)
    with qtbot.waitSignal(page.open_claim) as opened:
        page.tree.activated.emit(child)
    assert opened.args[0] in ("C0001", "C0002")


def test_every_column_sorts_dates_and_yen_as_numbers(qtbot, session):
    page = shown(qtbot, WorklistPage(session))
    view = page.table.model()
    page.table.sortByColumn(wm.BALANCE, Qt.SortOrder.DescendingOrder)
    balances = [view.index(r, wm.BALANCE).data() for r in range(view.rowCount())]
    assert balances == sorted(balances, key=lambda t: -int(t.replace(",", "")))
    page.table.sortByColumn(wm.DEBTOR, Qt.SortOrder.AscendingOrder)
    names = [view.index(r, wm.DEBTOR).data() for r in range(view.rowCount())]
    assert names == sorted(names)
    page.table.selectRow(0)
    assert page.selected_claim_ids() == [view.index(0, wm.CLAIM).data()]


def test_the_filters_grouping_and_order_are_remembered(qtbot, session, tmp_path):
    settings = QSettings(str(tmp_path / "clerk.ini"), QSettings.Format.IniFormat)
    page = shown(qtbot, WorklistPage(session, settings=settings))
    page.set_filters(kind=WorkKind.STEP, nature=LegalNature.PUBLIC, text="佐藤")
    page.set_grouped(True)
    page.tree.sortByColumn(wm.BALANCE, Qt.SortOrder.DescendingOrder)
    settings.sync()
    again = shown(qtbot, WorklistPage(session, settings=QSettings(str(tmp_path / "clerk.ini"),
                                                                   QSettings.Format.IniFormat)))
    assert (again.kind_combo.value(), again.nature_combo.value(), again.search.text()) == (
        WorkKind.STEP, LegalNature.PUBLIC, "佐藤")
    assert again.grouped_check.isChecked() and again.views.currentWidget() is again.tree
    assert (again.tree.header().sortIndicatorSection(), again.tree.header().sortIndicatorOrder()) == (
        wm.BALANCE, Qt.SortOrder.DescendingOrder)
    assert [again.tree.model().index(r, wm.DEBTOR).data() for r in range(again.tree.model().rowCount())] == [
        "佐藤 花子（D0002）"]


def test_the_call_list_is_shown_saved_and_each_call_logged_in_two_clicks(qtbot, session, tmp_path):
    page = shown(qtbot, WorklistPage(session))
    dialog = page.open_call_list()
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(4)] == ["佐藤 花子（D0002）", "03-1234-5678", "W0001", "40,000"]
    assert dialog.script_label.text().startswith("「債権管理担当の○○です。")
    assert dialog.save_to(tmp_path / "calls.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "calls.xlsx").active
    assert [c.value for c in ws[5]][:5] == ["D0002", "佐藤 花子", "03-1234-5678", "W0001", 40000]

    assert not dialog.log_button.isEnabled()
    qtbot.mouseClick(dialog.result_buttons[cl.CallResult.REACHED], Qt.MouseButton.LeftButton)  # click 1
    assert dialog.log_button.isEnabled()
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)  # click 2
    assert model.rowCount() == 0 and "記録しました" in dialog.message.text()
    (entry,) = [line.entry for line in casework.contact_log(session.ledger, claim_id="W0001")
                if line.entry.channel is Channel.PHONE]
    assert (entry.step_id, entry.summary) == ("reminder_call", "電話催告: 本人と話した")
    # The worklist was rebuilt: the call is no longer due.
    assert all(r.item.step_id != "reminder_call" for r in page._rows)


def test_a_sorted_list_goes_back_to_most_urgent_first(qtbot, session):
    page = shown(qtbot, WorklistPage(session))
    view = page.table.model()
    first = [view.index(r, wm.CLAIM).data() for r in range(view.rowCount())]
    page.table.sortByColumn(wm.CLAIM, Qt.SortOrder.DescendingOrder)
    assert [view.index(r, wm.CLAIM).data() for r in range(view.rowCount())] == sorted(first, reverse=True)
    page.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert [view.index(r, wm.CLAIM).data() for r in range(view.rowCount())] == first


def test_the_case_class_filter_is_remembered_too(qtbot, session, tmp_path):
    from claimdesk.domain.case_class import SETTLE, CaseClass
    for chosen in (SETTLE, CaseClass.INSTALMENTS):
        settings = QSettings(str(tmp_path / f"clerk-{chosen}.ini"), QSettings.Format.IniFormat)
        page = shown(qtbot, WorklistPage(session, settings=settings))
        page.class_combo.set_value(chosen)
        settings.sync()
        again = shown(qtbot, WorklistPage(session, settings=QSettings(str(tmp_path / f"clerk-{chosen}.ini"),
                                                                       QSettings.Format.IniFormat)))
        assert again.class_combo.value() == chosen
        assert again.table.model().rowCount() == 0  # every claim here is 回収


def test_the_whole_date_shows_at_1366(qtbot, session):
    page = shown(qtbot, WorklistPage(session))
    field = page.date_field
    text = field.text()
    assert text.startswith("令和")
    # The text fits in the field beside its calendar button (an action of about 30 px).
    assert field.fontMetrics().horizontalAdvance(text) + 30 < field.width()
