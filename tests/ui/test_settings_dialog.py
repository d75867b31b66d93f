"""ファイル → 設定: each tab saves what it shows, and a wrong value keeps OK disabled."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from claimdesk.domain.claims import LegalNature
from claimdesk.services.backups import chosen_backup_folder, keep_counts
from claimdesk.services.casework_settings import casework_overrides, casework_settings
from claimdesk.services.department import get_department, set_department
from claimdesk.services.letter_settings import letter_settings
from claimdesk.services.procedures import is_department_copy, load_procedure
from claimdesk.services.session import open_ledger
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow
from tests.ledger_files import fill


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "l.sqlite3"
    with open_ledger(path) as led:
        fill(led)
        set_department(led, "KANRI01", "債権管理課")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    create_app()
    w = MainWindow(path, today=date(2026, 11, 30))
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.safety.backup_op.is_running())
    return w


@pytest.fixture
def dialog(qtbot, window):
    d = window.open_settings()
    qtbot.addWidget(d)
    assert [d.tabs.tabText(i) for i in range(d.tabs.count())] == ["所管課", "文書", "延滞金・時効", "予算の順", "手順",
                                                                "バックアップ"]
    assert d.ok_button.isEnabled(), d.problems()
    return d


def test_a_ledger_without_a_department_asks_for_it_before_ok(qtbot, window):
    from claimdesk.ui.settings import SettingsDialog

    set_department(window.session.ledger, "X", "Y")
    d = SettingsDialog(window.session, window)
    qtbot.addWidget(d)
    d.department.name.setText("")
    assert not d.ok_button.isEnabled() and d.problem.text() == "［所管課］所管課名: 所管課名を入力してください"


def test_the_menu_opens_the_settings(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert "設定(&S)…" in [a.text() for a in file_menu.actions()]


def test_department_tab_checks_the_code_inline_and_saves(qtbot, dialog, window):
    tab = dialog.department
    tab.code.setText("住宅 01")
    assert not dialog.ok_button.isEnabled()
    assert "半角英数字" in tab.code.message_label.text() and tab.code.message_label.isVisible()
    assert "所管課コード" in dialog.ok_button.toolTip()
    tab.name.setText("住宅課")
    tab.code.setText("JUTAKU01")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert get_department(window.session.ledger) == type(get_department(window.session.ledger))("JUTAKU01", "住宅課")
    assert window.windowTitle().startswith("住宅課 — ")


def test_letters_tab_is_the_letter_form_checked_as_typed(qtbot, dialog, window):
    form = dialog.letters.form
    form.editors["letter_window_left_mm"].setText("左")
    assert not dialog.ok_button.isEnabled()
    assert "整数" in form.messages["letter_window_left_mm"].text()
    form.editors["letter_window_left_mm"].setText("500")  # the window off the sheet
    assert not dialog.ok_button.isEnabled() and form.messages["letter_window_left_mm"].text()
    form.editors["letter_window_left_mm"].setText("25")
    form.editors["letter_municipality"].setText("みどり区")
    form.editors["letter_contact"].setText("電話 03-5432-0000")
    assert dialog.ok_button.isEnabled() and not form.messages["letter_window_left_mm"].isVisible()
    dialog.ok_button.click()
    stored = letter_settings(window.session.ledger)
    assert stored.window.left == 25 and stored.text("letter_municipality") == "みどり区"
    assert stored.text("letter_contact") == "電話 03-5432-0000"


def test_casework_tab_saves_a_value_and_returns_one_to_the_default(qtbot, dialog, window):
    tab = dialog.casework
    tab.fields["limitation.warn_days"].setText("九十")
    assert not dialog.ok_button.isEnabled() and "整数" in tab.fields["limitation.warn_days"].error()
    tab.fields["limitation.warn_days"].setText("90")
    tab.fields["late_charge.public.days_per_year"].setText("0")  # the whole check: at least 1
    assert not dialog.ok_button.isEnabled()
    assert "1以上" in tab.fields["late_charge.public.days_per_year"].message_label.text()
    tab.fields["late_charge.public.days_per_year"].setText("365")
    tab.fields["late_charge.contract_rates"].setText("奨学資金等貸付金返還金=5")
    tab.fields["late_charge.public.special"].setText("2027=2.9/9.2")
    tab.fields["calendar.closing_days"].setText("12-29、12-30、12-31、01-01、01-02、01-03、2027-05-06")
    assert dialog.ok_button.isEnabled(), dialog.problems()
    dialog.ok_button.click()
    settings = casework_settings(window.session.ledger)
    assert settings.limitation.warn_days == 90
    assert str(settings.contract_rates["奨学資金等貸付金返還金"]) == "5"
    assert any(r.year == 2027 for r in settings.public_charges.special)
    assert settings.open_days.is_open(date(2027, 5, 6)) is False
    own = casework_overrides(window.session.ledger)
    assert "casework.late_charge.public.days_per_year" not in own  # unchanged: no override written
    again = window.open_settings()
    qtbot.addWidget(again)
    assert again.casework.fields["limitation.warn_days"].text() == "90"
    again.casework.fields["limitation.warn_days"].setText("180")  # the default again
    again.ok_button.click()
    assert "casework.limitation.warn_days" not in casework_overrides(window.session.ledger)


def test_procedures_tab_lists_steps_and_imports_exports_resets(qtbot, dialog, window, tmp_path):
    tab = dialog.procedures
    assert tab.steps.count() > 3 and "督促状" in tab.steps.item(0).text()
    written = tab.export_to(tmp_path / "steps")
    assert {p.name for p in written} == {"enforced_public.toml", "public.toml", "private.toml"}
    bad = tmp_path / "steps" / "private.toml"
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("legal_nature", "legal_natur", 1), encoding="utf-8")
    assert not tab.import_file(bad)
    assert "取り込みませんでした" in tab.message.text() and "legal_natur" in tab.message.text()
    assert not is_department_copy(window.session.ledger, LegalNature.PRIVATE)
    good = tmp_path / "steps" / "mine.toml"
    good.write_text(text.replace('title = "', 'title = "所管課の', 1), encoding="utf-8")
    assert tab.import_file(good)
    assert tab.current_nature() is LegalNature.PRIVATE and "所管課の版" in tab.source.text()
    assert load_procedure(window.session.ledger, LegalNature.PRIVATE).title.startswith("所管課の")
    assert tab.reset_button.isEnabled()
    assert tab.reset(confirm=True)
    assert not is_department_copy(window.session.ledger, LegalNature.PRIVATE)
    assert "既定の手順" in tab.source.text()


def test_backups_tab_saves_folder_and_rotation_and_backs_up_now(qtbot, dialog, window, tmp_path):
    tab = dialog.backups
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    tab.folder.setText(str(a_file))
    assert not dialog.ok_button.isEnabled() and "ファイル" in tab.folder.error()
    tab.folder.setText(str(tmp_path / "server" / "backups"))
    tab.keep["daily"].setValue(3)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    ledger = window.session.ledger
    assert chosen_backup_folder(ledger) == str(tmp_path / "server" / "backups")
    assert keep_counts(ledger)["daily"] == 3
    again = window.open_settings()
    qtbot.addWidget(again)
    op = again.backups.make_now()
    qtbot.waitUntil(op.is_done, timeout=10000)
    assert op.result.parent == tmp_path / "server" / "backups"
    assert "最新: 令和" in again.backups.latest.text()


def test_backups_tab_restore_closes_the_dialog_and_reopens_the_ledger(qtbot, dialog, window):
    made = dialog.backups.make_now()
    qtbot.waitUntil(made.is_done, timeout=10000)
    op = dialog.backups.restore(made.result, confirm=False)
    assert op is not None and not dialog.isVisible()
    qtbot.waitUntil(op.is_done, timeout=10000)
    assert window.session is not None and window.session.ledger.read_only_reason is None


def test_a_refused_save_stays_on_its_tab_and_stores_nothing_of_any_tab(qtbot, dialog, window, tmp_path,
                                                                        monkeypatch):
    from claimdesk.services import backups

    ledger = window.session.ledger
    before = (letter_settings(ledger).text("letter_municipality"), casework_overrides(ledger), keep_counts(ledger))

    def refuse(ledger, folder):
        raise backups.Refusal(None, "backup_folder_unwritable", error="Read-only file system", folder="X")
    monkeypatch.setattr("claimdesk.ui.settings.backups_tab.check_backup_folder", refuse)
    seen = []
    window.session.changed.connect(seen.append)
    # 文書 and 延滞金・時効 are saved before バックアップ, 所管課 after it.
    dialog.letters.form.editors["letter_municipality"].setText("みどり区")
    dialog.casework.fields["limitation.warn_days"].setText("90")
    dialog.backups.keep["daily"].setValue(3)
    dialog.backups.folder.setText(str(tmp_path / "ro"))
    dialog.department.name.setText("別の課")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.tabs.currentWidget() is dialog.backups
    assert dialog.backups.folder.message_label.text() == "書き込めません（Read-only file system）: X"
    assert "どのタブの設定も変わっていません" in dialog.problem.text()
    assert get_department(ledger).name == "債権管理課"
    assert (letter_settings(ledger).text("letter_municipality"), casework_overrides(ledger),
            keep_counts(ledger)) == before
    assert seen == []  # no page was told of a change that did not happen
    # Corrected, the same OK stores every tab: the casework tab still knows what changed.
    monkeypatch.undo()
    dialog.backups.folder.setText(str(tmp_path / "server"))
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert letter_settings(ledger).text("letter_municipality") == "みどり区"
    assert casework_settings(ledger).limitation.warn_days == 90 and keep_counts(ledger)["daily"] == 3
    assert get_department(ledger).name == "別の課" and len(seen) == 1


def test_a_tab_failing_on_the_ledger_undoes_the_tabs_saved_before_it(qtbot, dialog, window, monkeypatch):
    from claimdesk.storage.errors import LedgerBusyError

    def locked(*_args):
        raise LedgerBusyError("台帳が他の人に使われています。しばらくしてからやり直してください")
    monkeypatch.setattr("claimdesk.ui.settings.department_tab.set_department", locked)
    monkeypatch.setattr("claimdesk.ui.settings.dialog.show_error", lambda *a: None)
    dialog.letters.form.editors["letter_municipality"].setText("みどり区")
    dialog.department.name.setText("別の課")
    dialog.ok_button.click()
    assert dialog.isVisible() and "使われています" in dialog.problem.text()
    assert letter_settings(window.session.ledger).text("letter_municipality") != "みどり区"


def test_the_department_menu_opens_the_settings_on_its_tab(qtbot, window):
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "所管課の設定(&D)…")
    from claimdesk.ui.settings import SettingsDialog

    action.trigger()
    [dialog] = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentWidget() is dialog.department
    dialog.department.name.setText("住宅課")
    dialog.ok_button.click()
    assert get_department(window.session.ledger).name == "住宅課"


def test_the_worklist_follow_up_days_are_in_the_casework_tab_with_their_explanation(qtbot, dialog, window):
    from PySide6.QtWidgets import QLabel

    tab = dialog.casework
    fields = [tab.fields[f"worklist.{k}"] for k in ("answer_wait_days", "seizure_check_days", "suspension_notice_days")]
    assert [f.text() for f in fields] == ["30", "30", "90"]
    texts = [label.text() for label in tab.findChildren(QLabel)]
    assert "財産調査の回答待ち（日）" in texts and "執行停止の消滅の予告（日前）" in texts
    assert any(t.startswith("照会からこの日数で回答がなければ") and t.endswith("既定: 30")
               for t in texts)
    fields[0].setText("二週間")
    assert not dialog.ok_button.isEnabled() and "整数" in fields[0].error()
    assert "財産調査の回答待ち（日）" in dialog.ok_button.toolTip()
    fields[0].setText("14")
    fields[2].setText("60")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    follow_up = casework_settings(window.session.ledger).follow_up
    assert (follow_up.answer_wait, follow_up.seizure_check, follow_up.suspension_notice) == (14, 30, 60)
    assert set(casework_overrides(window.session.ledger)) == {"casework.worklist.answer_wait_days",
                                                              "casework.worklist.suspension_notice_days"}


def test_the_budget_order_tab_is_a_list_checked_as_typed_and_saved_with_the_rest(qtbot, window):
    from claimdesk.domain.claims import ClaimType
    from claimdesk.services import entries
    from claimdesk.services.budget_order import budget_order
    from claimdesk.ui.settings import SettingsDialog

    ledger = window.session.ledger
    for name, account, section in (("介護保険料", "介護保険事業会計", "保険料"),
                                   ("国民健康保険料", "国民健康保険事業会計", "保険料")):
        entries.add_claim_type(ledger, ClaimType(name, LegalNature.ENFORCED_PUBLIC, account, section))
    dialog = SettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    tab = dialog.budget_order
    assert tab.order() == ["一般会計"]
    tab.name.setText("国民健康保険事業会計、介護保険事業会計")
    assert "区切り" in tab.name.error() and not tab.add_button.isEnabled()
    assert not dialog.ok_button.isEnabled() and "［予算の順］追加していない名前" in dialog.ok_button.toolTip()
    tab.name.setText("一般会計")
    assert "すでに一覧にあります" in tab.name.error()
    tab.name.setText("国民健康保険事業会計")
    assert not dialog.ok_button.isEnabled()  # typed but not added: not silently dropped
    assert "［追加］を押すか" in dialog.problems()[0]
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.order() == ["一般会計", "国民健康保険事業会計"] and tab.name.text() == ""
    assert dialog.ok_button.isEnabled()
    added = tab.add_known()  # the rest of the ledger's names, in the order the reports use now
    assert added == ["介護保険事業会計", "使用料及手数料", "保険料", "区営住宅使用料", "介護保険料", "国民健康保険料"]
    tab.names.setCurrentRow(tab.order().index("国民健康保険料"))
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    tab.names.setCurrentRow(tab.order().index("区営住宅使用料"))
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    tab.names.setCurrentRow(0)
    assert not tab.up_button.isEnabled() and tab.down_button.isEnabled()
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert budget_order(ledger) == ("一般会計", "国民健康保険事業会計", "介護保険事業会計", "使用料及手数料", "保険料",
                                    "国民健康保険料", "介護保険料")
    again = SettingsDialog(window.session, window)
    qtbot.addWidget(again)
    assert again.budget_order.order() == list(budget_order(ledger))
    again.budget_order.names.clear()  # empty: back to the default
    again.ok_button.click()
    assert budget_order(ledger) == ("一般会計",) and ledger.setting("budget_order") == ""


def test_a_budget_name_the_ledger_lacks_is_pointed_out_not_refused(qtbot, window):
    from claimdesk.services.budget_order import budget_order, set_budget_order
    from claimdesk.ui.settings import SettingsDialog

    set_budget_order(window.session.ledger, ["一般会計", "介護保険事業会計"])
    dialog = SettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert dialog.budget_order.order() == ["一般会計", "介護保険事業会計"]
    unknown = dialog.budget_order.names.item(1)
    assert "まだない名前" in unknown.toolTip()  # the ledger has no such account: said, not refused
    dialog.ok_button.click()
    assert budget_order(window.session.ledger) == ("一般会計", "介護保険事業会計")  # unchanged, kept


def test_casework_rows_keep_the_lines_they_wrap_to_after_a_tab_switch_and_a_message(qtbot, dialog):
    def squeezed():
        boxes = [field.parentWidget() for field in dialog.casework.fields.values()]
        return [box for box in boxes if box.height() < box.heightForWidth(box.width())]

    dialog.resize(900, 660)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.show_tab(dialog.casework)
    qtbot.waitUntil(lambda: not squeezed())  # 閉庁日's explanation wraps to two lines
    field = dialog.casework.fields["worklist.answer_wait_days"]
    before = field.parentWidget().height()
    field.setText("二週間")
    qtbot.waitUntil(lambda: field.parentWidget().height() > before)  # the message gets its line
    qtbot.waitUntil(lambda: not squeezed())
