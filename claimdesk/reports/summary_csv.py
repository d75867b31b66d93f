"""The standard summary as `claimdesk-summary/1` CSV text: the contract other departments read."""

from __future__ import annotations

import csv
import io
from typing import Sequence

from ..domain.summary import COLUMNS, SummaryRow


def summary_csv_text(rows: Sequence[SummaryRow]) -> str:
    """The CSV exactly as the contract has it (header, CRLF), without the BOM."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.as_record())
    return buf.getvalue()
