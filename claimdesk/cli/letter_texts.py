"""How `claimdesk letters` words a batch refused or partly made: a line per claim, then the outcome.

The services return the claims and why (`Unsendable`), the settings missing by key; these
are the exact lines scripts have seen so far (tests/cli check them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..domain.letter_rules import Unsendable


def settings_missing(keys: Sequence[str], name) -> list[str]:
    """The settings still to be set (`name` gives a key's Japanese name), then how to set them."""
    return [f"claimdesk: 文書の設定 {key}（{name(key)}）がされていません" for key in keys] + [
        "claimdesk: 設定するまで文書は作成しません。claimdesk letter-settings KEY=VALUE で設定してください"
        f"（例: claimdesk letter-settings {keys[0]}=…）"]


def refused(kind: str, rows: Iterable[tuple[str, Unsendable]]) -> list[str]:
    """No letter made: each claim of the batch that could not have one, then that nothing was written."""
    return [f"claimdesk: {claim_id}: {why.label}（{kind}は作成できません）" for claim_id, why in rows] + [
        f"claimdesk: {kind}は作成しませんでした（ファイルは書いていません）"]


def skipped(rows: Iterable[tuple[str, Unsendable]]) -> list[str]:
    """The batch was made without these claims' letters."""
    return [f"claimdesk: {claim_id}: {why.label}（この債権の文書は作成していません）" for claim_id, why in rows]
