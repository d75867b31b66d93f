"""設定 → 延滞金・時効: the casework settings (services/casework_settings.py) as a form.

Each value is shown as it is in force (the shipped default or the ledger's own). A value
set back to the default removes the ledger's own, so a later change of the shipped
defaults reaches it. Every change is checked against the whole at once, as the service
checks it before storing; the reason shows under the field it names.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain.casework_settings import PREFIX
from ...domain.dates import format_wareki
from ...domain.errors import REASONS, InvalidValue, Refusal
from ...services.casework_settings import (
    casework_overrides,
    casework_settings_listing,
    check_casework_settings,
    default_settings_data,
    set_casework_settings,
)
from ...services.changes import EVERYTHING, Changes
from ..error_texts import reason_text
from ..fields import DateField, MessageLabel, TextField, ValidatedField
from .casework_texts import CASEWORK_FIELDS
from .tab import SettingsTab, field_row

_SEPARATORS = re.compile(r"[、,，\s]+")
_YES = {"はい": True, "いいえ": False, "true": True, "false": False, "1": True, "0": False}

# What the clerk typed in a field of this tab, refused before the service sees it.
REASONS.update({
    "rate_form": "割合を0以上の数字で入力してください（例: 7.3）: {text}",
    "count_form": "0以上の整数で入力してください",
    "table_item_form": "「債権名=値」で入力してください: {item}",
    "flag_item_form": "「はい」か「いいえ」で入力してください: {item}",
    "rates_item_form": "「年=低い割合/高い割合」で入力してください（例: 2027=2.9/9.2）: {item}",
})


def _items(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text.strip()) if part]


def _rate(text: str) -> str:
    try:
        if Decimal(text) < 0:
            raise InvalidOperation
    except InvalidOperation:
        raise Refusal(None, "rate_form", text=text) from None
    return text


def parse_value(kind: str, text: str) -> Any:
    """The setting's value from what the clerk typed; a Refusal says why not."""
    text = text.strip()
    if kind == "int":
        if not text.isdecimal():
            raise Refusal(None, "count_form")
        return int(text)
    if kind == "rate":
        return _rate(text)
    if kind == "days":
        return _items(text)
    if kind.startswith("table:"):
        value_kind, table = kind.split(":")[1], {}
        for item in _items(text):
            name, sep, value = item.partition("=")
            if not sep or not name or not value:
                raise Refusal(None, "table_item_form", item=item)
            if value_kind == "flag":
                if value.lower() not in _YES:
                    raise Refusal(None, "flag_item_form", item=item)
                table[name] = _YES[value.lower()]
            else:
                table[name] = parse_value(value_kind, value)
        return table
    if kind == "rates":
        rows = []
        for item in _items(text):
            found = re.fullmatch(r"(\d{4})=([\d.]+)/([\d.]+)", item)
            if not found:
                raise Refusal(None, "rates_item_form", item=item)
            rows.append({"year": int(found[1]), "low": _rate(found[2]), "high": _rate(found[3])})
        return rows
    return text


def format_value(kind: str, value: Any) -> str:
    """The value as the field shows it (the reverse of `parse_value`)."""
    if kind == "days":
        return "、".join(value)
    if kind.startswith("table:"):
        flag = kind.endswith("flag")
        return "、".join(f"{k}={('はい' if v else 'いいえ') if flag else v}" for k, v in value.items())
    if kind == "rates":
        return "、".join(f"{r['year']}={r['low']}/{r['high']}" for r in value)
    return str(value)


class CaseworkTab(SettingsTab):
    """時効・延滞金・本日の作業の数値: one row per setting, with its explanation."""

    title = "延滞金・時効"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, MessageLabel] = {}
        self.initial: dict[str, Any] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        in_force = {key.removeprefix(PREFIX + "."): value for key, value, _own in
                    casework_settings_listing(session.ledger)}
        own = casework_overrides(session.ledger)
        shipped = default_settings_data()
        self.defaults = {key: self._shipped(key, shipped) for key in CASEWORK_FIELDS}
        for key, (name, kind, hint) in CASEWORK_FIELDS.items():
            value = own.get(f"{PREFIX}.{key}", []) if kind == "rates" else in_force.get(key)
            field = self._field(kind, value)
            self.fields[key] = field
            self.initial[key] = self._value(key)
            message = field.message_label if isinstance(field, ValidatedField) else MessageLabel()
            self.messages[key] = message
            field_row(form, name, field, message, "　".join(p for p in (hint, self._default(kind, key, shipped)) if p))
        self.general = MessageLabel()
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        note = QLabel(self.tr("既定値は resources/settings/casework.toml（ClaimDesk に同梱）。"
                              "ここで変えた値はこの台帳だけに保存されます。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general)
        self._problem: str | None = None

    @staticmethod
    def _shipped(key: str, shipped: dict) -> Any:
        node: Any = shipped
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node.isoformat() if isinstance(node, date) else node

    def _default(self, kind: str, key: str, shipped: dict) -> str:
        node = self._shipped(key, shipped)
        if kind == "rates" or node in (None, {}, []):
            return ""
        if kind == "flag":
            return self.tr("既定: ") + (self.tr("する") if node else self.tr("しない"))
        if kind == "date":
            return self.tr("既定: ") + format_wareki(date.fromisoformat(node))
        return self.tr("既定: ") + format_value(kind, node)

    def _field(self, kind: str, value: Any) -> QWidget:
        if kind == "flag":
            box = QCheckBox(self.tr("する"))
            box.setChecked(bool(value))
            box.toggled.connect(self.check)
            return box
        if kind == "date":
            field: ValidatedField = DateField()
            field.set_date(value if isinstance(value, date) else date.fromisoformat(str(value)))
        else:
            required = kind in ("int", "rate")

            def problem(text: str, kind: str = kind) -> str | None:
                try:
                    parse_value(kind, text)
                except InvalidValue as e:
                    return reason_text(e)
                return None
            field = TextField(required=required, check=problem)
            field.setText(format_value(kind, value))
        field.textChanged.connect(self.check)
        return field

    def _value(self, key: str) -> Any:
        kind, field = CASEWORK_FIELDS[key][1], self.fields[key]
        if isinstance(field, QCheckBox):
            return field.isChecked()
        if isinstance(field, DateField):
            return field.value().isoformat() if field.value() else None
        return parse_value(kind, field.text())

    def changed_values(self) -> dict[str, str]:
        """The settings changed in the tab, as the service takes them (JSON text; '' = default)."""
        changed = {}
        for key in self.fields:
            value = self._value(key)
            if value != self.initial[key]:
                # The shipped value again (or no dated rates of its own): the override goes.
                default = not value if CASEWORK_FIELDS[key][1] == "rates" else value == self.defaults[key]
                changed[key] = "" if default else json.dumps(value, ensure_ascii=False)
        return changed

    def check(self, *_args) -> bool:
        """Check every value together (nothing stored); the reason under the field it names."""
        for key, message in self.messages.items():
            field = self.fields[key]
            if isinstance(field, ValidatedField):
                field.clear_error()
            else:
                message.clear_message()
        self.general.clear_message()
        self._problem = None
        if any(isinstance(f, ValidatedField) and f.error() for f in self.fields.values()):
            self._relayout()
            self._emit_validity()
            return False
        try:
            check_casework_settings(self.session.ledger, self.changed_values())
        except InvalidValue as e:
            self._show(e)
        self._relayout()
        self._emit_validity()
        return self._problem is None

    def _relayout(self) -> None:
        # QFormLayout keeps the rows' heights for a width it measured once: a message shown
        # under a field, or the tab shown at another width, would be drawn over the next
        # row's explanation. Measured again, every row gets the lines it wraps to.
        QTimer.singleShot(0, self, self.scroll.widget().layout().invalidate)  # once the message is in place

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._relayout()

    def _show(self, error: InvalidValue) -> None:
        name = (error.field or "").removeprefix(PREFIX + ".")
        key = max((k for k in self.fields if name == k or name.startswith(k + ".") or name.startswith(k + "[")),
                  key=len, default=None)
        reason = reason_text(error)
        self._problem = f"{CASEWORK_FIELDS[key][0] if key else name}: {reason}"
        field = self.fields.get(key or "")
        if isinstance(field, ValidatedField):
            field.set_error(reason)
        elif key:
            self.messages[key].show_error(reason)
        else:
            self.general.show_error(self._problem)

    def problems(self) -> list[str]:
        found = [f"{CASEWORK_FIELDS[k][0]}: {f.error()}" for k, f in self.fields.items()
                 if isinstance(f, ValidatedField) and f.error()]
        return found or ([self._problem] if self._problem else [])

    def save(self) -> bool:
        if not self.check():
            return False
        changed = self.changed_values()
        if changed:
            try:
                set_casework_settings(self.session.ledger, changed)
            except InvalidValue as e:
                self._show(e)
                return False
        return True

    def saved(self) -> None:
        self.initial = {key: self._value(key) for key in self.fields}

    def changes(self) -> Changes:
        return EVERYTHING  # limitation dates, charges and the worklist all change
