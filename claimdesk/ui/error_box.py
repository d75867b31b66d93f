"""Errors as a clerk reads them: the message of an error, and a box that does not block."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import ClaimDeskError
from ..services.failures import describe_failure
from .error_texts import error_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("operations", text)


def error_message(error: BaseException, details: str = "") -> tuple[str, str]:
    """What a clerk reads about `error`: (message, details)."""
    if isinstance(error, ClaimDeskError):
        message = error_text(error)
        problems = getattr(error, "problems", None)  # an import lists every bad row
        return message, "\n".join(str(p) for p in problems) if problems else ""
    if (message := describe_failure(error)) is not None:  # disk full, read-only …
        return message, ""
    return _tr("予期しないエラーが発生しました"), details


_orphan_boxes: set[QMessageBox] = set()  # boxes without a parent, kept until closed


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A warning box that does not block: the caller goes on, the clerk closes it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    if parent is None:
        _orphan_boxes.add(box)
        box.finished.connect(lambda: _orphan_boxes.discard(box))
    else:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
