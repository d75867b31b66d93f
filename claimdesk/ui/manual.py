"""ヘルプ → 操作マニュアル (F1): the clerks' manual, offline, opened at the page in front.

The manual is one HTML file with its screenshots, shipped inside the package
(`bundled.manual_dir()`, docs/manual/ in the repository), shown in a QTextBrowser: no
browser, no network, nothing to install. Each page of the window names its section with
a `manual_anchor` attribute; a page without one opens the manual at its contents.

Dialogs too: F1 in a dialog (`add_manual_key`) opens the manual at the dialog's
`manual_anchor`, or else at that of the page it was opened from. A modal dialog blocks
every other window, the main window's manual included, so the dialog gets a manual
window of its own, its child, which the modality leaves usable; it closes with the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ..bundled import manual_dir

CONTENTS = "contents"


class ManualWindow(QDialog):
    """The manual in a window of its own, beside the main window (not modal)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("操作マニュアル — 債権管理デスク"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.missing = QLabel(wordWrap=True)
        self.missing.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.missing)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(960, 680)  # leaves the main window visible at 1366×768
        index = manual_dir() / "index.html"
        if index.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(index)))
        else:  # a broken installation: said plainly, the window still works
            self.missing.setText(self.tr("操作マニュアルのファイルが見つかりません: {0}\n"
                                         "債権管理デスクを再インストールしてください。").format(index))
            self.missing.show()
            self.browser.hide()

    def show_section(self, anchor: str | None) -> None:
        """Show the window, raised, scrolled to `anchor` (the contents when None)."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.scrollToAnchor(anchor or CONTENTS)


def page_anchor(page: QWidget | None) -> str:
    """The manual section of `page`: its `manual_anchor`, or the contents."""
    return getattr(page, "manual_anchor", None) or CONTENTS


def dialog_anchor(dialog: QWidget) -> str:
    """The manual section of `dialog`: its own `manual_anchor`, else the nearest parent's, else the contents."""
    widget: QWidget | None = dialog
    while widget is not None:
        anchor = getattr(widget, "manual_anchor", None)
        if anchor:
            return anchor
        widget = widget.parentWidget()
    return CONTENTS


def show_dialog_manual(dialog: QDialog) -> ManualWindow:
    """The manual at `dialog`'s section, in the dialog's own manual window (made once)."""
    manual = getattr(dialog, "manual_window", None)
    if manual is None:
        manual = ManualWindow(dialog)
        dialog.manual_window = manual  # kept with the dialog it belongs to
    manual.show_section(dialog_anchor(dialog))
    return manual


def add_manual_key(dialog: QDialog) -> QShortcut:
    """F1 in `dialog` opens the manual at its section (see the module's note on modality)."""
    shortcut = QShortcut(QKeySequence("F1"), dialog)
    shortcut.activated.connect(lambda: show_dialog_manual(dialog))
    return shortcut
