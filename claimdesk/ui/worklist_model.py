"""「本日の作業」 as a table: what to do, why, by when and with which letter, most urgent first.

The rows come in the services' order (urgency, then deadline); the page filters them and
hands the model the rows to show. Each row carries the step definition it refers to,
so the table can say what the step is for (its `why`) and which letter it prints.
"""

from __future__ import annotations

import functools
import html
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.dates import format_wareki
from ..domain.errors import ClaimDeskError
from ..domain.money import format_amount
from ..domain.procedure import Procedure, StepDef
from ..domain.text import search_key
from ..domain.worklist import Urgency, WorkItem
from ..services.clock import today as clock_today
from .casework_texts import days_text, item_reason, work_text
from .rows_model import RowsModel

COLUMNS = (
    QT_TRANSLATE_NOOP("WorklistModel", "緊急度"),
    QT_TRANSLATE_NOOP("WorklistModel", "期限"),
    QT_TRANSLATE_NOOP("WorklistModel", "作業"),
    QT_TRANSLATE_NOOP("WorklistModel", "理由"),
    QT_TRANSLATE_NOOP("WorklistModel", "通知書"),
    QT_TRANSLATE_NOOP("WorklistModel", "債権番号"),
    QT_TRANSLATE_NOOP("WorklistModel", "債務者"),
    QT_TRANSLATE_NOOP("WorklistModel", "債権名"),
    QT_TRANSLATE_NOOP("WorklistModel", "残高"),
)
URGENCY, DEADLINE, WORK, REASON, LETTER, CLAIM, DEBTOR, TYPE, BALANCE = range(len(COLUMNS))
ItemRole = Qt.ItemDataRole.UserRole  # the WorkRow of a row
ClaimIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2  # what a column sorts by: dates and yen as numbers
ClaimIdsRole = Qt.ItemDataRole.UserRole + 3  # every claim under a row (a debtor's, grouped)

_COLORS = {Urgency.URGENT: QColor("#b00020"), Urgency.OVERDUE: QColor("#b00020"),
           Urgency.NOTICE: QColor("#6b6b6b")}


class DebtorKeys:
    """The debtors' search texts (id, name, かな and phone, folded by the ledger), read at the
    first search that needs them: for all debtors at once, in the GUI thread (~0.04 s on
    the large demo's 44,383), not in the worker every list would wait for."""

    retry_after = 5.0  # seconds: a failed read is not tried again for every row of one search

    def __init__(self, read: Callable[[], dict[str, str]]):
        self._read = read
        self._keys: dict[str, str] | None = None
        self._failed_at: float | None = None

    def get(self, debtor_id: str) -> str | None:
        """The debtor's text; None if it cannot be read now (a later search tries again)."""
        if self._keys is None:
            if self._failed_at is not None and time.monotonic() - self._failed_at < self.retry_after:
                return None
            try:
                self._keys = self._read()
            except ClaimDeskError:  # busy, say: the rows' own names still match meanwhile
                self._failed_at = time.monotonic()
                return None
        return self._keys.get(debtor_id)


@dataclass(frozen=True)
class WorkRow:
    """An item of the worklist with the step it is about (None for other kinds of work)."""

    item: WorkItem
    step: StepDef | None = None
    debtors: DebtorKeys | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """The folded text the search box matches, made at the first search that reads it:
        made for all 17,000 rows of the large demo with the list, it was an eighth of a
        second of the clerk's wait for 本日の作業 at every start. Its debtor part is the
        debtor's id, name, かな and phone (`debtors`), as the register's search finds them."""
        key = self.__dict__.get("_key")
        if key is not None:
            return key
        c = self.item.claim
        debtor = self.debtors.get(c.debtor_id) if self.debtors is not None else None
        # (not read, or a debtor added since: the id and the name as written)
        key = self._made_key(debtor if debtor is not None else c.debtor_id.casefold() + _fold(c.debtor_name))
        if debtor is not None or self.debtors is None:  # (else unread as yet: tried again next time)
            self.__dict__["_key"] = key  # made once (a frozen row: its dict written directly)
        return key

    def _made_key(self, debtor: str) -> str:
        c, step = self.item.claim, self.step
        return "".join((c.claim_id.casefold(), debtor, _fold(c.claim_type), _fold(self.item.title),
                        _fold(step.title) if step else ""))

    @property
    def deadline(self) -> date:
        return self.item.deadline or self.item.due_on

    @property
    def since_only(self) -> bool:
        """An item with no deadline that is not late (a returned letter, a passed limitation):
        its date is when it arose, not a date it is overdue from."""
        return self.item.deadline is None and self.item.urgency in (Urgency.DUE, Urgency.NOTICE)

    @property
    def work(self) -> str:
        return self.step.title if self.step is not None else work_text(self.item)

    @property
    def reason(self) -> str:
        return item_reason(self.item, self.step.why if self.step is not None else "")

    @property
    def letter(self) -> str:
        return self.step.letter.label if self.step is not None and self.step.letter else ""


# Claim types, titles and steps repeat across thousands of rows: each text folded once.
_fold = functools.lru_cache(maxsize=8192)(search_key)


def work_rows(items, procedures: dict[object, Procedure], debtors: DebtorKeys | None = None) -> list[WorkRow]:
    """Rows for `items`, each with its step looked up in the procedure of its claim's kind
    (and `debtors`, whose search texts the rows' search keys read when first searched)."""
    steps = {(nature, s.id): s for nature, p in procedures.items() for s in p.steps}
    return [WorkRow(item, steps.get((item.claim.legal_nature, item.step_id)) if item.step_id else None, debtors)
            for item in items]


class WorklistModel(RowsModel):
    """The worklist's rows as the page filtered them."""

    columns = COLUMNS
    amount_columns = frozenset((BALANCE,))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = clock_today()

    def set_rows(self, rows: list[WorkRow], today: date) -> None:
        """Show `rows` (already in the order wanted), as seen on `today`."""
        self.today = today
        self._set_rows(rows)

    def row(self, row: int) -> WorkRow:
        return self._rows[row]

    def cell_text(self, r: WorkRow, column: int) -> str:
        """What the cell of `r` in `column` shows."""
        return self._text(r, column)

    def sort_key(self, r: WorkRow, column: int):
        """What `column` sorts `r` by: urgency, dates and yen as numbers, the rest as shown."""
        if column == URGENCY:
            return int(r.item.urgency)
        if column == DEADLINE:
            return r.deadline.toordinal()
        if column == BALANCE:
            return r.item.claim.balance
        return self._text(r, column)

    def _text(self, r: WorkRow, column: int) -> str:
        item, claim = r.item, r.item.claim
        if column == URGENCY:
            return item.urgency.label
        if column == DEADLINE:
            if r.since_only:
                days = (self.today - item.due_on).days
                when = self.tr("本日") if days == 0 else self.tr("{0:,}日経過").format(days)
                return self.tr("{0}から（{1}）").format(format_wareki(item.due_on), when)
            return self.tr("{0}（{1}）").format(format_wareki(r.deadline), days_text(r.deadline, self.today))
        if column == WORK:
            return r.work
        if column == REASON:
            return r.reason
        if column == LETTER:
            return r.letter
        if column == CLAIM:
            return claim.claim_id
        if column == DEBTOR:
            return claim.debtor_name
        if column == TYPE:
            return claim.claim_type
        if column == BALANCE:
            return format_amount(claim.balance)
        return ""

    def _data(self, r: WorkRow, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole and column in (URGENCY, DEADLINE):
            color = _COLORS.get(r.item.urgency)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.FontRole and column == URGENCY and r.item.urgency is Urgency.URGENT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, column)
        if role == ItemRole:
            return r
        if role == ClaimIdRole:
            return r.item.claim.claim_id
        if role == ClaimIdsRole:
            return (r.item.claim.claim_id,)
        if role == SortRole:
            return self.sort_key(r, column)
        return None

    def _tooltip(self, r: WorkRow, column: int) -> str | None:
        # Rich text, so that Qt wraps the long sentences of the procedure files.
        if column == WORK:
            what = r.step.what if r.step is not None else work_text(r.item)
            return f"<p>{html.escape(what)}</p>"
        if column == REASON and r.reason:
            return f"<p>{html.escape(r.reason)}</p>"
        if column == DEADLINE and r.item.deadline and r.item.due_on != r.item.deadline:
            return self.tr("{0}から{1}まで").format(format_wareki(r.item.due_on), format_wareki(r.item.deadline))
        if column == LETTER and r.step is not None and r.step.letter and r.step.reply_days is not None:
            return self.tr("納付期限は発送日から{0}日後").format(r.step.reply_days)
        return None
