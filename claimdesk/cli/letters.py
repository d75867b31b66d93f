"""Sub-commands for letters: a batch as one PDF, and the letters' settings."""

from __future__ import annotations

import sys

from ..domain.errors import ClaimDeskError
from .common import open_ledger


def cmd_letters(args) -> int:
    from ..services.letters import render_batch

    ids = args.claims.replace("、", ",").split(",") if args.claims is not None else None
    with open_ledger(args, create=False) as ledger:
        batch = render_batch(ledger, args.kind, args.output, args.as_of, claim_ids=ids, due=args.due,
                             instalments=args.instalments, first_due=args.first_due)
    for claim_id, why in batch.skipped:
        print(f"claimdesk: {claim_id}: {why}（この債権の文書は作成していません）", file=sys.stderr)
    print(f"{args.output} に出力しました（{args.kind.label} {len(batch.letters)}通、{batch.pages}ページ）")
    return 0


def cmd_letter_settings(args) -> int:
    from ..services.letter_settings import SETTINGS, letter_settings, set_letter_settings

    with open_ledger(args) as ledger:
        if args.values:
            pairs = [v.partition("=") for v in args.values]
            if any(not sep for _, sep, _ in pairs):
                raise ClaimDeskError("設定は KEY=VALUE の形で指定してください（claimdesk letter-settings で一覧）")
            set_letter_settings(ledger, {key.strip(): value for key, _, value in pairs})
            print(f"文書の設定を保存しました: {', '.join(key.strip() for key, _, _ in pairs)}")
            return 0
        stored = letter_settings(ledger).values
        for key, (default, _, what) in SETTINGS.items():
            value = stored.get(key) or f"{default}（既定）"
            print(f"{key}={value}\t# {what}")
    return 0


COMMANDS = {"letters": cmd_letters, "letter-settings": cmd_letter_settings}
