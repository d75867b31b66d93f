"""「滞納処分」 on the claim page: 財産調査, 差押え and 執行停止 of a 強制徴収公債権, and the case class.

The records are listed oldest first with what became of them (answered, running, ended,
extinguishing on a day); each button opens the dialog that adds one. A claim that may
not be enforced by the municipality (自力執行) gets no enforcement buttons, and says why.
The referral to 生活困窮者自立支援 or 法テラス is open to every claim.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QGroupBox, QMenu, QPushButton, QVBoxLayout, QWidget

from ..domain.claims import LegalNature
from ..domain.dates import format_wareki
from ..domain.enforcement import decided_extinguishes_on, decided_only
from ..domain.money import format_yen
from ..services.casework import CaseworkView
from .page_parts import open_dialog, rows_view, value_label

HEADERS = ("種類", "日付", "内容", "状況")


class EnforcementBox(QGroupBox):
    """The claim's 滞納処分 records and the buttons that add them."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(self.tr("滞納処分・生活困窮"), parent)
        self.session, self.claim_id = session, claim_id
        self.dialog: QDialog | None = None
        self.view: CaseworkView | None = None
        self.class_label = value_label()
        self.note_label = value_label()
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table = rows_view(self.model, 2)
        self.table.setMinimumHeight(90)
        self.table.setAccessibleName(self.tr("財産調査・差押え・執行停止の記録"))
        # Eight kinds of record: one button with a menu, which its owner places in the
        # casework panel's action bar (at 1366×768 eight buttons would scroll away).
        self.menu_button = QPushButton(self.tr("滞納処分の記録"))
        self.menu_button.setToolTip(self.tr("財産調査・差押え・執行停止・生活困窮の相談先への案内を記録します"))
        menu = QMenu(self.menu_button)
        menu.setToolTipsVisible(True)  # why an entry is greyed out
        self.menu_button.setMenu(menu)
        self.buttons: dict[str, QAction] = {}
        for key, text in (("inquiry", "財産調査…"), ("answer", "回答…"), ("seizure", "差押え…"),
                          ("end", "差押えの終了…"), ("dividend", "配当・取立て…"),
                          ("suspension", "執行停止…"), ("cancel", "執行停止の取消…"),
                          ("referral", "生活困窮の相談先へ…")):
            action = menu.addAction(self.tr(text))
            action.triggered.connect(lambda _=False, k=key: self.open(k))
            self.buttons[key] = action
        # The class shows at the top of the casework panel (its owner places it there).
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)

    def show_view(self, view: CaseworkView) -> None:
        """Show the class and the records of `view`, and which buttons apply."""
        self.view = view
        cls = view.case_class
        self.class_label.setText(self.tr("区分: {0}").format(cls.full_label if cls else self.tr("（完結）")))
        e = view.enforcement
        self.model.removeRows(0, self.model.rowCount())
        for i in e.inquiries:
            state = (self.tr("回答 {0}: {1}").format(format_wareki(i.answered_on), i.answer) if i.answered_on
                     else self.tr("回答待ち"))
            self._row(self.tr("財産調査"), i.asked_on, f"{i.asked_of}: {i.subject}", state)
        for s in e.seizures:
            state = (self.tr("{0} {1}").format(format_wareki(s.ended_on), s.end.label) if s.ended_on and s.end
                     else self.tr("手続中（時効の完成猶予）"))
            self._row(self.tr("差押え"), s.seized_on, f"{s.property} {format_yen(s.amount)}", state)
        years = view.suspension_years
        for x in e.suspensions:
            gone = x.extinguishes_on(years)
            if gone is None:
                state = self.tr("{0}に取消").format(format_wareki(x.cancelled_on))
            elif gone <= view.today:
                state = self.tr("{0}に消滅").format(format_wareki(gone))
            else:
                state = self.tr("{0}に消滅予定").format(format_wareki(gone))
            self._row(self.tr("執行停止"), x.suspended_on, x.law_text, state)
        # 執行停止 decided before the record existed (a bare 決裁): shown, and counted, as they were.
        decided = decided_only((line.entry for line in view.log), e)
        for entry in decided:
            gone = decided_extinguishes_on(entry.on, years)
            state = (self.tr("{0}に消滅") if gone <= view.today else self.tr("{0}に消滅予定")).format(format_wareki(gone))
            self._row(self.tr("執行停止（決裁の記録）"), entry.on, entry.basis or entry.summary, state)
        enforced = view.claim_type.legal_nature is LegalNature.ENFORCED_PUBLIC
        owed = view.balance > 0
        self.note_label.setVisible(not enforced)
        self.note_label.setText(self.tr("{0}は自力執行できないため、財産調査・差押え・執行停止はできません"
                                        "（支払督促・訴訟等は弁護士委任の手順で）。").format(
            view.claim_type.legal_nature.label))
        pending = self.pending_inquiry() is not None
        running = self.running_seizure() is not None
        for key, ok, why in (
                ("inquiry", enforced and owed, ""), ("seizure", enforced and owed, ""),
                ("suspension", enforced and owed and e.suspension is None and not decided,
                 self.tr("執行停止中です") if not decided
                 else self.tr("決裁で記録した執行停止があります（誤りなら交渉記録でその記録を取り消してください）")),
                ("cancel", enforced and owed and e.suspension is not None
                 and view.extinguished_on is None, self.tr("取り消せる執行停止がありません")),
                ("answer", enforced and pending, self.tr("回答待ちの財産調査がありません")),
                ("end", enforced and running, self.tr("手続中の差押えがありません")),
                ("dividend", enforced and owed and bool(e.seizures), self.tr("差押えの記録がありません")),
                ("referral", owed, self.tr("残高がありません"))):
            self.buttons[key].setEnabled(ok)
            reason = why if enforced or key == "referral" else self.tr("強制徴収公債権だけです")
            self.buttons[key].setToolTip("" if ok else reason or self.tr("残高がありません"))

    def _row(self, kind: str, on, what: str, state: str) -> None:
        self.model.appendRow([QStandardItem(kind), QStandardItem(format_wareki(on)), QStandardItem(what),
                              QStandardItem(state)])

    def pending_inquiry(self):
        """The latest 財産調査 still waiting for its answer, or None."""
        return next((i for i in reversed(self.view.enforcement.inquiries) if i.answered_on is None), None) \
            if self.view else None

    def running_seizure(self):
        """The latest 差押 still under way, or None."""
        return next((s for s in reversed(self.view.enforcement.seizures) if s.ended_on is None), None) \
            if self.view else None

    def open(self, key: str):
        """Open the dialog of button `key` (window-modal) and return it."""
        from .dialogs import enforcement as d

        s, c = self.session, self.claim_id
        assert self.view is not None
        dialog: d.EntryDialog
        if key == "answer":
            dialog = d.AnswerDialog(s, c, self.pending_inquiry().inquiry_id, self)
        elif key == "end":
            dialog = d.SeizureEndDialog(s, c, self.running_seizure().seizure_id, self)
        elif key == "cancel":
            assert self.view.enforcement.suspension is not None
            dialog = d.CancelSuspensionDialog(s, c, self.view.enforcement.suspension.suspension_id, self)
        elif key == "dividend":
            seizure = self.running_seizure() or self.view.enforcement.seizures[-1]
            dialog = d.DividendDialog(s, c, seizure.seizure_id, self)
        else:
            dialog = {"inquiry": d.InquiryDialog, "seizure": d.SeizureDialog, "suspension": d.SuspensionDialog,
                      "referral": d.ReferralDialog}[key](s, c, self)
        self.dialog = dialog
        return open_dialog(dialog)
