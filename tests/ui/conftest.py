"""Helpers for driving widgets as a clerk types, and the small ledger the page and dialog
tests share."""

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.services import entries
from claimdesk.services.letter_settings import set_letter_settings
from claimdesk.ui.session import Session


def type_text(qtbot, widget, text: str) -> None:
    """Type `text` into `widget`: ASCII as key presses, Japanese as IME commits.

    QTest can only press keys that exist on a keyboard; Japanese reaches a widget as the
    input method's committed string, so that is what is sent for it.
    """
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QCoreApplication.sendEvent(widget, event)


LETTER_SENDER = {"letter_municipality": "みどり区", "letter_issuer": "みどり区長 緑川 一郎",
                 "letter_contact": "電話 03-5432-0000"}


@pytest.fixture
def typist(qtbot):
    return lambda widget, text: type_text(qtbot, widget, text)


@pytest.fixture
def rent():
    """The one claim type of the shared ledger (a private claim)."""
    return ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def make_session(tmp_path, rent):
    """Make the shared ledger, with today fixed at 2026-11-30: debtor D0001 山田 太郎 owing
    C0001 (令和8年度, 50,000円) and C0002 (令和7年度, 30,000円).

    A test module may give the debtor an address and C0001 a cause, for the pages to show;
    by default both are empty (a dialog test types an address into the empty field).
    """
    made = []

    def make(*, address: str = "", cause: str = "", letters_ready: bool = True) -> Session:
        s = Session(tmp_path / "ledger.sqlite3", today=date(2026, 11, 30))
        if letters_ready:  # who sends letters and whom to call: refused until set
            set_letter_settings(s.ledger, LETTER_SENDER)
        entries.add_claim_type(s.ledger, rent)
        entries.add_debtor(s.ledger, Debtor("D0001", "山田 太郎", "ヤマダ タロウ", address=address))
        entries.add_claim(s.ledger, Claim("C0001", "D0001", rent.name, 2026, date(2026, 4, 1), 50000,
                                          date(2026, 4, 30), cause))
        entries.add_claim(s.ledger, Claim("C0002", "D0001", rent.name, 2025, date(2025, 4, 1), 30000,
                                          date(2025, 4, 30)))
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


@pytest.fixture
def session(make_session):
    """The shared ledger as it is by default."""
    return make_session()
