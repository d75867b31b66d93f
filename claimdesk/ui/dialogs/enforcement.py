"""滞納処分 of a 強制徴収公債権 and 生活困窮 referrals: one small dialog for each record.

財産調査 (and its answer), 差押 (and its end, and a 配当 received as a receipt), 執行停止
with its approval, and a referral to 生活困窮者自立支援 or 法テラス. Each checks its fields
as they are typed; the service's refusal (a claim not collected like tax, a date before
the due date, 即時消滅 without 第1号 …) shows beside the field it names.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.contacts import Channel
from ...domain.enforcement import SeizureEnd, SuspensionGround, SuspensionLaw
from ...services import enforcement as enf
from ...services.details import claim_detail
from ..choice_combo import ChoiceCombo
from ..fields import AmountField, DateField, TextField
from .base import EntryDialog
from .contact_fields import channel_combo


class _ClaimDialog(EntryDialog):
    """A dialog acting on one claim, its header naming it."""

    manual_anchor = "casework"  # its section of the 操作マニュアル (F1)

    title = ""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id = claim_id
        self.setWindowTitle(self.tr(self.title))
        self.header.setText(self.claim_header(claim_detail(session.ledger, claim_id)))

    def date_row(self, label: str, name: str = "on") -> DateField:
        field = self.add_row(label, DateField(), name)
        field.set_date(self.session.today())
        return field


class InquiryDialog(_ClaimDialog):
    """財産調査: what was asked, of whom, when."""

    title = "財産調査の記録"

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.asked_on_field = self.date_row(self.tr("照会日"))
        self.asked_of_field = self.add_row(self.tr("照会先"), TextField(missing=self.tr("照会先を入力してください")),
                                          "asked_of")
        self.asked_of_field.setPlaceholderText(self.tr("例: みどり信用金庫 本店、勤務先、年金事務所"))
        self.subject_field = self.add_row(self.tr("照会事項"), TextField(missing=self.tr("照会事項を入力してください")),
                                         "subject")
        self.subject_field.setPlaceholderText(self.tr("例: 預貯金の有無・残高、給与の支給額"))
        self._finish()

    def _save(self):
        return enf.record_asset_inquiry(self.session.ledger, self.claim_id, asked_on=self.asked_on_field.value(),
                                        asked_of=self.asked_of_field.text(), subject=self.subject_field.text(),
                                        today=self.session.today())


class AnswerDialog(_ClaimDialog):
    """The answer to a 財産調査."""

    title = "財産調査の回答"

    def __init__(self, session, claim_id: str, inquiry_id: int, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.inquiry_id = inquiry_id
        self.answered_on_field = self.date_row(self.tr("回答日"), "answered_on")
        self.answer_field = self.add_row(self.tr("回答内容"), TextField(missing=self.tr("回答内容を入力してください")),
                                        "answer")
        self.answer_field.setPlaceholderText(self.tr("例: 普通預金 残高 52,300円、該当なし"))
        self._finish()

    def _save(self):
        return enf.record_inquiry_answer(self.session.ledger, self.inquiry_id,
                                         answered_on=self.answered_on_field.value(),
                                         answer=self.answer_field.text(), today=self.session.today())


class SeizureDialog(_ClaimDialog):
    """差押: what was seized, when, for how much."""

    title = "差押えの記録"

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.seized_on_field = self.date_row(self.tr("差押日"))
        self.property_field = self.add_row(self.tr("差押財産"), TextField(missing=self.tr("差押財産を入力してください")),
                                          "property")
        self.property_field.setPlaceholderText(self.tr("例: みどり信用金庫 本店 普通預金"))
        self.amount_field = self.add_row(self.tr("金額"), AmountField(), "amount")
        self._finish()

    def _save(self):
        return enf.record_seizure(self.session.ledger, self.claim_id, seized_on=self.seized_on_field.value(),
                                  property=self.property_field.text(), amount=self.amount_field.value(),
                                  today=self.session.today())


class SeizureEndDialog(_ClaimDialog):
    """The end of a 差押: its procedure finished, or it was cancelled as void."""

    title = "差押えの終了"

    def __init__(self, session, claim_id: str, seizure_id: int, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.seizure_id = seizure_id
        self.ended_on_field = self.date_row(self.tr("終了日"), "ended_on")
        self.how_combo = self.add_row(self.tr("終了の事由"), ChoiceCombo(), "how")
        self.how_combo.set_choices([(e.label, e) for e in SeizureEnd])
        self.note_field = self.add_row(self.tr("摘要"), TextField(required=False), "note")
        self._finish()

    def _save(self):
        return enf.end_seizure(self.session.ledger, self.seizure_id, ended_on=self.ended_on_field.value(),
                               how=self.how_combo.value(), note=self.note_field.text(), today=self.session.today())


class DividendDialog(_ClaimDialog):
    """A 配当 or 取立て received from a seizure: recorded as a receipt."""

    title = "配当・取立ての収納"

    def __init__(self, session, claim_id: str, seizure_id: int | None = None, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.seizure_id = seizure_id
        self.on_field = self.date_row(self.tr("収納日"), "date")
        self.amount_field = self.add_row(self.tr("金額"), AmountField(), "amount")
        self._finish()

    def _save(self):
        return enf.record_dividend(self.session.ledger, self.claim_id, on=self.on_field.value(),
                                   amount=self.amount_field.value(), seizure_id=self.seizure_id,
                                   today=self.session.today())


class SuspensionDialog(_ClaimDialog):
    """執行停止: the law, the ground, 即時消滅 or not, and its approval."""

    title = "執行停止の記録"

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.on_field = self.date_row(self.tr("停止日"))
        self.law_combo = self.add_row(self.tr("根拠法"), ChoiceCombo(), "law")
        self.law_combo.set_choices([(law.label + ("（地方税の滞納処分の例）" if law is SuspensionLaw.LOCAL_TAX
                                                  else "（国税徴収の例）"), law) for law in SuspensionLaw])
        self.ground_combo = self.add_row(self.tr("停止の事由"), ChoiceCombo(), "ground")
        self.ground_combo.set_choices([(g.label, g) for g in SuspensionGround])
        self.immediate_box = self.add_row(self.tr("即時消滅"), QCheckBox(
            self.tr("徴収できないことが明らかなため直ちに消滅させる（第5項、第1号のときだけ）")), "immediate")
        self.approver_field = self.add_row(self.tr("決裁者"), TextField(missing=self.tr("決裁者を入力してください")),
                                          "approver")
        self.approved_on_field = self.date_row(self.tr("決裁日"), "approved_on")
        self.note_field = self.add_row(self.tr("補足"), TextField(required=False), "note")
        self.note_field.setPlaceholderText(self.tr("例: 収入は生活保護費のみ（調査結果は財産調査の記録のとおり）"))
        self.ground_combo.currentIndexChanged.connect(self._ground_changed)
        self.immediate_box.toggled.connect(self._changed)
        self._finish()
        self._ground_changed()

    def _ground_changed(self, *_args) -> None:
        allowed = self.ground_combo.value() is SuspensionGround.NO_PROPERTY
        if not allowed:
            self.immediate_box.setChecked(False)
        self.immediate_box.setEnabled(allowed)
        self.immediate_box.setToolTip("" if allowed else self.tr("即時消滅は第1号（財産がない）のときだけです"))

    def _save(self):
        return enf.record_suspension(self.session.ledger, self.claim_id, suspended_on=self.on_field.value(),
                                     law=self.law_combo.value(), ground=self.ground_combo.value(),
                                     immediate=self.immediate_box.isChecked(), approver=self.approver_field.text(),
                                     approved_on=self.approved_on_field.value(), note=self.note_field.text(),
                                     today=self.session.today())


class CancelSuspensionDialog(_ClaimDialog):
    """執行停止の取消: the debtor can pay again (地方税法15条の8); the claim is no longer extinguishing."""

    title = "執行停止の取消"

    def __init__(self, session, claim_id: str, suspension_id: int, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.suspension_id = suspension_id
        self.cancelled_on_field = self.date_row(self.tr("取消日"), "cancelled_on")
        self.reason_field = self.add_row(self.tr("取消の理由"), TextField(missing=self.tr("取消の理由を入力してください")),
                                        "reason")
        self.reason_field.setPlaceholderText(self.tr("例: 就職し給与収入が得られるようになった"))
        self._finish()

    def _save(self):
        return enf.cancel_suspension(self.session.ledger, self.suspension_id,
                                     cancelled_on=self.cancelled_on_field.value(), reason=self.reason_field.text(),
                                     today=self.session.today())


REFERRAL_CHANNELS = (Channel.COUNTER, Channel.PHONE, Channel.VISIT, Channel.EMAIL)


class ReferralDialog(_ClaimDialog):
    """A referral to 生活困窮者自立支援 or 法テラス, logged as a contact with the debtor."""

    title = "生活困窮の相談先へつなぐ"

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, claim_id, parent)
        self.on_field = self.date_row(self.tr("日付"))
        self.to_combo = self.add_row(self.tr("つなぎ先"), ChoiceCombo(), "referred_to")
        self.to_combo.set_choices([(label, key) for key, label in enf.REFERRALS.items()])
        self.channel_combo = self.add_row(self.tr("方法"), channel_combo(channels=REFERRAL_CHANNELS), "channel")
        self.summary_field = self.add_row(self.tr("内容"), TextField(required=False), "summary")
        self.summary_field.setPlaceholderText(self.tr("空欄なら「（つなぎ先）を案内し、相談につないだ」"))
        self._finish()

    def _save(self):
        return enf.refer_hardship(self.session.ledger, self.claim_id, referred_to=self.to_combo.value(),
                                  on=self.on_field.value(), channel=self.channel_combo.value(),
                                  summary=self.summary_field.text(), today=self.session.today())

__all__ = ["EntryDialog", "InquiryDialog", "AnswerDialog", "SeizureDialog", "SeizureEndDialog",
           "DividendDialog", "SuspensionDialog", "CancelSuspensionDialog", "ReferralDialog"]
