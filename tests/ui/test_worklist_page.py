"""「本日の作業」: what to do, why, by when and with which letter, most urgent first."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.worklist import WorkKind
from claimdesk.services import casework, entries
from claimdesk.services.changes import EVERYTHING, Changes, Kind
from claimdesk.ui import worklist_model as wm
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow
from claimdesk.ui.worklist_page import WorklistPage

WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")


@pytest.fixture
def session(make_session):
    """conftest's two rent claims of 山田 太郎 (both past due), and a public claim of 佐藤 花子
    whose 督促 was sent and whose promise was broken (so the 催告 is due again)."""
    s = make_session()
    entries.add_claim_type(s.ledger, WELFARE)
    entries.add_debtor(s.ledger, Debtor("D0002", "佐藤 花子", "サトウ ハナコ"))
    entries.add_claim(s.ledger, Claim("W0001", "D0002", WELFARE.name, 2026, date(2026, 8, 1), 40000,
                                      date(2026, 8, 31)))
    casework.complete_step(s.ledger, "W0001", "demand", on=date(2026, 9, 2), today=s.today())
    casework.record_promise(s.ledger, "W0001", 10000, date(2026, 10, 15), on=date(2026, 10, 1), today=s.today())
    return s


def shown(qtbot, page):
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()
    return page


def texts(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_list_says_what_why_by_when_and_which_letter(qtbot, qtmodeltester, session):
    page = shown(qtbot, WorklistPage(session))
    model = page.model
    qtmodeltester.check(model)
    assert texts(model, wm.CLAIM) == ["C0002", "C0001", "W0001", "W0001"]  # overdue, oldest deadline first
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[wm.URGENCY] == "期限超過"
    assert row[wm.DEADLINE].startswith("令和7年5月20日（") and "日超過" in row[wm.DEADLINE]
    assert row[wm.WORK] == "督促状の発送"
    assert "施行令第171条" in row[wm.REASON]
    assert row[wm.LETTER] == "督促状"
    assert (row[wm.DEBTOR], row[wm.TYPE], row[wm.BALANCE]) == ("山田 太郎", "区営住宅使用料", "30,000")
    assert model.data(model.index(0, wm.BALANCE), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    promise = model.row(2)
    assert promise.item.kind is WorkKind.PROMISE_BROKEN
    assert "令和8年10月15日" in promise.work and "約束" in promise.reason
    assert model.row(3).work == "電話・訪問による催告" and model.row(3).letter == ""
    assert page.count_label.text() == "令和8年11月30日の作業: 4件（期限超過 4）"


def test_filters_and_search_narrow_the_list_at_once(qtbot, session):
    page = shown(qtbot, WorklistPage(session))
    page.set_filters(nature=LegalNature.PUBLIC)
    assert texts(page.model, wm.CLAIM) == ["W0001", "W0001"]
    page.set_filters(kind=WorkKind.STEP)
    assert texts(page.model, wm.CLAIM) == ["C0002", "C0001", "W0001"]
    assert page.kind_combo.currentText() == "手順（3）"
    page.set_filters(claim_type="区営住宅使用料", text="ｃ０００１")  # folded like the register's search
    assert texts(page.model, wm.CLAIM) == ["C0001"]
    assert "全4件のうち 1件" in page.count_label.text()
    page.set_filters(text="さとう")  # the debtor's かな, as the register's search finds 佐藤
    assert texts(page.model, wm.CLAIM) == ["W0001", "W0001"]
    page.set_filters(text="すずき")  # no such debtor: nothing
    assert page.model.rowCount() == 0


def test_enter_or_double_click_opens_the_claim(qtbot, session):
    page = shown(qtbot, WorklistPage(session))
    page.table.setFocus()
    page.table.setCurrentIndex(page.table.model().index(1, wm.WORK))
    with qtbot.waitSignal(page.open_claim) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == ["C0001"]


def test_another_day_and_changes_in_the_ledger_rebuild_it(qtbot, session, typist):
    page = shown(qtbot, WorklistPage(session))
    page.date_field.clear()
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        typist(page.date_field, "令和7年5月1日")  # C0002 just past due; the rest not yet
    assert texts(page.model, wm.CLAIM) == ["C0002"]
    assert page.model.data(page.model.index(0, wm.URGENCY)) == "対応時期"
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.follow_today()
    entries.record_event(session.ledger, "C0001", EventKind.RECEIPT, date(2026, 11, 30), 50000)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.notify_changed()
    assert texts(page.model, wm.CLAIM) == ["C0002", "W0001", "W0001"]
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.set_today(date(2026, 12, 1))  # the page follows the session's day
    assert page.as_of() == date(2026, 12, 1)


def test_the_window_opens_on_the_worklist(qtbot, session):
    create_app()
    window = MainWindow(session.path, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    page = window.worklist
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        window.show()
    assert window.tabs.tabText(0) == "本日の作業" and window.tabs.currentWidget() is page
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "表示(&V)")
    (action,) = [a for a in view_menu.actions() if a.text() == "本日の作業(&T)"]
    assert isinstance(action, QAction) and action.shortcut().toString() == "Ctrl+0"
    window.tabs.setCurrentWidget(window.register)
    action.trigger()
    assert window.tabs.currentWidget() is page
    page.open_claim.emit("W0001")
    assert "W0001" in window.tabs.tabText(window.tabs.currentIndex())


def test_an_item_without_a_deadline_says_since_when(qtbot, session):
    (letter,) = [line.entry for line in casework.contact_log(session.ledger, claim_id="W0001")
                 if line.entry.letter_kind is not None]
    casework.mark_letter_returned(session.ledger, letter.entry_id, on=date(2026, 11, 20), today=session.today())
    page = shown(qtbot, WorklistPage(session))
    page.set_filters(kind=WorkKind.LETTER_RETURNED)
    assert page.model.rowCount() == 1
    row = [page.model.data(page.model.index(0, c)) for c in (wm.URGENCY, wm.DEADLINE, wm.WORK)]
    assert row[:2] == ["対応時期", "令和8年11月20日から（10日経過）"]
    assert row[2].startswith("文書が返戻（令和8年11月20日") and "所在調査" in row[2]


def test_overpaid_claims_show_a_refund_item_until_the_refund(qtbot, session):
    entries.record_event(session.ledger, "C0002", EventKind.RECEIPT, date(2026, 11, 10), 31_500,
                         today=session.today(), accept_overpayment=True)
    page = shown(qtbot, WorklistPage(session))
    page.set_filters(kind=WorkKind.REFUND)
    assert page.model.rowCount() == 1
    row = [page.model.data(page.model.index(0, c)) for c in (wm.CLAIM, wm.URGENCY, wm.DEADLINE, wm.WORK,
                                                             wm.REASON, wm.BALANCE)]
    assert row[:3] == ["C0002", "対応時期", "令和8年11月10日から（20日経過）"]
    assert row[3] == "過誤納金 1,500円 の還付（令和8年11月10日 の収納から）"
    assert "過誤納金として預かっています" in row[4] and row[5] == "-1,500"
    page.set_filters(kind=WorkKind.REFUND, text="やまだ")  # found by its debtor's かな, as every row
    assert texts(page.model, wm.CLAIM) == ["C0002"]
    entries.record_event(session.ledger, "C0002", EventKind.REFUND, date(2026, 11, 30), 1_500, today=session.today())
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.notify_changed()
    assert page.model.rowCount() == 0


class Calls:
    """The worklist computations the page starts: None for the whole list, else the claims."""

    def __init__(self, monkeypatch):
        import claimdesk.ui.worklist_page as page_module

        self.made: list[frozenset[str] | None] = []
        real = page_module.worklist

        def counted(ledger, day, filter=None, claim_ids=None):
            self.made.append(None if claim_ids is None else frozenset(claim_ids))
            return real(ledger, day) if claim_ids is None else real(ledger, day, claim_ids=claim_ids)

        monkeypatch.setattr(page_module, "worklist", counted)


def test_an_edit_of_one_claim_works_out_only_that_claim(qtbot, session, monkeypatch):
    calls = Calls(monkeypatch)
    page = shown(qtbot, WorklistPage(session))
    assert calls.made == [None]
    before = texts(page.model, wm.CLAIM)
    assert before.count("W0001") == 2 and "C0001" in before
    # W0001's broken promise is paid in full: its items go, the other claims' rows stay.
    entries.record_event(session.ledger, "W0001", EventKind.RECEIPT, date(2026, 11, 30), 40000, today=session.today())
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.notify_changed(Changes.of(Kind.MONEY, claims=["W0001"]))
    assert calls.made == [None, frozenset({"W0001"})]
    assert texts(page.model, wm.CLAIM) == [c for c in before if c != "W0001"]
    # The same as a whole rebuild would show, counts included.
    whole = shown(qtbot, WorklistPage(session))
    assert texts(whole.model, wm.CLAIM) == texts(page.model, wm.CLAIM)
    assert page._counts == whole._counts


def test_rows_worked_out_again_after_an_edit_are_found_by_their_debtors_kana(qtbot, session, monkeypatch):
    calls = Calls(monkeypatch)
    page = shown(qtbot, WorklistPage(session))
    entries.record_event(session.ledger, "W0001", EventKind.RECEIPT, date(2026, 11, 30), 1000, today=session.today())
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.notify_changed(Changes.of(Kind.MONEY, claims=["W0001"]))
    assert calls.made == [None, frozenset({"W0001"})]
    kept = texts(page.model, wm.CLAIM).count("W0001")
    assert kept >= 1  # a part payment: its items stay, worked out again
    page.set_filters(text="サトウ　ハナコ")  # 佐藤 花子's かな, full-width space and all
    assert texts(page.model, wm.CLAIM) == ["W0001"] * kept


def test_a_change_to_the_whole_list_rebuilds_it(qtbot, session, monkeypatch):
    calls = Calls(monkeypatch)
    page = shown(qtbot, WorklistPage(session))
    for changes in (EVERYTHING, Changes.of(Kind.DEBTOR, debtors=["D0002"]),
                    Changes.of(Kind.REGISTER, Kind.MONEY, claims=["W0002"])):
        with qtbot.waitSignal(page.refreshed, timeout=10000):
            session.notify_changed(changes)
    assert calls.made == [None, None, None, None]


def test_edits_while_hidden_are_worked_out_when_shown(qtbot, session, monkeypatch):
    calls = Calls(monkeypatch)
    page = shown(qtbot, WorklistPage(session))
    page.hide()
    session.notify_changed(Changes.of(Kind.CASEWORK, claims=["C0001"]))
    session.notify_changed(Changes.of(Kind.MONEY, claims=["C0002"]))
    assert calls.made == [None]
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()
    assert calls.made == [None, frozenset({"C0001", "C0002"})]


def test_a_debtors_new_kana_finds_their_rows_after_the_change(qtbot, session):
    page = shown(qtbot, WorklistPage(session))
    entries.update_debtor(session.ledger, Debtor("D0002", "佐藤 花子", "スズキ ハナコ"))  # married: a new かな
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.notify_changed(Changes.of(Kind.DEBTOR, debtors=["D0002"]))
    page.set_filters(text="すずき")
    assert texts(page.model, wm.CLAIM) == ["W0001", "W0001"]
    page.set_filters(text="サトウ")  # the old かな no longer; the name as written still finds them
    assert page.model.rowCount() == 0
    page.set_filters(text="佐藤")
    assert texts(page.model, wm.CLAIM) == ["W0001", "W0001"]


def test_the_debtors_search_texts_are_read_once_and_again_after_a_failure():
    from claimdesk.domain.text import Phrase
    from claimdesk.domain.worklist import ClaimLine, Urgency, WorkItem
    from claimdesk.storage.errors import LedgerBusyError

    reads = []

    def read():
        reads.append(1)
        if len(reads) == 1:
            raise LedgerBusyError("台帳ファイルを他の人またはプログラムが使用中です")
        return {"D1": "d1山田太郎ヤマダタロウ"}

    keys = wm.DebtorKeys(read)
    line = ClaimLine("C1", "D1", "山田 太郎", "区営住宅使用料", LegalNature.PRIVATE, 1000)
    row = wm.WorkRow(WorkItem(WorkKind.STEP, Urgency.DUE, line, Phrase.of("督促状の発送"), date(2026, 11, 1)), None,
                     keys)
    other = wm.WorkRow(row.item, None, keys)
    assert "ヤマダ" not in row.key and "山田太郎" in row.key  # busy: the name as written meanwhile
    assert "山田太郎" in other.key and len(reads) == 1  # not tried again for every row of one search
    keys.retry_after = 0  # (a later search)
    assert "ヤマダタロウ" in row.key  # read once it could be …
    assert row.key.startswith("c1d1山田太郎ヤマダタロウ") and len(reads) == 2  # … and kept
    assert keys.get("D2") is None  # a debtor added since: the row's own id and name
