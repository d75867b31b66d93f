"""The window never makes a letter it must not: skipped claims listed, settings asked for first."""

from datetime import date

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit

from claimdesk.domain.claims import Claim
from claimdesk.domain.letters import LetterKind
from claimdesk.services import entries
from claimdesk.services.letter_settings import letter_settings, missing_settings
from claimdesk.ui.app import create_app
from claimdesk.ui.letter_preview import make_letters
from claimdesk.ui.letter_settings_form import LetterSettingsDialog, LetterSettingsForm
from claimdesk.ui.main_window import MainWindow


def _wait_preview(qtbot, op):
    qtbot.waitUntil(op.is_done, timeout=15000)
    qtbot.waitUntil(lambda: op.preview is not None)
    return op.preview


def test_the_menu_batch_leaves_out_a_claim_not_yet_due_and_says_why(qtbot, make_session, rent, tmp_path):
    session = make_session(address="東京都世田谷区三宿3-6-1")
    entries.add_claim(session.ledger, Claim("C0003", "D0001", rent.name, 2026, date(2026, 11, 1), 8000,
                                            date(2026, 11, 30)))  # due today: not past due yet
    session.close()
    create_app()
    window = MainWindow(session.path, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.register)
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 3)
    for row in range(3):
        window.register.table.selectionModel().select(
            window.register.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    task = window.make_letters(LetterKind.DEMAND, selected=True)
    preview = _wait_preview(qtbot, task)
    assert preview.batch.letters[0].claim_ids == ("C0001", "C0002")
    assert preview.skipped.isVisible()
    assert preview.skipped.text() == "作成しなかった債権: C0003: 納期限を過ぎていません"
    preview.close()


def test_letters_open_the_settings_dialog_until_sender_and_contact_are_set(qtbot, make_session, tmp_path, typist):
    session = make_session(address="東京都世田谷区三宿3-6-1", letters_ready=False)
    dialog = make_letters(None, session, LetterKind.DEMAND, claim_ids=["C0001"], output=tmp_path / "d.pdf")
    assert isinstance(dialog, LetterSettingsDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert "自治体名、発行者、問合せ先の電話番号・受付時間など" in dialog.notice.text()
    assert not (tmp_path / "d.pdf").exists()
    editors = dialog.form.editors
    # Saving with a setting still empty keeps the dialog open and makes nothing.
    editors["letter_municipality"].setText("みどり区")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.follow_up is None
    assert missing_settings(letter_settings(session.ledger)) == ["letter_issuer", "letter_contact"]
    assert "次の設定が必要です: 発行者、問合せ先の電話番号・受付時間など" in dialog.notice.text()
    editors["letter_issuer"].setText("みどり区長 緑川 一郎")
    editors["letter_contact"].setText("03-5432-0000")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    preview = _wait_preview(qtbot, dialog.follow_up)
    assert preview.batch.path == tmp_path / "d.pdf" and preview.batch.letters
    preview.close()


def test_the_settings_form_shows_each_setting_with_its_default_and_checks_values(qtbot, session, typist):
    form = LetterSettingsForm(session)
    qtbot.addWidget(form)
    days = form.editors["letter_deadline_days_demand"]
    assert isinstance(days, QLineEdit) and days.text() == "" and days.placeholderText() == "10"
    assert isinstance(form.editors["letter_fold_marks"], QCheckBox) and form.editors["letter_fold_marks"].isChecked()
    assert form.editors["letter_municipality"].text() == "みどり区"
    days.setText("ten")
    assert not form.save()
    assert form.messages["letter_deadline_days_demand"].text() == "0以上の整数で指定してください（ten）"
    assert form.messages["letter_deadline_days_demand"].isVisibleTo(form)
    assert letter_settings(session.ledger).deadline_days(LetterKind.DEMAND) == 10  # nothing stored
    days.setText("14")
    form.editors["letter_fold_marks"].setChecked(False)
    assert form.save()
    s = letter_settings(session.ledger)
    assert s.deadline_days(LetterKind.DEMAND) == 14 and not s.flag("letter_fold_marks")
