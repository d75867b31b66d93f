"""An heir, driven as a clerk would: added with their share on the claim page, written to from the
window (the letter read back from the PDF), the letter logged under the heir's kind and name."""

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from claimdesk.domain.letters import LetterKind
from claimdesk.services import casework
from claimdesk.ui import contact_log_model as lm
from claimdesk.ui import parties_box as pb
from claimdesk.ui.claim_page import ClaimPage
from claimdesk.ui.letter_preview import make_letters


@pytest.fixture
def session(make_session):
    return make_session(address="東京都世田谷区三宿3-6-1")


def test_an_heir_added_with_a_share_gets_an_heirs_letter_logged_as_the_heirs(qtbot, session, typist, tmp_path):
    page = ClaimPage(session, "C0001")
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.sections.setCurrentWidget(page.parties)
    dialog = page.parties.open_add_dialog()
    dialog.role_combo.set_value("heir")
    typist(dialog.name_field, "山田 花子")
    typist(dialog.postal_field, "152-0023")
    typist(dialog.address_field, "東京都目黒区八雲1-1")
    typist(dialog.share_field, "1/3")
    dialog.all_check.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.general_error.text()
    model = page.parties.model
    assert model.data(model.index(0, pb.ROLE)) == "相続人（法定相続分 3分の1）"

    balance = casework.claim_casework(session.ledger, "C0001", session.today()).balance
    task = make_letters(page, session, LetterKind.REMINDER, claim_ids=["C0001"], output=tmp_path / "r.pdf")
    qtbot.waitUntil(task.is_done, timeout=20000)
    preview = task.preview
    (record,) = preview.batch.letters
    assert record.recipient == "山田 花子" and record.recipient_kind == "相続人"
    text = PdfReader(str(tmp_path / "r.pdf")).pages[0].extract_text().replace("\n", "").replace(" ", "")
    assert "被相続人山田太郎様" in text and "相続により承継しています" in text
    charge = casework.late_charge(session.ledger, "C0001", session.today()).outstanding
    charges = f"、遅延損害金{charge:,}円のうち{charge // 3:,}円" if charge else ""
    assert f"のうち{balance // 3:,}円{charges}です（債権ごとに1円未満切捨て）" in text
    assert preview.record_sent(session.today())
    preview.close()

    log = page.casework.log
    qtbot.waitUntil(lambda: log.model.rowCount() >= 2)
    texts = {log.model.data(log.model.index(r, lm.CHANNEL)): log.model.data(log.model.index(r, lm.PARTY))
             for r in range(log.model.rowCount())}
    assert texts["文書発送・催告書"] == "相続人（山田 花子）"
    (letter,) = [line for line in casework.contact_log(session.ledger, claim_id="C0001")
                 if line.entry.letter_kind is LetterKind.REMINDER]
    assert "宛先: 相続人 山田 花子 様" in letter.entry.summary
