"""ファイル → 設定: 所管課, 文書, 延滞金・時効, 予算の順, 手順, バックアップ in one dialog.

OK saves every tab in one transaction, the tab most likely to refuse first: a refusal
shows beside its field, on its tab, and nothing of any tab is stored. OK is disabled while
any tab has a wrong value, its tooltip saying which. The 手順 tab and the backup buttons
act at once, as they say.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout

from ...domain.errors import ClaimDeskError
from ...services.changes import Changes, Kind
from ...services.settings_save import save_all_or_none
from ..error_box import error_message, show_error
from ..manual import add_manual_key
from .backups_tab import BackupsTab
from .budget_order_tab import BudgetOrderTab
from .casework_tab import CaseworkTab
from .department_tab import DepartmentTab
from .letters_tab import LettersTab
from .procedures_tab import ProceduresTab
from .tab import SettingsTab


class SettingsDialog(QDialog):
    """The department's settings, one tab each; `window` makes backups and restores."""

    manual_anchor = "settings"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, window, parent=None):
        super().__init__(parent or window)
        add_manual_key(self)
        self.session = session
        self.setWindowTitle(self.tr("設定"))
        self.department = DepartmentTab(session)
        self.letters = LettersTab(session)
        self.casework = CaseworkTab(session)
        self.budget_order = BudgetOrderTab(session)
        self.procedures = ProceduresTab(session)
        self.backups = BackupsTab(session, window)
        self.tabs = QTabWidget()
        for tab in self.all_tabs():
            self.tabs.addTab(tab, self.tr(tab.title))
            tab.validity_changed.connect(self._update_ok)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if session.ledger.read_only_reason:
            self.problem.setText(self.tr("読み取り専用で開いているため、設定は変更できません。"))
        self.resize(900, 660)
        self._update_ok()

    def all_tabs(self) -> list[SettingsTab]:
        return [self.department, self.letters, self.casework, self.budget_order, self.procedures, self.backups]

    def problems(self) -> list[str]:
        """What keeps OK disabled, tab by tab."""
        return [f"［{tab.title}］{p}" for tab in self.all_tabs() for p in tab.problems()]

    def _update_ok(self, *_args) -> None:
        problems = self.problems()
        read_only = bool(self.session.ledger.read_only_reason)
        self.ok_button.setEnabled(not problems and not read_only)
        self.ok_button.setToolTip("\n".join(problems))
        if not read_only:
            self.problem.setText(problems[0] if problems else "")

    def show_tab(self, tab: SettingsTab) -> SettingsTab:
        """Bring `tab` to the front (ファイル → 所管課の設定 opens on 所管課)."""
        self.tabs.setCurrentWidget(tab)
        return tab

    def accept(self) -> None:
        """Save every tab in one transaction; on a refusal stay open on its tab, nothing stored."""
        self._update_ok()
        if not self.ok_button.isEnabled():
            return
        order = [self.letters, self.casework, self.backups, self.department, self.budget_order, self.procedures]
        try:
            refused = save_all_or_none(self.session.ledger, [tab.save for tab in order])
        except (ClaimDeskError, OSError) as e:  # the ledger locked, read-only, full …: nothing stored
            message, details = error_message(e)
            self.problem.setText(self.tr("保存しませんでした（設定は変わっていません）: {0}").format(message))
            show_error(self, self.tr("設定"), message, details)
            return
        if refused is not None:
            self.tabs.setCurrentWidget(order[refused])
            self._update_ok()
            self.problem.setText(self.tr("保存しませんでした（どのタブの設定も変わっていません）: "
                                         "［{0}］の誤りを直してください。").format(order[refused].title))
            return
        changes = Changes.of(Kind.SETTINGS)
        for tab in order:
            tab.saved()
            changes = changes | tab.changes()
        self.session.notify_changed(changes)
        super().accept()
