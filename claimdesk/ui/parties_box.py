"""「保証人・相続人」: who besides the debtor is liable for a claim, with their own addresses;
add one, end one, or put another in their place. Ended ones stay listed, greyed."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.dates import format_wareki
from ..domain.errors import ClaimDeskError
from ..services.casework_view import LiableParty, liable_parties
from ..services.changes import Changes, Kind
from .error_texts import error_text
from .page_parts import open_dialog, rows_view
from .rows_model import RowsModel

COLUMNS = (
    QT_TRANSLATE_NOOP("PartiesModel", "種別"),
    QT_TRANSLATE_NOOP("PartiesModel", "氏名"),
    QT_TRANSLATE_NOOP("PartiesModel", "続柄・備考"),
    QT_TRANSLATE_NOOP("PartiesModel", "住所"),
    QT_TRANSLATE_NOOP("PartiesModel", "電話番号"),
    QT_TRANSLATE_NOOP("PartiesModel", "状態"),
)
ROLE, NAME, RELATION, ADDRESS, PHONE, STATE = range(len(COLUMNS))


class PartiesModel(RowsModel):
    """The claim's guarantors and heirs, oldest first."""

    columns = COLUMNS

    def set_parties(self, parties: list[LiableParty]) -> None:
        self._names = {p.party_id: p.name for p in parties}
        self._set_rows(parties)

    def party(self, row: int) -> LiableParty:
        return self._rows[row]

    def parties(self) -> list[LiableParty]:
        return list(self._rows)

    def _text(self, p: LiableParty, column: int) -> str:
        if column == ROLE:
            return p.kind_label
        if column == NAME:
            return p.name
        if column == RELATION:
            return p.relation
        if column == ADDRESS:
            return "　".join(x for x in (f"〒{p.postal_code}" if p.postal_code else "", p.address) if x)
        if column == PHONE:
            return p.phone
        if column == STATE:
            if p.ended_on is None:
                return self.tr("責任あり")
            after = self._names.get(p.replaced_by, "")
            text = self.tr("{0} 終了: {1}").format(format_wareki(p.ended_on), p.end_reason)
            return text if not after or after in p.end_reason else text + self.tr("（後任 {0}）").format(after)
        return ""

    def _data(self, p: LiableParty, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole and p.ended_on is not None:
            return QBrush(QColor("#8a8a8a"))
        return None


class PartiesBox(QWidget):
    """The claim's liable parties with the buttons that add, end and replace them."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.claim_id = session, claim_id
        self.dialog = None
        self.model = PartiesModel(self)
        self.table = rows_view(self.model, ADDRESS)
        self.table.setAccessibleName(self.tr("保証人・相続人"))
        self.note = QLabel(self.tr("連帯保証人は残高の全額について責任を負います。相続人は法定相続分に応じて"
                                   "債務を承継し、文書にはその額が載ります。保証人への請求は債務者の時効に影響しません。"))
        self.note.setWordWrap(True)
        self.add_button = QPushButton(self.tr("追加…"))
        self.end_button = QPushButton(self.tr("終了…"))
        self.replace_button = QPushButton(self.tr("交代…"))
        self.share_button = QPushButton(self.tr("法定相続分…"))
        self.share_button.setToolTip(self.tr("選んだ相続人の法定相続分を記録・訂正します"))
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        for b in (self.add_button, self.end_button, self.replace_button, self.share_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.end_button.clicked.connect(self.open_end_dialog)
        self.replace_button.clicked.connect(self.open_replace_dialog)
        self.share_button.clicked.connect(self.open_share_dialog)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        session.changed.connect(self._ledger_changed)
        self.refresh()

    def _ledger_changed(self, changes: Changes) -> None:
        if changes.concerns(Kind.CASEWORK, Kind.DEBTOR, claims=[self.claim_id]):
            self.refresh()

    def refresh(self) -> None:
        """Read the parties again."""
        try:
            self.model.set_parties(liable_parties(self.session.ledger, self.claim_id))
        except ClaimDeskError as e:
            self.note.setText(error_text(e))
        self._update_actions()

    def selected(self) -> LiableParty | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.party(rows[0].row()) if rows else None

    def _update_actions(self, *_args) -> None:
        party = self.selected()
        liable = party is not None and party.ended_on is None
        for button in (self.end_button, self.replace_button):
            button.setEnabled(liable)
            button.setToolTip("" if liable else self.tr("責任のある保証人・相続人を選んでください"))
        self.share_button.setEnabled(liable and party is not None and party.role == "heir")

    def open_add_dialog(self):
        """The dialog adding a guarantor or heir."""
        from .dialogs.liable import AddPartyDialog

        self.dialog = AddPartyDialog(self.session, self.claim_id, self)
        return open_dialog(self.dialog)

    def open_end_dialog(self):
        """The dialog ending the selected party's liability; None if none is selectable."""
        from .dialogs.liable import EndPartyDialog

        party = self.selected()
        if party is None or party.ended_on is not None:
            return None
        self.dialog = EndPartyDialog(self.session, party, self)
        return open_dialog(self.dialog)

    def open_replace_dialog(self):
        """The dialog putting another person in the selected party's place."""
        from .dialogs.liable import ReplacePartyDialog

        party = self.selected()
        if party is None or party.ended_on is not None:
            return None
        self.dialog = ReplacePartyDialog(self.session, party, self)
        return open_dialog(self.dialog)

    def open_share_dialog(self):
        """The dialog recording the selected heir's 法定相続分; None unless a liable heir is selected."""
        from .dialogs.liable import ShareDialog

        party = self.selected()
        if party is None or party.ended_on is not None or party.role != "heir":
            return None
        self.dialog = ShareDialog(self.session, party, self)
        return open_dialog(self.dialog)
