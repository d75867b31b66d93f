"""Input fields that check what a clerk types as it is typed, and say what is wrong.

Each field is a QLineEdit with a companion `message_label` that the form places under it:
grey confirmation of what was understood (「12,000円」, 「令和8年5月1日（2026年）」) or a
red reason in Japanese. A dialog enables its OK button only while every field is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPalette, QValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from ..domain.dates import format_fiscal_year, format_wareki, parse_date, parse_fiscal_year
from ..domain.errors import InvalidValue
from ..domain.money import format_amount, format_yen, parse_yen
from ..services.clock import today as clock_today
from .calendar_popup import CalendarPopup, calendar_icon
from .error_texts import reason_text

ERROR_COLOR = QColor("#b00020")  # dark red: readable on white, distinct from the text


class MessageLabel(QLabel):
    """The line under a field: a grey hint, or a red error; hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_hint(self, text: str) -> None:
        self._show(text, self.palette().color(QPalette.ColorRole.PlaceholderText))

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_COLOR)

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def is_error(self) -> bool:
        return not self.isHidden() and self.property("error") is True

    def _show(self, text: str, color: QColor) -> None:
        if not text:
            self.clear_message()
            return
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.setPalette(palette)
        self.setProperty("error", color == ERROR_COLOR)
        self.setText(text)
        self.setVisible(True)


class ValidatedField(QLineEdit):
    """A line edit that knows whether its text is acceptable and why not."""

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, required: bool = True):
        super().__init__(parent)
        self.required = required
        self.message_label = MessageLabel()
        self._touched = False
        self._had_text = False
        self._external: str | None = None  # a reason the service gave, until the next edit
        self._constraint: Callable[[object], str | None] | None = None
        self._valid: bool | None = None
        self.textEdited.connect(self._on_edited)
        self.textChanged.connect(self._on_changed)
        self.editingFinished.connect(self._on_finished)
        self.revalidate()

    # --- what subclasses provide -------------------------------------------------------

    def _parse(self, text: str) -> tuple[object, str]:
        """The value of `text` and a hint confirming it; raises InvalidValue."""
        return text.strip(), ""

    def _missing(self) -> str:
        return self.tr("入力してください")

    # --- public ----------------------------------------------------------------------

    def value(self):
        """The parsed value, or None while the text is empty or invalid."""
        try:
            return self._parse(self.text())[0] if self.text().strip() else None
        except InvalidValue:
            return None

    def error(self) -> str | None:
        """Why the text cannot be accepted (in Japanese), or None."""
        return self._state()[0]

    def is_valid(self) -> bool:
        return self.error() is None

    def set_constraint(self, check: Callable[[object], str | None] | None) -> None:
        """An extra rule on the parsed value (e.g. not before another date)."""
        self._constraint = check
        self.revalidate()

    def set_error(self, reason: str | None) -> None:
        """Show a reason the service gave; it stays until the text changes."""
        self._external = reason
        self._touched = True
        self.revalidate()

    def clear_error(self) -> None:
        """Forget the service's reason (something else in the form changed)."""
        if self._external:
            self._external = None
            self.revalidate()

    def revalidate(self) -> None:
        error, hint = self._state()
        if error and (self._touched or self._external or self.text().strip()):
            self.message_label.show_error(error)
        elif error:
            self.message_label.show_hint(self.tr("必須項目です"))
        else:
            self.message_label.show_hint(hint)
        self.setAccessibleDescription(error or hint)
        valid = error is None
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    # --- internals -------------------------------------------------------------------

    def _state(self) -> tuple[str | None, str]:
        if self._external:
            return self._external, ""
        text = self.text()
        if not text.strip():
            return (self._missing() if self.required else None), ""
        try:
            value, hint = self._parse(text)
        except InvalidValue as e:
            return reason_text(e), ""
        if self._constraint and (problem := self._constraint(value)):
            return problem, hint
        return None, hint

    def _on_changed(self, text: str = "") -> None:
        # Emptying a field that held something counts as touching it, however it was done.
        self._touched = self._touched or self._had_text
        self._had_text = bool(text.strip())
        self._external = None
        self.revalidate()

    def _on_edited(self, _text: str = "") -> None:
        self._touched = True
        self.revalidate()

    def _on_finished(self) -> None:
        self._touched = True
        self.revalidate()


class TextField(ValidatedField):
    """Free text, required unless told otherwise; `check` adds a rule on the text."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = True,
                 missing: str | None = None, check: Callable[[str], str | None] | None = None):
        self._missing_text = missing
        super().__init__(parent, required=required)
        if check:
            self.set_constraint(check)

    def _missing(self) -> str:
        return self._missing_text or super()._missing()

    def set_missing_text(self, text: str) -> None:
        """The reason shown while the (required) field is empty."""
        self._missing_text = text
        self.revalidate()


class AmountField(ValidatedField):
    """Whole yen as clerks type them: 12000, 12,000, １２，０００, 12000円."""

    def __init__(self, parent: QWidget | None = None, *, signed: bool = False,
                 required: bool = True):
        self.signed = signed
        super().__init__(parent, required=required)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(self.tr("例: -1,000（減額）") if signed else self.tr("例: 12,000"))
        self.editingFinished.connect(self._tidy)

    def _missing(self) -> str:
        return self.tr("金額を入力してください")

    def _parse(self, text: str) -> tuple[int, str]:
        value = parse_yen(text, signed=self.signed)
        if not self.signed:
            return value, format_yen(value)
        if value > 0:
            return value, self.tr("{0}円の増額").format(format_amount(value))
        return value, self.tr("{0}円の減額").format(format_amount(-value))

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else format_amount(value))

    def _tidy(self) -> None:
        # Once typed, show the amount as it will be recorded: １２，０００ → 12,000.
        value = self.value()
        if value is not None and self.text() != format_amount(value):
            self.setText(format_amount(value))


class DateField(ValidatedField):
    """A date typed as 2026-05-01, 2026/5/1, 令和8年5月1日 or R8.5.1, or picked (F4)."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = True):
        super().__init__(parent, required=required)
        self.setPlaceholderText(self.tr("例: 令和8年5月1日、2026-05-01、R8.5.1"))
        self.calendar_action = QAction(
            calendar_icon(self.palette().color(QPalette.ColorRole.Text)),
            self.tr("カレンダーから選ぶ（F4）"), self)
        self.calendar_action.setToolTip(self.calendar_action.text())
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.popup: CalendarPopup | None = None

    def _missing(self) -> str:
        return self.tr("日付を入力してください")

    def _parse(self, text: str) -> tuple[date, str]:
        d = parse_date(text)
        return d, format_wareki(d, western=True)

    def set_date(self, d: date | None) -> None:
        self.setText("" if d is None else format_wareki(d))

    def show_calendar(self) -> CalendarPopup:
        """Open the calendar on the field's date (or today) and return it."""
        self.popup = CalendarPopup(self)
        self.popup.calendar.setSelectedDate(QDate(self.value() or clock_today()))
        self.popup.picked.connect(self._picked)
        self.popup.show_below(self)
        return self.popup

    def _picked(self, d: date) -> None:
        self.set_date(d)
        self._on_edited()
        self.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        super().keyPressEvent(event)


class FiscalYearSpin(QSpinBox):
    """A fiscal year shown and typed as 令和8年度 (2026, R8 are understood too)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(1989, 2200)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def textFromValue(self, value: int) -> str:
        return format_fiscal_year(value)

    def valueFromText(self, text: str) -> int:
        try:
            return parse_fiscal_year(text)
        except InvalidValue:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            year = parse_fiscal_year(text)
        except InvalidValue:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= year <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos
