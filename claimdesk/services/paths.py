"""Where ClaimDesk keeps its files on the clerk's machine (the bundled ones: claimdesk/bundled.py)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "ClaimDesk"
DEFAULT_LEDGER_NAME = "claimdesk.sqlite3"


def data_dir() -> Path:
    """The user's local (not roaming) data folder for ClaimDesk."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_ledger_path() -> Path:
    return data_dir() / DEFAULT_LEDGER_NAME


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
