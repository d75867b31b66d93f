"""What every entry dialog shares: a form, errors shown in place, OK only when all is valid.

A dialog adds its rows with `addRow`, then calls `_finish` to lay out the form and the
buttons, and provides `_save` (the service call). OK calls `_save`; a refusal is shown
beside the field it names and nothing is saved; success tells the session (so every page
re-reads) and closes the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from ...domain.dates import format_fiscal_year
from ...domain.errors import ClaimDeskError, InvalidValue
from ...domain.money import format_yen
from ...services.changes import Changes, changes_of
from ..error_texts import reason_text
from ..fields import MessageLabel, ValidatedField
from ..manual import add_manual_key


class EntryDialog(QDialog):
    """What the entry dialogs share: a form, in-place errors, OK only when all is valid.

    F1 opens the manual at `manual_anchor` (a subclass names its section), or at the
    section of the page the dialog was opened from.
    """

    manual_anchor: str | None = None

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        add_manual_key(self)
        self.saved = None  # what the service returned on success
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._fields: dict[str, QWidget] = {}
        self._messages: dict[str, MessageLabel] = {}
        self._labels: dict[QWidget, str] = {}
        self._shown: set[str] = set()  # names whose message shows the service's reason
        self._before_form: list[QWidget] = []

    def add_row(self, label: str, widget: QWidget, name: str | None = None,
               field: QWidget | None = None) -> QWidget:
        """Add `widget` under `label`; `name` is the service's field name for errors."""
        field = field or widget
        message = field.message_label if isinstance(field, ValidatedField) else MessageLabel()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(message)
        box.setFocusProxy(widget)
        self.form.addRow(label, box)
        self._labels[field] = label
        if name:
            self._fields[name] = field
            self._messages[name] = message
        if isinstance(field, ValidatedField):
            field.validity_changed.connect(self._update_ok)
            field.textChanged.connect(self._changed)
        return widget

    def _finish(self) -> None:
        """Lay out the form and the buttons (created last so Tab reaches them last)."""
        self.general_error = MessageLabel()
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.header.text():
            font = QFont(self.header.font())
            font.setBold(True)
            self.header.setFont(font)
            rule = QFrame()
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setFrameShadow(QFrame.Shadow.Sunken)
            layout.addWidget(self.header)
            layout.addWidget(rule)
        for box in self._before_form:
            layout.addWidget(box)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.button_box)
        self.setMinimumWidth(480)
        self._update_ok()

    # --- validity --------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What keeps OK disabled, as 「label: reason」 lines."""
        found = [f"{self._labels[f]}: {f.error()}" for f in self._labels
                 if isinstance(f, ValidatedField) and f.isEnabled() and f.error()]
        return found + self._extra_problems()

    def _extra_problems(self) -> list[str]:
        return []

    def _update_ok(self, *_args) -> None:
        if not hasattr(self, "ok_button"):
            return
        problems = self.problems()
        self.ok_button.setEnabled(not problems)
        self.ok_button.setToolTip("\n".join(problems))

    def _changed(self, *_args) -> None:
        # Any change may answer the service's last objection: forget it until OK again.
        for field in self._fields.values():
            if isinstance(field, ValidatedField):
                field.clear_error()
        for name in self._shown:
            self._messages[name].clear_message()
        self._shown.clear()
        if hasattr(self, "general_error"):
            self.general_error.clear_message()
        self._update_ok()

    # --- saving ----------------------------------------------------------------------

    def _save(self):
        raise NotImplementedError

    def changes(self) -> Changes:
        """What saving changed, for the pages to decide whether to read again (from what the service returned)."""
        return changes_of(self.saved)

    def accept(self) -> None:
        """Save through the service; stay open showing the reason if it refuses."""
        self._update_ok()
        if not self.ok_button.isEnabled():
            return
        try:
            self.saved = self._save()
        except InvalidValue as e:
            self.show_error(e)
            return
        except ClaimDeskError as e:
            self.general_error.show_error(str(e))
            return
        self.session.notify_changed(self.changes())
        super().accept()

    def show_error(self, error: InvalidValue) -> None:
        """Show `error` beside the field it names, or under the form."""
        field = self._fields.get(error.field or "")
        if isinstance(field, ValidatedField):
            field.set_error(reason_text(error))
            field.setFocus()
            self._update_ok()
        elif field is not None:
            self._messages[error.field].show_error(reason_text(error))
            self._shown.add(error.field)
            field.setFocus()
        else:
            self.general_error.show_error(reason_text(error))

    def claim_header(self, detail) -> str:
        """The claim a dialog acts on, so the clerk can check it is the right one."""
        c = detail.claim
        return self.tr("債権 {0}　{1}　{2}（{3}）\n現在の残高 {4}").format(
            c.claim_id, detail.debtor.name, c.claim_type, format_fiscal_year(c.fiscal_year),
            format_yen(detail.balance))
