"""The window at 1366×768, the smallest screen a department's PC has: every page and dialog
fits, no button is cut off, and the casework tab's actions never scroll out of sight."""

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from claimdesk.services.demo import fill_demo
from claimdesk.services.session import open_ledger
from claimdesk.ui.app import create_app
from claimdesk.ui.main_window import MainWindow

SCREEN = (1366, 768)
# Claims of the demo whose casework tab is the fullest: a step with its checklist and the
# trail of steps, a broken plan, several limitation events, promises.
FULL_CLAIMS = ("SE2026-000001", "JI2023-000008", "SE2025-000001", "SH2025-000031")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("screen") / "demo.sqlite3"
    with open_ledger(path) as led:
        fill_demo(led, "small")
    return path


@pytest.fixture
def window(qtbot, demo_path):
    create_app()
    w = MainWindow(demo_path, today=date(2026, 11, 30))
    qtbot.addWidget(w)
    w.resize(*SCREEN)
    w.show()
    qtbot.waitUntil(lambda: not w.safety.backup_op.is_running())
    return w


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def cut_buttons(widget) -> list[str]:
    """The buttons shown but not whole on screen (squeezed, overlapped or scrolled away).

    The 書式 folder's 参照… belongs to its field in the long 文書の設定 form, which scrolls
    as a whole (one scroll area, the form itself): it is not an action of the dialog.
    """
    return [b.text() for b in widget.findChildren(QPushButton)
            if b.isVisible() and b.visibleRegion().boundingRect().size() != b.size()
            and b.objectName() != "forms_dir_browse"]


def fits(window, where: str) -> None:
    settle()
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], f"{where}: needs {hint.width()}×{hint.height()}"
    assert (window.width(), window.height()) == SCREEN, f"{where}: the window grew to {window.size()}"
    assert cut_buttons(window) == [], where


def test_every_page_fits_without_a_cut_button(window):
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        fits(window, window.tabs.tabText(i))
    window.open_aggregate()
    fits(window, "各課集計")
    window.open_debtor("D000078")
    fits(window, "債務者")


@pytest.mark.parametrize("claim_id", FULL_CLAIMS)
def test_a_claims_tabs_fit_and_the_casework_actions_stay_in_sight(window, claim_id):
    window.open_claim(claim_id, casework=True)
    page = window.tabs.currentWidget()
    fits(window, f"{claim_id} 交渉・督促")
    panel = page.casework
    for button in (panel.next_step.decision_button, panel.plan.plan_button, panel.promises.promise_button):
        assert button.isVisible() and not cut_buttons(panel), button.text()
    page.sections.setCurrentIndex(0)
    fits(window, f"{claim_id} 収納履歴")


def test_dialogs_fit_the_screen(qtbot, window):
    from claimdesk.domain.claims import EventKind
    from claimdesk.ui.backups_dialog import BackupsDialog
    from claimdesk.ui.letter_settings_form import LetterSettingsDialog
    from claimdesk.ui.welcome import FirstStartDialog

    window.open_claim("SE2026-000001", casework=True)
    page = window.tabs.currentWidget()
    panel = page.casework
    dialogs = {
        "設定": window.open_settings(),
        "はじめに": FirstStartDialog(window.session, window),
        "文書の設定": LetterSettingsDialog(window.session, window),
        "バックアップ": BackupsDialog(window),
        "収納の入力": page.open_event_dialog(EventKind.RECEIPT),
        "交渉記録": panel.log.open_contact_dialog(),
        "手順の完了": panel.next_step.open_complete_dialog(),
        "決裁": panel.next_step.open_decision_dialog(),
        "分納誓約": panel.plan.open_plan_dialog(),
        "納付約束": panel.promises.open_promise_dialog(),
    }
    for name, dialog in dialogs.items():  # (each a child of the window: they go with it)
        dialog.show()
        settle()
        hint = dialog.minimumSizeHint()
        assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], f"{name}: needs {hint.width()}×{hint.height()}"
        dialog.resize(min(dialog.width(), SCREEN[0]), min(dialog.height(), SCREEN[1] - 40))
        settle()
        assert cut_buttons(dialog) == [], name
        dialog.hide()


def test_a_first_window_and_the_letter_preview_fit_the_screens_free_area(qtbot, demo_path):
    from claimdesk.ui.screen import resize_to_fit

    create_app()
    w = MainWindow(demo_path, today=date(2026, 11, 30))  # no saved geometry: 1280×800 at most
    qtbot.addWidget(w)
    free = w.screen().availableGeometry()
    assert w.width() <= min(1280, free.width()) and w.height() <= min(800, free.height() - 32)
    box = QPushButton()
    qtbot.addWidget(box)
    resize_to_fit(box, 5000, 5000)
    assert (box.width(), box.height()) == (free.width(), free.height() - 32)
