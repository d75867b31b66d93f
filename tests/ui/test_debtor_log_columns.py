"""The debtor page's contact log at 1366×768: an entry naming many claims leaves 内容 its room."""

from datetime import date

from PySide6.QtCore import Qt

from claimdesk.domain.claims import Claim
from claimdesk.services import casework, entries
from claimdesk.ui import contact_log_model as lm
from claimdesk.ui.debtor_page import DebtorPage

TODAY = date(2026, 11, 30)


def test_many_claims_in_one_entry_do_not_squeeze_the_summary(qtbot, make_session):
    session = make_session()
    ids = [f"SH2025-00000{n}" for n in range(1, 7)]
    for claim_id in ids:
        entries.add_claim(session.ledger, Claim(claim_id, "D0001", session.ledger.claim_types()[0].name, 2025,
                                                date(2025, 4, 1), 10000, date(2025, 4, 30)))
    summary = "本人と電話。6件の未納について、来月から毎月1万円ずつ納付したいとのこと。分納誓約書を送付する。"
    casework.log_contact(session.ledger, ids, "電話", summary, on=TODAY, today=TODAY)
    page = DebtorPage(session, "D0001")
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    table, model = page.log.table, page.log.model
    claims_width = table.fontMetrics().horizontalAdvance("SH2025-000000 他10件") + 16
    assert table.columnWidth(lm.CLAIMS) <= claims_width
    assert model.data(model.index(0, lm.CLAIMS)) == "SH2025-000001 他5件"
    assert table.columnWidth(lm.SUMMARY) >= table.fontMetrics().horizontalAdvance(summary[:24])
    tip = model.data(model.index(0, lm.CLAIMS), Qt.ItemDataRole.ToolTipRole)
    assert "<td><b>対象債権</b></td><td>" + "、".join(ids) + "</td>" in tip  # all of them, on hover
