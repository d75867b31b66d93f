"""ヘルプ → 操作マニュアル (F1): opened offline, at the section of the page in front."""

import re
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from claimdesk.bundled import manual_dir
from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.services import entries
from claimdesk.services.session import open_ledger
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
HEADINGS = {"worklist": "本日の作業", "register": "債権台帳", "summary": "収納状況", "claim": "債権のページ",
            "debtor": "債務者のページ"}


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "l.sqlite3"
    with open_ledger(path) as led:
        entries.add_claim_type(led, RENT)
        entries.add_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ"))
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)))
    create_app()
    w = MainWindow(path, today=date(2026, 11, 30))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    # The day's first backup runs in a worker thread: let it end inside this test, not
    # while a later one runs (it imports modules, whose compiling races ast.parse there).
    qtbot.waitUntil(lambda: w.safety.backup_op is None or not w.safety.backup_op.is_running(), timeout=10000)
    return w


def _top_line(manual) -> str:
    """The text at the top of the manual's visible area."""
    browser = manual.browser
    return browser.cursorForPosition(QPoint(10, 10)).block().text()


@pytest.mark.parametrize("page", ["worklist", "register", "summary", "claim", "debtor"])
def test_f1_opens_the_manual_at_the_section_of_the_page_in_front(qtbot, window, page):
    if page == "claim":
        window.open_claim("A")
    elif page == "debtor":
        window.open_debtor("D1")
    else:
        window.tabs.setCurrentWidget(getattr(window, page))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    manual = window.manual
    qtbot.waitUntil(manual.isVisible)
    assert manual.browser.source().toLocalFile() == str(manual_dir() / "index.html")
    assert manual.browser.document().toPlainText().split("\n")[0].split() == ["債権管理デスク", "操作マニュアル"]
    assert HEADINGS[page] in _top_line(manual), _top_line(manual)
    assert manual.browser.verticalScrollBar().value() > 0


def test_the_help_menu_names_the_manual_and_f1(window):
    help_menu = window.menuBar().actions()[-1].menu()
    manual = next(a for a in help_menu.actions() if a.text().startswith("操作マニュアル"))
    assert manual.shortcut().toString() == "F1"
    manual.trigger()
    assert window.manual.isVisible() and HEADINGS["worklist"] in _top_line(window.manual)


def test_every_page_anchor_and_image_of_the_manual_exists():
    html = (manual_dir() / "index.html").read_text(encoding="utf-8")
    names = set(re.findall(r'<a name="([^"]+)"', html))
    assert {"contents", *HEADINGS, "debtor", "aggregate", "receipts", "letters", "export", "targets",
            "backups", "messages", "first-start", "settings", "call-list", "parties", "receipt-files",
            "direct-debit", "enforcement", "payment-slips", "casefile", "budget-order", "sheet-notes"} <= names
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links <= names, links - names
    images = re.findall(r'<img src="([^"]+)"', html)
    assert images and all((manual_dir() / src).is_file() for src in images)


def test_the_screenshot_script_makes_every_picture_the_manual_shows():
    script = (manual_dir().parents[0] / "make_screenshots.py")
    if not script.is_file():  # an installed package has the manual, not the repository's script
        pytest.skip("docs/make_screenshots.py is in the repository only")
    text = script.read_text(encoding="utf-8")
    made = set(re.findall(r'save\(\w+, "([^"]+)"\)', text))  # a page, or a dialog saved by hand
    made |= set(re.findall(r'^\s+(?:show|with_menu)\(app, .*"([a-z-]+)"', text, re.M))  # a dialog, a menu
    made |= {"worklist", "register", "summary"}  # saved in a loop over the three fixed tabs
    shown = {src.removeprefix("images/").removesuffix(".png")
             for src in re.findall(r'<img src="([^"]+)"', (manual_dir() / "index.html").read_text(encoding="utf-8"))}
    assert shown <= made, shown - made
    assert {p.stem for p in (manual_dir() / "images").glob("*.png")} == made


def _dialog(window, which):
    from claimdesk.domain.claims import EventKind
    from claimdesk.ui.dialogs.arrangements import PlanDialog
    from claimdesk.ui.dialogs.contact import ContactDialog
    from claimdesk.ui.dialogs.money import EventDialog

    if which == "settings":
        return window.open_settings()
    if which == "receipt-files":
        from claimdesk.ui.receipts_dialog import ReceiptFilesDialog

        made = ReceiptFilesDialog(window)
        made.setModal(True)
        made.open()
        return made
    window.open_claim("A")  # opened from the claim page, as a clerk does
    page = window.tabs.currentWidget()
    made = {"receipt": lambda: EventDialog(window.session, "A", EventKind.RECEIPT, page),
            "contact": lambda: ContactDialog(window.session, claim_id="A", parent=page),
            "plan": lambda: PlanDialog(window.session, "A", page)}[which]()
    made.open()
    return made


DIALOG_HEADINGS = {"settings": "設定（［ファイル］→［設定］）", "receipt": "収納の入力と訂正",
                   "contact": "交渉記録・督促の手順", "plan": "分納は［分納誓約を作成…］",
                   "receipt-files": "収納データの取込み（口座振替・コンビニ）"}


@pytest.mark.parametrize("which", list(DIALOG_HEADINGS))
def test_f1_in_a_modal_dialog_opens_the_manual_at_the_dialogs_section(qtbot, window, which):
    dialog = _dialog(window, which)
    qtbot.addWidget(dialog)
    dialog.activateWindow()  # as the window system does for a dialog just opened
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.isModal()
    field = dialog.focusWidget() or dialog
    qtbot.keyClick(field, Qt.Key.Key_F1)
    manual = dialog.manual_window
    qtbot.waitUntil(manual.isVisible)
    # The dialog's own window: the modal dialog blocks the main window's manual, not its child.
    assert manual.parent() is dialog and getattr(window, "manual", None) is None
    assert DIALOG_HEADINGS[which] in _top_line(manual), _top_line(manual)
    assert dialog.isVisible()  # F1 does not close or accept the dialog


def test_a_dialog_without_a_section_opens_at_its_pages_and_every_anchor_exists():
    from pathlib import Path

    from PySide6.QtWidgets import QDialog, QWidget

    from claimdesk.ui.manual import CONTENTS, dialog_anchor

    page = QWidget()
    page.manual_anchor = "claim"
    assert dialog_anchor(QDialog(page)) == "claim" and dialog_anchor(QDialog()) == CONTENTS
    html = (manual_dir() / "index.html").read_text(encoding="utf-8")
    names = set(re.findall(r'<a name="([^"]+)"', html))
    source = "".join(p.read_text(encoding="utf-8")
                     for p in Path(__file__).parents[2].joinpath("claimdesk", "ui").rglob("*.py"))
    anchors = set(re.findall(r'manual_anchor = "([^"]+)"', source))
    assert {"settings", "receipts", "casework", "arrangements"} <= anchors and anchors <= names, anchors - names
