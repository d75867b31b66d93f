"""ヘルプ → 操作マニュアル (F1): the clerks' manual, offline, opened at the page in front.

The manual is one HTML file with its screenshots, shipped inside the package
(`bundled.manual_dir()`, docs/manual/ in the repository), shown in a QTextBrowser: no
browser, no network, nothing to install. Each page of the window names its section with
a `manual_anchor` attribute; a page without one opens the manual at its contents.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
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
