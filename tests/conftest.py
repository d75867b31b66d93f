"""Test setup: Qt runs offscreen; no test touches the user's real data folders."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Point platformdirs' user folders at a temporary home for every test."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("CLAIMDESK_OPERATOR", "テスト担当")
    return home


@pytest.fixture
def ledger_file(tmp_path):
    """A ledger file with two claims and five receipts (tests/ledger_files.py)."""
    from tests.ledger_files import filled_ledger

    return filled_ledger(tmp_path / "ledger.sqlite3")
