"""Sizes that fit the clerk's screen: a department's PC may have 1366×768 and a taskbar."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width×height, or less where the screen's free area is smaller."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        # The title bar and frame come on top of the size given here.
        width, height = min(width, free.width()), min(height, free.height() - 32)
    widget.resize(width, height)
