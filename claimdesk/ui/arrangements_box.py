"""Promises (納付約束) and the instalment plan (分納), each a box with the button that makes one.

Both are followed by the receipts alone: the tables show each promise kept or broken and
each instalment paid, paid late or missed, as of the page's day.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..domain.dates import format_wareki
from ..domain.instalments import PlanStatus
from ..domain.money import format_yen
from ..services.casework import CaseworkView
from .arrangement_models import P_STATUS, S_STATUS, PromisesModel, ScheduleModel
from .page_parts import open_dialog, rows_view, value_label


def _button_line(button: QPushButton) -> QHBoxLayout:
    line = QHBoxLayout()
    line.addStretch(1)
    line.addWidget(button)
    return line


def _owed(button: QPushButton, view: CaseworkView) -> None:
    owed = view.balance > 0
    button.setEnabled(owed)
    button.setToolTip("" if owed else button.tr("残高がありません"))


class PromisesBox(QGroupBox):
    """「納付約束」: the claim's promises, newest first, kept or broken by the receipts."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(self.tr("納付約束"), parent)
        self.session, self.claim_id = session, claim_id
        self.dialog = None
        self.model = PromisesModel(self)
        self.table = rows_view(self.model, P_STATUS)
        self.table.setMinimumHeight(60)  # a header and a row: the rest scrolls (1366×768)
        self.promise_button = QPushButton(self.tr("納付約束を記録…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(_button_line(self.promise_button))
        self.promise_button.clicked.connect(self.open_promise_dialog)

    def show_view(self, view: CaseworkView) -> None:
        self.model.set_promises(view.promises)
        _owed(self.promise_button, view)

    def open_promise_dialog(self):
        """The dialog recording a promise to pay (window-modal)."""
        from .dialogs.arrangements import PromiseDialog

        self.dialog = PromiseDialog(self.session, self.claim_id, self)
        return open_dialog(self.dialog)


class PlanBox(QGroupBox):
    """「分納」: the latest plan's schedule matched against the receipts, missed ones in red."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(self.tr("分納"), parent)
        self.session, self.claim_id = session, claim_id
        self.dialog = None
        self.model = ScheduleModel(self)
        self.table = rows_view(self.model, S_STATUS)
        self.table.setMinimumHeight(60)
        self.plan_label = value_label()
        self.plan_button = QPushButton(self.tr("分納誓約を作成…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(_button_line(self.plan_button))
        self.plan_button.clicked.connect(self.open_plan_dialog)

    def show_view(self, view: CaseworkView) -> None:
        plan = view.plans[0] if view.plans else None
        self.model.set_lines(plan.lines if plan else [])
        self.table.setVisible(plan is not None)
        _owed(self.plan_button, view)
        if plan is None:
            self.plan_label.setText(self.tr("分納の約束はありません。"))
            return
        text = self.tr("{0}（{1}）　総額 {2}・{3}回　納付済 {4}　{5}").format(
            plan.kind.label, format_wareki(plan.signed_on), format_yen(plan.total), len(plan.lines),
            format_yen(plan.paid), plan.status.label)
        if plan.missed:
            text += self.tr("\n未納 {0}回・{1}").format(len(plan.missed), format_yen(plan.arrears))
        if plan.status is PlanStatus.BROKEN and plan.broken_on:
            text += self.tr("\n{0}に期限の利益を喪失: 残額の一括請求").format(format_wareki(plan.broken_on))
        if len(view.plans) > 1:
            text += self.tr("\nほかに以前の分納 {0}件").format(len(view.plans) - 1)
        self.plan_label.setText(text)

    def open_plan_dialog(self):
        """The dialog making an instalment plan or a deferment (window-modal)."""
        from .dialogs.arrangements import PlanDialog

        self.dialog = PlanDialog(self.session, self.claim_id, self)
        return open_dialog(self.dialog)
