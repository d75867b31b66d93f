"""What every `claimdesk` sub-command shares: the parser's error form, argument types, the ledger."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.errors import ClaimDeskError

EXIT_USER_ERROR = 2


class Parser(argparse.ArgumentParser):
    """argparse with the command line's one-line error form and exit status 2."""

    def error(self, message: str):  # one line, not argparse's usage block
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message}（{self.prog} --help で使い方を表示）\n")


def fiscal_year_arg(text: str) -> int:
    """A fiscal year argument (2026, 令和8年度, R8)."""
    from ..domain.dates import parse_fiscal_year  # not needed to open the window (start-up)

    try:
        return parse_fiscal_year(text)
    except ClaimDeskError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def date_arg(text: str):
    """A date argument (ISO or 和暦)."""
    from ..domain.dates import parse_date

    try:
        return parse_date(text)
    except ClaimDeskError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def letter_kind_arg(text: str):
    """A letter kind argument (demand, reminder, …, or payment_slip: 納付書 alone)."""
    from ..domain.letters import parse_letter_kind
    from ..domain.payment_slips import SlipKind

    if text.strip() in (SlipKind.PAYMENT_SLIP.value, SlipKind.PAYMENT_SLIP.label):
        return SlipKind.PAYMENT_SLIP
    try:
        return parse_letter_kind(text)
    except ClaimDeskError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def ledger_path(args) -> Path:
    """The ledger file: --db, else the user's data folder."""
    from ..services.paths import default_ledger_path

    return getattr(args, "db", None) or default_ledger_path()


def open_ledger(args, *, create: bool = False):
    """Open the ledger the command names, telling on stderr when it was upgraded.

    Only `department --code/--name` and `demo` may create one: a mistyped --db must not
    become a new, empty ledger that an import then fills.
    """
    from ..storage.ledger import Ledger

    path = ledger_path(args)
    if not create and not path.exists():
        raise ClaimDeskError(f"台帳ファイルがありません: {path}（新しい台帳は claimdesk department "
                             "--db PATH --code コード --name 所管課名 で作成します）")
    ledger = Ledger.open(path, create=create)
    ledger.set_busy_listener(lambda why: print(f"claimdesk: {why}", file=sys.stderr))
    if ledger.backup_path:
        print(f"台帳を新しい形式に更新しました。更新前の控え: {ledger.backup_path}", file=sys.stderr)
    return ledger


def setting_pairs(values: list[str], command: str) -> dict[str, str]:
    """`KEY=VALUE` arguments of a settings command as a mapping; anything else is refused."""
    pairs = [v.partition("=") for v in values]
    if any(not sep or not key.strip() for key, sep, _ in pairs):
        raise ClaimDeskError(f"設定は KEY=VALUE の形で指定してください（claimdesk {command} で一覧）")
    return {key.strip(): value for key, _, value in pairs}
