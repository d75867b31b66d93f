"""Sub-commands that set up a ledger: department, import, demo; and the window itself."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ..domain.errors import ClaimDeskError
from .common import EXIT_USER_ERROR, ledger_path, open_ledger
from .texts import reason


def cmd_department(args) -> int:
    from ..services.department import get_department, set_department

    with open_ledger(args, create=args.code is not None and args.name is not None) as ledger:
        if args.code is None and args.name is None:
            dept = get_department(ledger)
            print(f"所管課コード: {dept.code or '（未設定）'}\n所管課名: {dept.name or '（未設定）'}")
            return 0
        if args.code is None or args.name is None:
            raise ClaimDeskError("--code と --name を両方指定してください")
        dept = set_department(ledger, args.code, args.name)
        print(f"所管課を設定しました: {dept.code} {dept.name}")
    return 0


def cmd_import(args) -> int:
    from .imports import import_batches_command

    if args.history or args.reverse is not None:
        return import_batches_command(args)
    from ..services.import_batches import AlreadyImported
    from ..services.importer import ImportFailed, import_ledger
    from ..services.sheets import prepare_sheets_after_import

    if args.claims is None and args.transactions is None:
        raise ClaimDeskError("--claims で債権のCSV、または --transactions で取引のCSVを指定してください"
                             "（履歴は --history、取消は --reverse）")
    if args.again and not (args.reason or "").strip():
        raise ClaimDeskError("--again には --reason で理由を指定してください")
    with open_ledger(args) as ledger:
        try:
            result = import_ledger(ledger, args.claims, args.transactions,
                                   again_reason=args.reason if args.again else None)
        except AlreadyImported as e:
            raise ClaimDeskError(f"{e}。もう一度取り込むには --again --reason 理由 を指定してください") from None
        except ImportFailed as failed:
            for problem in failed.problems:
                print(problem, file=sys.stderr)
            print(reason(failed), file=sys.stderr)
            return EXIT_USER_ERROR
        prepare_sheets_after_import(ledger)
    for warning in result.warnings:  # taken (the bank has the money), but to be refunded
        print(warning, file=sys.stderr)
    print(f"取り込みました（取込み番号 {result.batch_id}）: 債権 {result.claims:,}件、債務者 新規 {result.debtors_new:,}件・"
          f"更新 {result.debtors_updated:,}件、債権名 新規 {result.claim_types_new:,}件、"
          f"取引 {result.events:,}件" + (f"（過誤納の警告 {len(result.warnings):,}件）" if result.warnings else ""))
    return 0


def cmd_demo(args) -> int:
    from ..services.demo import fill_demo
    from ..services.sheets import prepare_sheets_after_import

    started = time.perf_counter()
    with open_ledger(args, create=True) as ledger:
        result = fill_demo(ledger, args.size, seed=args.seed)
        prepare_sheets_after_import(ledger)
    print(f"デモ台帳を作成しました（{time.perf_counter() - started:.1f}秒）: {ledger_path(args)}\n"
          f"債務者 {result.debtors:,}件、債権 {result.claims:,}件、取引 {result.events:,}件、"
          f"交渉記録 {result.contact_entries:,}件")
    return 0


def cmd_gui(args) -> int:
    from ..system_libraries import missing_libraries, missing_message

    missing = missing_libraries(os.environ, sys.platform)
    if missing:  # before Qt is imported: without these it aborts with a core dump
        raise ClaimDeskError(missing_message(missing))
    from ..ui.app import run_gui

    if args.demo:
        from ..services.demo import fill_demo
        from ..storage.ledger import Ledger

        folder = Path(tempfile.mkdtemp(prefix="claimdesk-demo-"))
        path = folder / "demo.sqlite3"
        try:
            with Ledger.open(path) as ledger:
                fill_demo(ledger, "small")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        # The demo ledger, its backups and letters go when the window closes.
        return run_gui(path, temporary=folder)
    return run_gui(ledger_path(args))


COMMANDS = {"department": cmd_department, "import": cmd_import, "demo": cmd_demo, None: cmd_gui}
