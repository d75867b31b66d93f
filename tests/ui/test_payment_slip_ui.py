"""納付書 in the window: the 文書 menu and the claim page make them; 「納付書を同封」 encloses them."""

from datetime import date

from PySide6.QtCore import QItemSelectionModel

from claimdesk.domain.contacts import LetterKind
from claimdesk.domain.payment_slips import SlipKind, payment_number
from claimdesk.ui import letter_preview
from claimdesk.ui.claim_page import ClaimPage
from claimdesk.ui.main_window import MainWindow


def test_the_claim_page_makes_a_slip_previewed_then_recorded_when_sent(qtbot, session, tmp_path):
    page = ClaimPage(session, "C0001")
    qtbot.addWidget(page)
    page.slip_button.click()
    qtbot.waitUntil(page.slip_task.is_done, timeout=10000)
    preview = page.slip_task.preview
    assert preview.batch.kind is SlipKind.PAYMENT_SLIP and preview.document.pageCount() == 1
    assert preview.summary.text().startswith("納付書 1枚（1通）・1ページ")
    assert session.ledger.payments.slips("C0001") == []
    assert preview.record_sent(date(2026, 11, 30))
    (slip,) = session.ledger.payments.slips("C0001")
    assert slip.number == payment_number(1, 1) and slip.principal == 50_000 and slip.deadline == date(2026, 12, 14)
    preview.close()


def test_the_letters_menu_encloses_slips_when_asked(qtbot, session, monkeypatch):
    made = []
    monkeypatch.setattr(letter_preview, "make_letters", lambda parent, s, kind, **kw: made.append((kind, kw)))
    window = MainWindow(session.path, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.register)
    window.register.table.selectionModel().select(
        window.register.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    menu = {a.text(): a.menu() for a in window.menuBar().actions()}["文書(&L)"]
    menu.aboutToShow.emit()  # (filled as it opens)
    slips = {a.text(): a for a in menu.actions()}["納付書"].menu()
    slips.actions()[0].trigger()
    window.enclose_slips.setChecked(True)
    window.make_letters(LetterKind.DEMAND, selected=False)
    ids = made[0][1]["claim_ids"]
    assert made == [(SlipKind.PAYMENT_SLIP, {"claim_ids": ids, "with_payment_slip": False}),
                    (LetterKind.DEMAND, {"due": True, "with_payment_slip": True})]
    assert len(ids) == 1


def test_the_next_steps_letter_encloses_the_claims_slip_when_ticked(qtbot, session):
    from claimdesk.ui.casework_panel import CaseworkPanel

    panel = CaseworkPanel(session, "C0001")
    qtbot.addWidget(panel)
    panel.show()
    box = panel.next_step
    assert box.enclose_slip.isVisibleTo(panel) and not box.enclose_slip.isChecked()
    box.enclose_slip.click()
    box.letter_button.click()
    qtbot.waitUntil(box.letter_task.is_done, timeout=20000)
    preview = box.letter_task.preview
    (letter,) = preview.batch.letters
    assert letter.pages == 2 and [s.claim_id for s in letter.slips] == ["C0001"]
    assert preview.summary.text().endswith("同封の納付書 1枚")
    assert letter.slips[0].deadline == date(2026, 12, 10)  # the 督促状's own deadline
    assert preview.record_sent(session.today())
    assert session.ledger.payments.slips("C0001")[0].letter_entry is not None
    preview.close()


def test_the_settings_form_checks_the_company_code_beside_its_field(qtbot, session, typist):
    from claimdesk.services.letter_settings import letter_settings
    from claimdesk.ui.letter_settings_form import LetterSettingsForm

    form = LetterSettingsForm(session)
    qtbot.addWidget(form)
    code = form.editors["cvs_company_code"]
    assert code.text() == "" and form.editors["cvs_limit"].placeholderText() == "300000"
    assert form.editors["letter_payment_banks"].placeholderText().startswith("取扱金融機関: {自治体}の指定金融機関")
    typist(code, "１２３")
    assert not form.save()
    assert form.messages["cvs_company_code"].text() == "収納企業コードは6桁の数字です（１２３）"
    code.clear()
    typist(code, "912345")
    assert form.save()
    assert letter_settings(session.ledger).text("cvs_company_code") == "912345"


def test_the_preview_says_when_a_slips_number_was_taken_by_another_batch(qtbot, session, tmp_path):
    from claimdesk.services.letters import render_batch
    from claimdesk.services.slip_batches import render_slip_batch
    from claimdesk.ui.letter_preview import LetterPreview

    first = render_batch(session.ledger, LetterKind.DEMAND, tmp_path / "d.pdf", date(2026, 11, 30),
                         claim_ids=["C0001"], with_payment_slip=True)
    other = render_slip_batch(session.ledger, tmp_path / "s.pdf", date(2026, 11, 30), claim_ids=["C0001"])
    later = LetterPreview(session, other)
    qtbot.addWidget(later)
    assert later.record_sent(date(2026, 11, 30)) and not later.slip_note.isVisibleTo(later)
    preview = LetterPreview(session, first)
    qtbot.addWidget(preview)
    assert preview.record_sent(date(2026, 11, 30))
    assert preview.slip_note.isVisibleTo(preview)
    assert preview.slip_note.text().startswith(f"納付番号 000000001-01-{payment_number(1, 1)[-1]} の納付書は")
