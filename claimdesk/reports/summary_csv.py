"""The standard summary as `claimdesk-summary/1` CSV text: the contract other departments read."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..domain.cells import escape_cell
from ..domain.summary import COLUMNS, SummaryRow


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
