"""財産調査 → 差押え → 配当 → 終了, 執行停止 and a 生活困窮 referral, driven on the claim page."""

from dataclasses import replace
from datetime import date

import pytest

from claimdesk.domain.case_class import CaseClass
from claimdesk.domain.claims import Claim, ClaimType, LegalNature
from claimdesk.domain.enforcement import SuspensionGround
from claimdesk.services import casework, entries
from claimdesk.ui.claim_page import ClaimPage

NURSERY = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")


@pytest.fixture
def session(make_session):
    """conftest's ledger (today 2026-11-30) with H0001, an enforced public claim of 45,000円."""
    s = make_session()
    entries.add_claim_type(s.ledger, NURSERY)
    entries.add_claim(s.ledger, Claim("H0001", "D0001", NURSERY.name, 2025, date(2025, 7, 1), 45000,
                                      date(2025, 7, 31)))
    return s


def box_of(qtbot, session, claim_id="H0001"):
    page = ClaimPage(session, claim_id)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.sections.setCurrentWidget(page.casework)
    return page.casework.enforcement


def save(dialog):
    assert dialog.ok_button.isEnabled(), dialog.problems()
    dialog.ok_button.click()


def test_inquiry_seizure_dividend_and_end_from_the_page(qtbot, session, typist):
    box = box_of(qtbot, session)
    assert box.class_label.text() == "区分: 回収" and not box.buttons["answer"].isEnabled()
    d = box.open("inquiry")
    assert not d.ok_button.isEnabled()  # 照会先 and 照会事項 are needed
    typist(d.asked_of_field, "みどり信用金庫")
    typist(d.subject_field, "預貯金")
    d.asked_on_field.setText("令和8年10月1日")
    save(d)
    assert box.model.rowCount() == 1 and box.model.item(0, 3).text() == "回答待ち"
    d = box.open("answer")
    d.answered_on_field.setText("令和8年10月14日")
    typist(d.answer_field, "普通預金 38,200円")
    save(d)
    assert "普通預金 38,200円" in box.model.item(0, 3).text()
    d = box.open("seizure")
    typist(d.property_field, "みどり信用金庫 普通預金")
    typist(d.amount_field, "38200")
    d.seized_on_field.setText("令和8年11月2日")
    save(d)
    assert box.model.item(1, 3).text().startswith("手続中")
    view = casework.claim_casework(session.ledger, "H0001", session.today())
    assert "差押（2026-11-02）の手続中" in view.limitation.basis.text()
    d = box.open("dividend")
    d.on_field.setText("令和8年11月25日")
    typist(d.amount_field, "38200")
    save(d)
    d = box.open("end")
    d.ended_on_field.setText("令和8年11月25日")
    save(d)
    view = casework.claim_casework(session.ledger, "H0001", session.today())
    assert view.balance == 45000 - 38200
    assert view.limitation.limitation_date == date(2031, 11, 25)  # renewed from the day after the end
    assert "令和8年11月25日" in box.model.item(1, 3).text()


def test_a_seizure_before_the_due_date_is_refused_beside_the_date(qtbot, session, typist):
    box = box_of(qtbot, session)
    d = box.open("seizure")
    typist(d.property_field, "預金")
    typist(d.amount_field, "1000")
    d.seized_on_field.setText("令和7年7月1日")
    d.ok_button.click()
    assert d.isVisible() and "納期限" in d.seized_on_field.message_label.text()
    assert casework.contact_log(session.ledger, claim_id="H0001") == []


def test_suspension_with_approval_and_immediate_only_for_no_property(qtbot, session, typist):
    box = box_of(qtbot, session)
    d = box.open("suspension")
    d.ground_combo.set_value(SuspensionGround.HARDSHIP)
    assert not d.immediate_box.isEnabled()
    d.ground_combo.set_value(SuspensionGround.NO_PROPERTY)
    d.immediate_box.setChecked(True)
    assert not d.ok_button.isEnabled()  # no approver yet
    typist(d.approver_field, "課長 山本")
    save(d)
    assert box.class_label.text() == "区分: 整理（執行停止）"
    assert box.model.item(0, 2).text() == "地方税法15条の7第1項第1号・第5項（即時消滅）"
    assert not box.buttons["suspension"].isEnabled()
    view = casework.claim_casework(session.ledger, "H0001", session.today())
    assert (view.extinguished_on, view.extinguished_by) == (date(2026, 11, 30), "執行停止・即時消滅")


def test_a_suspension_cancelled_from_the_page(qtbot, session, typist):
    box = box_of(qtbot, session)
    assert not box.buttons["cancel"].isEnabled()
    d = box.open("suspension")
    d.ground_combo.set_value(SuspensionGround.HARDSHIP)
    typist(d.approver_field, "課長 山本")
    d.on_field.setText("令和8年11月1日")
    save(d)
    assert box.buttons["cancel"].isEnabled() and not box.buttons["suspension"].isEnabled()
    d = box.open("cancel")
    assert not d.ok_button.isEnabled()  # the reason is needed
    typist(d.reason_field, "就職した")
    save(d)
    assert box.model.item(0, 3).text() == "令和8年11月30日に取消"
    assert box.class_label.text() == "区分: 回収" and box.buttons["suspension"].isEnabled()


def test_a_private_claim_offers_no_enforcement_but_a_referral(qtbot, session):
    box = box_of(qtbot, session, "C0001")
    assert not box.note_label.isHidden() and "私債権" in box.note_label.text()
    assert not any(box.buttons[k].isEnabled() for k in ("inquiry", "seizure", "suspension"))
    d = box.open("referral")
    d.to_combo.set_value("self_reliance")
    save(d)
    assert box.class_label.text() == "区分: 整理（生活困窮）"
    view = casework.claim_casework(session.ledger, "C0001", session.today())
    assert view.case_class is CaseClass.HARDSHIP
    assert view.log[0].entry.summary == "生活困窮者自立支援窓口を案内し、相談につないだ"




def test_the_register_and_the_worklist_filter_on_the_case_class(qtbot, session):
    from claimdesk.domain.case_class import SETTLE
    from claimdesk.services import enforcement as enf
    from claimdesk.ui.register_view import RegisterView
    from claimdesk.ui.worklist_page import WorklistPage

    enf.refer_hardship(session.ledger, ["C0002"], referred_to="legal_support", today=session.today())
    view = RegisterView(session)
    qtbot.addWidget(view)
    rows = lambda: [view.model.index(r, 0).data() for r in range(view.model.rowCount())]  # noqa: E731
    assert rows() == ["C0001", "C0002", "H0001"]
    assert [view.case_class.itemText(i) for i in range(view.case_class.count())][:3] == ["すべて", "回収", "整理（すべて）"]
    view.case_class.set_value(SETTLE)
    # the classes are worked out in the background, the register as it was meanwhile
    assert view.is_busy() and view.count_label.text() == "区分を判定しています…" and len(rows()) == 3
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=10000)
    assert rows() == ["C0002"] and view.count_label.text() == "1 件"
    view.case_class.set_value(CaseClass.COLLECT)  # remembered: at once
    assert not view.is_busy() and rows() == ["C0001", "H0001"]
    # a write makes them stale: worked out again, in the background, after the refresh
    enf.refer_hardship(session.ledger, ["C0001"], referred_to="legal_support", today=session.today())
    view.refresh()
    assert view.is_busy()
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=10000)
    assert rows() == ["H0001"]
    page = WorklistPage(session)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()
    everything = page.model.rowCount()
    page.class_combo.set_value(CaseClass.HARDSHIP)
    assert 0 < page.model.rowCount() < everything
    assert {page.model.row(r).item.claim.claim_id for r in range(page.model.rowCount())} == {"C0001", "C0002"}


def test_the_debtor_page_writes_the_casefile_and_the_file_menu_the_handover(qtbot, session, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from claimdesk.ui.debtor_page import DebtorPage
    from claimdesk.ui.main_window import MainWindow

    page = DebtorPage(session, "D0001")
    qtbot.addWidget(page)
    page.show()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "経過記録書"), "PDF"))
    page.casefile_button.click()
    out = tmp_path / "経過記録書.pdf"
    qtbot.waitUntil(out.exists, timeout=20000)
    text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "山田 太郎" in text and "H0001" in text and "45,000" in text and "令和7年7月31日" in text
    from claimdesk.services.department import set_department

    set_department(session.ledger, "HOIKU", "保育課")  # the 引継書's figures are the department's
    path = session.path
    session.close()
    window = MainWindow(path, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "引継書.pdf"), "PDF"))
    (action,) = [a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("引継書")]
    action.trigger()
    errors = []
    window.handover_op.failure(errors.append)
    qtbot.waitUntil(lambda: (tmp_path / "引継書.pdf").exists() or bool(errors), timeout=20000)
    assert not errors, errors
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "引継書.pdf")).pages)
    assert "引継書" in text and "令和8年11月30日" in text and "保育園保育料" in text
    window.close()


def test_one_way_to_record_a_suspension_and_an_old_decision_still_counts(qtbot, session, typist):
    """The next-step box leads to the 滞納処分 record; a 執行停止 a ledger holds as a bare decision
    (before the record existed) is listed, counted, and keeps a second one from being recorded."""
    from claimdesk.services.contact_log import _new_entry
    from claimdesk.ui.dialogs.enforcement import SuspensionDialog

    ledger = session.ledger
    for step in ("demand", "reminder_call", "reminder_letter", "consultation", "final_reminder",
                 "asset_investigation"):
        casework.complete_step(ledger, "H0001", step, on=date(2025, 9, 1), today=session.today())
    box = box_of(qtbot, session)
    panel = box.parent()
    while not hasattr(panel, "next_step"):
        panel = panel.parent()
    step_box = panel.next_step
    ns = step_box.view.next_step
    assert (ns.step.id, [o.id for o in ns.options]) == ("seizure", ["enforcement_suspension"])
    # Completing the step offers 差押え only, and says where a 執行停止 is recorded.
    dialog = step_box.open_complete_dialog()
    assert [dialog.step_combo.itemText(i) for i in range(dialog.step_combo.count())] == ["差押え"]
    assert "「執行停止…」で記録します" in dialog.suspension_note.text()
    dialog.reject()
    decision = step_box.open_decision_dialog()
    assert "執行停止" not in [decision.decision_combo.itemText(i) for i in range(decision.decision_combo.count())]
    decision.reject()
    # A procedure whose next step is the 執行停止 alone (a department's own): both buttons lead to the record.
    alone = replace(ns, step=ns.options[0], options=())
    step_box.show_view(replace(step_box.view, next_step=alone))
    assert "執行停止の記録" in step_box.approval_label.text()
    for open_it in (step_box.open_complete_dialog, step_box.open_decision_dialog):
        dialog = open_it()
        assert isinstance(dialog, SuspensionDialog)  # not a bare 「手順の完了」 or 決裁
        dialog.reject()

    # A ledger from before: the suspension decided on 2025-09-30 as a bare decision entry.
    old = _new_entry(ledger, "H0001", casework.Channel.INTERNAL, "執行停止を決定", on=date(2025, 9, 30),
                     party=casework.Party.NONE, decision=casework.Decision.ENFORCEMENT_SUSPENSION,
                     approver="課長 山本", approved_on=date(2025, 9, 30), basis="地方税法15条の7第1項第2号",
                     today=session.today())
    box.session.notify_changed(casework_changes("H0001"))
    row = [box.model.item(0, c).text() for c in range(4)]
    assert row == ["執行停止（決裁の記録）", "令和7年9月30日", "地方税法15条の7第1項第2号", "令和10年10月1日に消滅予定"]
    assert box.class_label.text() == "区分: 整理（執行停止）"
    assert not box.buttons["suspension"].isEnabled()
    assert "決裁で記録した執行停止" in box.buttons["suspension"].toolTip()
    # 3 years from the day after (2025-10-01 … 2028-09-30): gone on 2028-10-01, as before.
    assert casework.claim_casework(ledger, "H0001", date(2028, 9, 30)).extinguished_on is None
    assert casework.claim_casework(ledger, "H0001", date(2028, 10, 1)).extinguished_on == date(2028, 10, 1)
    # Retracted as a mistake, it counts no more and the record can be made.
    casework.retract_entry(ledger, old.entry_id, "誤って記録")
    box.session.notify_changed(casework_changes("H0001"))
    assert box.model.rowCount() == 0 and box.buttons["suspension"].isEnabled()


def casework_changes(claim_id):
    from claimdesk.services.changes import Changes, Kind

    return Changes.of(Kind.CASEWORK, claims=[claim_id])


def test_a_seizure_recorded_on_the_page_shows_in_the_worklist_window_until_it_ends(qtbot, session, typist):
    """差押え running 30 days → 「滞納処分」 in 本日の作業 until its end is recorded on the page."""
    from claimdesk.domain.worklist import WorkKind
    from claimdesk.ui import worklist_model as wm
    from claimdesk.ui.worklist_page import WorklistPage

    box = box_of(qtbot, session)
    d = box.open("seizure")
    typist(d.property_field, "みどり信用金庫 普通預金")
    typist(d.amount_field, "38200")
    d.seized_on_field.setText("令和8年10月1日")
    save(d)
    page = WorklistPage(session)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.show()

    def enforcement_rows():
        rows = [page.model.row(r) for r in range(page.model.rowCount())]
        return [page.model.data(page.model.index(r, wm.WORK)) for r, x in enumerate(rows)
                if x.item.kind is WorkKind.ENFORCEMENT and x.item.claim.claim_id == "H0001"]

    (work,) = enforcement_rows()
    assert "差押" in work and "取立て・配当と終了を確認" in work
    d = box.open("end")
    d.ended_on_field.setText("令和8年11月25日")
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        save(d)
    assert enforcement_rows() == []
