"""One claim on a page: its facts, its balance, and two tabs: the money history (収納履歴) and
the casework (交渉・督促: next step, limitation, late charge, arrangements, contact log)."""

from __future__ import annotations

from PySide6.QtCore import Property, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ..domain.claims import EventKind
from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.errors import ClaimDeskError
from ..domain.money import format_yen
from ..domain.payment_slips import SlipKind
from ..services.casework_view import liable_parties
from ..services.changes import Changes, Kind
from ..services.details import ClaimDetail, claim_detail
from . import history_model as hm
from .casework_panel import CaseworkPanel
from .dialogs import EventDialog, ReversalDialog
from .error_texts import error_text
from .page_parts import (
    amount_caption,
    amount_label,
    facts_form,
    heading_label,
    headline,
    open_dialog,
    rows_view,
    value_label,
)
from .parties_box import PartiesBox


class ClaimPage(QWidget):
    """The page of claim `claim_id`; re-reads itself whenever the session's ledger changes."""

    manual_anchor = "claim"  # its section of the 操作マニュアル (F1)

    open_debtor = Signal(str)  # debtor_id: the clerk asked for the debtor's page
    title_changed = Signal(str)

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.claim_id = claim_id
        self.detail: ClaimDetail | None = None
        self.dialog = None  # the entry dialog last opened from this page
        self._title = self.tr("債権 {0}").format(claim_id)

        self.heading_label = heading_label(self)
        self.balance_caption = amount_caption(self.tr("現在の残高"))
        self.balance_label = amount_label(self)
        top = headline(self.heading_label, self.balance_caption, self.balance_label)

        self.debtor_button = QPushButton()
        self.debtor_button.setFlat(True)
        self.debtor_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.debtor_button.setToolTip(self.tr("債務者の画面を開く"))
        self.debtor_button.setStyleSheet(
            "QPushButton { color: palette(link); text-decoration: underline; border: none;"
            " padding: 0; text-align: left; }")
        self.debtor_button.clicked.connect(self._open_debtor)
        self.values: dict[str, QLabel] = {}
        left = facts_form((("claim_id", self.tr("債権番号")), ("debtor", self.tr("債務者")),
                           ("claim_type", self.tr("債権名")), ("nature", self.tr("債権の種類")),
                           ("budget", self.tr("会計／款"))),
                          self.values, {"debtor": self.debtor_button})
        right = facts_form((("fiscal_year", self.tr("年度")), ("assessed_on", self.tr("調定日")),
                            ("amount", self.tr("調定額")), ("due_date", self.tr("納期限")),
                            ("cause", self.tr("原因"))),
                           self.values)
        facts = QHBoxLayout()
        facts.addLayout(left, 1)
        facts.addSpacing(24)
        facts.addLayout(right, 1)
        self.guarantors_label = value_label()
        guarantors = QFormLayout()
        guarantors.addRow(self.tr("保証人・相続人"), self.guarantors_label)

        self.receipt_button = QPushButton(self.tr("収納の入力"))
        self.refund_button = QPushButton(self.tr("還付"))
        self.write_off_button = QPushButton(self.tr("不納欠損"))
        self.adjustment_button = QPushButton(self.tr("調定増減"))
        self.reverse_button = QPushButton(self.tr("選択した取引を取消"))
        self.slip_button = QPushButton(self.tr("納付書の作成…"))
        self.slip_button.setToolTip(self.tr("この債権の納付書（未納額と納付期限までの延滞金）を作成して確認・印刷します"))
        self.slip_task = None  # the 納付書 rendering last started here
        actions = QHBoxLayout()
        for button, kind in ((self.receipt_button, EventKind.RECEIPT),
                             (self.refund_button, EventKind.REFUND),
                             (self.write_off_button, EventKind.WRITE_OFF),
                             (self.adjustment_button, EventKind.ADJUSTMENT)):
            button.clicked.connect(lambda _=False, k=kind: self.open_event_dialog(k))
            actions.addWidget(button)
        actions.addWidget(self.slip_button)
        self.slip_button.clicked.connect(self.make_slip)
        actions.addStretch(1)
        actions.addWidget(self.reverse_button)
        self.reverse_button.clicked.connect(self.open_reversal_dialog)

        self.history_model = hm.HistoryModel(self)
        self.history_view = rows_view(self.history_model, hm.NOTE)
        self.history_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.history_view.setAccessibleName(self.tr("収納・調定増減の履歴"))

        self.error_label = value_label()
        self.error_label.hide()
        money = QWidget()
        column = QVBoxLayout(money)
        column.addLayout(actions)
        column.addWidget(self.history_view, 1)
        self.casework = CaseworkPanel(session, claim_id)
        self.sections = QTabWidget()
        self.sections.addTab(money, self.tr("収納履歴"))
        self.sections.addTab(self.casework, self.tr("交渉・督促"))
        self.parties = PartiesBox(session, claim_id)
        self.sections.addTab(self.parties, self.tr("保証人・相続人"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addLayout(guarantors)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.error_label)

        session.changed.connect(self._ledger_changed)
        self.refresh()

    def _get_title(self) -> str:
        return self._title

    title = Property(str, _get_title, notify=title_changed)

    def _ledger_changed(self, changes: Changes) -> None:
        # Its own claim, or any debtor's details (the debtor and guarantors shown).
        if changes.concerns(Kind.MONEY, Kind.CASEWORK, Kind.REGISTER, claims=[self.claim_id]) \
                or changes.concerns(Kind.DEBTOR):
            self.refresh()

    def refresh(self) -> None:
        """Read the claim again and show it."""
        try:
            detail = claim_detail(self.session.ledger, self.claim_id, self.session.today())
        except ClaimDeskError as e:
            self.error_label.setText(error_text(e))
            self.error_label.show()
            return
        self.error_label.hide()
        self.detail = detail
        c, ct, debtor = detail.claim, detail.claim_type, detail.debtor
        self.heading_label.setText(self.tr("債権 {0}　{1}").format(c.claim_id, c.claim_type))
        self.debtor_button.setText(self.tr("{0}（{1}）").format(debtor.name, debtor.debtor_id))
        adjusted = sum(h.event.amount for h in detail.history if h.event.kind is EventKind.ADJUSTMENT)
        amount = format_yen(c.amount)
        if adjusted:
            amount += self.tr("（調定増減後 {0}）").format(format_yen(c.amount + adjusted))
        for key, text in (("claim_id", c.claim_id), ("claim_type", c.claim_type),
                          ("nature", ct.legal_nature.label),
                          ("budget", f"{ct.account}／{ct.budget_section}"),
                          ("fiscal_year", format_fiscal_year(c.fiscal_year)),
                          ("assessed_on", format_wareki(c.assessed_on)), ("amount", amount),
                          ("due_date", format_wareki(c.due_date)), ("cause", c.cause or "—")):
            self.values[key].setText(text)
        # Those liable today, each by their kind (連帯保証人 / 保証人 / 相続人 with the share).
        self.guarantors_label.setText("\n".join(
            "　".join(x for x in (f"{p.kind_label} {p.name}" + (f"（{p.relation}）" if p.relation else ""),
                                  p.address, p.phone) if x)
            for p in liable_parties(self.session.ledger, self.claim_id) if p.liable_on(self.session.today())) or self.tr("なし"))
        # The balance on the session's day, as the register, 本日の作業 and letters take it.
        if detail.overpaid:
            self.balance_caption.setText(self.tr("過誤納金（還付未済）"))
            self.balance_label.setText(format_yen(detail.overpaid))
        else:
            self.balance_caption.setText(self.tr("現在の残高"))
            self.balance_label.setText(format_yen(detail.balance))
        self.balance_label.setToolTip(self.tr("{0}現在").format(format_wareki(self.session.today())))
        self.history_model.set_history(detail.history)
        self.history_view.scrollToBottom()
        title = self.tr("債権 {0} {1}").format(c.claim_id, debtor.name)
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)
        self._update_actions()

    def selected_line(self):
        """The history line selected in the table, or None."""
        rows = self.history_view.selectionModel().selectedRows()
        return self.history_model.line(rows[0].row()) if rows else None

    def _update_actions(self, *_args) -> None:
        balance = self.detail.balance if self.detail else 0
        self.refund_button.setEnabled(balance < 0)
        self.refund_button.setToolTip("" if balance < 0 else self.tr("過納額がないため還付はできません"))
        self.write_off_button.setEnabled(balance > 0)
        self.write_off_button.setToolTip("" if balance > 0 else self.tr("残高がないため不納欠損はできません"))
        line = self.selected_line()
        can_reverse = line is not None and not line.is_reversal and line.reversed_by is None
        self.reverse_button.setEnabled(can_reverse)
        if line is None:
            tip = self.tr("取り消す取引を履歴で選んでください")
        elif not can_reverse:
            tip = self.tr("取消済みの取引と取消の記録は取り消せません")
        else:
            tip = ""
        self.reverse_button.setToolTip(tip)

    def _open_debtor(self) -> None:
        if self.detail:
            self.open_debtor.emit(self.detail.debtor.debtor_id)

    def make_slip(self):
        """Render this claim's 納付書, preview it, and record it when the clerk confirms it was sent."""
        from .letter_preview import make_letters

        self.slip_task = make_letters(self, self.session, SlipKind.PAYMENT_SLIP, claim_ids=[self.claim_id])
        return self.slip_task

    def open_event_dialog(self, kind: EventKind) -> EventDialog:
        """Open the dialog entering a `kind` event on this claim (window-modal)."""
        return self._open(EventDialog(self.session, self.claim_id, kind, self))

    def open_reversal_dialog(self) -> ReversalDialog | None:
        """Open the dialog cancelling the selected history line."""
        line = self.selected_line()
        if line is None:
            return None
        return self._open(ReversalDialog(self.session, line.event.event_id, self))

    def _open(self, dialog):
        self.dialog = dialog
        return open_dialog(dialog)
