"""One debtor on a page: who they are, every claim with its balance, what they owe in all, and\nthe contact log of all their claims."""

from __future__ import annotations

from PySide6.QtCore import Property, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ..domain.claims import DebtorKind
from ..domain.dates import format_wareki
from ..domain.direct_debit import DirectDebit
from ..domain.errors import ClaimDeskError
from ..domain.money import format_yen
from ..services.casework_view import debtor_liable_parties
from ..services.changes import Changes, Kind
from ..services.details import DebtorDetail, debtor_detail
from ..services.direct_debits import current_direct_debit, direct_debit_history
from .contact_log_view import ContactLogView
from .debtor_claims_model import TYPE, DebtorClaimsModel
from .dialogs import ClaimDialog, DebtorDialog
from .error_texts import error_text
from .page_parts import (
    amount_caption,
    amount_label,
    facts_form,
    heading_label,
    headline,
    open_dialog,
    rows_view,
    rule,
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
        self.debit: DirectDebit | None = None
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
                                ("guarantors", self.tr("保証人・相続人")), ("direct_debit", self.tr("口座振替"))),
                               self.values)

        self.edit_button = QPushButton(self.tr("債務者情報の変更"))
        self.new_claim_button = QPushButton(self.tr("新しい債権"))
        self.edit_button.clicked.connect(self.open_debtor_dialog)
        self.new_claim_button.clicked.connect(self.open_claim_dialog)
        self.casefile_button = QPushButton(self.tr("経過記録書（PDF）…"))
        self.casefile_button.setToolTip(self.tr("債権・時効・収納・文書・交渉記録を弁護士委任や支払督促に渡せる形で出力します"))
        self.casefile_button.clicked.connect(lambda: self.export_casefile())
        self.export_op = None
        self.debit_button = QPushButton(self.tr("口座振替の登録…"))
        self.end_debit_button = QPushButton(self.tr("口座振替の終了…"))
        self.debit_button.clicked.connect(self.open_direct_debit_dialog)
        self.end_debit_button.clicked.connect(self.open_end_direct_debit_dialog)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.new_claim_button, self.debit_button, self.end_debit_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.casefile_button)

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
            self.error_label.setText(error_text(e))
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
        # Each by their kind: an heir is no guarantor (and carries their share, if recorded).
        guarantors = "\n".join(
            self.tr("{0} {1}（債権 {2}）").format(p.kind_label, p.name + (f"・{p.relation}" if p.relation else ""),
                                               p.claim_id)
            for p in debtor_liable_parties(self.session.ledger, [r.claim_id for r in d.claims])
            if p.liable_on(self.session.today()))
        for key, text in (("debtor_id", debtor.debtor_id), ("kind", debtor.kind.label),
                          ("name", debtor.name), ("kana", debtor.kana),
                          ("postal_code", debtor.postal_code), ("address", debtor.address),
                          ("phone", debtor.phone), ("workplace", debtor.workplace),
                          ("representative", debtor.representative),
                          ("guarantors", guarantors or self.tr("なし"))):
            self.values[key].setText(text or "—")
        self.debit = current_direct_debit(self.session.ledger, self.debtor_id)
        self.values["direct_debit"].setText(direct_debit_text(self.debit) if self.debit else self.tr("なし"))
        history = direct_debit_history(self.session.ledger, self.debtor_id)
        self.values["direct_debit"].setToolTip("\n".join(  # every entry: the history is kept, never rewritten
            f"{e.entered_at:%Y-%m-%d %H:%M} {e.operator}: {direct_debit_text(e)}" for e in history if e.entered_at))
        self.end_debit_button.setEnabled(self.debit is not None and self.debit.ends_on is None)
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

    def export_casefile(self, path=None):
        """Write this debtor's 経過記録書 (asking where unless `path` is given) in the background."""
        from .casefile_export import ask_and_export_casefile, export_casefile_to

        if path is None:
            self.export_op = ask_and_export_casefile(self, self.session, self.debtor_id)
        else:
            self.export_op = export_casefile_to(self, self.session, self.debtor_id, self.session.today(), path)
        return self.export_op

    def open_claim_dialog(self) -> ClaimDialog:
        """Open the dialog registering a new claim of this debtor (window-modal)."""
        return self._open(ClaimDialog(self.session, self.debtor_id, self))

    def open_direct_debit_dialog(self):
        """Open the dialog registering (or changing) the debtor's 口座振替."""
        from .dialogs.direct_debit import DirectDebitDialog

        return self._open(DirectDebitDialog(self.session, self.debtor_id, self.debit, self))

    def open_end_direct_debit_dialog(self):
        """Open the dialog ending the debtor's 口座振替."""
        from .dialogs.direct_debit import EndDirectDebitDialog

        return self._open(EndDirectDebitDialog(self.session, self.debtor_id, self))

    def _open(self, dialog):
        self.dialog = dialog
        return open_dialog(dialog)


def direct_debit_text(d: DirectDebit) -> str:
    """A registration in one line: bank, branch, account, holder, customer number, period."""
    period = f"{format_wareki(d.starts_on)}から" + (f"{format_wareki(d.ends_on)}まで（終了）" if d.ends_on else "")
    return (f"銀行 {d.bank_code}・支店 {d.branch_code}　{d.account_type.label} {d.account_number}　{d.holder_kana}"
            f"　顧客番号 {d.customer_number}　{period}")
