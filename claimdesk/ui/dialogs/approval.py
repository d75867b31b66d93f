"""決裁者・決裁日・根拠: what a decision needing approval records, in any dialog that makes one.

履行延期, 徴収停止, 執行停止, 弁護士委任, 訴訟・支払督促, 免除, 放棄 and 不納欠損 are decided by
someone with the authority to, on a stated basis; the ledger refuses one without all
three, so the dialog asks for them (and only when the decision needs them).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from ...domain.contacts import Decision
from ..fields import DateField, TextField

# Examples only, shown as placeholders: the basis is what the approval document says.
BASIS_EXAMPLES = {
    Decision.DEFERMENT: "地方自治法施行令171条の6第1項第1号",
    Decision.COLLECTION_SUSPENSION: "地方自治法施行令171条の5第1号",
    Decision.ENFORCEMENT_SUSPENSION: "地方税法15条の7第1項第1号",
    Decision.LAWYER_REFERRAL: "債権管理条例第○条、委任契約",
    Decision.COURT_ACTION: "地方自治法施行令171条の2第3号、専決処分",
    Decision.EXEMPTION: "地方自治法施行令171条の7",
    Decision.WAIVER: "債権管理条例第○条",
    Decision.WRITE_OFF: "地方自治法236条（時効消滅）",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApprovalRows", text)


class ApprovalRows:
    """The three rows of an approval in `dialog`'s form; hidden and not asked while not needed."""

    def __init__(self, dialog, today: date):
        self.dialog = dialog
        self.approver_field = dialog.add_row(_tr("決裁者"), TextField(
            missing=_tr("決裁者を入力してください")), "approver")
        self.approver_field.setPlaceholderText(_tr("例: 課長 山本 一郎"))
        self.approved_on_field = dialog.add_row(_tr("決裁日"), DateField(), "approved_on")
        self.approved_on_field.set_date(today)
        self.basis_field = dialog.add_row(_tr("根拠"), TextField(
            missing=_tr("根拠（法令・条例・決裁文書）を入力してください")), "basis")
        self.needed = True

    def fields(self):
        return (self.approver_field, self.approved_on_field, self.basis_field)

    def set_needed(self, needed: bool, decision: Decision | None = None) -> None:
        """Show (and require) the rows, or hide them; `decision` picks the example basis."""
        self.needed = needed
        for field in self.fields():
            field.setEnabled(needed)  # a disabled field keeps nothing from being saved
            self.dialog.form.setRowVisible(field.parentWidget(), needed)
        example = BASIS_EXAMPLES.get(decision)
        self.basis_field.setPlaceholderText(_tr("例: {0}").format(example) if example else "")
        self.dialog._update_ok()

    def values(self) -> dict:
        """approver, approved_on and basis for the service (empty when not needed)."""
        if not self.needed:
            return {}
        return {"approver": self.approver_field.text().strip(), "approved_on": self.approved_on_field.value(),
                "basis": self.basis_field.text().strip()}
