"""設定 → 予算の順: the order in which reports list 会計, 款 and 債権名 (services/budget_order.py).

One ordered list, as the budget book has it: a clerk adds a name (the ledger's names are
offered as they type, or all at once), and moves it with 上へ / 下へ. A name the list
cannot take (a 「、」 in it, twice on the list) is refused as it is typed; a name typed
but not added keeps OK disabled, so nothing the clerk typed is dropped unsaid.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ...domain.budget_order import DEFAULT_ORDER
from ...domain.errors import InvalidValue
from ...services.budget_order import budget_names, budget_order, check_budget_name, set_budget_order
from ..error_texts import reason_text
from ..fields import TextField
from .tab import SettingsTab

UNKNOWN_TIP = "この台帳の債権の種類にはまだない名前です（誤りでなければ、そのままで構いません）"
LEVELS = ("会計", "款", "債権名")
NAME = Qt.ItemDataRole.UserRole  # the name itself; the text adds its level for the eye


class BudgetOrderTab(SettingsTab):
    """The budget order as a list with 追加, 上へ, 下へ, 削除."""

    title = "予算の順"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        ledger = session.ledger
        self.known = budget_names(ledger)
        self.stored = budget_order(ledger)
        intro = QLabel(self.tr(
            "収納状況・各課集計・個票の表は、会計・款・債権名をこの順に並べます（予算書の款項の順）。"
            "一覧にない名前は、その後に台帳に現れた順で並びます。一覧を空にすると既定（一般会計が先頭）に戻ります。"
            "財政課へ提出するCSVの行の順は変わりません。"))
        intro.setWordWrap(True)
        self.names = QListWidget()
        self.names.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)  # or drag with the mouse
        for name in self.stored:
            self._add_item(name)
        self.up_button = QPushButton(self.tr("上へ"))
        self.down_button = QPushButton(self.tr("下へ"))
        self.remove_button = QPushButton(self.tr("削除"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button.clicked.connect(self.remove_current)
        self.name = TextField(required=False, check=self._name_problem)
        self.name.setPlaceholderText(self.tr("会計・款・債権名（例: 国民健康保険事業会計）"))
        completer = QCompleter(list(self.known), self.name)  # the ledger's names as they type
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.add_button = QPushButton(self.tr("追加"))
        self.add_button.clicked.connect(self.add_typed)
        self.name.returnPressed.connect(self.add_typed)
        self.all_button = QPushButton(self.tr("台帳の名前をすべて並べる"))
        self.all_button.setToolTip(self.tr("この台帳の会計・款・債権名のうち一覧にないものを、いまの並びで末尾に加えます"))
        self.all_button.clicked.connect(self.add_known)
        self.name.validity_changed.connect(self._update)
        self.name.textChanged.connect(self._update)
        self.names.currentRowChanged.connect(self._update)
        self.names.model().rowsMoved.connect(self._update)

        side = QVBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button):
            side.addWidget(b)
        side.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.names, 0, 0)
        grid.addLayout(side, 0, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.all_button)
        grid.addLayout(add_row, 1, 0, 1, 2)
        grid.addWidget(self.name.message_label, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        if ledger.read_only_reason:
            for widget in (self.names, self.name, self.add_button, self.all_button):
                widget.setEnabled(False)
        self._update()

    def order(self) -> list[str]:
        """The names as the list shows them, top first."""
        return [self.names.item(i).data(NAME) for i in range(self.names.count())]

    def _add_item(self, name: str) -> None:
        level = self.known.get(name)
        item = QListWidgetItem(f"{name}　（{self.tr(LEVELS[level]) if level is not None else self.tr('台帳にない名前')}）")
        item.setData(NAME, name)
        if level is None:
            item.setToolTip(self.tr(UNKNOWN_TIP))
            item.setForeground(self.palette().placeholderText())
        self.names.addItem(item)

    def _name_problem(self, text: str) -> str | None:
        if not text.strip():
            return None
        try:
            check_budget_name(self.order(), text)
        except InvalidValue as e:
            return reason_text(e)
        return None

    def add_typed(self) -> bool:
        """Add the typed name at the end of the list (refused names stay, with the reason)."""
        if not self.name.text().strip() or self.name.error():
            return False
        self._add_item(check_budget_name(self.order(), self.name.text()))
        self.names.setCurrentRow(self.names.count() - 1)
        self.name.clear()
        self._update()
        return True

    def add_known(self) -> list[str]:
        """Append the ledger's names not yet on the list, in the order the reports use now."""
        added = [name for name in self.known if name not in self.order()]
        for name in added:
            self._add_item(name)
        self.name.revalidate()  # a name typed may now be on the list
        self._update()
        return added

    def move(self, step: int) -> None:
        """Move the chosen name up (-1) or down (+1)."""
        row = self.names.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.names.count():
            return
        item = self.names.takeItem(row)
        self.names.insertItem(target, item)
        self.names.setCurrentRow(target)

    def remove_current(self) -> None:
        """Take the chosen name off the list."""
        row = self.names.currentRow()
        if row >= 0:
            self.names.takeItem(row)
            self.name.revalidate()
            self._update()

    def _update(self, *_args) -> None:
        row, count = self.names.currentRow(), self.names.count()
        writable = not self.session.ledger.read_only_reason
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < count - 1)
        self.remove_button.setEnabled(writable and row >= 0)
        self.add_button.setEnabled(writable and bool(self.name.text().strip()) and not self.name.error())
        self.all_button.setEnabled(writable and any(n not in self.order() for n in self.known))
        self._emit_validity()

    def problems(self) -> list[str]:
        typed = self.name.text().strip()
        if not typed:
            return []
        reason = self.name.error() or self.tr("［追加］を押すか、消してください")
        return [self.tr("追加していない名前 {0}: {1}").format(typed, reason)]

    def save(self) -> bool:
        order = tuple(self.order())
        if order != self.stored and not (not order and self.stored == DEFAULT_ORDER):
            set_budget_order(self.session.ledger, order)
        return True

    def saved(self) -> None:
        self.stored = budget_order(self.session.ledger)
