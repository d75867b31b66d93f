"""Excel books whose text stays text: no cell of ours or a clerk's becomes a formula or a link."""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from pathlib import Path

log = logging.getLogger(__name__)

# XlsxWriter's write() turns "=…" into a formula and "http…" into a link by default; a
# department name or claim type typed as =HYPERLINK(…) must stay what was typed.
SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def new_workbook(path: str | Path):
    """An XlsxWriter workbook at `path` that writes every string as a string."""
    import xlsxwriter  # only needed for these exports

    return xlsxwriter.Workbook(str(path), SAFE_OPTIONS)


def close_workbook(wb) -> None:
    """Write the book out; a failure is raised as the OSError it is (disk full, read-only).

    XlsxWriter wraps it in FileCreateError and leaves the book open, whose destructor then
    prints a traceback on the clerk's screen: marked closed, it no longer does.
    """
    from xlsxwriter.exceptions import FileCreateError

    try:
        wb.close()
    except FileCreateError as e:
        wb.fileclosed = True
        cause = e.args[0] if e.args and isinstance(e.args[0], OSError) else OSError(str(e))
        failure = OSError(cause.errno, cause.strerror, cause.filename)
        _release_quietly(e, cause)
        raise failure from None


def _release_quietly(*errors: BaseException) -> None:
    """Let go of the half-written zip file the failed close left in its frames, now.

    Left to the garbage collector, its destructor tries to flush into the full disk
    again and Python prints that second failure's traceback on the clerk's screen.
    """
    muted = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: log.debug("ignored on close: %s", unraisable.exc_value)
    try:
        for error in errors:
            if error.__traceback__ is not None:
                traceback.clear_frames(error.__traceback__)
            error.__traceback__ = None
            error.__context__ = None
        del errors
        gc.collect()
    finally:
        sys.unraisablehook = muted


A4 = 9  # XlsxWriter's paper index for A4


def page_setup(ws, *, landscape: bool, title_rows: tuple[int, int] | None = None) -> None:
    """Print `ws` on A4, one page wide, its header rows on every page, numbered at the foot.

    Without it Excel prints on the printer's default paper at 100 %, and a wide table
    runs over several pages with its figures separated from their labels.
    """
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as the rows need
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if title_rows is not None:
        ws.repeat_rows(*title_rows)
    ws.set_footer("&C&P / &N ページ", {"margin": 0.25})
