"""The issue's walk-through: one claim from its due date through 督促, 催告 and a signed
instalment plan, done only through the window (buttons, dialogs, typing), with 本日の作業
checked at every turn. The ledger is built once with the services; after that only the
day moves (Session.set_today, as the calendar would) and the clerk's hands do the rest.
"""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.contacts import Channel
from claimdesk.domain.worklist import WorkKind
from claimdesk.services import entries
from claimdesk.services.session import open_ledger
from claimdesk.ui import worklist_model as wm
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def window(qtbot, tmp_path):
    """A demo-like ledger: 区営住宅使用料 of 令和8年度, 60,000円 due 2026-06-30, nothing paid."""
    path = tmp_path / "walk.sqlite3"
    with open_ledger(path) as ledger:
        entries.add_claim_type(ledger, RENT)
        entries.add_debtor(ledger, Debtor("D1", "山田 太郎", "ヤマダ タロウ", address="東京都港区芝公園1-1-1"))
        entries.add_claim(ledger, Claim("R0001", "D1", RENT.name, 2026, date(2026, 4, 1), 60000,
                                        date(2026, 6, 30), "令和8年度 家賃"))
    create_app()
    w = MainWindow(path, today=date(2026, 6, 30))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.worklist.refreshed, timeout=10000):
        w.show()
    return w


def worklist(qtbot, window) -> dict[str, tuple]:
    """Go to 本日の作業 and read it: claim id → (kind, 作業, 通知書, 緊急度)."""
    page = window.worklist
    window.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    return {r.item.claim.claim_id: (r.item.kind, r.work, r.letter, r.item.urgency.label)
            for r in (page.model.row(i) for i in range(page.model.rowCount()))}


def next_day(window, day: date) -> None:
    window.session.set_today(day)


def ok(qtbot, dialog) -> None:
    assert dialog.ok_button.isEnabled(), dialog.problems()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.general_error.text()


def complete_step(qtbot, page, typist, summary: str = "", tick_all: bool = True):
    box = page.casework.next_step
    if tick_all:
        for check in box.checks:
            # On the box itself: the widget is as wide as the form, its label is not.
            qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))
            assert check.isChecked()
    qtbot.mouseClick(box.complete_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog.date_field.value() == page.session.today()
    if summary:
        typist(dialog.summary_field, summary)
    ok(qtbot, dialog)
    return dialog


def test_a_claim_walked_from_due_date_to_a_signed_plan(qtbot, window, typist):
    # 6/30, the due date itself: nothing to do yet.
    assert "R0001" not in worklist(qtbot, window)

    # 7/1: the 督促 is due (within 20 days of the due date, 施行令171条).
    next_day(window, date(2026, 7, 1))
    todo = worklist(qtbot, window)
    assert todo["R0001"] == (WorkKind.STEP, "督促状の発送", "督促状", "対応時期")
    page = window.worklist
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, wm.WORK))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # opens the claim on its 交渉・督促 tab
    claim = window.tabs.currentWidget()
    assert claim.claim_id == "R0001" and claim.sections.currentWidget() is claim.casework
    box, limitation = claim.casework.next_step, claim.casework.limitation
    assert box.title_label.text() == "督促状の発送"
    assert box.deadline_label.text() == "令和8年7月20日まで（あと19日）"
    assert limitation.date_label.text().startswith("令和13年6月30日")
    complete_step(qtbot, claim, typist)
    assert box.title_label.text() == "電話・訪問による催告"
    assert "R0001" not in worklist(qtbot, window)  # done: nothing until the 催告 is due

    # 7/11 still nothing; 7/12 (11 days after the 督促) the 催告 by phone is due.
    next_day(window, date(2026, 7, 11))
    assert "R0001" not in worklist(qtbot, window)
    next_day(window, date(2026, 7, 12))
    assert worklist(qtbot, window)["R0001"] == (WorkKind.STEP, "電話・訪問による催告", "", "対応時期")
    window.open_claim("R0001", casework=True)
    assert window.tabs.currentWidget() is claim
    complete_step(qtbot, claim, typist, summary="本人と電話。月末に払うとのこと。")
    assert claim.casework.log.model.line(0).entry.channel is Channel.PHONE
    assert "R0001" not in worklist(qtbot, window)

    # 9/28, about three months in arrears: the 催告書, then the 納付相談 at once.
    next_day(window, date(2026, 9, 27))
    assert "R0001" not in worklist(qtbot, window)
    next_day(window, date(2026, 9, 28))
    assert worklist(qtbot, window)["R0001"] == (WorkKind.STEP, "催告書の発送（保証人へ写し）", "催告書", "対応時期")
    window.open_claim("R0001", casework=True)
    complete_step(qtbot, claim, typist)
    assert worklist(qtbot, window)["R0001"][1] == "納付相談"

    # The debtor comes to the counter and signs a 分納誓約書: six instalments from 10/31.
    window.open_claim("R0001", casework=True)
    before = limitation.date_label.text()
    qtbot.mouseClick(claim.casework.plan.plan_button, Qt.MouseButton.LeftButton)
    plan = claim.casework.plan.dialog
    assert plan.total_field.value() == 60000 and plan.first_field.value() == date(2026, 10, 31)
    assert plan.preview_model.rowCount() == 6
    ok(qtbot, plan)
    assert box.title_label.text() == "分納誓約中"
    after = limitation.date_label.text()
    assert before.startswith("令和13年6月30日") and after.startswith("令和13年9月28日")  # acknowledgment renews
    assert "債務承認及び分納誓約書" in limitation.basis_label.text()
    assert "R0001" not in worklist(qtbot, window)  # the plan's instalments drive it now

    # The first instalment is paid on time, at the counter.
    window.open_claim("R0001")
    claim.sections.setCurrentIndex(0)
    next_day(window, date(2026, 10, 30))
    qtbot.mouseClick(claim.receipt_button, Qt.MouseButton.LeftButton)
    receipt = claim.dialog
    typist(receipt.amount_field, "10000")
    ok(qtbot, receipt)
    assert claim.casework.plan.model.data(claim.casework.plan.model.index(0, 5)) == "納付済"
    next_day(window, date(2026, 11, 30))
    assert "R0001" not in worklist(qtbot, window)  # the second falls due today: not missed yet

    # 12/1: the second instalment was missed, and the claim is back on the list.
    next_day(window, date(2026, 12, 1))
    kind, work, _letter, urgency = worklist(qtbot, window)["R0001"]
    assert kind is WorkKind.INSTALMENT_MISSED and urgency == "期限超過"
    assert work == "分納 第2回（令和8年11月30日）から未納 計10,000円"
    assert claim.casework.plan.model.data(claim.casework.plan.model.index(1, 5)) == "未納"
