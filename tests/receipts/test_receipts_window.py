"""ファイル → 収納データの取込み: the dialog, the background taking, the reconciliation shown and saved."""

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from claimdesk.ui import receipts_dialog
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow
from tests.receipt_builders import Line, zengin_file


@pytest.fixture
def window(qtbot, debits):
    create_app()
    w = MainWindow(debits, today=date(2026, 6, 30))
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_dialog_takes_files_and_shows_the_reconciliation(qtbot, window, tmp_path, monkeypatch):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("1001", 12000), Line("1002", 8500, "1")])
    dialog = receipts_dialog.ReceiptFilesDialog(window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.add_files([f, f])
    assert dialog.files.count() == 1 and ok.isEnabled()
    dialog.format.setCurrentIndex(1)
    assert dialog.chosen_format() == "zengin"
    shown = []
    monkeypatch.setattr(receipts_dialog, "ReceiptFilesDialog", lambda parent: dialog)
    monkeypatch.setattr(dialog, "exec", lambda: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(receipts_dialog.ReconciliationDialog, "open", lambda self: shown.append(self))
    window.take_receipts()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    view = shown[0]
    qtbot.addWidget(view)
    assert view.summary.text().startswith("取り込みました。\n収納 1件 12,000円　振替不能 1件 8,500円")
    assert [view.table.item(i, 2).text() for i in range(view.table.rowCount())] == ["収納", "振替不能"]
    assert view.table.item(1, 8).text() == "資金不足"
    assert view.table.item(0, 6).text() == "令和8年6月27日"
    saved = view.save(suffix=".pdf", path=tmp_path / "照合.pdf")
    assert "kekka.txt" in "".join(p.extract_text() for p in PdfReader(str(saved)).pages)
    assert window.session.ledger.events("C1")[0].amount == 12000


def test_a_refused_file_shows_why_and_changes_nothing(qtbot, window, tmp_path):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("1001", 12000), Line("5555", 700)])
    shown = []
    receipts_dialog.take_files(window, window.session, [f], None, then=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    view = shown[0]
    assert "何も取り込んでいません" in view.summary.text()
    assert view.table.item(1, 2).text() == "照合できず"
    assert view.table.item(1, 0).background().color().name() == "#fbe3e3"
    assert view.problem_list.text() == f"{f}:3: 顧客番号 5555 で口座振替を登録した債務者がいません"
    assert window.session.ledger.event_count() == 0
    view.grab().save(str(tmp_path / "view.png"))
    view.close()


def test_the_import_dialog_takes_transactions_alone(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from claimdesk.ui import import_dialog
    tx = tmp_path / "monthly.csv"
    tx.write_text("債権番号,日付,区分,金額,納付方法\nC4,2026-06-15,収納,5000,窓口\n", encoding="cp932")
    dialog = import_dialog.ImportDialog(window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.transactions.edit.setText(str(tx))
    assert ok.isEnabled() and dialog.claims.path() is None
    reports = []
    monkeypatch.setattr(import_dialog, "ImportDialog", lambda parent: dialog)
    monkeypatch.setattr(dialog, "exec", lambda: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: reports.append(a[2]))
    import_dialog.run_import(window, window.session)
    qtbot.waitUntil(lambda: bool(reports), timeout=10000)
    assert "取引 1件" in reports[0]
    assert [e.amount for e in window.session.ledger.events("C4")] == [5000]


def test_a_failed_transfer_shows_on_the_worklist_page(qtbot, window, tmp_path):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("1002", 8500, "1")])
    shown = []
    receipts_dialog.take_files(window, window.session, [f], None, then=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    model = window.worklist.model

    def failed_rows():
        return [model.row(i) for i in range(model.rowCount()) if model.row(i).item.kind.label == "口座振替不能"]

    qtbot.waitUntil(lambda: len(failed_rows()) == 1, timeout=20000)
    (row,) = failed_rows()
    assert row.work == "口座振替不能（令和8年6月27日、8,500円、資金不足）: 納付書の送付・連絡"
    assert row.reason.startswith("口座振替ができませんでした")
    shown[0].close()


def test_files_taken_together_are_all_or_nothing_and_the_view_says_which_file_failed(qtbot, window, tmp_path):
    good = zengin_file(tmp_path / "good.txt", date(2026, 6, 27), [Line("1001", 12000)])
    bad = zengin_file(tmp_path / "bad.txt", date(2026, 6, 28), [Line("1002", 8500), Line("5555", 700)])
    dialog = receipts_dialog.ReceiptFilesDialog(window)
    qtbot.addWidget(dialog)
    assert any("どのファイルも取り込まず" in label.text() for label in dialog.findChildren(receipts_dialog.QLabel))
    shown = []
    receipts_dialog.take_files(window, window.session, [good, bad], None, then=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    view = shown[0]
    qtbot.addWidget(view)
    assert "選んだファイルはまとめて取り込むか、1つも取り込まないかのどちらかです" in view.summary.text()
    assert view.file_states.text() == ("・good.txt（口座振替結果（全銀））: 誤りなし（ほかのファイルの誤りのため取り込んでいません）\n"
                                       "・bad.txt（口座振替結果（全銀））: 誤り 1件")
    assert window.session.ledger.event_count() == 0
    shown.clear()
    receipts_dialog.take_files(window, window.session, [good], None, then=shown.append)  # the good one alone
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0].file_states.text() == "・good.txt（口座振替結果（全銀））: 取込済み（取込み番号 1）"
    qtbot.addWidget(shown[0])


def test_the_registers_direct_debit_column_is_on_screen_at_1366x768(qtbot, window):
    from PySide6.QtCore import Qt

    from claimdesk.ui.register_model import COLUMNS
    window.resize(1366, 768)
    window.tabs.setCurrentWidget(window.register)
    table = window.register.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 4, timeout=10000)
    last = [key for key, _ in COLUMNS].index("direct_debit")
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll to
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width()
    marks = {table.model().index(i, 0).data(): table.model().index(i, last).data() for i in range(4)}
    assert marks == {"C1": "○", "C2": "○", "C3": "○", "C4": ""}  # D1 and D2 pay by 口座振替, D3 not
    assert table.model().index(0, last).data(Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)
