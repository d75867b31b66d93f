"""Who writes an entry and when: every row of history carries both."""

from __future__ import annotations

import getpass
import os
from datetime import datetime


def current_operator() -> str:
    """Who makes entries: $CLAIMDESK_OPERATOR, else the OS login name."""
    if name := os.environ.get("CLAIMDESK_OPERATOR", "").strip():
        return name
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name in some service contexts
        return "unknown"


def stamp_text() -> str:
    """The current local time to the microsecond, for changed_at columns.

    The history triggers (m007_imports) take a row whose changed_at did not move for a
    change made outside ClaimDesk, so two of our changes must never share one.
    """
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def now_text() -> str:
    """The current local time as stored in `entered_at` columns (ISO, seconds, offset)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
