"""The pieces the claim page and the debtor page are built from, so the two read alike.

Both open with a heading on the left and one big amount on the right (the claim's
balance, the debtor's total), list their facts as captioned labels, show a list as a
read-only table and open entry dialogs window-modal.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def value_label() -> QLabel:
    """A fact as plain text the clerk can mark and copy with the mouse (an address, a number)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _bold(page: QWidget, scale: float) -> QFont:
    # From the page's own font, so the sizes follow whatever font the application chose.
    font = QFont(page.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


def heading_label(page: QWidget) -> QLabel:
    """The page's heading: bold, 1.4 times the page's font."""
    label = QLabel()
    label.setFont(_bold(page, 1.4))
    return label


def amount_caption(text: str) -> QLabel:
    """The small caption over the big amount (「現在の残高」)."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignRight)
    return label


def amount_label(page: QWidget) -> QLabel:
    """The amount the page is about, read at a glance: bold, twice the page's font."""
    label = QLabel()
    label.setFont(_bold(page, 2))
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def headline(heading: QLabel, caption: QLabel, amount: QLabel) -> QHBoxLayout:
    """The top line: the heading on the left, the captioned amount on the right."""
    box = QVBoxLayout()
    box.setSpacing(0)
    box.addWidget(caption)
    box.addWidget(amount)
    top = QHBoxLayout()
    top.addWidget(heading, 1, Qt.AlignmentFlag.AlignTop)
    top.addLayout(box)
    return top


def facts_form(rows, values: dict[str, QLabel],
               widgets: dict[str, QWidget] | None = None) -> QFormLayout:
    """A form of (key, caption) rows, each a value_label put in `values[key]` for refresh
    to fill; `widgets` puts another widget (a link to the debtor) in place of a key's label."""
    form = QFormLayout()
    form.setVerticalSpacing(2)  # facts read as a block; the page must fit 1366×768
    for key, caption in rows:
        if widgets and key in widgets:
            form.addRow(caption, widgets[key])
        else:
            values[key] = value_label()
            form.addRow(caption, values[key])
    return form


def rule() -> QFrame:
    """A sunken horizontal line between the facts and the list."""
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def rows_view(model: QAbstractItemModel, stretch_column: int) -> QTableView:
    """A read-only table of whole rows, one selected at a time; `stretch_column` takes the
    width the others leave."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


def open_dialog(dialog: QDialog) -> QDialog:
    """Open `dialog` window-modal, to be deleted when it closes; returns it."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
