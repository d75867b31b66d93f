"""経過記録書 (from the debtor page) and 引継書 (ファイル menu): the services the command line uses,
run in a worker on its own connection with a progress dialog, asked where to write first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ..services.casefile import export_casefile, export_handover
from .operations import BackgroundOp, on_own_ledger

PDF = "PDF ファイル (*.pdf)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("casefile_export", text)


def _ask(parent: QWidget, title: str, name: str) -> Path | None:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(folder / name), PDF)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_and_export_casefile(parent: QWidget, session, debtor_id: str, *, then=None) -> BackgroundOp | None:
    """Ask where, then write the debtor's 経過記録書 as of the session's day."""
    as_of = session.today()
    path = _ask(parent, _tr("経過記録書の出力"), _tr("経過記録書_{0}_{1}.pdf").format(debtor_id, f"{as_of:%Y%m%d}"))
    return None if path is None else export_casefile_to(parent, session, debtor_id, as_of, path, then=then)


def export_casefile_to(parent, session, debtor_id: str, as_of: date, path: str | Path, *, then=None) -> BackgroundOp:
    """Write the 経過記録書 in the background; `then(path)` once written."""
    path = Path(path)
    return (BackgroundOp(parent, on_own_ledger(session.path,
                                               lambda ledger, _progress: export_casefile(ledger, debtor_id, as_of, path)))
            .with_progress(_tr("経過記録書の出力"), _tr("債権・交渉記録・文書を集めています…"))
            .success(lambda _data: then(path) if then is not None else None).run_in_background())


def ask_and_export_handover(parent: QWidget, session, *, then=None) -> BackgroundOp | None:
    """Ask where, then write the department's 引継書 as of the session's day."""
    as_of = session.today()
    path = _ask(parent, _tr("引継書の出力"), _tr("引継書_{0}.pdf").format(f"{as_of:%Y%m%d}"))
    return None if path is None else export_handover_to(parent, session, as_of, path, then=then)


def export_handover_to(parent, session, as_of: date, path: str | Path, *, then=None) -> BackgroundOp:
    """Write the 引継書 in the background; `then(path)` once written."""
    path = Path(path)
    return (BackgroundOp(parent, on_own_ledger(session.path, lambda ledger, _progress: export_handover(ledger, as_of, path)))
            .with_progress(_tr("引継書の出力"), _tr("案件・時効・分納・目標を集めています…"))
            .success(lambda _data: then(path) if then is not None else None).run_in_background())
