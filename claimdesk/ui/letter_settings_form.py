"""文書の設定: every letter setting the ledger knows, with its explanation and default.

`LetterSettingsForm` is a self-contained widget (it reads and saves through
services/letter_settings.py), so it can sit in a dialog today and in a tab of a general
settings window later. `LetterSettingsDialog` opens it when letters are refused because
who sends them or whom to call is not set yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import ClaimDeskError, InvalidValue
from ..services.letter_settings import (
    REQUIRED,
    SETTINGS,
    check_letter_settings,
    letter_settings,
    missing_settings,
    set_letter_settings,
    setting_name,
)
from .error_texts import error_text, reason_text
from .fields import MessageLabel
from .manual import add_manual_key


class LetterSettingsForm(QWidget):
    """One row per letter setting: its value, what it is, and the default when left empty.

    Every change is checked as it is typed (the reason shows under the field); `problems`
    says what keeps the form from being saved, and `validity_changed` tells a dialog.
    """

    validity_changed = Signal(bool)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.editors: dict[str, QLineEdit | QCheckBox] = {}
        self.messages: dict[str, MessageLabel] = {}
        self._problem: tuple[str, str] | None = None  # (key, reason) of the first wrong value
        inner = QWidget()
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, (default, kind, what) in SETTINGS.items():
            form.addRow(self._label(key, what), self._row(key, default, kind, what))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.load()
        for editor in self.editors.values():
            (editor.toggled if isinstance(editor, QCheckBox) else editor.textChanged).connect(self.check)

    def _label(self, key: str, what: str) -> QLabel:
        name = what.split("（")[0]
        label = QLabel(name + ("（必須）" if key in REQUIRED else ""))
        if key in REQUIRED:
            bold = QFont(label.font())
            bold.setBold(True)
            label.setFont(bold)
        label.setToolTip(key)
        return label

    def _row(self, key: str, default: str, kind: str, what: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        if kind == "flag":
            editor: QLineEdit | QCheckBox = QCheckBox(self.tr("する"))
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(default.replace("\n", " ") if default else self.tr("（空）"))
        editor.setToolTip(f"{key}\n{what}")
        editor.setMinimumHeight(editor.sizeHint().height())  # not squashed when a message shows
        hint = QLabel(self._hint(key, default, kind, what))
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setStyleSheet("color: palette(mid);")
        message = MessageLabel()
        if key == "letter_forms_dir":
            column.addLayout(self._with_folder_button(editor))
        else:
            column.addWidget(editor)
        column.addWidget(hint)
        column.addWidget(message)
        self.editors[key], self.messages[key] = editor, message
        box.setFocusProxy(editor)
        return box

    def _with_folder_button(self, editor) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(editor, 1)
        self.folder_button = QPushButton(self.tr("参照…"))
        self.folder_button.setObjectName("forms_dir_browse")

        def choose() -> None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("書式の差し替えフォルダ"), editor.text())
            if chosen:
                editor.setText(chosen)
        self.folder_button.clicked.connect(choose)
        row.addWidget(self.folder_button)
        return row

    def _hint(self, key: str, default: str, kind: str, what: str) -> str:
        detail = "" if kind == "flag" else what[len(what.split("（")[0]):].strip("（）")
        if key in REQUIRED:
            shown = self.tr("設定するまで督促状などの文書は作成できません")
        elif kind == "flag":
            shown = self.tr("既定: ") + (self.tr("する") if default == "1" else self.tr("しない"))
        elif default:
            shown = self.tr("既定: ") + (default if len(default) < 40 else default[:40] + "…")
        else:
            shown = ""
        return "　".join(part for part in (detail, shown) if part)

    def load(self) -> None:
        """Show what the ledger holds now (empty: the default applies)."""
        values = letter_settings(self.session.ledger).values
        for key, editor in self.editors.items():
            value = values.get(key, "")
            if isinstance(editor, QCheckBox):
                editor.setChecked(value.strip().lower() in ("1", "true", "はい") if value
                                  else SETTINGS[key][0] == "1")
            else:
                editor.setText(value)
            self.messages[key].clear_message()
        self._problem = None

    def values(self) -> dict[str, str]:
        """Every value as the form shows it (flags as 1 / 0)."""
        return {key: ("1" if e.isChecked() else "0") if isinstance(e, QCheckBox) else e.text()
                for key, e in self.editors.items()}

    def _key_of(self, field: str | None) -> str | None:
        # "letter_window" names the four window values together: shown under the first.
        if field in self.messages:
            return field
        return next((k for k in self.messages if field and k.startswith(field)), None)

    def check(self, *_args) -> bool:
        """Check the values as the form shows them (nothing stored); the reason under its field."""
        try:
            check_letter_settings(self.session.ledger, self.values())
            problem = None
        except InvalidValue as e:
            key = self._key_of(e.field)
            problem = (key or "", reason_text(e))
        if problem != self._problem:
            if self._problem and self._problem[0]:
                self.messages[self._problem[0]].clear_message()
            if problem and problem[0]:
                self.messages[problem[0]].show_error(problem[1])
            self._problem = problem
            self.validity_changed.emit(problem is None)
        return problem is None

    def problems(self) -> list[str]:
        """What keeps the form from being saved, as 「name: reason」 lines."""
        if self._problem is None:
            return []
        key, reason = self._problem
        return [f"{setting_name(key)}: {reason}" if key else reason]

    def missing(self) -> list[str]:
        """The required settings left empty in the form."""
        values = self.values()
        return [key for key in REQUIRED if not values[key].strip()]

    def save(self, *, notify: bool = True) -> bool:
        """Store the values; a refusal is shown beside its field and nothing is stored.

        `notify=False`: the caller tells the pages (after its transaction commits).
        """
        for message in self.messages.values():
            message.clear_message()
        try:
            set_letter_settings(self.session.ledger, self.values())
        except InvalidValue as e:
            key = self._key_of(e.field)
            if key is None:
                raise
            self.messages[key].show_error(reason_text(e))
            self.editors[key].setFocus()
            return False
        if notify:
            self.session.notify_changed()
        return True


class LetterSettingsDialog(QDialog):
    """The letter settings in a dialog; opened when letters are refused for want of them."""

    manual_anchor = "settings"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, parent: QWidget | None = None, *, missing: Sequence[str] = ()):
        super().__init__(parent)
        add_manual_key(self)
        self.required = bool(missing)  # opened because letters were refused: stays until complete
        self.setWindowTitle(self.tr("文書の設定"))
        self.resize(720, 640)
        self.form = LetterSettingsForm(session, self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b00020;")
        self._say_missing(missing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.form.validity_changed.connect(save.setEnabled)  # not saved while a value is wrong
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.form, 1)
        layout.addWidget(buttons)
        if missing:
            self.form.editors[missing[0]].setFocus()

    def _say_missing(self, missing: Sequence[str]) -> None:
        if missing:
            names = "、".join(setting_name(k) for k in missing)
            self.notice.setText(self.tr("文書を作成する前に、次の設定が必要です: {0}。"
                                        "「○○区長」や問合せ先のない文書が発送されないよう、"
                                        "設定されるまで文書は作成しません。").format(names))
        self.notice.setVisible(bool(missing))

    def accept(self) -> None:
        try:
            if not self.form.save():
                return
        except ClaimDeskError as e:
            self.notice.setText(error_text(e))
            self.notice.setVisible(True)
            return
        missing = missing_settings(letter_settings(self.form.session.ledger))
        if self.required and missing:
            self._say_missing(missing)  # saved what was given; the letters still wait
            self.form.editors[missing[0]].setFocus()
            return
        super().accept()

    def complete(self) -> bool:
        """Whether the ledger now has every setting letters need."""
        return not missing_settings(letter_settings(self.form.session.ledger))
