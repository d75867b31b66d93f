"""The standard summary for the finance department: computed, then written as CSV or xlsx."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Sequence, TypeVar

from ..domain.cells import escape_cell
from ..domain.dates import check_as_of, format_fiscal_year, format_wareki
from ..domain.errors import InvalidValue
from ..domain.summary import CATEGORY_LABELS, COLUMN_LABELS, COLUMNS, SummaryRow, standard_summary
from ..storage.ledger import Ledger
from .cancel import Progress
from .department import require_department
from .files import atomic_output  # noqa: F401  (kept importable from here)
from .targets import target_rates
from .workbooks import close_workbook, new_workbook

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


def summary_csv_text(rows: Sequence[SummaryRow]) -> str:
    """The CSV exactly as the contract has it (header, CRLF), without the BOM."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(escaped(row.as_record()))
    return buf.getvalue()


# The columns a department or clerk typed; the others are numbers, dates or fixed words,
# which stay byte for byte as the contract has them.
TEXT_COLUMNS = ("department_code", "department_name", "account", "budget_section", "claim_type")


def escaped(record: dict[str, str]) -> dict[str, str]:
    """The record with its text cells made safe from spreadsheet formulas."""
    return {k: escape_cell(v) if k in TEXT_COLUMNS else v for k, v in record.items()}


def write_summary_csv(rows: Sequence[SummaryRow], path: str | Path) -> Path:
    """UTF-8 with BOM so Excel on Japanese Windows reads it; CRLF line ends."""
    path = Path(path)
    with atomic_output(path) as tmp:
        tmp.write_bytes(summary_csv_text(rows).encode("utf-8-sig"))
    return path


def write_summary_xlsx(rows: Sequence[SummaryRow], path: str | Path) -> Path:
    """The same figures as the CSV, with Japanese headings and yen formatting."""
    path = Path(path)
    with atomic_output(path) as tmp:
        wb = new_workbook(tmp)
        try:
            _fill_workbook(wb, rows)
        finally:
            close_workbook(wb)
    return path


_AMOUNT_COLUMNS = ("assessed", "collected", "written_off", "refund_unpaid", "outstanding")
_NATURE_LABELS = {"enforced_public": "強制徴収公債権", "public": "非強制徴収公債権", "private": "私債権"}


def _fill_workbook(wb, rows: Sequence[SummaryRow]) -> None:
    ws = wb.add_worksheet("収納状況")
    font = {"font_name": "Yu Gothic", "font_size": 10}
    head = wb.add_format({**font, "bold": True, "bg_color": "#DDEBF7", "border": 1,
                          "text_wrap": True, "valign": "vcenter", "align": "center"})
    text = wb.add_format({**font, "border": 1})
    yen = wb.add_format({**font, "border": 1, "num_format": "#,##0"})
    rate = wb.add_format({**font, "border": 1, "num_format": "0.0"})
    count = wb.add_format({**font, "border": 1, "num_format": "#,##0"})
    total_text = wb.add_format({**font, "border": 1, "bold": True, "bg_color": "#F2F2F2"})
    total_yen = wb.add_format({**font, "border": 1, "bold": True, "bg_color": "#F2F2F2", "num_format": "#,##0"})
    total_rate = wb.add_format({**font, "border": 1, "bold": True, "bg_color": "#F2F2F2", "num_format": "0.0"})

    if rows:
        first = rows[0]
        ws.write_string(0, 0, f"収納状況（{format_fiscal_year(first.fiscal_year)}　"
                       f"{format_wareki(first.as_of)}現在）　{first.department_name}",
                 wb.add_format({**font, "bold": True, "font_size": 12}))
    top = 2
    for col, name in enumerate(COLUMNS):
        ws.write(top, col, COLUMN_LABELS[name], head)
    for i, row in enumerate(rows, start=top + 1):
        is_total = row.category == "total"
        rec = row.as_record()
        for col, name in enumerate(COLUMNS):
            if name in _AMOUNT_COLUMNS:
                ws.write_number(i, col, getattr(row, name), total_yen if is_total else yen)
            elif name == "delinquent_debtors":
                ws.write_number(i, col, row.delinquent_debtors, total_yen if is_total else count)
            elif name in ("collection_rate", "target_rate"):
                value = row.collection_rate if name == "collection_rate" else row.target_rate
                fmt = total_rate if is_total else rate
                if value is None:
                    ws.write_blank(i, col, None, fmt)
                else:
                    ws.write_number(i, col, float(value), fmt)
            elif name == "fiscal_year":
                ws.write_number(i, col, row.fiscal_year, total_text if is_total else text)
            elif name == "category":
                ws.write(i, col, CATEGORY_LABELS[row.category], total_text if is_total else text)
            elif name == "legal_nature":
                ws.write(i, col, _NATURE_LABELS[row.legal_nature], total_text if is_total else text)
            else:
                ws.write_string(i, col, rec[name], total_text if is_total else text)
    ws.set_row(top, 32)
    widths = {"schema": 18, "department_name": 16, "as_of": 11, "account": 14,
              "budget_section": 14, "claim_type": 24, "legal_nature": 15}
    for col, name in enumerate(COLUMNS):
        ws.set_column(col, col, widths.get(name, 12))
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(len(rows), 1), len(COLUMNS) - 1)


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
        raise InvalidValue(f"出力ファイルは .csv または .xlsx にしてください（{output.name}）", "output")
    rows = build_summary(ledger, fiscal_year, as_of, progress=progress)
    if suffix == ".csv":
        write_summary_csv(rows, output)
    else:
        write_summary_xlsx(rows, output)
    return rows
