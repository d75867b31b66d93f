"""Starting the desktop application: fonts, Japanese translations, error handling."""

from __future__ import annotations

import logging
import shutil
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from ..bundled import fonts_dir, translations_dir
from ..domain.errors import ClaimDeskError
from ..services.failures import describe_failure
from ..services.paths import log_dir
from .error_texts import error_text

log = logging.getLogger("claimdesk")
UI_FONT_FAMILY = "IPAexGothic"


def register_fonts() -> list[str]:
    """Make the bundled IPAex fonts available, so Japanese renders on any machine."""
    families = []
    for path in sorted(fonts_dir().glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own Japanese strings (「キャンセル」…) and ours, if a translation is shipped."""
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_ja", qt_dir), ("claimdesk_ja", str(translations_dir()))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, set up once: Japanese locale, fonts and translations."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("ClaimDesk")
    app.setOrganizationName("ClaimDesk")
    app.setApplicationDisplayName("債権管理デスク")
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    if not getattr(app, "_claimdesk_ready", False):
        families = register_fonts()
        if UI_FONT_FAMILY in families:
            font = QFont(UI_FONT_FAMILY)
            font.setPointSize(max(app.font().pointSize(), 10))
            app.setFont(font)
        app._claimdesk_translators = install_translations(app)
        app._claimdesk_ready = True
    return app


def setup_log_file() -> Path | None:
    """Write warnings and errors to claimdesk.log in the user's log folder."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    path = folder / "claimdesk.log"
    if not any(getattr(h, "baseFilename", None) == str(path) for h in log.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def show_error(parent, error: BaseException, tb: str = "") -> None:
    """A Japanese message box: the clerk's own mistake plainly, anything else with details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if isinstance(error, ClaimDeskError) else QMessageBox.Icon.Critical)
    box.setWindowTitle("債権管理デスク")
    if isinstance(error, ClaimDeskError):
        box.setText(error_text(error))
    elif (message := describe_failure(error)) is not None:  # disk full, read-only, locked …
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(message)
    else:
        where = setup_log_file()
        box.setText("予期しないエラーが発生しました。台帳は変更されていないか、変更の前の状態です。")
        box.setInformativeText(f"詳細はログファイルに記録しました: {where}" if where else "")
        box.setDetailedText(tb or "".join(traceback.format_exception(error)))
    box.exec()


def install_excepthook() -> None:
    """Unexpected errors in the window become a message box and a log entry, not a crash."""
    setup_log_file()

    def hook(kind, value, tb):
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        if QApplication.instance() is not None:
            show_error(QApplication.activeWindow(), value, text)

    sys.excepthook = hook


def run_gui(path: Path, *, first_start_ok: bool = True, temporary: Path | None = None) -> int:
    """Open the main window on the ledger at `path` and run until it is closed.

    `temporary`: a folder (the demo's) removed with everything in it once the window is closed.
    """
    from .main_window import MainWindow

    app = create_app()
    setup_log_file()
    install_excepthook()
    # The window paints first and opens the ledger after (main_window.py): a file that
    # cannot be opened is told then, and the application ends with status 2.
    window = MainWindow(Path(path), after_first_paint=True)

    def failed(error: ClaimDeskError) -> None:
        show_error(None, error)
        window.hide()
        app.exit(2)

    window.openFailed.connect(failed)
    if first_start_ok:
        window.opened.connect(window.welcome_if_needed)
    window.show()
    try:
        status = app.exec()
        window.close_session()  # (already done if the window was closed; needed if the app quit)
        # Imported only now: it loads the storage layer, which the first paint must not wait for.
        from .operations import stop_all

        stop_all()  # no worker outlives the window (a demo's folder is removed next)
        return status
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
