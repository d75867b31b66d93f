"""Pages read again only when a write concerns them (services.changes)."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from claimdesk.domain.claims import EventKind
from claimdesk.services import entries
from claimdesk.services.changes import Changes, Kind
from claimdesk.ui.claim_page import ClaimPage
from claimdesk.ui.debtor_page import DebtorPage
from claimdesk.ui.register_model import COLUMNS
from claimdesk.ui.register_view import RegisterView
from claimdesk.ui.summary_page import SummaryPage
from claimdesk.ui.worklist_page import WorklistPage

BALANCE = [key for key, _ in COLUMNS].index("balance")


def shown(qtbot, page):
    qtbot.addWidget(page)
    page.show()
    return page


def counting(monkeypatch, page) -> list:
    """Count the page's reads from now on."""
    calls, read = [], page.refresh
    monkeypatch.setattr(page, "refresh", lambda *a: (calls.append(1), read(*a)))
    return calls


@pytest.fixture
def summary(qtbot, session):
    page = SummaryPage(session)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        shown(qtbot, page)
    return page


def test_a_contact_log_entry_does_not_recompute_the_summary(qtbot, session, summary, typist):
    claim = shown(qtbot, ClaimPage(session, "C0001"))
    log = claim.casework.log
    qtbot.mouseClick(log.add_button, Qt.MouseButton.LeftButton)
    dialog = log.dialog
    typist(dialog.summary_edit, "本人に電話。月末に納付するとのこと。")
    assert dialog.changes() == Changes.of(Kind.CASEWORK, claims=["C0001"])
    with qtbot.assertNotEmitted(summary.refreshed, wait=600):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not summary._timer.isActive() and not summary.is_busy()
    assert log.model.rowCount() == 1  # while the claim's own log shows it


def test_a_receipt_recomputes_the_summary_and_the_register_balance(qtbot, session, summary):
    register = shown(qtbot, RegisterView(session))
    assert register.model.index(0, BALANCE).data() == "50,000"
    entries.record_event(session.ledger, "C0001", EventKind.RECEIPT, date(2026, 11, 1), 20000, method="窓口")
    with qtbot.waitSignal(summary.refreshed, timeout=10000):
        session.notify_changed(Changes.of(Kind.MONEY, claims=["C0001"]))
    assert register.model.index(0, BALANCE).data() == "30,000"


def test_a_receipt_refreshes_its_claim_and_debtor_but_not_another_claims_page(qtbot, session, monkeypatch):
    pages = {name: shown(qtbot, page) for name, page in (
        ("C0001", ClaimPage(session, "C0001")), ("C0002", ClaimPage(session, "C0002")),
        ("D0001", DebtorPage(session, "D0001")))}
    reads = {name: counting(monkeypatch, page) for name, page in pages.items()}
    session.notify_changed(Changes.of(Kind.MONEY, claims=["C0001"]))
    assert {name: len(calls) for name, calls in reads.items()} == {"C0001": 1, "C0002": 0, "D0001": 1}


def test_targets_do_not_rebuild_the_worklist_but_a_new_day_does(qtbot, session):
    page = WorklistPage(session)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        shown(qtbot, page)
    with qtbot.assertNotEmitted(page.refreshed, wait=600):
        session.notify_changed(Changes.of(Kind.TARGETS))
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        session.set_today(date(2026, 12, 1))
    assert page.as_of() == date(2026, 12, 1)
