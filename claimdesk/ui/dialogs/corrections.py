"""Corrections made from the claim page, each a new entry: a contact entry withdrawn
(取消), an instalment plan cancelled, a pledge or acknowledgment received back signed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ...domain.contacts import ContactEntry, LetterKind
from ...domain.dates import format_wareki
from ...domain.instalments import PlanState
from ...domain.money import format_yen
from ...services import casework
from ...services.details import claim_detail
from ...services.signed_letters import SignableLetter, record_signed_letter, signable_letters
from ..fields import DateField, TextField
from .base import EntryDialog


class RetractDialog(EntryDialog):
    """Withdraw an entry made by mistake: it stays in the log, struck through, with the reason."""

    manual_anchor = "casework"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, entry: ContactEntry, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.entry = entry
        self.setWindowTitle(self.tr("交渉記録の取消"))
        self.header.setText(self.tr("No.{0}（{1}・{2}）を取り消します。記録は消えず、取消線を引いて残ります。\n{3}").format(
            entry.entry_id, format_wareki(entry.on), entry.channel.label, entry.summary[:60]))
        self.reason_field = self.add_row(self.tr("取消の理由"), TextField(
            missing=self.tr("取消の理由を入力してください")), "correction_reason")
        self._finish()
        self.reason_field.setFocus()

    def _save(self):
        return casework.retract_entry(self.session.ledger, self.entry.entry_id, self.reason_field.text().strip())



class CancelPlanDialog(EntryDialog):
    """Cancel an instalment plan: its schedule stays in the history, a new entry says why."""

    manual_anchor = "arrangements"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_id: str, plan: PlanState, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id, self.plan = claim_id, plan
        self.setWindowTitle(self.tr("分納の取消"))
        self.header.setText(self.tr("{0}（{1}、総額 {2}・{3}回）を取り消します。").format(
            plan.kind.label, format_wareki(plan.signed_on), format_yen(plan.total), len(plan.lines)))
        self.date_field = self.add_row(self.tr("取消日"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.reason_field = self.add_row(self.tr("理由"), TextField(
            missing=self.tr("取消の理由を入力してください")), "reason")
        self.reason_field.setPlaceholderText(self.tr("例: 誓約内容の誤り・新しい分納誓約に切替"))
        self._finish()
        self.reason_field.setFocus()

    def _save(self):
        return casework.cancel_instalment_plan(self.session.ledger, self.plan.plan_id, self.date_field.value(),
                                               self.reason_field.text().strip(), today=self.session.today())



def letter_text(letter: SignableLetter) -> str:
    """One line naming a sent letter and, for a pledge, the schedule it printed."""
    text = f"{format_wareki(letter.entry.on)}発送 {letter.kind.label}（No.{letter.entry.entry_id}）"
    if letter.schedule:
        text += f" 総額 {format_yen(letter.total)}・{len(letter.schedule)}回"
    return text


class SignedLetterDialog(EntryDialog):
    """A 分納誓約書 or 債務承認書 came back signed: record it as it was printed, in two fields."""

    manual_anchor = "arrangements"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id = claim_id
        self.letters = signable_letters(session.ledger, claim_id)
        self.setWindowTitle(self.tr("署名済みの返送を記録"))
        self.header.setText(self.claim_header(claim_detail(session.ledger, claim_id)))
        self.letter_combo = self.add_row(self.tr("返送された文書"), QComboBox(), "letter")
        for letter in self.letters:
            self.letter_combo.addItem(letter_text(letter))
        self.signed_field = self.add_row(self.tr("署名日"), DateField(), "signed_on")
        self.signed_field.set_date(session.today())
        self.schedule_label = QLabel()
        self.schedule_label.setWordWrap(True)
        self.add_row(self.tr("内容"), self.schedule_label)
        self.letter_combo.currentIndexChanged.connect(self._letter_changed)
        self._finish()
        self._letter_changed()

    def letter(self) -> SignableLetter | None:
        i = self.letter_combo.currentIndex()
        return self.letters[i] if 0 <= i < len(self.letters) else None

    def _letter_changed(self, *_args) -> None:
        letter = self.letter()
        if letter is None:
            self.schedule_label.setText(self.tr("署名を待っている分納誓約書・債務承認書はありません"))
        elif letter.kind is LetterKind.INSTALMENT_PLEDGE:
            self.schedule_label.setText(self.tr("印刷した予定で分納誓約を記録します（債務承認）:\n") + "\n".join(
                self.tr("{0}回目 {1} {2}").format(i.seq, format_wareki(i.due_on), format_yen(i.amount))
                for i in letter.schedule))
        else:
            self.schedule_label.setText(self.tr("債権 {0} の債務承認を記録します（時効の更新）").format(
                "、".join(letter.entry.claim_ids)))
        self._changed()

    def _extra_problems(self) -> list[str]:
        return [] if self.letter() is not None else [self.tr("返送された文書: 選べる文書がありません")]

    def _save(self):
        return record_signed_letter(self.session.ledger, self.letter().entry.entry_id, self.signed_field.value(),
                                    today=self.session.today())
