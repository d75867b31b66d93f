"""The claim register as a Qt table model, fetched a page at a time.

For each search the model reads only the ordered keys of the matching claims; rows are
read in pages by key when a view asks for them, and a few recent pages are kept, so a
ledger of 200,000 claims opens at once and scrolls anywhere at the same cost. Many
claims in the claim id order (the whole register, a search for a digit) are not worth
the list of keys: the model counts them and reads each page by its position, which the
claim id index and the search index answer in milliseconds (storage/register.py). A
search that finds fewer shows its first pages by position too, and reads its keys only
when the clerk scrolls past them (PAGES_BEFORE_KEYS).

The 時効 column is the casework's limitation date (part payments, 督促, 催告 and signed
pledges counted), worked out for the claims of a page as the page is read: a few
milliseconds for 200 rows, where doing it for the whole register would take seconds.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.limitation import LimitationState
from ..domain.money import format_amount
from ..domain.register import SORT_COLUMNS, RegisterQuery, RegisterRow, Status
from ..services.casework import limitations
from ..services.register import register_count, register_ids, register_page, register_rows

PAGE_SIZE = 50  # some two screens: a page read costs its rows and their limitation dates
KEEP_PAGES = 80
KEYS_AT_MOST = 20_000  # in the claim id order, more claims than this are read by position
# A search in the claim id order that finds KEYS_LATER_FROM claims or more shows its first
# pages read by position and reads its keys only when the clerk scrolls past them: on the
# large demo reading and sorting the keys of 17,717 claims (`D001`) took 90 ms of CPU, its
# first page by position 3 ms. Fewer claims are sparse in that order, where a page by
# position reads more than the keys do.
KEYS_LATER_FROM = 5_000
PAGES_BEFORE_KEYS = 2

COLUMNS = (
    ("claim_id", "債権番号"),
    ("debtor_name", "債務者"),
    ("debtor_kana", "フリガナ"),
    ("claim_type", "債権名"),
    ("legal_nature", "債権の種類"),
    ("fiscal_year", "年度"),
    ("due_date", "納期限"),
    ("assessed", "調定額"),
    ("balance", "残高"),
    ("status", "状況"),
    ("limitation_date", "時効"),
    ("direct_debit", "口座振替"),
)
_RIGHT = {"assessed", "balance"}
_OVERDUE_COLOR = QColor("#b00020")
_LIMITATION_COLORS = {LimitationState.APPROACHING: QColor("#b36b00"), LimitationState.EXTINGUISHED: _OVERDUE_COLOR,
                      LimitationState.INVOKED: _OVERDUE_COLOR, LimitationState.STANDING: _OVERDUE_COLOR}
ClaimIdRole = Qt.ItemDataRole.UserRole + 1
DebtorIdRole = Qt.ItemDataRole.UserRole + 2
# Roles as plain ints: Qt passes ints, and comparing them with ints is what costs least.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_VERTICAL = Qt.Orientation.Vertical
_ROLES = frozenset({_DISPLAY, _ALIGNMENT, _FOREGROUND, int(Qt.ItemDataRole.ToolTipRole), int(ClaimIdRole),
                    int(DebtorIdRole)})
_RIGHT_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT_ALIGN = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTRE_ALIGN = int(Qt.AlignmentFlag.AlignCenter)  # the ○ of 口座振替, under its header
_ALIGNMENTS = tuple(_RIGHT_ALIGN if key in _RIGHT else _CENTRE_ALIGN if key == "direct_debit" else _LEFT_ALIGN
                    for key, _ in COLUMNS)
_COLUMN_COUNT = len(COLUMNS)
_ALIGNMENT_FLAGS = tuple(Qt.AlignmentFlag(a) for a in _ALIGNMENTS)  # made once: an enum costs to make
_TEXT = QPalette.ColorRole.Text
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_NO_BRUSH = QBrush()
_LIMITATION_COLUMN = [key for key, _ in COLUMNS].index("limitation_date")
# A row as shown: the row, its cells' text, their colours (None: the default).
_Shown = tuple[RegisterRow, tuple[str, ...], tuple[QColor | None, ...]]


def _cell(row: RegisterRow, key: str) -> str:
    value = getattr(row, key)
    if key == "limitation_date" and row.balance <= 0:
        return ""  # nothing left to lose to limitation
    if key == "legal_nature":
        return value.label
    if key == "fiscal_year":
        return format_fiscal_year(value)
    if key in ("due_date", "limitation_date"):
        return format_wareki(value)
    if key in _RIGHT:
        return format_amount(value)
    if key == "status":
        return value.label
    if key == "direct_debit":
        return "○" if value else ""
    return value


class RegisterModel(QAbstractTableModel):
    """Rows of the register for a `RegisterQuery`, read in pages through the services."""

    def __init__(self, session, parent=None, *, query: RegisterQuery | None = None):
        super().__init__(parent)
        self._session = session
        self._query = query or RegisterQuery()
        self._ids: list[int] | None = []  # None: read by position
        self._keys_later = False  # read by position until a page past PAGES_BEFORE_KEYS is asked
        self._count = 0
        self._pages: OrderedDict[int, list[_Shown]] = OrderedDict()
        self._limits: dict[str, tuple] = {}  # claim id → (Limitation, LimitationState), pages kept
        self._recount()

    # --- what is shown ---------------------------------------------------------------

    @property
    def query(self) -> RegisterQuery:
        return self._query

    def set_query(self, query: RegisterQuery) -> None:
        """Show another search, filter or order."""
        if query == self._query:
            return
        self.beginResetModel()
        self._query = query
        self._recount()
        self.endResetModel()

    def reload(self) -> None:
        """Re-read after the ledger changed."""
        self.beginResetModel()
        self._recount()
        self.endResetModel()

    def _recount(self) -> None:
        self._last: tuple[int, list[_Shown]] = (-1, [])
        self._row: tuple[int, _Shown | None] = (-1, None)  # the row cells() read last
        self._pages.clear()
        self._limits.clear()
        ledger, today = self._session.ledger, self._session.today()
        self._ids = None
        self._keys_later = False
        if self._query.sort == "claim_id":
            self._count = register_count(ledger, self._query, today)
            if self._count > KEYS_AT_MOST:
                return
            if self._count >= KEYS_LATER_FROM and self._query.text.strip():
                self._keys_later = True
                return
        self._ids = register_ids(ledger, self._query, today)
        self._count = len(self._ids)

    def _read_page(self, number: int) -> list[RegisterRow]:
        ledger, today = self._session.ledger, self._session.today()
        if self._keys_later and number >= PAGES_BEFORE_KEYS:  # scrolled on: every key, once
            self._keys_later = False
            self._ids = register_ids(ledger, self._query, today)
        if self._ids is None:
            return register_page(ledger, self._query, number * PAGE_SIZE, PAGE_SIZE, today, found=self._count)
        return register_rows(ledger, self._ids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE], today)

    def row_at(self, row: int) -> RegisterRow | None:
        """The register row shown at `row` (its page read if not yet), or None."""
        shown = self._shown_at(row)
        return shown[0] if shown is not None else None

    def cells(self, row: int) -> _Shown | None:
        """The row shown at `row` with its cells' texts and colours, or None."""
        if row == self._row[0]:  # a repaint asks for each cell of a row in turn
            return self._row[1]
        shown = self._shown_at(row)
        self._row = (row, shown)
        return shown

    def _shown_at(self, row: int) -> _Shown | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        if number == self._last[0]:  # a repaint asks for the cells of one page, thousands of times
            page = self._last[1]
            return page[offset] if offset < len(page) else None
        kept = self._pages.get(number)
        if kept is None:
            page = [self._shown(r) for r in self._with_limitations(self._read_page(number))]
            self._pages[number] = page
            while len(self._pages) > KEEP_PAGES:
                for shown in self._pages.popitem(last=False)[1]:
                    self._limits.pop(shown[0].claim_id, None)
        else:
            page = kept
            self._pages.move_to_end(number)
        self._last = (number, page)
        return page[offset] if offset < len(page) else None

    def _with_limitations(self, rows: list[RegisterRow]) -> list[RegisterRow]:
        """The page's rows with the limitation dates the casework derives (owed claims only)."""
        owed = [r.claim_id for r in rows if r.balance > 0]
        found = limitations(self._session.ledger, owed, self._session.today()) if owed else {}
        self._limits.update(found)
        return [replace(r, limitation_date=found[r.claim_id][0].limitation_date) if r.claim_id in found else r
                for r in rows]

    def _shown(self, row: RegisterRow) -> _Shown:
        """A row with its cells' text and colours, made once as its page is read."""
        limit = self._limits.get(row.claim_id)
        overdue = _OVERDUE_COLOR if row.status is Status.OVERDUE else None
        limit_color = _LIMITATION_COLORS.get(limit[1]) if limit is not None else None
        return (row, tuple(_cell(row, key) for key, _ in COLUMNS),
                tuple(overdue if key in ("balance", "status") else limit_color if key == "limitation_date" else None
                      for key, _ in COLUMNS))

    def limitation_of(self, claim_id: str):
        """(Limitation, LimitationState) of a claim on a page read, or None."""
        return self._limits.get(claim_id)

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=_DISPLAY):
        # After each reset the row numbers' header measures its first and last hundred
        # sections (four roles each) to size itself: the row number goes back first.
        if orientation == _VERTICAL:
            return section + 1 if role == _DISPLAY else None
        if 0 <= section < _COLUMN_COUNT:
            if role == _DISPLAY:
                return self.tr(COLUMNS[section][1])
            if role == _ALIGNMENT and COLUMNS[section][0] in _RIGHT:
                return _RIGHT_ALIGN
        return None

    def data(self, index, role=_DISPLAY):
        # A repaint asks seven roles of every visible cell, some 2,000 calls: those not
        # answered here go back at once, and the others read what the page made (_shown),
        # which halved a repaint's time.
        if role not in _ROLES:
            return None
        shown = self.cells(index.row())
        column = index.column()
        if shown is None or column >= _COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return shown[1][column]
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        if role == _FOREGROUND:
            return shown[2][column]
        if role == ClaimIdRole:
            return shown[0].claim_id
        if role == DebtorIdRole:
            return shown[0].debtor_id
        if column == _LIMITATION_COLUMN and (limit := self._limits.get(shown[0].claim_id)) is not None:
            lim, state = limit  # the tool tip
            return self.tr("{0}\n根拠: {1}\n（並べ替えは納期限の順）").format(state.label, lim.basis.text(format_wareki))
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][0] not in SORT_COLUMNS:
            return
        self.set_query(replace(self._query, sort=COLUMNS[column][0],
                               descending=order == Qt.SortOrder.DescendingOrder))


class RegisterDelegate(QStyledItemDelegate):
    """Paints the register's cells from the texts and colours the model made for their page.

    QStyledItemDelegate asks the model seven roles of each cell it paints, each a call from
    Qt into Python: some 2,000 a repaint, a third of its time. This sets the cell's style
    option in one, as QStyledItemDelegate.initStyleOption would from those roles (the
    same pixels: tests/ui/test_register_view.py); a repaint of the register on the large
    demo 6.5 → 5.5 ms of CPU.
    """

    def __init__(self, model: RegisterModel, parent=None):
        super().__init__(parent)
        self._model = model

    def initStyleOption(self, option, index) -> None:
        shown = self._model.cells(index.row())
        column = index.column()
        if shown is None or column >= _COLUMN_COUNT:
            super().initStyleOption(option, index)
            return
        option.index = index
        option.displayAlignment = _ALIGNMENT_FLAGS[column]
        colour = shown[2][column]
        if colour is not None:
            palette = option.palette
            palette.setColor(_TEXT, colour)
            option.palette = palette
        text = shown[1][column]
        if text:
            option.features |= _HAS_DISPLAY
            option.text = text
        option.backgroundBrush = _NO_BRUSH
        option.styleObject = None  # as Qt's: no style animations within item views
