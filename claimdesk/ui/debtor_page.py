"""One debtor on a page: who they are, every claim with its balance, and what they owe in all."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, Property, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from ..domain.claims import DebtorKind
from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.errors import ClaimDeskError
from ..domain.money import format_amount, format_yen
from ..domain.register import RegisterRow, Status
from ..services.details import DebtorDetail, debtor_detail
from .dialogs import ClaimDialog, DebtorDialog

CLAIM_COLUMNS = (
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "債権番号"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "債権名"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "年度"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "納期限"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "調定額"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "残高"),
    QT_TRANSLATE_NOOP("DebtorClaimsModel", "状況"),
)
ID, TYPE, YEAR, DUE, ASSESSED, BALANCE, STATUS = range(len(CLAIM_COLUMNS))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ClaimIdRole = Qt.ItemDataRole.UserRole


class DebtorClaimsModel(QAbstractTableModel):
    """A debtor's claims (RegisterRow list from DebtorDetail.claims)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[RegisterRow] = []

    def setRows(self, rows: list[RegisterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> RegisterRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(CLAIM_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(CLAIM_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("DebtorClaimsModel", CLAIM_COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (ASSESSED, BALANCE):
                return _RIGHT
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.claim_id, r.claim_type, format_fiscal_year(r.fiscal_year),
                    format_wareki(r.due_date), format_amount(r.assessed), format_amount(r.balance),
                    r.status.label)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (ASSESSED, BALANCE) else _LEFT
        if role == Qt.ItemDataRole.FontRole and column == STATUS and r.status is Status.OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == ClaimIdRole:
            return r.claim_id
        return None


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class DebtorPage(QWidget):
    """The page of debtor `debtor_id`; re-reads itself whenever the session's ledger changes."""

    openClaim = Signal(str)  # claim_id: the clerk asked for the claim's page
    titleChanged = Signal(str)

    def __init__(self, session, debtor_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.debtorId = debtor_id
        self.detail: DebtorDetail | None = None
        self.dialog = None
        self._title = self.tr("債務者 {0}").format(debtor_id)

        self.headingLabel = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.headingLabel.setFont(font)
        self.totalCaption = QLabel(self.tr("合計滞納額"))
        self.totalCaption.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.totalLabel = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.totalLabel.setFont(font)
        self.totalLabel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total = QVBoxLayout()
        total.setSpacing(0)
        total.addWidget(self.totalCaption)
        total.addWidget(self.totalLabel)
        top = QHBoxLayout()
        top.addWidget(self.headingLabel, 1, Qt.AlignmentFlag.AlignTop)
        top.addLayout(total)

        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, caption in (("debtor_id", self.tr("債務者番号")), ("kind", self.tr("区分")),
                             ("name", self.tr("氏名")), ("kana", self.tr("フリガナ")),
                             ("postal_code", self.tr("郵便番号")), ("address", self.tr("住所")),
                             ("phone", self.tr("電話番号")), ("workplace", self.tr("勤務先")),
                             ("representative", self.tr("代表者")),
                             ("guarantors", self.tr("連帯保証人"))):
            self.values[key] = _value_label()
            self.form.addRow(caption, self.values[key])

        self.editButton = QPushButton(self.tr("債務者情報の変更"))
        self.newClaimButton = QPushButton(self.tr("新しい債権"))
        self.editButton.clicked.connect(self.openDebtorDialog)
        self.newClaimButton.clicked.connect(self.openClaimDialog)
        actions = QHBoxLayout()
        actions.addWidget(self.editButton)
        actions.addWidget(self.newClaimButton)
        actions.addStretch(1)

        self.claimsModel = DebtorClaimsModel(self)
        self.claimsView = QTableView()
        self.claimsView.setModel(self.claimsModel)
        self.claimsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.claimsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.claimsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.claimsView.setAlternatingRowColors(True)
        self.claimsView.verticalHeader().hide()
        self.claimsView.setToolTip(self.tr("ダブルクリック（またはEnter）で債権の画面を開きます"))
        header = self.claimsView.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TYPE, QHeaderView.ResizeMode.Stretch)
        self.claimsView.activated.connect(self._open_claim)

        self.errorLabel = _value_label()
        self.errorLabel.hide()
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addWidget(line)
        layout.addWidget(QLabel(self.tr("債権の一覧")))
        layout.addWidget(self.claimsView, 1)
        layout.addWidget(self.errorLabel)

        session.changed.connect(self.refresh)
        self.refresh()

    def _get_title(self) -> str:
        return self._title

    title = Property(str, _get_title, notify=titleChanged)

    def refresh(self) -> None:
        """Read the debtor and their claims again and show them."""
        try:
            detail = debtor_detail(self.session.ledger, self.debtorId, self.session.today())
        except ClaimDeskError as e:
            self.errorLabel.setText(str(e))
            self.errorLabel.show()
            return
        self.errorLabel.hide()
        self.detail = d = detail
        debtor = d.debtor
        corporate = debtor.kind is DebtorKind.CORPORATION
        self.headingLabel.setText(self.tr("{0}　{1}").format(debtor.name, debtor.kind.label))
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
        self.totalLabel.setText(format_yen(d.total_owed))
        self.claimsModel.setRows(d.claims)
        title = self.tr("債務者 {0} {1}").format(debtor.debtor_id, debtor.name)
        if title != self._title:
            self._title = title
            self.titleChanged.emit(title)

    def _open_claim(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openClaim.emit(self.claimsModel.row(index.row()).claim_id)

    def openDebtorDialog(self) -> DebtorDialog | None:
        """Open the dialog changing this debtor's particulars (window-modal)."""
        if self.detail is None:
            return None
        return self._open(DebtorDialog(self.session, self.detail.debtor, self))

    def openClaimDialog(self) -> ClaimDialog:
        """Open the dialog registering a new claim of this debtor (window-modal)."""
        return self._open(ClaimDialog(self.session, self.debtorId, self))

    def _open(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
