"""Excel books whose text stays text: no cell of ours or a clerk's becomes a formula or a link."""

from __future__ import annotations

from pathlib import Path

# XlsxWriter's write() turns "=…" into a formula and "http…" into a link by default; a
# department name or claim type typed as =HYPERLINK(…) must stay what was typed.
SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def new_workbook(path: str | Path):
    """An XlsxWriter workbook at `path` that writes every string as a string."""
    import xlsxwriter  # only needed for these exports

    return xlsxwriter.Workbook(str(path), SAFE_OPTIONS)
