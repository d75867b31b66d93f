"""What every tab of the settings dialog offers the dialog: its problems and saving."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from ...services.changes import Changes, Kind
from ..fields import MessageLabel, ValidatedField


class SettingsTab(QWidget):
    """A page of the settings dialog; OK is enabled while no tab has a problem.

    `save` stores the tab's values and returns False (reason shown beside the field)
    when the service refuses them; the dialog saves every tab in one transaction, so a
    refusal anywhere stores nothing. `saved` follows once everything was stored.
    """

    title = ""
    validity_changed = Signal(bool)

    def problems(self) -> list[str]:
        """What keeps OK disabled, as 「label: reason」 lines."""
        return []

    def save(self) -> bool:
        """Store what the tab shows; False when refused."""
        return True

    def saved(self) -> None:
        """Everything was stored: take the stored values as the tab's starting point."""

    def changes(self) -> Changes:
        """What saving this tab changed, for the pages to decide whether to read again."""
        return Changes.of(Kind.SETTINGS)

    def _emit_validity(self, *_args) -> None:
        self.validity_changed.emit(not self.problems())


def field_row(form: QFormLayout, label: str, field: QWidget, message: MessageLabel | None = None,
              hint: str = "") -> MessageLabel:
    """Add `field` under `label` with its message line (and a grey explanation) below it."""
    # In a scrolling form every row gets its minimum height: a line edit's is less than
    # its text needs, and a row that grows a message would squash it.
    field.setMinimumHeight(field.sizeHint().height())
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(field)
    if message is None:
        message = field.message_label if isinstance(field, ValidatedField) else MessageLabel()
    if hint:
        from PySide6.QtWidgets import QLabel

        explanation = QLabel(hint)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: palette(mid);")
        column.addWidget(explanation)
    column.addWidget(message)
    box.setFocusProxy(field)
    form.addRow(label, box)
    return message
