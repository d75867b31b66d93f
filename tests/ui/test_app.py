"""The window opens on a ledger and shows, in Japanese, what it holds."""

from datetime import date

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.storage.ledger import Ledger
from claimdesk.ui.app import build_window


def test_window_shows_the_ledger(qtbot, tmp_path):
    path = tmp_path / "l.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(ClaimType("学校給食費", LegalNature.PRIVATE, "一般会計", "諸収入"))
        led.save_debtor(Debtor("D1", "山田 太郎"))
        led.add_claim(Claim("A", "D1", "学校給食費", 2026, date(2026, 4, 1), 4500, date(2026, 4, 30)))
        led.set_setting("department_code", "KYUSHOKU")
        led.set_setting("department_name", "学務課")
    window = build_window(path)
    qtbot.addWidget(window)
    window.show()
    text = window.centralWidget().text()
    assert "債権管理デスク" in window.windowTitle()
    assert "債権 1件" in text and "KYUSHOKU 学務課" in text
