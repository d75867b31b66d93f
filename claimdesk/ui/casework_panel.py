"""「交渉・督促」: a claim's casework on one tab of its page.

Everything shown is derived on the session's day from the history (services.casework.
claim_casework): the next step, the limitation clock, the late charge, promises and the
instalment plan, and the contact log. The panel re-reads it all whenever the ledger
changes, so an entry saved in any dialog shows everywhere at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ..domain.errors import ClaimDeskError
from ..services.casework import CaseworkView, claim_casework
from ..services.changes import Changes, Kind
from .arrangements_box import PlanBox, PromisesBox
from .claim_clocks import LateChargeBox, LimitationBox
from .contact_log_view import ContactLogView
from .enforcement_box import EnforcementBox
from .error_texts import error_text
from .next_step_box import NextStepBox
from .page_parts import value_label


class CaseworkPanel(QWidget):
    """The casework of claim `claim_id` as of the session's today."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.claim_id = session, claim_id
        self.view: CaseworkView | None = None
        self.next_step = NextStepBox(session, claim_id)
        self.limitation = LimitationBox()
        self.late_charge = LateChargeBox(session, claim_id)
        self.promises = PromisesBox(session, claim_id)
        self.plan = PlanBox(session, claim_id)
        self.enforcement = EnforcementBox(session, claim_id)
        self.log = ContactLogView(session, claim_id=claim_id)
        self.error_label = value_label()
        self.error_label.hide()

        # Three columns of about equal height, so that all fits at 1366×768: what to do and
        # the plan, the clocks, the promises.
        left, middle, right = QVBoxLayout(), QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.next_step)
        left.addWidget(self.plan, 1)
        middle.addWidget(self.limitation)
        middle.addWidget(self.late_charge)
        middle.addWidget(self.enforcement)
        middle.addStretch(1)
        right.addWidget(self.promises, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 6)
        columns.addLayout(middle, 4)
        columns.addLayout(right, 3)
        status = QWidget()
        column = QVBoxLayout(status)
        column.addWidget(self.error_label)
        column.addWidget(self.enforcement.class_label)  # 回収 / 整理（…）: what kind of case this is
        column.addLayout(columns)
        # The status scrolls on a small screen (1366×768); what a clerk can do with it is in
        # the bar above, always in sight. The log keeps its own share below it.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(status)
        logBox = QGroupBox(self.tr("交渉記録（新しい順）"))
        QVBoxLayout(logBox).addWidget(self.log)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(logBox)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._action_bar())
        layout.addWidget(self.splitter)

        session.changed.connect(self._ledger_changed)
        self.refresh()

    def _action_bar(self) -> QHBoxLayout:
        """The boxes' buttons in one row above them: never scrolled out of sight."""
        bar = QHBoxLayout()
        for button in (self.next_step.complete_button, self.next_step.letter_button,
                       self.next_step.enclose_slip, self.next_step.decision_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.plan.plan_button, self.plan.more_button, self.promises.promise_button,
                       self.enforcement.menu_button):
            bar.addWidget(button)
        return bar

    def _ledger_changed(self, changes: Changes) -> None:
        # Payments renew the limitation; parties' names show in the log.
        if changes.concerns(Kind.MONEY, Kind.CASEWORK, Kind.REGISTER, claims=[self.claim_id]) \
                or changes.concerns(Kind.DEBTOR):
            self.refresh()

    def refresh(self) -> None:
        """Read the claim's casework again, as of the session's today, and show it."""
        try:
            view = claim_casework(self.session.ledger, self.claim_id, self.session.today())
        except ClaimDeskError as e:
            self.error_label.setText(error_text(e))
            self.error_label.show()
            return
        self.error_label.hide()
        self.view = view
        for part in (self.next_step, self.limitation, self.late_charge, self.promises, self.plan, self.enforcement):
            part.show_view(view)
        self.log.refresh()
