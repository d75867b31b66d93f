"""The aggregate as `claimdesk-aggregate/1` CSV text: every level's rows, for other tools."""

from __future__ import annotations

import csv
import io

from ..domain.ward_levels import COLUMNS, level_rows
from ..domain.ward_tables import Aggregate


def aggregate_csv_text(agg: Aggregate) -> str:
    """The aggregate as `claimdesk-aggregate/1` CSV text (header, CRLF), without the BOM."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in level_rows(agg):
        writer.writerow(row.as_record())
    return buf.getvalue()
