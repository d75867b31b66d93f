"""設定 → 文書: the 文書の設定 form (ui/letter_settings_form.py) as a tab."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ...domain.errors import ClaimDeskError
from ...services.changes import EVERYTHING, Changes
from ..error_texts import error_text
from ..letter_settings_form import LetterSettingsForm
from .tab import SettingsTab


class LettersTab(SettingsTab):
    """自治体名, 発行者, 所在地, 問合せ先, 納付方法, 封筒の窓, 書式 … each with its explanation and default."""

    title = "文書"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.form = LetterSettingsForm(session, self)
        self.form.validity_changed.connect(self._emit_validity)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)

    def problems(self) -> list[str]:
        return self.form.problems()

    def save(self) -> bool:
        try:
            return self.form.save(notify=False)  # the dialog tells the pages once all is stored
        except ClaimDeskError as e:  # a refusal that names no field of the form
            self.form.messages[next(iter(self.form.messages))].show_error(error_text(e))
            return False

    def changes(self) -> Changes:
        return EVERYTHING  # as the form says when it saves alone
