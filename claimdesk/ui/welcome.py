"""First start: a short welcome that asks for the department's name and code."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ..domain.errors import InvalidValue
from ..services.changes import Changes, Kind
from ..services.department import set_department


class DepartmentDialog(QDialog):
    """Set the department (所管課) whose ledger this is; shown in every export."""

    def __init__(self, session, parent=None, *, welcome: bool = False):
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("債権管理デスクへようこそ") if welcome else self.tr("所管課の設定"))
        intro = QLabel(self.tr(
            "この台帳を使う所管課を設定してください。所管課名とコードは、財政課へ提出する"
            "収納状況（標準様式）に記載されます。あとから［ファイル］→［所管課の設定］で変更できます。"))
        intro.setWordWrap(True)
        self.name = QLineEdit(placeholderText=self.tr("例: 区民生活部 住宅課"))
        self.code = QLineEdit(placeholderText=self.tr("例: JUTAKU01（半角英数字）"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        from ..services.department import get_department

        current = get_department(session.ledger)
        self.name.setText(current.name)
        self.code.setText(current.code)
        form = QFormLayout()
        form.addRow(self.tr("所管課名(&N)"), self.name)
        form.addRow(self.tr("所管課コード(&C)"), self.code)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self.code.textChanged.connect(self._check)
        self._check()
        self.resize(480, self.sizeHint().height())

    def _check(self) -> None:
        ok = bool(self.name.text().strip() and self.code.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.error.clear()

    def accept(self) -> None:
        try:
            set_department(self._session.ledger, self.code.text(), self.name.text())
        except InvalidValue as e:
            self.error.setText(e.reason)
            (self.code if e.field == "code" else self.name).setFocus()
            return
        self._session.notify_changed(Changes.of(Kind.SETTINGS))
        super().accept()
