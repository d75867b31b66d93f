"""A combo box of (label, value) choices that gives back the very value put in.

QComboBox's item data goes through QVariant: a str-based enum (LegalNature, Channel …)
comes back as a plain str, and a tuple cannot be found again with findData. The values
are therefore kept on the Python side, by index.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


class ChoiceCombo(QComboBox):
    """A combo of (label, value) choices; `value()` is the chosen value itself."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values: list = []

    def set_choices(self, choices, current=None) -> None:
        """Replace the choices, keeping `current` chosen if it is among them (else the first)."""
        self.blockSignals(True)
        self.clear()
        self._values = []
        for label, value in choices:
            self._values.append(value)
            self.addItem(label)
        self.blockSignals(False)
        self.set_value(current)

    def value(self):
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def values(self) -> list:
        return list(self._values)

    def set_value(self, value) -> None:
        """Choose `value` (the first choice if it is not offered)."""
        index = next((i for i, v in enumerate(self._values) if v == value), 0)
        if self.count():
            self.setCurrentIndex(index)
