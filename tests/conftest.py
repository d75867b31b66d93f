"""Test setup: Qt runs offscreen; no test touches the user's real data folders."""

import atexit
import logging
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

_USER_DIRS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")

# Module- and session-scoped fixtures run before each test's own folders below are set:
# they too get a temporary home (a command run there would log to the user's real log).
_SESSION_HOME = tempfile.mkdtemp(prefix="claimdesk-tests-")
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
for _var in _USER_DIRS:
    os.environ[_var] = os.path.join(_SESSION_HOME, _var.lower())


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Point platformdirs' user folders at a temporary home for every test."""
    home = tmp_path_factory.mktemp("home")
    for var in _USER_DIRS:
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("CLAIMDESK_OPERATOR", "テスト担当")
    logger = logging.getLogger("claimdesk")
    handlers = list(logger.handlers)
    outside = [h for h in handlers if isinstance(h, logging.FileHandler)
               and not h.baseFilename.startswith((_SESSION_HOME, str(tmp_path_factory.getbasetemp())))]
    assert not outside, f"a log file outside the tests' homes: {outside}"
    yield home
    # A log file a test opened (the window's, a command's) is its own: closed, not inherited.
    for handler in logger.handlers[:]:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()


SENDER = {"letter_municipality": "みどり区", "letter_issuer": "みどり区長 緑川 一郎",
          "letter_contact": "電話 03-5432-0000"}


@pytest.fixture
def letters_ready():
    """Give a ledger the settings without which letters are refused (issuer, contact …)."""
    from claimdesk.services.letter_settings import set_letter_settings

    def ready(ledger, **more):
        set_letter_settings(ledger, SENDER | more)
        return ledger

    return ready


@pytest.fixture
def ledger_file(tmp_path):
    """A ledger file with two claims and five receipts (tests/ledger_files.py)."""
    from tests.ledger_files import filled_ledger

    return filled_ledger(tmp_path / "ledger.sqlite3")


@pytest.fixture
def rent_ledger(tmp_path, letters_ready):
    """A department's ledger file ready for letters: 山田 太郎 owes two months of 区営住宅使用料
    (A: April, B: May, 40,000円 each; private claims)."""
    from datetime import date

    from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
    from claimdesk.storage.ledger import Ledger

    rent = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
    with Ledger.open(tmp_path / "dept" / "ledger.sqlite3") as led:
        letters_ready(led)
        led.add_claim_type(rent)
        led.save_debtor(Debtor("D1", "山田 太郎", address="東京都世田谷区三宿3-6-1"))
        led.add_claims([Claim("A", "D1", rent.name, 2026, date(2026, 4, 1), 40_000, date(2026, 4, 30)),
                        Claim("B", "D1", rent.name, 2026, date(2026, 5, 1), 40_000, date(2026, 5, 31))])
        yield led
