"""One debtor on a page: who they are, every claim with its balance, what they owe in all, and\nthe contact log of all their claims."""

from __future__ import annotations

from PySide6.QtCore import Property, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ..domain.claims import DebtorKind
from ..domain.errors import ClaimDeskError
from ..domain.money import format_yen
from ..services.changes import Changes, Kind
from ..services.details import DebtorDetail, debtor_detail
from .contact_log_view import ContactLogView
from .debtor_claims_model import TYPE, DebtorClaimsModel
from .dialogs import ClaimDialog, DebtorDialog
from .page_parts import (
    amount_caption, amount_label, facts_form, heading_label, headline, open_dialog, rows_view, rule,
    value_label,
)


class DebtorPage(QWidget):
    """The page of debtor `debtor_id`; re-reads itself whenever the session's ledger changes."""

    manual_anchor = "debtor"  # its section of the 操作マニュアル (F1)

    open_claim = Signal(str)  # claim_id: the clerk asked for the claim's page
    title_changed = Signal(str)

    def __init__(self, session, debtor_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.debtor_id = debtor_id
        self.detail: DebtorDetail | None = None
        self.dialog = None
        self._title = self.tr("債務者 {0}").format(debtor_id)

        self.heading_label = heading_label(self)
        self.total_caption = amount_caption(self.tr("合計滞納額"))
        self.total_label = amount_label(self)
        top = headline(self.heading_label, self.total_caption, self.total_label)

        self.values: dict[str, QLabel] = {}
        self.form = facts_form((("debtor_id", self.tr("債務者番号")), ("kind", self.tr("区分")),
                                ("name", self.tr("氏名")), ("kana", self.tr("フリガナ")),
                                ("postal_code", self.tr("郵便番号")), ("address", self.tr("住所")),
                                ("phone", self.tr("電話番号")), ("workplace", self.tr("勤務先")),
                                ("representative", self.tr("代表者")),
                                ("guarantors", self.tr("連帯保証人"))),
                               self.values)

        self.edit_button = QPushButton(self.tr("債務者情報の変更"))
        self.new_claim_button = QPushButton(self.tr("新しい債権"))
        self.edit_button.clicked.connect(self.open_debtor_dialog)
        self.new_claim_button.clicked.connect(self.open_claim_dialog)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.new_claim_button)
        actions.addStretch(1)

        self.claims_model = DebtorClaimsModel(self)
        self.claims_view = rows_view(self.claims_model, TYPE)
        self.claims_view.setToolTip(self.tr("ダブルクリック（またはEnter）で債権の画面を開きます"))
        self.claims_view.activated.connect(self._open_claim)

        self.error_label = value_label()
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addWidget(rule())
        # The debtor's contact log (every claim's, the guarantors' too) under the claims.
        self.log = ContactLogView(session, debtor_id=debtor_id)
        claims = QWidget()
        column = QVBoxLayout(claims)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("債権の一覧")))
        column.addWidget(self.claims_view, 1)
        logBox = QGroupBox(self.tr("交渉記録（新しい順）"))
        QVBoxLayout(logBox).addWidget(self.log)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(claims)
        split.addWidget(logBox)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        layout.addWidget(self.error_label)

        session.changed.connect(self._ledger_changed)
        self.refresh()

    def _get_title(self) -> str:
        return self._title

    title = Property(str, _get_title, notify=title_changed)

    def _ledger_changed(self, changes: Changes) -> None:
        # Its debtor, a new claim of theirs, money or casework on one of their claims.
        claims = [r.claim_id for r in self.detail.claims] if self.detail is not None else []
        if changes.concerns(Kind.MONEY, Kind.CASEWORK, Kind.REGISTER, claims=claims,
                            debtor=self.debtor_id) or changes.concerns(Kind.DEBTOR):
            self.refresh()

    def refresh(self) -> None:
        """Read the debtor and their claims again and show them."""
        try:
            detail = debtor_detail(self.session.ledger, self.debtor_id, self.session.today())
        except ClaimDeskError as e:
            self.error_label.setText(str(e))
            self.error_label.show()
            return
        self.error_label.hide()
        self.detail = d = detail
        debtor = d.debtor
        corporate = debtor.kind is DebtorKind.CORPORATION
        self.heading_label.setText(self.tr("{0}　{1}").format(debtor.name, debtor.kind.label))
        self.form.labelForField(self.values["name"]).setText(
            self.tr("名称") if corporate else self.tr("氏名"))
        self.form.labelForField(self.values["address"]).setText(
            self.tr("所在地") if corporate else self.tr("住所"))
        self.form.setRowVisible(self.values["workplace"], not corporate)
        self.form.setRowVisible(self.values["representative"], corporate)
        guarantors = "\n".join(
            self.tr("{0}（債権 {1}）").format(g.name + (f"・{g.relation}" if g.relation else ""), g.claim_id)
            for g in d.guarantors)
        for key, text in (("debtor_id", debtor.debtor_id), ("kind", debtor.kind.label),
                          ("name", debtor.name), ("kana", debtor.kana),
                          ("postal_code", debtor.postal_code), ("address", debtor.address),
                          ("phone", debtor.phone), ("workplace", debtor.workplace),
                          ("representative", debtor.representative),
                          ("guarantors", guarantors or self.tr("なし"))):
            self.values[key].setText(text or "—")
        self.total_label.setText(format_yen(d.total_owed))
        self.claims_model.set_rows(d.claims)
        self.log.refresh()
        title = self.tr("債務者 {0} {1}").format(debtor.debtor_id, debtor.name)
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)

    def _open_claim(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_claim.emit(self.claims_model.row(index.row()).claim_id)

    def open_debtor_dialog(self) -> DebtorDialog | None:
        """Open the dialog changing this debtor's particulars (window-modal)."""
        if self.detail is None:
            return None
        return self._open(DebtorDialog(self.session, self.detail.debtor, self))

    def open_claim_dialog(self) -> ClaimDialog:
        """Open the dialog registering a new claim of this debtor (window-modal)."""
        return self._open(ClaimDialog(self.session, self.debtor_id, self))

    def _open(self, dialog):
        self.dialog = dialog
        return open_dialog(dialog)
