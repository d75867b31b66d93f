"""Promises (納付約束) and the instalment plan (分納), each a box with the button that makes one.

Both are followed by the receipts alone: the tables show each promise kept or broken and
each instalment paid, paid late or missed, as of the page's day.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from ..domain.dates import format_wareki
from ..domain.instalments import PlanState, PlanStatus
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
        # The rarer two are a menu on one button, which the casework panel places in its
        # action bar beside 分納誓約を作成 (at 1366×768 the box itself scrolls).
        self.more_button = QPushButton(self.tr("返送・取消"))
        self.more_button.setToolTip(self.tr("署名済みの分納誓約書・債務承認書の返送、分納の取消を記録します"))
        more = QMenu(self.more_button)
        more.setToolTipsVisible(True)
        self.more_button.setMenu(more)
        self.signed_button = more.addAction(self.tr("署名済みの返送を記録…"))
        self.signed_button.setToolTip(self.tr("発送した分納誓約書・債務承認書が署名されて戻ったとき、印刷した内容のまま記録します"))
        self.cancel_button = more.addAction(self.tr("分納を取消…"))
        self.plan: PlanState | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.table, 1)
        line = _button_line(self.more_button)
        line.addWidget(self.plan_button)
        layout.addLayout(line)
        self.plan_button.clicked.connect(self.open_plan_dialog)
        self.signed_button.triggered.connect(self.open_signed_dialog)
        self.cancel_button.triggered.connect(self.open_cancel_dialog)

    def show_view(self, view: CaseworkView) -> None:
        plan = view.plans[0] if view.plans else None
        self.plan = plan
        self.model.set_lines(plan.lines if plan else [])
        self.table.setVisible(plan is not None)
        _owed(self.plan_button, view)
        cancellable = plan is not None and plan.cancelled_on is None and plan.plan_id is not None
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.setToolTip("" if cancellable else self.tr("取り消せる分納はありません"))
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

    def open_cancel_dialog(self):
        """The dialog cancelling the latest plan; None if there is none to cancel."""
        from .dialogs.corrections import CancelPlanDialog

        if self.plan is None or self.plan.cancelled_on is not None:
            return None
        self.dialog = CancelPlanDialog(self.session, self.claim_id, self.plan, self)
        return open_dialog(self.dialog)

    def open_signed_dialog(self):
        """The dialog recording a pledge or acknowledgment received back signed."""
        from .dialogs.corrections import SignedLetterDialog

        self.dialog = SignedLetterDialog(self.session, self.claim_id, self)
        return open_dialog(self.dialog)
