"""The standard summary for the finance department: computed, then written as CSV or xlsx."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from ..domain.budget_order import DEFAULT_ORDER
from ..domain.dates import check_as_of
from ..domain.summary import SummaryRow, standard_summary
from ..reports import summary_xlsx
from ..reports.summary_csv import summary_csv_text
from ..storage.ledger import Ledger
from .budget_order import budget_order
from .cancel import Progress
from .department import require_department
from .files import atomic_output
from .refusals import wrong_output
from .targets import target_rates

FORMATS = (".csv", ".xlsx")
PROGRESS_STEP = 10_000  # claims between reports: a large ledger takes a few seconds
T = TypeVar("T")


def build_summary(
    ledger: Ledger, fiscal_year: int, as_of: date, *, progress: Progress | None = None,
) -> list[SummaryRow]:
    """The standard summary rows of `ledger` for FY as of the given date."""
    check_as_of(fiscal_year, as_of)
    dept = require_department(ledger)
    figures = ledger.summary_figures(fiscal_year, as_of)
    if progress is not None:
        figures = _reported(figures, ledger.claim_count(), progress)
    return standard_summary(
        department_code=dept.code,
        department_name=dept.name,
        fiscal_year=fiscal_year,
        as_of=as_of,
        claim_types=ledger.claim_types(),
        figures=figures,
        targets=ledger_targets(ledger, fiscal_year),
    )


def _reported(items: Iterable[T], total: int, progress: Progress) -> Iterator[T]:
    """Pass `items` through, reporting every PROGRESS_STEP of them (total: an upper bound)."""
    progress(0, total)
    for n, item in enumerate(items, start=1):
        if n % PROGRESS_STEP == 0:
            progress(min(n, total), total)
        yield item
    progress(total, total)


def ledger_targets(ledger: Ledger, fiscal_year: int) -> dict:
    """Target rates in force per (claim type, category), for the summary's target_rate."""
    return target_rates(ledger, fiscal_year)


def write_summary_csv(rows: Sequence[SummaryRow], path: str | Path) -> Path:
    """UTF-8 with BOM so Excel on Japanese Windows reads it; CRLF line ends."""
    path = Path(path)
    with atomic_output(path) as tmp:
        tmp.write_bytes(summary_csv_text(rows).encode("utf-8-sig"))
    return path


def write_summary_xlsx(rows: Sequence[SummaryRow], path: str | Path,
                       order: Sequence[str] = DEFAULT_ORDER) -> Path:
    """The summary as an Excel book at `path` (claim types in budget `order`), atomically."""
    path = Path(path)
    with atomic_output(path) as tmp:
        summary_xlsx.write_summary_xlsx(rows, tmp, order)
    return path


def export_summary(
    ledger: Ledger, fiscal_year: int, as_of: date, output: str | Path, *,
    progress: Progress | None = None,
) -> list[SummaryRow]:
    """Compute the summary and write it to `output` (.csv or .xlsx, by its suffix).

    `progress` is called while the figures are computed, never once writing began, so a
    callback that raises to cancel leaves no file behind.
    """
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise wrong_output(output, ".csv または .xlsx")
    rows = build_summary(ledger, fiscal_year, as_of, progress=progress)
    if suffix == ".csv":
        write_summary_csv(rows, output)
    else:
        write_summary_xlsx(rows, output, budget_order(ledger))
    return rows
