"""The Qt binding itself: a defect here would crash the window after a while, not at once."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    with_value = Signal(int)
    bare = Signal()


def test_emitting_signals_does_not_leak_references(qapp):
    # PySide6 6.12.0 on Python 3.11 lost one reference to True per emit and aborted the
    # process ("bool_dealloc") after a few hundred: the pin in pyproject.toml avoids it.
    emitter = _Emitter()
    emitter.with_value.connect(lambda value: None)
    emitter.bare.connect(lambda: None)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.with_value.emit(i)
        emitter.bare.emit()
    assert abs(sys.getrefcount(True) - before) < 20  # the defect lost 400 here
