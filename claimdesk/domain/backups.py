"""Which backups to keep: the newest of each recent day, week and month.

Defaults: 7 daily, 4 weekly, 12 monthly (ledger settings backup_keep_*). A backup is
kept if it is the newest of one of the `daily` most recent days that have backups, of
one of the `weekly` most recent ISO weeks, or of one of the `monthly` most recent months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

DEFAULT_KEEP = {"daily": 7, "weekly": 4, "monthly": 12}
_STAMP = re.compile(r"(\d{8}-\d{6})")


def backup_stamp(name: str) -> datetime | None:
    """The time in a backup file's name (NAME.auto-YYYYMMDD-HHMMSS.sqlite3), if any."""
    found = _STAMP.search(name)
    if not found:
        return None
    try:
        return datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def to_keep(stamps: Iterable[datetime], daily: int = 7, weekly: int = 4, monthly: int = 12) -> set[datetime]:
    """The backups (by time) that the rotation keeps; every other one may go."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    for count, period in ((daily, lambda t: t.date()),
                          (weekly, lambda t: t.isocalendar()[:2]),
                          (monthly, lambda t: (t.year, t.month))):
        seen: list[object] = []
        for t in newest_first:
            p = period(t)
            if p in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(p)
            keep.add(t)
    return keep


def format_size(size: int) -> str:
    """A file size as a clerk reads it: 12.3 MB, 850 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):,.1f} MB"
    return f"{max(1, round(size / 1024)):,} KB"


def format_newest_entry(text: str) -> str:
    """The newest entry's time in a backup ('2026-11-30T10:05:00') as 和暦, '' if none."""
    from .dates import format_wareki, format_wareki_time

    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text[:19])
    except ValueError:
        return text[:16].replace("T", " ")
    return format_wareki_time(moment) if "T" in text or " " in text else format_wareki(moment.date())
