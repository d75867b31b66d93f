"""The safety sub-commands of `claimdesk`: backup, restore, check.

One module of the cli/ package, like casework.py. Exit status 0 when done or sound, 2 when
refused or when `check` found a problem (each on its own line on stdout).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import ledger_path, open_ledger

EXIT_PROBLEMS = 2


def add_integrity_commands(sub, db_option) -> None:
    """Add backup, restore and check to the `claimdesk` parser."""
    b = sub.add_parser("backup", parents=[db_option],
                       help="台帳のバックアップを作成（書込み中でも整合したコピー）。--list で一覧")
    b.add_argument("--output", type=Path, metavar="FILE",
                   help="出力ファイル（既定: バックアップフォルダの NAME.manual-日時.sqlite3）")
    b.add_argument("--list", action="store_true", help="バックアップの一覧（日時・大きさ・最新の記録）")
    b.add_argument("--folder", metavar="DIR",
                   help="バックアップフォルダを設定（空文字で既定の 台帳と同じ場所の backups/）")

    r = sub.add_parser("restore", parents=[db_option],
                       help="バックアップから復元（点検に通ったものだけ。元の台帳は NAME.before-restore-日時 で保存）")
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument("file", type=Path, nargs="?", metavar="FILE", help="バックアップファイル")
    which.add_argument("--newest-good", action="store_true",
                       help="バックアップフォルダで点検に通る最新のものから復元")

    sub.add_parser("check", parents=[db_option],
                   help="台帳の点検（整合性・参照・トリガー・累計額・ハッシュチェーン）。問題があれば終了コード2")


def cmd_backup(args) -> int:
    from ..domain.backups import format_newest_entry, format_size
    from ..domain.dates import format_wareki_time
    from ..services.backups import backup_folder, list_backups, make_backup, set_backup_folder

    with open_ledger(args, create=False) as ledger:
        if args.folder is not None:
            print(f"バックアップフォルダ: {set_backup_folder(ledger, args.folder)}")
            return 0
        if args.list:
            entries = list_backups(ledger)
            for e in entries:
                kind = "自動" if e.kind == "auto" else "手動"
                newest = format_newest_entry(e.newest_entry) or "（記録なし）"
                print(f"{format_wareki_time(e.taken_at, seconds=True)}\t{kind}\t{format_size(e.size)}\t最新の記録 {newest}\t{e.path}")
            if not entries:
                print(f"バックアップはありません（{backup_folder(ledger)}）")
            return 0
        made = make_backup(ledger, args.output)
    print(f"バックアップを作成しました: {made}")
    return 0


def cmd_restore(args) -> int:
    from ..services.backups import RestoreFailed, restore
    from ..storage.ledger import current_operator

    ledger = ledger_path(args)
    backup = args.file
    if args.newest_good:
        backup = _newest_good(args)
        if backup is None:
            return EXIT_PROBLEMS
        print(f"点検に通る最新のバックアップ: {backup}")
    try:
        kept = restore(ledger, backup, current_operator())
    except RestoreFailed as failed:
        for problem in failed.problems:
            print(problem.text(), file=sys.stderr)
        print(f"claimdesk: {failed}", file=sys.stderr)
        return EXIT_PROBLEMS
    if kept is not None:
        print(f"元の台帳を保存しました: {kept}")
    print(f"バックアップから復元しました: {backup} → {ledger}")
    return 0


def _newest_good(args) -> Path | None:
    from ..services.backups import backup_folder, newest_good_backup

    with open_ledger(args, create=False) as ledger:
        good = newest_good_backup(ledger)
        folder = backup_folder(ledger)
    if good is None:
        print(f"claimdesk: 点検に通るバックアップがありません（{folder}）。台帳は変更していません。", file=sys.stderr)
        return None
    return good.path


def cmd_check(args) -> int:
    from ..domain.integrity import summary_line
    from ..services.backups import check_ledger
    from ..storage.migrate import LedgerFileError

    try:
        with open_ledger(args, create=False) as ledger:
            problems = check_ledger(ledger)
    except LedgerFileError as e:
        print(f"ファイルの損傷: {e}")
        print("台帳を開けません")
        return EXIT_PROBLEMS
    for problem in problems:
        print(problem.text())
    print(summary_line(problems))
    return EXIT_PROBLEMS if problems else 0


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "check": cmd_check}

__all__ = ["add_integrity_commands", "COMMANDS"]
