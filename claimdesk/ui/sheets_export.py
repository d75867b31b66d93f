"""個票 from the window: the same service as `claimdesk export sheets`, run in a worker.

Five summaries of a large ledger take several seconds, so the work runs on its own
connection with a progress dialog, and the window stays responsive.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain.dates import format_fiscal_year
from ..services.sheets import export_sheets
from .operations import BackgroundOp, on_own_ledger

FILTERS = {".pdf": "PDF ファイル (*.pdf)", ".xlsx": "Excel ブック (*.xlsx)"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("sheets_export", text)


def ask_and_export_sheets(parent: QWidget, session, fiscal_year: int, as_of: date, *,
                         then=None) -> BackgroundOp | None:
    """Ask where (PDF or Excel), then write the 個票 of the year; `then(path)` once written."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    name = _tr("個票_{0}_{1}").format(format_fiscal_year(fiscal_year), f"{as_of:%Y%m%d}") + ".pdf"
    chosen, kind = QFileDialog.getSaveFileName(parent, _tr("個票の出力"), str(folder / name),
                                               ";;".join(FILTERS.values()))
    if not chosen:
        return None
    path = Path(chosen)
    suffix = next((s for s, f in FILTERS.items() if f == kind), ".pdf")
    if path.suffix.lower() not in FILTERS:
        path = path.with_name(path.name + suffix)
    return export_sheets_to(parent, session, fiscal_year, as_of, path, then=then)


def export_sheets_to(parent: QWidget | None, session, fiscal_year: int, as_of: date, path: str | Path, *,
                     then=None) -> BackgroundOp:
    """Write the 個票 of the year to `path` (.pdf or .xlsx) in the background; `then(path)` once written."""
    path = Path(path)

    def work(ledger, progress):
        return export_sheets(ledger, fiscal_year, as_of, path, progress=progress)

    return (BackgroundOp(parent, on_own_ledger(session.path, work))
            .with_progress(_tr("個票の出力"), _tr("5年度分の収納状況を集計しています…"))
            .success(lambda _sheets: then(path) if then is not None else None).run_in_background())
