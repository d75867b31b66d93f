"""Letters rendered for their preview go to a temporary folder that does not outlive it."""

import tempfile
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from claimdesk.domain.letters import LetterKind
from claimdesk.ui.letter_preview import make_letters


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """The system's temporary folder, here: what is left in it can be counted."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def _left(root):
    return sorted(p.name for p in root.glob("claimdesk-letters-*"))


def test_the_folder_goes_when_the_preview_closes(qtbot, session, temp_root):
    task = make_letters(None, session, LetterKind.DEMAND, claim_ids=["C0001", "C0002"])
    qtbot.waitUntil(task.is_done, timeout=10000)
    preview = task.preview
    assert preview.batch.path.parent.parent == temp_root and preview.batch.path.is_file()
    assert len(_left(temp_root)) == 1
    preview.reject()  # 閉じる
    assert _left(temp_root) == []


def test_nothing_is_left_when_the_letters_cannot_be_made(qtbot, session, temp_root, monkeypatch):
    monkeypatch.setattr("claimdesk.ui.operations.show_error", lambda *a, **k: QMessageBox())
    task = make_letters(None, session, LetterKind.DEMAND, claim_ids=["NOPE"])
    qtbot.waitUntil(task.is_done, timeout=10000)
    assert task.preview is None and task.failed_with is not None
    assert _left(temp_root) == []


def test_a_preview_left_open_loses_its_folder_when_the_window_closes(qtbot, session, temp_root, monkeypatch):
    from claimdesk.ui.main_window import MainWindow

    path = session.ledger.path
    session.close()
    window = MainWindow(path, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.safety.backup_op.is_running())
    task = make_letters(window, window.session, LetterKind.DEMAND, claim_ids=["C0001"])
    qtbot.waitUntil(task.is_done, timeout=10000)
    assert task.preview.isVisible() and len(_left(temp_root)) == 1
    window.close()
    assert _left(temp_root) == []


def test_a_named_output_is_the_callers_and_stays(qtbot, session, tmp_path, temp_root):
    task = make_letters(None, session, LetterKind.REMINDER, claim_ids=["C0001"], output=tmp_path / "r.pdf")
    qtbot.waitUntil(task.is_done, timeout=10000)
    task.preview.reject()
    assert (tmp_path / "r.pdf").is_file() and _left(temp_root) == []
