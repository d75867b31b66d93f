"""設定 → 所管課: the department's name and code, checked as they are typed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout

from ...domain.errors import InvalidValue
from ...services.department import check_department, get_department, set_department
from ..error_texts import reason_text
from ..fields import TextField
from .tab import SettingsTab, field_row


def code_problem(text: str) -> str | None:
    """Why `text` is not a department code (the service's own check), or None."""
    try:
        check_department(text, "-")
    except InvalidValue as e:
        return reason_text(e)
    return None


def department_fields(parent=None) -> tuple[TextField, TextField]:
    """The name and code fields, with the code check inline (also used at the first start)."""
    name = TextField(parent, missing="所管課名を入力してください")
    name.setPlaceholderText("例: 区民生活部 住宅課")
    code = TextField(parent, missing="所管課コードを入力してください", check=code_problem)
    code.setPlaceholderText("例: JUTAKU01（半角英数字）")
    return name, code


class DepartmentTab(SettingsTab):
    """所管課名 and 所管課コード, as the summary for the finance department shows them."""

    title = "所管課"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.name, self.code = department_fields(self)
        current = get_department(session.ledger)
        self.name.setText(current.name)
        self.code.setText(current.code)
        intro = QLabel(self.tr("所管課名とコードは、財政課へ提出する収納状況（標準様式）と文書に記載されます。"))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        field_row(form, self.tr("所管課名"), self.name)
        field_row(form, self.tr("所管課コード"), self.code, hint=self.tr("半角英数字と記号、空白なし"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        for field in (self.name, self.code):
            field.validity_changed.connect(self._emit_validity)

    def problems(self) -> list[str]:
        return [f"{label}: {f.error()}" for label, f in (("所管課名", self.name), ("所管課コード", self.code))
                if f.error()]

    def save(self) -> bool:
        current = get_department(self.session.ledger)
        if (current.code, current.name) == (self.code.text().strip(), self.name.text().strip()):
            return True
        try:
            set_department(self.session.ledger, self.code.text(), self.name.text())
        except InvalidValue as e:
            (self.code if e.field == "code" else self.name).set_error(reason_text(e))
            return False
        return True
