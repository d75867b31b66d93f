"""Helpers for driving widgets as a clerk types."""

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent


def type_text(qtbot, widget, text: str) -> None:
    """Type `text` into `widget`: ASCII as key presses, Japanese as IME commits.

    QTest can only press keys that exist on a keyboard; Japanese reaches a widget as the
    input method's committed string, so that is what is sent for it.
    """
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QCoreApplication.sendEvent(widget, event)


@pytest.fixture
def typist(qtbot):
    return lambda widget, text: type_text(qtbot, widget, text)
