"""The claim's next step, up front: what to do, why, by when, with which letter, and the checks.

A clerk who took over the desk yesterday reads here what the procedure asks next and
records it done; the steps and their wording come from the department's procedure file.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.case import StageKind, StepTiming
from ..domain.contacts import Decision
from ..domain.dates import format_wareki
from ..domain.money import format_yen
from ..domain.worklist import Urgency
from ..services.casework import CaseworkView
from .casework_texts import deadline_text, work_text
from .page_parts import open_dialog, value_label

_RED = "#b00020"


def _label(bold: bool = False, scale: float = 1.0) -> QLabel:
    label = value_label()
    if bold or scale != 1.0:
        font = QFont(label.font())
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


class NextStepBox(QGroupBox):
    """「次の手順」: the stage, today's items for the claim, and the step to do next."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(self.tr("次の手順"), parent)
        self.session, self.claim_id = session, claim_id
        self.view: CaseworkView | None = None
        self.dialog = None
        self.letter_task = None  # the letters' rendering task last started here

        self.stage_label = _label()
        self.items_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.title_label = _label(bold=True, scale=1.3)
        self.deadline_label = _label(bold=True)
        self.what_label = value_label()
        self.why_label = value_label()
        self.letter_label = value_label()
        self.letter_button = QPushButton(self.tr("通知書を作成…"))
        self.letter_button.setToolTip(self.tr("この手順の通知書を作成して確認・印刷し、発送を記録します"))
        self.enclose_slip = QCheckBox(self.tr("納付書を同封"))
        self.enclose_slip.setToolTip(self.tr("通知書のあとに、この債権の納付書（通知書の納付期限まで）を印刷します"))
        self.approval_label = value_label()
        self.options_label = value_label()
        self.checklist_box = QWidget()
        self.checks: list[QCheckBox] = []
        self._checklist_step = ""
        QVBoxLayout(self.checklist_box).setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.complete_button = QPushButton(self.tr("この手順を完了として記録…"))
        self.decision_button = QPushButton(self.tr("決裁を記録…"))
        self.decision_button.setToolTip(self.tr("履行延期・徴収停止・弁護士委任などの決裁を、決裁者・日付・根拠とともに記録します"))

        self.letter_row = QWidget()
        letter = QHBoxLayout(self.letter_row)
        letter.setContentsMargins(0, 0, 0, 0)
        letter.addWidget(self.letter_label, 1)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for caption, widget in ((self.tr("期限"), self.deadline_label), (self.tr("何をするか"), self.what_label),
                                (self.tr("理由・根拠"), self.why_label), (self.tr("通知書"), self.letter_row),
                                (self.tr("決裁"), self.approval_label), (self.tr("ほかの選択肢"), self.options_label),
                                (self.tr("確認事項"), self.checklist_box)):
            self.form.addRow(caption, widget)
        self.buttons = buttons = QHBoxLayout()  # (a page may move them where they stay in sight)
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.letter_button)
        buttons.addWidget(self.enclose_slip)
        buttons.addStretch(1)
        buttons.addWidget(self.decision_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.items_label)
        layout.addWidget(self.title_label)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_label)

        self.complete_button.clicked.connect(self.open_complete_dialog)
        self.decision_button.clicked.connect(self.open_decision_dialog)
        self.letter_button.clicked.connect(self.make_letter)

    # --- showing -------------------------------------------------------------------------

    def show_view(self, view: CaseworkView) -> None:
        """Show the claim's casework as of `view.today`."""
        self.view = view
        self.stage_label.setText(self.tr("段階: {0}").format(view.stage))
        self.stage_label.setVisible(view.next_step is not None)  # otherwise the title says it
        self._show_items(view)
        next_step = view.next_step
        if next_step is None:
            self._show_no_step(view)
        else:
            self._show_step(view)
        self.progress_label.setText(self._progress(view))

    def _show_items(self, view: CaseworkView) -> None:
        urgent = (Urgency.URGENT, Urgency.OVERDUE)
        lines = [f'<span style="color:{_RED if i.urgency in urgent else "palette(text)"}">'
                 f"■ {html.escape(i.urgency.label)}: {html.escape(work_text(i))}</span>"
                 for i in view.work_items]
        self.items_label.setText(self.tr("本日の作業") + "<br>" + "<br>".join(lines) if lines else "")
        self.items_label.setVisible(bool(lines))

    def _show_step(self, view: CaseworkView) -> None:
        ns, step, today = view.next_step, view.next_step.step, view.today
        self.title_label.setText(step.title)
        timing = view.next_step_timing
        text = deadline_text(ns.deadline, today)
        if timing is StepTiming.UPCOMING:
            text = self.tr("{0}から　{1}").format(format_wareki(ns.due_on), text)
        self.deadline_label.setText(text)
        self.deadline_label.setStyleSheet(f"color: {_RED};" if timing is StepTiming.OVERDUE else "")
        self.what_label.setText(step.what)
        self.form.labelForField(self.what_label).setText(self.tr("何をするか"))
        self.why_label.setText(step.why)
        letter = ""
        if step.letter is not None:
            letter = step.letter.label
            if step.reply_days is not None:
                letter += self.tr("（納付期限は発送日から{0}日後）").format(step.reply_days)
        self.letter_label.setText(letter or self.tr("なし"))
        self.letter_button.setVisible(step.letter is not None)
        self.enclose_slip.setVisible(step.letter is not None)
        self.approval_label.setText(
            self.tr("執行停止（法令・号・即時消滅と決裁を「執行停止の記録」に記録します）")
            if step.decision is Decision.ENFORCEMENT_SUSPENSION
            else self.tr("{0}（決裁者・決裁日・根拠を記録します）").format(step.decision.label)
            if step.approval and step.decision else self.tr("不要"))
        self.options_label.setText("、".join(o.title for o in ns.options) or self.tr("なし"))
        self._set_checklist(step.checklist, step.id)
        for field in (self.deadline_label, self.what_label, self.why_label, self.letter_row,
                      self.approval_label, self.options_label, self.checklist_box):
            self.form.setRowVisible(field, True)
        self.form.setRowVisible(self.options_label, bool(ns.options))
        self.complete_button.setEnabled(True)

    def _show_no_step(self, view: CaseworkView) -> None:
        self.title_label.setText(self._no_step_title(view))
        for widget in (self.deadline_label, self.why_label, self.letter_row, self.approval_label,
                       self.options_label, self.checklist_box):
            self.form.setRowVisible(widget, False)
        self.letter_button.setVisible(False)
        self.what_label.setText(self._no_step_text(view))
        self.form.labelForField(self.what_label).setText(self.tr("見通し"))
        self.form.setRowVisible(self.what_label, bool(self.what_label.text()))
        self._set_checklist((), "")
        self.complete_button.setEnabled(False)

    def _no_step_title(self, view: CaseworkView) -> str:
        kind = view.stage_kind
        if kind is StageKind.NOT_DUE:
            return self.tr("納期限（{0}）前です").format(format_wareki(view.claim.due_date))
        if kind is StageKind.SETTLED:
            return self.tr("残高はありません（{0}）").format(view.stage)
        if kind is StageKind.FINISHED:
            return self.tr("済ませる手順はありません（{0}）").format(view.stage)
        return view.stage

    def _no_step_text(self, view: CaseworkView) -> str:
        """While a plan or a promise runs, what it expects next instead of a step."""
        if view.stage_kind is StageKind.PLAN and view.plans:
            nxt = view.plans[0].next_due
            if nxt is not None:
                return self.tr("次回 第{0}回 {1}までに {2}。納付が続く間は手順を止めています。").format(
                    nxt.instalment.seq, format_wareki(nxt.instalment.due_on), format_yen(nxt.instalment.amount))
        if view.stage_kind is StageKind.PROMISE and view.promises:
            p = view.promises[0].promise
            return self.tr("{0}までに {1} の納付を約束しています。期日を過ぎて納付がなければ手順に戻ります。").format(
                format_wareki(p.due_on), format_yen(p.amount))
        return ""

    def _set_checklist(self, items, step_id: str) -> None:
        # Ticks survive a re-read (another entry saved meanwhile) while the step is the same.
        kept = set(self.ticked()) if step_id == self._checklist_step else set()
        self._checklist_step = step_id
        layout = self.checklist_box.layout()
        for check in self.checks:
            layout.removeWidget(check)
            check.deleteLater()
        self.checks = [QCheckBox(item) for item in items]
        for check in self.checks:
            check.setChecked(check.text() in kept)
            layout.addWidget(check)

    def _progress(self, view: CaseworkView) -> str:
        """The procedure as a line: done steps ticked, the next one marked, the rest plain."""
        parts = []
        current = view.next_step.step.id if view.next_step else None
        for p in view.steps:
            if not (p.applies or p.done_on) or (p.step.when and not p.applies):
                continue
            name = html.escape(p.step.title)
            if p.done_on:
                parts.append(f'<span style="color:#2e7d32">✔ {name}（{format_wareki(p.done_on)}）</span>')
            elif p.step.id == current:
                parts.append(f"<b>▶ {name}</b>")
            elif p.passed:
                parts.append(f'<span style="color:#8a8a8a">{name}（未実施）</span>')
            else:
                parts.append(f'<span style="color:#6b6b6b">{name}</span>')
        return self.tr("手順の経過: ") + " → ".join(parts) if parts else ""

    # --- doing ---------------------------------------------------------------------------

    def ticked(self) -> list[str]:
        return [c.text() for c in self.checks if c.isChecked()]

    def open_complete_dialog(self):
        """The dialog recording the next step done (window-modal); None if there is none."""
        from .dialogs.steps import CompleteStepDialog

        if self.view is None or self.view.next_step is None:
            return None
        ns = self.view.next_step
        if all(s.decision is Decision.ENFORCEMENT_SUSPENSION for s in (ns.step, *ns.options)):
            return self.open_suspension_dialog()  # the one way: the 滞納処分 record
        self.dialog = CompleteStepDialog(self.session, self.claim_id, self.view.next_step, self.ticked(), self)
        return open_dialog(self.dialog)

    def open_suspension_dialog(self):
        """The 滞納処分 record of a 執行停止 (law, ground, 即時消滅, approval): the one way to record one."""
        from .dialogs.enforcement import SuspensionDialog

        self.dialog = SuspensionDialog(self.session, self.claim_id, self)
        return open_dialog(self.dialog)

    def open_decision_dialog(self):
        """The dialog recording a decision with its approval (window-modal)."""
        from .dialogs.steps import DecisionDialog

        step = self.view.next_step.step if self.view and self.view.next_step else None
        if step is not None and step.decision is Decision.ENFORCEMENT_SUSPENSION:
            return self.open_suspension_dialog()
        self.dialog = DecisionDialog(self.session, self.claim_id, step.decision if step else None, self)
        return open_dialog(self.dialog)

    def make_letter(self):
        """Render the step's letter for this claim, preview it, and log it when the clerk confirms."""
        from .letter_preview import make_letters

        if self.view is None or self.view.next_step is None or self.view.next_step.step.letter is None:
            return None
        self.letter_task = make_letters(self, self.session, self.view.next_step.step.letter, claim_ids=[self.claim_id],
                                        with_payment_slip=self.enclose_slip.isChecked())
        return self.letter_task
