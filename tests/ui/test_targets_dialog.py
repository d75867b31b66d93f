"""The targets dialog, and the targets on the summary page against the actual rates."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.session import open_ledger
from claimdesk.services.targets import history, set_targets, target_rates
from claimdesk.ui.session import Session
from claimdesk.ui.summary_model import COLUMNS
from claimdesk.ui.summary_page import SummaryPage
from claimdesk.ui.targets_dialog import TargetsDialog

HOUSING, LUNCH = "区営住宅使用料", "学校給食費"
BASIS = "過去3年間の平均収納率に改善分を加えた"


@pytest.fixture
def session(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        set_department(ledger, "JUTAKU", "住宅課")
        add_claim_type(ledger, ClaimType(HOUSING, LegalNature.PRIVATE, "一般会計", "使用料及手数料"))
        add_claim_type(ledger, ClaimType(LUNCH, LegalNature.PRIVATE, "一般会計", "諸収入"))
        add_debtor(ledger, Debtor("D1", "山田 太郎"))
        add_claim(ledger, Claim("A", "D1", HOUSING, 2026, date(2026, 4, 1), 12000, date(2026, 4, 30)))
        record_event(ledger, "A", EventKind.RECEIPT, date(2026, 4, 20), 6000, method="窓口")
    s = Session(path, today=date(2026, 9, 30))
    yield s
    s.close()


def dialog_on(qtbot, session, fy=2026):
    dialog = TargetsDialog(session, fy)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_a_row_per_claim_type_and_ok_only_with_a_basis(qtbot, typist, session):
    dialog = dialog_on(qtbot, session)
    assert [r.current.claim_type for r in dialog.rows] == [HOUSING, LUNCH]
    assert not ok(dialog).isEnabled()  # nothing changed yet
    row = dialog.row(HOUSING)
    qtbot.keyClicks(row.rates["current"], "98.5")
    qtbot.keyClicks(row.rates["total"], "90")
    assert not ok(dialog).isEnabled()
    assert "根拠" in row.message.text() and row.message.is_error()
    typist(row.basis, BASIS)
    typist(row.actions, "口座振替の勧奨")
    assert ok(dialog).isEnabled() and row.message.text() == ""
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert target_rates(session.ledger, 2026) == {(HOUSING, "current"): Decimal("98.5"),
                                                  (HOUSING, "total"): Decimal("90.0")}
    assert history(session.ledger, 2026)[0].basis == BASIS


def test_a_bad_rate_is_shown_at_its_field(qtbot, typist, session):
    dialog = dialog_on(qtbot, session)
    row = dialog.row(LUNCH)
    typist(row.basis, BASIS)
    qtbot.keyClicks(row.rates["carried"], "100.5")
    assert not ok(dialog).isEnabled()
    assert "100.0以下" in row.rates["carried"].message_label.text()
    row.rates["carried"].clear()
    qtbot.keyClicks(row.rates["carried"], "25.55")
    assert "小数第1位" in row.rates["carried"].message_label.text() and not ok(dialog).isEnabled()


def test_targets_in_force_are_shown_and_a_cleared_rate_is_withdrawn(qtbot, session):
    set_targets(session.ledger, HOUSING, 2026, {"current": "98.5", "total": "90"}, BASIS, "口座振替の勧奨")
    dialog = dialog_on(qtbot, session)
    row = dialog.row(HOUSING)
    assert [row.rates[c].text() for c in ("current", "carried", "total")] == ["98.5", "", "90.0"]
    assert row.basis.toPlainText() == BASIS and "最終設定 令和" in row.entered.text()
    row.rates["total"].clear()
    assert ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert target_rates(session.ledger, 2026) == {(HOUSING, "current"): Decimal("98.5")}
    assert [e.rate for e in history(session.ledger, 2026)][-1] is None


def test_another_year_has_its_own_targets(qtbot, session):
    set_targets(session.ledger, HOUSING, 2026, {"current": "98.5"}, BASIS)
    dialog = dialog_on(qtbot, session, fy=2025)
    assert dialog.windowTitle() == "目標収納率の設定（令和7年度）"
    assert dialog.row(HOUSING).rates["current"].text() == ""


@pytest.fixture
def page(qtbot, session):
    page = SummaryPage(session)
    qtbot.addWidget(page)
    page.set_period(2026, date(2026, 9, 30))
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    return page


def test_the_summary_page_shows_targets_against_the_rates(qtbot, session, page, monkeypatch):
    opened = []
    monkeypatch.setattr(TargetsDialog, "exec", lambda self: opened.append(self.fiscal_year) or 0)
    qtbot.mouseClick(page.targets_button, Qt.MouseButton.LeftButton)
    assert opened == [2026]

    set_targets(session.ledger, HOUSING, 2026, {"current": "98.5"}, BASIS)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.notify_changed()
        page.refresh()
    target = page.model.index(0, COLUMNS.index("target_rate"))
    rate = page.model.index(0, COLUMNS.index("collection_rate"))
    assert (target.data(), rate.data()) == ("98.5", "50.0")
    assert rate.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"  # short of the target
    assert rate.data(Qt.ItemDataRole.ToolTipRole) == "目標 98.5％ に対し -48.5 ポイント"
    assert page.model.index(1, COLUMNS.index("collection_rate")).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not page.table.isColumnHidden(COLUMNS.index("target_rate"))


def test_the_row_opens_the_sheet_notes_and_saves_words_and_amounts(qtbot, session, typist):
    from claimdesk.services.targets import sheet_notes_of

    dialog = dialog_on(qtbot, session)
    qtbot.mouseClick(dialog.row(HOUSING).notes_button, Qt.MouseButton.LeftButton)
    notes = dialog.notes_dialog
    assert notes.windowTitle() == "個票の記述（令和8年度）"
    typist(notes.current_box, "口座振替で改善")
    typist(notes.review_box, "夜間催告が有効")
    field = notes.amounts[("collected", "total")]
    typist(field, "abc")
    assert not notes.ok_button.isEnabled()  # an amount that is no amount keeps OK off
    field.clear()
    typist(field, "1500000")
    typist(notes.amounts[("outstanding", "total")], "226,000")
    assert notes.ok_button.isEnabled(), notes.problems()
    notes.ok_button.click()
    saved = sheet_notes_of(session.ledger, 2026)[HOUSING]
    assert (saved.explanation_current, saved.review) == ("口座振替で改善", "夜間催告が有効")
    assert (saved.expected_collected, saved.expected_outstanding) == ({"total": 1_500_000}, {"total": 226_000})
