"""個票 (one sheet per claim type): five fiscal years of the standard summary and the target.

The five years' totals are summed in SQLite in one pass over the money (storage/
summary_years.py), by the summary's rules, and made rows by the same `summary_rows` as
`build_summary`'s (tests hold the two to the yen): five separate summaries read a
million events five times and turned half a million per-claim rows into objects.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from ..domain.budget_order import in_budget_order
from ..domain.dates import check_as_of, fiscal_year_of
from ..domain.errors import REASONS, ClaimDeskError, Refusal
from ..domain.sheets import ClaimTypeSheet, build_sheets, periods
from ..domain.summary import summary_rows
from ..storage.ledger import Ledger
from .budget_order import budget_order
from .cancel import Progress
from .casefile import class_counts
from .clock import today
from .department import require_department
from .files import atomic_output
from .refusals import wrong_output
from .summary_export import ledger_targets
from .targets import sheet_notes_of, target_sets

log = logging.getLogger("claimdesk")

REASONS.update({"no_claim_types": "債権名が登録されていません。個票は債権名ごとに作成します"})

FORMATS = (".pdf", ".xlsx")


def claim_type_sheets(
    ledger: Ledger, fiscal_year: int, as_of: date, *, progress: Progress | None = None,
) -> list[ClaimTypeSheet]:
    """The 個票 data of every claim type: FY-4 … FY (earlier years closed), and FY's target."""
    check_as_of(fiscal_year, as_of)
    chosen = periods(fiscal_year, as_of)
    for p in chosen:
        check_as_of(p.fiscal_year, p.as_of)
    dept = require_department(ledger)
    if progress is not None:  # one SQL statement: before it, and once it is done
        progress(0, len(chosen) + 1)
    # The closed years are kept in the ledger once summed (storage/period_totals.py). The
    # sums (SQLite) run in a thread of their own while the class table (Python) is made here.
    pending = ledger.summary_totals_started([(p.fiscal_year, p.as_of) for p in chosen], today())
    try:
        classes = class_counts(ledger, chosen[-1].as_of)
        totals = pending.result()
    finally:
        pending.abandon()  # (stops them if the class table failed; nothing once they are done)
    claim_types = ledger.claim_types()
    summaries = []
    for i, (period, year) in enumerate(zip(chosen, totals), start=1):
        summaries.append(summary_rows(
            department_code=dept.code, department_name=dept.name, fiscal_year=period.fiscal_year,
            as_of=period.as_of, claim_types=claim_types, totals=year,
            targets=ledger_targets(ledger, period.fiscal_year)))
        if progress is not None:
            progress(i, len(chosen) + 1)
    targets = {t.claim_type: t for t in target_sets(ledger, fiscal_year)}
    sheets = build_sheets(chosen, summaries, targets, sheet_notes_of(ledger, fiscal_year), classes)
    if progress is not None:
        progress(len(chosen) + 1, len(chosen) + 1)
    # The plan's 個票 follow one another in the budget's order, like its tables.
    return in_budget_order(sheets, lambda s: (s.account, s.budget_section, s.claim_type), budget_order(ledger))


def prepare_sheets(ledger: Ledger, on: date | None = None) -> bool:
    """Sum and keep in the ledger what the 個票 of the fiscal year of `on` (today) reads from
    its stores — the closed years and the balances brought in — so that the clerk's first
    個票 does not wait for them (the window runs this in the background after opening).
    Nothing is summed when they are kept and still valid; whether anything was."""
    day = on or today()
    chosen = periods(fiscal_year_of(day), day)
    return ledger.prepare_summary_totals([(p.fiscal_year, p.as_of) for p in chosen], day)


def prepare_sheets_after_import(ledger: Ledger, on: date | None = None) -> bool:
    """`prepare_sheets` once an import (or the demo) has written: a new claim of an earlier
    year, or money booked to one, makes the stores be summed again, so that is done here,
    within the long write the clerk expects to wait for, not at the next 個票. The import
    is done by then: a failure (derived data only) is logged, never raised; whether
    anything was summed."""
    try:
        return prepare_sheets(ledger, on)
    except ClaimDeskError as e:
        log.warning("個票の集計の準備に失敗しました: %s", e)
        return False


def export_sheets(
    ledger: Ledger, fiscal_year: int, as_of: date, output: str | Path, *,
    progress: Progress | None = None,
) -> list[ClaimTypeSheet]:
    """Compute the 個票 and write them to `output` (.pdf or .xlsx, by its suffix).

    As with the summary, `progress` is called only while computing, so cancelling
    leaves no file behind.
    """
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise wrong_output(output, ".pdf または .xlsx")
    sheets = claim_type_sheets(ledger, fiscal_year, as_of, progress=progress)
    if not sheets:
        raise Refusal("claim_type", "no_claim_types")
    with atomic_output(output) as tmp:
        if suffix == ".pdf":
            from ..reports.sheets_pdf import write_sheets_pdf

            write_sheets_pdf(sheets, tmp)
        else:
            from ..reports.sheets_xlsx import write_sheets_xlsx

            write_sheets_xlsx(sheets, tmp)
    return sheets
