"""The contact log of a claim or a debtor, newest first: searchable, added to, corrected.

Used on the claim page (one claim's entries) and on the debtor page (every entry about
the debtor's claims, the guarantors' included). Nothing here edits an entry: a
correction and a returned letter are new entries (services.casework).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..domain.contacts import Channel
from ..domain.errors import ClaimDeskError
from ..domain.text import search_key
from ..services.casework import LogLine, contact_log, liable_parties
from . import contact_log_model as lm
from .error_texts import error_text
from .page_parts import open_dialog, rows_view


class ContactLogView(QWidget):
    """The log of claim `claim_id`, or of debtor `debtor_id`, with its buttons."""

    def __init__(self, session, *, claim_id: str | None = None, debtor_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.claim_id, self.debtor_id = session, claim_id, debtor_id
        self.dialog = None
        self._lines: list[LogLine] = []
        self._names: dict[int, str] = {}  # guarantors and heirs by id, for the 相手 column
        self._kinds: dict[int, str] = {}
        self.search = QLineEdit(placeholderText=self.tr("交渉記録を検索（内容・理由・合意事項・相手・担当）"))
        self.search.setClearButtonEnabled(True)
        self.all_check = QCheckBox(self.tr("訂正前の記録も表示"))
        self.add_button = QPushButton(self.tr("交渉記録を追加…"))
        self.correct_button = QPushButton(self.tr("訂正…"))
        self.retract_button = QPushButton(self.tr("取消…"))
        self.retract_button.setToolTip(self.tr("誤って入力した記録を取り消します（記録は取消線付きで残ります）"))
        self.returned_button = QPushButton(self.tr("宛所不明として記録…"))
        self.returned_button.setToolTip(self.tr("選んだ文書発送の記録について、郵便が返戻されたことを記録します"))
        self.count_label = QLabel()
        self.model = lm.ContactLogModel(self)
        self.table = rows_view(self.model, lm.SUMMARY)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # A header and one entry at least: below the casework boxes it gets what they leave
        # (the splitter gives it more), so that the page fits 1366×768.
        self.table.setMinimumHeight(2 * (self.fontMetrics().height() + 8) + 4)
        # Agreements and next actions can run long: fixed widths leave the summary the room.
        header = self.table.horizontalHeader()
        # On the debtor page an entry can name many claims: the first shows, with how many more.
        for column, sample in ((lm.AGREEMENT, "分納誓約書を持参して来庁する"), (lm.NEXT, "令和8年12月31日 再度電話"),
                               (lm.CLAIMS, "SH2025-000000 他10件")):
            header.setSectionResizeMode(column, header.ResizeMode.Interactive)
            self.table.setColumnWidth(column, self.fontMetrics().horizontalAdvance(sample) + 16)
        if claim_id is not None:
            self.table.hideColumn(lm.CLAIMS)
        self.table.setAccessibleName(self.tr("交渉記録"))

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)  # beside the search it filters: a line saved (1366×768)
        bar.addWidget(self.all_check)
        bar.addWidget(self.add_button)
        bar.addWidget(self.correct_button)
        bar.addWidget(self.retract_button)
        bar.addWidget(self.returned_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(self._filter)
        self.all_check.toggled.connect(self.refresh)
        self.add_button.clicked.connect(self.open_contact_dialog)
        self.correct_button.clicked.connect(self.open_correction_dialog)
        self.retract_button.clicked.connect(self.open_retract_dialog)
        self.returned_button.clicked.connect(self.open_returned_dialog)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(lambda _index: self.open_correction_dialog())

    def refresh(self, *_args) -> None:
        """Read the log again (the owning page calls this when the ledger changed)."""
        try:
            self._lines = contact_log(self.session.ledger, claim_id=self.claim_id, debtor_id=self.debtor_id,
                                      include_superseded=self.all_check.isChecked(), with_retracted=True)
        except ClaimDeskError as e:
            self._lines = []
            self.count_label.setText(error_text(e))
        claims = {c for line in self._lines for c in line.entry.claim_ids}
        parties = [p for c in sorted(claims) for p in liable_parties(self.session.ledger, c)]
        self._names = {p.party_id: p.name for p in parties}
        self._kinds = {p.party_id: p.role_label for p in parties}  # a 保証人 is not logged as 連帯保証人
        self._filter()

    def _filter(self, *_args) -> None:
        key = search_key(self.search.text())
        shown = [line for line in self._lines if not key or key in lm.line_key(line)]
        self.model.set_lines(shown, self._names, self._kinds)
        total = len(self._lines)
        self.count_label.setText(self.tr("{0}件").format(total) if len(shown) == total
                                else self.tr("{0}件中 {1}件").format(total, len(shown)))
        self._update_actions()

    def selected_line(self) -> LogLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def _update_actions(self, *_args) -> None:
        line = self.selected_line()
        current = line is not None and line.is_current
        self.correct_button.setEnabled(current)
        self.retract_button.setEnabled(current)
        self.correct_button.setToolTip(self.tr("訂正する記録を選んでください") if line is None else
                                      "" if current else self.tr("訂正済みの記録です（最新の記録を訂正してください）"))
        letter = current and line.entry.channel is Channel.LETTER_OUT and line.returned is None
        self.returned_button.setEnabled(letter)

    def open_contact_dialog(self):
        """The dialog adding an entry (window-modal)."""
        from .dialogs.contact import ContactDialog

        self.dialog = ContactDialog(self.session, claim_id=self.claim_id, debtor_id=self.debtor_id, parent=self)
        return open_dialog(self.dialog)

    def open_correction_dialog(self):
        """The dialog correcting the selected entry; None if none is selected or it was corrected."""
        from .dialogs.contact import ContactDialog

        line = self.selected_line()
        if line is None or not line.is_current:
            return None
        self.dialog = ContactDialog(self.session, correcting=line.entry, parent=self)
        return open_dialog(self.dialog)

    def open_returned_dialog(self):
        """The dialog recording the selected letter as returned undelivered."""
        from .dialogs.contact import ReturnedLetterDialog

        line = self.selected_line()
        if line is None or line.entry.channel is not Channel.LETTER_OUT or line.returned is not None:
            return None
        self.dialog = ReturnedLetterDialog(self.session, line.entry, self)
        return open_dialog(self.dialog)

    def open_retract_dialog(self):
        """The dialog withdrawing the selected entry; None if none is selected or it is not current."""
        from .dialogs.corrections import RetractDialog

        line = self.selected_line()
        if line is None or not line.is_current:
            return None
        self.dialog = RetractDialog(self.session, line.entry, self)
        return open_dialog(self.dialog)
