"""Sub-commands for letters: a batch as one PDF, and the letters' settings."""

from __future__ import annotations

import sys

from . import letter_texts
from .common import EXIT_USER_ERROR, open_ledger, setting_pairs


def _print(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def cmd_letters(args) -> int:
    from ..domain.payment_slips import SlipKind
    from ..services.letter_settings import LetterSettingsMissing, setting_name
    from ..services.letters import LettersRefused, NothingToSend, render_batch
    from ..services.slip_batches import render_slip_batch

    ids = args.claims.replace("、", ",").split(",") if args.claims is not None else None
    try:
        with open_ledger(args, create=False) as ledger:
            if args.kind is SlipKind.PAYMENT_SLIP:
                batch = render_slip_batch(ledger, args.output, args.as_of, claim_ids=ids, due=args.due,
                                          strict=ids is not None)
            else:
                batch = render_batch(ledger, args.kind, args.output, args.as_of, claim_ids=ids, due=args.due,
                                     instalments=args.instalments, first_due=args.first_due,
                                     strict=ids is not None, with_payment_slip=args.with_payment_slip)
    except LetterSettingsMissing as e:
        _print(letter_texts.settings_missing(e.keys, setting_name))
        return EXIT_USER_ERROR
    except (LettersRefused, NothingToSend) as e:
        _print(letter_texts.refused(args.kind.label, e.refused if isinstance(e, LettersRefused) else e.skipped))
        return EXIT_USER_ERROR
    _print(letter_texts.skipped(batch.skipped))
    slips = sum(len(r.slips) for r in batch.letters)
    if args.kind is SlipKind.PAYMENT_SLIP:
        what = f"納付書 {slips}枚（{len(batch.letters)}人あて）"
    else:
        what = f"{args.kind.label} {len(batch.letters)}通" + (f"、同封の納付書 {slips}枚" if slips else "")
    print(f"{args.output} に出力しました（{what}、{batch.pages}ページ）")
    return 0


def cmd_letter_settings(args) -> int:
    from ..services.letter_settings import REQUIRED, SETTINGS, letter_settings, set_letter_settings

    with open_ledger(args) as ledger:
        if args.values:
            pairs = setting_pairs(args.values, "letter-settings")
            set_letter_settings(ledger, pairs)
            print(f"文書の設定を保存しました: {', '.join(pairs)}")
            return 0
        stored = letter_settings(ledger).values
        for key, (default, _, what) in SETTINGS.items():
            value = stored.get(key) or (f"{default}（既定）" if default else
                                        "（未設定・文書に必須）" if key in REQUIRED else "（未設定）")
            print(f"{key}={value}\t# {what}")
    return 0


COMMANDS = {"letters": cmd_letters, "letter-settings": cmd_letter_settings}
