"""Doing the procedure: a step recorded as done, and a decision recorded with its approval.

Completing a step writes the log entry the step calls for (services.casework.complete_step):
a letter step is a letter sent (a 督促状 then counts as the 督促 for the limitation clock),
an approval step a decision with its approver. The next step follows from the log.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from ...domain.case import NextStep
from ...domain.contacts import ALLOWED_DECISIONS, Channel, Decision
from ...domain.procedure import StepDef
from ...services import casework
from ...services.details import claim_detail
from ..choice_combo import ChoiceCombo
from ..fields import DateField, MessageLabel, TextField
from .approval import ApprovalRows
from .base import EntryDialog
from .contact_fields import channel_combo


def default_channel(step: StepDef) -> Channel:
    """A letter step sends its letter; a decision is made at the desk; the rest are calls."""
    if step.letter is not None:
        return Channel.LETTER_OUT
    if step.approval:
        return Channel.INTERNAL
    return Channel.PHONE if "電話" in step.title else Channel.INTERNAL


class CompleteStepDialog(EntryDialog):
    """Record the claim's next step (or one of its alternatives) as done."""

    manual_anchor = "casework"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_id: str, next_step: NextStep, ticked=(), parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id = claim_id
        # 執行停止 is recorded as its 滞納処分 record (NextStepBox opens it), never as a bare step.
        self.steps = tuple(s for s in (next_step.step, *next_step.options)
                           if s.decision is not Decision.ENFORCEMENT_SUSPENSION)
        detail = claim_detail(session.ledger, claim_id)
        self.setWindowTitle(self.tr("手順の完了を記録"))
        self.header.setText(self.claim_header(detail))

        self.step_combo = ChoiceCombo()
        self.step_combo.set_choices([(s.title, s) for s in self.steps], next_step.step)
        self.step_combo.setEnabled(len(self.steps) > 1)
        self.add_row(self.tr("手順"), self.step_combo)
        self.date_field = self.add_row(self.tr("実施日"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.channel_combo = self.add_row(self.tr("方法"), channel_combo(), "channel")
        self.summary_field = self.add_row(self.tr("内容"), TextField(required=False), "summary")
        self.checklist_box = QWidget()
        self._checks: list[QCheckBox] = []
        self.checklist_note = MessageLabel()
        self.no_checklist = QLabel(self.tr("（なし）"))
        column = QVBoxLayout(self.checklist_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.no_checklist)
        self.add_row(self.tr("確認事項"), self.checklist_box, "checklist")
        self.approval = ApprovalRows(self, session.today())
        self.next_action_field = self.add_row(self.tr("次回の対応"), TextField(required=False), "next_action")
        self.next_action_field.setPlaceholderText(self.tr("例: 納付の確認の電話"))
        self.next_date_field = self.add_row(self.tr("次回の予定日"), DateField(required=False), "next_action_on")
        self._ticked = set(ticked)
        self.letter_note = MessageLabel()
        self._before_form.append(self.letter_note)
        self.suspension_note = MessageLabel()
        self._before_form.append(self.suspension_note)
        if len(self.steps) <= len(next_step.options):  # one was a 執行停止: say where it is recorded
            self.suspension_note.show_hint(self.tr("執行停止は「滞納処分・生活困窮」の「執行停止…」で記録します。"))
        self.step_combo.currentIndexChanged.connect(self._step_changed)
        self._finish()
        self._step_changed()

    def step(self) -> StepDef:
        return self.step_combo.value()

    def _step_changed(self, *_args) -> None:
        step = self.step()
        self.channel_combo.set_value(default_channel(step))
        self.summary_field.setPlaceholderText(self.tr("{0}を実施").format(step.title))
        layout = self.checklist_box.layout()
        for check in self._checks:
            layout.removeWidget(check)
            check.deleteLater()
        layout.removeWidget(self.checklist_note)
        self._checks = []
        for item in step.checklist:
            check = QCheckBox(item)
            check.setChecked(item in self._ticked)
            check.toggled.connect(self._checks_changed)
            layout.addWidget(check)
            self._checks.append(check)
        self.no_checklist.setVisible(not step.checklist)
        layout.addWidget(self.checklist_note)
        self.approval.set_needed(step.approval, step.decision)
        if step.letter is not None:
            # A letter printed here is logged when its sending is confirmed, and that logs
            # the step too; recording it here is for a letter sent some other way.
            self.letter_note.show_hint(self.tr("「通知書を作成…」で印刷した{0}は、発送の記録でこの手順も完了します。"
                                             "ほかの方法で送ったときに、ここで記録してください。").format(step.letter.label))
        else:
            self.letter_note.clear_message()
        self._checks_changed()

    def checks(self) -> list[QCheckBox]:
        return list(self._checks)

    def _checks_changed(self, *_args) -> None:
        # Not every item fits every case (no guarantor to copy to): say so, but let it be saved.
        left = sum(not c.isChecked() for c in self._checks)
        if left:
            self.checklist_note.show_hint(self.tr("未確認の項目が{0}件あります（このまま記録できます）").format(left))
        else:
            self.checklist_note.clear_message()
        self._changed()

    def _extra_problems(self) -> list[str]:
        if bool(self.next_action_field.text().strip()) != (self.next_date_field.value() is not None):
            return [self.tr("次回の対応: 内容と予定日を両方入力してください")]
        return []

    def _save(self):
        step = self.step()
        return casework.complete_step(
            self.session.ledger, self.claim_id, step.id, on=self.date_field.value(),
            summary=self.summary_field.text().strip(), checklist=[c.text() for c in self._checks if c.isChecked()],
            channel=self.channel_combo.value(), today=self.session.today(),
            next_action=self.next_action_field.text().strip(), next_action_on=self.next_date_field.value(),
            **self.approval.values())


class DecisionDialog(EntryDialog):
    """Record a decision needing approval (履行延期, 徴収停止 …) outside the usual steps."""

    manual_anchor = "casework"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_id: str, decision: Decision | None = None, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id = claim_id
        detail = claim_detail(session.ledger, claim_id)
        allowed = ALLOWED_DECISIONS[detail.claim_type.legal_nature]
        self.setWindowTitle(self.tr("決裁の記録"))
        self.header.setText(self.claim_header(detail))
        self.decision_combo = ChoiceCombo()
        # 執行停止 has one way in, the 滞納処分 record with its law and ground: not offered here.
        choices = [(d.label, d) for d in Decision if d in allowed and d is not Decision.ENFORCEMENT_SUSPENSION]
        self.decision_combo.set_choices(choices, decision if decision is not Decision.ENFORCEMENT_SUSPENSION else None)
        if Decision.ENFORCEMENT_SUSPENSION in allowed:
            hint = MessageLabel()
            hint.show_hint(self.tr("執行停止は「滞納処分・生活困窮」の「執行停止…」で記録します"
                                   "（法令・号・即時消滅とともに記録し、消滅の日を計算します）。"))
            self._before_form.append(hint)
        self.add_row(self.tr("決裁の種類"), self.decision_combo, "decision")
        self.date_field = self.add_row(self.tr("日付"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.summary_field = self.add_row(self.tr("内容"), TextField(required=False), "summary")
        self.approval = ApprovalRows(self, session.today())
        self.decision_combo.currentIndexChanged.connect(self._decision_changed)
        self._finish()
        self._decision_changed()

    def _decision_changed(self, *_args) -> None:
        decision = self.decision_combo.value()
        self.summary_field.setPlaceholderText(self.tr("{0}を決定").format(decision.label))
        self.approval.set_needed(True, decision)
        self._changed()

    def _save(self):
        return casework.record_decision(
            self.session.ledger, self.claim_id, self.decision_combo.value(), on=self.date_field.value(),
            summary=self.summary_field.text().strip(), today=self.session.today(), **self.approval.values())


