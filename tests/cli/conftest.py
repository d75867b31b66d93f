"""Fixtures the command-line tests share."""

# The ledger of test_letters_cli (debtor D1 with claims A and B of 12,000円), for the 納付書 tests too.
from tests.cli.test_letters_cli import db  # noqa: F401
