"""The one place ClaimDesk asks what day it is.

Every "today" (entry checks, the worklist, the register's balances, a letter's issue
date by default) comes from `today()`, so a training ledger or a test can set the day
with the environment variable CLAIMDESK_TODAY=YYYY-MM-DD and every view agrees on it.
Entry timestamps (who entered what, when) keep the real clock: they record the act.
"""

from __future__ import annotations

import os
import re
from datetime import date

from ..domain.errors import ClaimDeskError

ENV = "CLAIMDESK_TODAY"


class InvalidToday(ClaimDeskError):
    """CLAIMDESK_TODAY is set but is not a date."""


def today() -> date:
    """Today's date: CLAIMDESK_TODAY if set (YYYY-MM-DD), else the computer's date."""
    text = os.environ.get(ENV, "").strip()
    if not text:
        return date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidToday(f"環境変数 {ENV} は YYYY-MM-DD の日付で指定してください（{text}）") from None


def check_today() -> None:
    """Raise InvalidToday at start-up rather than in the middle of some work."""
    today()
