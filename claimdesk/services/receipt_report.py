"""The reconciliation report of receipt files saved as PDF or xlsx (by the output's suffix)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..domain.errors import REASONS, Refusal
from ..domain.reconciliation import TakenFile
from ..storage.ledger import Ledger
from .files import atomic_output

FORMATS = (".pdf", ".xlsx")

REASONS.update({"report_suffix": "照合結果の出力先は .pdf か .xlsx です（{name}）"})


def save_reconciliation(ledger: Ledger, files: list[TakenFile], output: str | Path) -> Path:
    """Write the reconciliation of `files` to `output` (.pdf or .xlsx), atomically."""
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise Refusal("report", "report_suffix", name=output.name)
    with atomic_output(output) as tmp:
        if suffix == ".pdf":
            from ..reports.reconciliation_pdf import write_reconciliation_pdf

            write_reconciliation_pdf(files, datetime.now(), ledger.operator, tmp)
        else:
            from ..reports.reconciliation_xlsx import write_reconciliation_xlsx

            write_reconciliation_xlsx(files, datetime.now(), ledger.operator, tmp)
    return output
