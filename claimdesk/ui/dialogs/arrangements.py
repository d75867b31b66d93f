"""Arrangements with a debtor: a promise to pay (納付約束), an instalment plan (分納誓約・履行延期).

Whether they are kept is never entered: the receipts decide. A signed 分納誓約書 is an
acknowledgment of the debt, so recording it renews the limitation period; a 履行延期
is a decision (施行令171条の6) and asks for its approval.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox, QTableView, QVBoxLayout, QWidget

from ...domain.claims import LegalNature
from ...domain.contacts import Channel, Decision
from ...domain.dates import format_wareki
from ...domain.errors import REASONS, InvalidValue, Refusal
from ...domain.instalments import PlanKind, equal_schedule
from ...domain.letters import next_month_end
from ...domain.money import format_yen
from ...services import casework
from ...services.details import claim_detail
from ..arrangement_models import S_COVERED, S_PAID, S_STATUS, ScheduleModel
from ..choice_combo import ChoiceCombo
from ..error_texts import reason_text
from ..fields import AmountField, DateField, TextField
from ..page_parts import rows_view
from .approval import ApprovalRows
from .base import EntryDialog
from .contact_fields import PartyCombo, channel_combo

REASONS.update({"total_and_first_due_required": "総額と初回納付日を入力してください"})

PROMISE_CHANNELS = (Channel.PHONE, Channel.VISIT, Channel.COUNTER, Channel.EMAIL, Channel.SMS,
                    Channel.LETTER_IN)


class PromiseDialog(EntryDialog):
    """The debtor promises to pay an amount by a date (made in a call, visit or at the counter)."""

    manual_anchor = "arrangements"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id = claim_id
        detail = claim_detail(session.ledger, claim_id)
        self.setWindowTitle(self.tr("納付約束の記録"))
        self.header.setText(self.claim_header(detail))
        self.made_on_field = self.add_row(self.tr("約束した日"), DateField(), "on")
        self.made_on_field.set_date(session.today())
        self.channel_combo = self.add_row(self.tr("方法"), channel_combo(channels=PROMISE_CHANNELS), "channel")
        self.party_combo = self.add_row(self.tr("相手"), PartyCombo(), "party")
        self.party_combo.set_parties(casework.liable_parties(session.ledger, claim_id))
        self.amount_field = self.add_row(self.tr("金額"), AmountField(), "amount")
        self.amount_field.set_value(detail.balance if detail.balance > 0 else None)
        self.due_field = self.add_row(self.tr("期日"), DateField(), "due_on")
        self.due_field.set_constraint(self._due_problem)
        self.summary_field = self.add_row(self.tr("内容"), TextField(required=False), "summary")
        self.summary_field.setPlaceholderText(self.tr("空欄なら「○円を○日までに納付すると約束」"))
        self.made_on_field.textChanged.connect(lambda: self.due_field.revalidate())
        self._finish()

    def _due_problem(self, due) -> str | None:
        made = self.made_on_field.value() if hasattr(self, "made_on_field") else None
        if made is not None and due < made:
            return self.tr("期日が約束した日より前です")
        return None

    def _save(self):
        return casework.record_promise(
            self.session.ledger, self.claim_id, self.amount_field.value(), self.due_field.value(),
            on=self.made_on_field.value(), channel=self.channel_combo.value(),
            summary=self.summary_field.text().strip(), today=self.session.today(),
            party=self.party_combo.party(), liable_party_id=self.party_combo.liable_party_id())


class PlanDialog(EntryDialog):
    """An instalment plan: total, count, first date and interval, with its schedule previewed."""

    manual_anchor = "arrangements"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id = claim_id
        detail = claim_detail(session.ledger, claim_id)
        today = session.today()
        # The preview shows the dates the plan will hold: moved off this ledger's closed days.
        self.open_days = casework.casework_settings(session.ledger).open_days
        self.setWindowTitle(self.tr("分納誓約の作成"))
        self.header.setText(self.claim_header(detail))
        self.kind_combo = ChoiceCombo()
        kinds = [(self.tr("分納誓約（債務承認及び分納誓約書）"), PlanKind.PLEDGE)]
        if detail.claim_type.legal_nature is not LegalNature.ENFORCED_PUBLIC:  # 施行令171条の6
            kinds.append((self.tr("履行延期の特約（決裁が必要）"), PlanKind.DEFERMENT))
        self.kind_combo.set_choices(kinds, PlanKind.PLEDGE)
        self.add_row(self.tr("種類"), self.kind_combo, "kind")
        self.signed_field = self.add_row(self.tr("誓約日"), DateField(), "signed_on")
        self.signed_field.set_date(today)
        self.total_field = self.add_row(self.tr("総額"), AmountField(), "total")
        self.total_field.set_value(detail.balance if detail.balance > 0 else None)
        self.count_spin = self.add_row(self.tr("回数"), QSpinBox(minimum=1, maximum=600, value=6, suffix=self.tr(" 回")),
                                     "count")
        self.first_field = self.add_row(self.tr("初回納付日"), DateField(), "first_due")
        self.first_field.set_date(next_month_end(today))
        self.interval_spin = self.add_row(self.tr("間隔"), QSpinBox(minimum=1, maximum=12, value=1,
                                                                suffix=self.tr(" か月ごと")), "interval_months")
        self.preview_model = ScheduleModel(self)
        self.preview_view: QTableView = rows_view(self.preview_model, 1)
        for column in (S_PAID, S_COVERED, S_STATUS):
            self.preview_view.hideColumn(column)
        self.preview_view.setMinimumHeight(160)
        self.preview_total = QLabel()
        preview = QWidget()
        column = QVBoxLayout(preview)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview_view)
        column.addWidget(self.preview_total)
        self.add_row(self.tr("予定"), preview, "schedule")
        self.approval = ApprovalRows(self, today)
        for signal in (self.kind_combo.currentIndexChanged, self.count_spin.valueChanged,
                       self.interval_spin.valueChanged, self.total_field.textChanged, self.first_field.textChanged,
                       self.signed_field.textChanged):
            signal.connect(self._update_preview)
        self._finish()
        self._update_preview()

    def kind(self) -> PlanKind:
        return self.kind_combo.value()

    def schedule(self):
        """The instalments as entered, or an InvalidValue saying what is wrong."""
        total, first = self.total_field.value(), self.first_field.value()
        if total is None or first is None:
            return Refusal("schedule", "total_and_first_due_required")
        signed = self.signed_field.value()
        if signed is not None and first < signed:
            return Refusal("first_due", "first_due_before_signed", signed_on=signed)
        try:
            return equal_schedule(total, self.count_spin.value(), first, self.interval_spin.value(), self.open_days)
        except InvalidValue as e:
            return e

    def _update_preview(self, *_args) -> None:
        deferment = self.kind() is PlanKind.DEFERMENT
        self.form.labelForField(self.signed_field.parentWidget()).setText(
            self.tr("決定日") if deferment else self.tr("誓約日"))
        self.approval.set_needed(deferment, Decision.DEFERMENT)
        schedule = self.schedule()
        if isinstance(schedule, InvalidValue):
            self.preview_model.set_preview([])
            self.preview_total.setText(reason_text(schedule))
        else:
            self.preview_model.set_preview(schedule)
            self.preview_total.setText(self.tr("計{0}回　総額 {1}　最終 {2}").format(
                len(schedule), format_yen(sum(i.amount for i in schedule)), format_wareki(schedule[-1].due_on)))
        self._changed()

    def _extra_problems(self) -> list[str]:
        schedule = self.schedule()
        return [self.tr("予定: {0}").format(reason_text(schedule))] if isinstance(schedule, InvalidValue) else []

    def _save(self):
        return casework.create_instalment_plan(
            self.session.ledger, self.claim_id, signed_on=self.signed_field.value(), total=self.total_field.value(),
            count=self.count_spin.value(), first_due=self.first_field.value(),
            interval_months=self.interval_spin.value(), kind=self.kind(), today=self.session.today(),
            **self.approval.values())
