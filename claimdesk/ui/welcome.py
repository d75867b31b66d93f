"""First start: the department and what every letter needs, asked before anything else.

`FirstStartDialog` opens on a ledger without a department or without the letter
essentials (自治体名, 発行者, 問合せ先): with them the worklist's letters can be made at
once. `DepartmentDialog` asks for the department alone. Both check as the clerk types
(the department code as the service checks it) and keep OK disabled while a field is wrong.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ..services.changes import Changes, Kind
from ..services.department import get_department, set_department
from ..services.first_start import set_up
from ..services.letter_settings import REQUIRED, SETTINGS, letter_settings, setting_name
from .dialogs.base import EntryDialog
from .fields import TextField
from .settings.department_tab import department_fields


class DepartmentDialog(EntryDialog):
    """Set the department (所管課) whose ledger this is; shown in every export."""

    manual_anchor = "first-start"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, parent=None, *, welcome: bool = False):
        super().__init__(session, parent)
        self.setWindowTitle(self.tr("債権管理デスクへようこそ") if welcome else self.tr("所管課の設定"))
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        self._before_form.append(intro)
        self.name, self.code = department_fields(self)
        current = get_department(session.ledger)
        self.name.setText(current.name)
        self.code.setText(current.code)
        self.add_row(self.tr("所管課名(&N)"), self.name, "name")
        self.add_row(self.tr("所管課コード(&C)"), self.code, "code")
        self._more_rows()
        self._finish()
        self.buttons = self.button_box
        self.resize(560, self.sizeHint().height())

    def _intro(self) -> str:
        return self.tr("この台帳を使う所管課を設定してください。所管課名とコードは、財政課へ提出する"
                       "収納状況（標準様式）に記載されます。あとから［ファイル］→［設定］で変更できます。")

    def _more_rows(self) -> None:
        pass

    def _save(self):
        return set_department(self.session.ledger, self.code.text(), self.name.text())

    def changes(self) -> Changes:
        return Changes.of(Kind.SETTINGS)


class FirstStartDialog(DepartmentDialog):
    """The department and the letter essentials, set together (services/first_start.py)."""

    def __init__(self, session, parent=None):
        self.letters: dict[str, TextField] = {}
        super().__init__(session, parent, welcome=True)

    def _intro(self) -> str:
        return self.tr("はじめに、この台帳を使う所管課と、督促状などの文書に載せる差出人・問合せ先を"
                       "設定してください。所管課名とコードは財政課へ提出する収納状況（標準様式）に、"
                       "自治体名・発行者・問合せ先はすべての文書に記載されます。"
                       "ほかの設定は［ファイル］→［設定］でいつでも変更できます。")

    def _more_rows(self) -> None:
        stored = letter_settings(self.session.ledger).values
        for key in REQUIRED:
            what = SETTINGS[key][2]
            field = TextField(self, missing=self.tr("{0}を入力してください").format(setting_name(key)))
            example = what[what.find("例: ") + 3:].rstrip("）") if "例: " in what else ""
            field.setPlaceholderText(self.tr("例: ") + example if example else "")
            field.setText(stored.get(key, ""))
            self.letters[key] = field
            self.add_row(setting_name(key), field, key)

    def _save(self):
        set_up(self.session.ledger, self.code.text(), self.name.text(),
               {key: field.text() for key, field in self.letters.items()})

    def changes(self) -> Changes:
        return Changes.of(Kind.SETTINGS)
