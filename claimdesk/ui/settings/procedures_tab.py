"""設定 → 手順: the department's collection steps, and its own copy in and out.

The steps in force for each legal kind are listed as a clerk reads them (what, when,
with which letter). 取込み, 書き出し and 既定に戻す act at once (like the command
`claimdesk procedures`): a file that does not pass the check is refused with the reason
shown here, and the ledger keeps the steps it had.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ...domain.claims import LegalNature
from ...domain.errors import ClaimDeskError
from ...services.changes import EVERYTHING, Changes
from ...services.procedures import (
    export_procedures,
    import_procedure,
    is_department_copy,
    load_procedure,
    parse_procedure_file,
    reset_procedure,
)
from ..error_texts import error_text
from ..fields import MessageLabel
from .tab import SettingsTab

_AFTER = {"due_date": "納期限", "previous": "前の手順"}


def step_line(step, procedure) -> str:
    """One step as the list shows it: 「督促状の送付 — 納期限から20日後（30日以内）・督促状」."""
    after = _AFTER.get(step.after) or (procedure.step(step.after).title if procedure.step(step.after) else step.after)
    text = f"{step.title} — {after}から{step.days}日後（{step.deadline_days}日以内）"
    if step.letter is not None:
        text += f"・{step.letter.label}"
    if step.approval:
        text += "・決裁"
    return text


class ProceduresTab(SettingsTab):
    """The steps of one legal kind at a time, with import / export / reset."""

    title = "手順"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.nature = QComboBox()
        for nature in LegalNature:
            self.nature.addItem(nature.label, nature.value)  # (Qt keeps a str enum as str)
        self.nature.currentIndexChanged.connect(self.refresh)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.steps = QListWidget()
        self.message = MessageLabel()
        self.import_button = QPushButton(self.tr("手順ファイルを取込み…"))
        self.export_button = QPushButton(self.tr("書き出し…"))
        self.reset_button = QPushButton(self.tr("既定の手順に戻す"))
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        self.reset_button.clicked.connect(lambda: self.reset(confirm=True))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("債権の種類")))
        top.addWidget(self.nature, 1)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.export_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        note = QLabel(self.tr("手順ファイル（TOML）は書き出して編集し、取り込みます。取込み・既定に戻すは"
                              "すぐに台帳に保存されます（［キャンセル］では戻りません）。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.source)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(note)
        self.changed = False
        self.import_button.setEnabled(not session.ledger.read_only_reason)
        self.refresh()

    def current_nature(self) -> LegalNature:
        return LegalNature(self.nature.currentData())

    def refresh(self, *_args) -> None:
        """Show the steps in force for the chosen kind."""
        nature = self.current_nature()
        self.steps.clear()
        try:
            procedure = load_procedure(self.session.ledger, nature)
        except ClaimDeskError as e:
            self.source.setText("")
            self.message.show_error(error_text(e))
            return
        own = is_department_copy(self.session.ledger, nature)
        self.source.setText(self.tr("{0}（{1}）　手順 {2}件").format(
            procedure.title, self.tr("所管課の版") if own else self.tr("既定の手順"), len(procedure.steps)))
        for i, step in enumerate(procedure.steps, 1):
            self.steps.addItem(f"{i}. {step_line(step, procedure)}")
        self.reset_button.setEnabled(own and not self.session.ledger.read_only_reason)

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("手順ファイルの取込み"), "",
                                              self.tr("手順ファイル (*.toml);;すべてのファイル (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Check the file and store it as the steps of the kind it declares; the reason if refused."""
        try:
            parse_procedure_file(path)
            procedure = import_procedure(self.session.ledger, path)
        except (ClaimDeskError, OSError) as e:
            self.message.show_error(self.tr("取り込みませんでした（台帳の手順は変わりません）: {0}").format(
                getattr(e, "strerror", None) and f"{path}: {e.strerror}" or str(e)))
            return False
        self.changed = True
        self.nature.setCurrentIndex(self.nature.findData(procedure.legal_nature.value))
        self.refresh()
        self.message.show_hint(self.tr("取り込みました: {0}（手順 {1}件）").format(path.name, len(procedure.steps)))
        self.session.notify_changed(self.changes())
        return True

    def _choose_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("手順ファイルの書き出し先"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path]:
        """Write the steps in force, one file per kind, for editing."""
        try:
            written = export_procedures(self.session.ledger, folder)
        except OSError as e:
            self.message.show_error(self.tr("書き出せませんでした: {0}: {1}").format(folder, e.strerror or e))
            return []
        self.message.show_hint(self.tr("書き出しました: {0}").format("、".join(str(p) for p in written)))
        return written

    def reset(self, *, confirm: bool = False) -> bool:
        """Go back to the shipped steps for the chosen kind."""
        nature = self.current_nature()
        if confirm and QMessageBox.question(self, self.tr("既定の手順に戻す"), self.tr(
                "{0}の手順を既定に戻します。所管課の版は台帳から消えます（書き出しておくと再利用できます）。"
                "よろしいですか。").format(nature.label)) != QMessageBox.StandardButton.Yes:
            return False
        reset_procedure(self.session.ledger, nature)
        self.changed = True
        self.refresh()
        self.message.show_hint(self.tr("既定の手順に戻しました: {0}").format(nature.label))
        self.session.notify_changed(self.changes())
        return True

    def changes(self) -> Changes:
        return EVERYTHING  # the worklist and every claim's next step follow the procedure
