"""The `claimdesk` command: no sub-command opens the window; sub-commands serve scripts.

Errors are one line on stderr and exit status 2; the full traceback of an unexpected
error goes to the log file, never to the clerk's screen.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from . import __version__
from .cli_casework import COMMANDS as CASEWORK_COMMANDS, add_casework_commands
from .cli_integrity import COMMANDS as INTEGRITY_COMMANDS, add_integrity_commands
from .domain.dates import parse_date, parse_fiscal_year
from .domain.errors import ClaimDeskError
from .domain.money import format_yen

EXIT_USER_ERROR = 2
log = logging.getLogger("claimdesk")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message}（{self.prog} --help で使い方を表示）\n")


def _fiscal_year(text: str) -> int:
    try:
        return parse_fiscal_year(text)
    except ClaimDeskError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _date(text: str):
    try:
        return parse_date(text)
    except ClaimDeskError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    db_option = _Parser(add_help=False)
    db_option.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                           help="台帳ファイル（既定: ユーザーデータフォルダの claimdesk.sqlite3）")

    p = _Parser(prog="claimdesk", parents=[db_option],
                description="債権管理デスク ClaimDesk。サブコマンドなしで画面を開きます。")
    p.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    p.add_argument("--demo", action="store_true", help="一時フォルダのデモ台帳で画面を開く")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    d = sub.add_parser("department", parents=[db_option], help="所管課の設定（引数なしで表示）")
    d.add_argument("--code", help="所管課コード（半角英数字）")
    d.add_argument("--name", help="所管課名")

    i = sub.add_parser("import", parents=[db_option], help="台帳CSVの取込み（全件か0件か）")
    i.add_argument("--claims", type=Path, required=True, metavar="FILE", help="債権のCSV")
    i.add_argument("--transactions", type=Path, metavar="FILE", help="収納等の取引のCSV")

    e = sub.add_parser("export", parents=[db_option], help="出力")
    esub = e.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=_Parser)
    s = esub.add_parser("summary", parents=[db_option], help="標準様式の収納状況（.csv / .xlsx）")
    s.add_argument("--fiscal-year", type=_fiscal_year, required=True, metavar="FY",
                   help="年度（2026、令和8年度、R8）")
    s.add_argument("--as-of", type=_date, required=True, metavar="DATE", help="基準日")
    s.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.csv / .xlsx）")
    sh = esub.add_parser("sheets", parents=[db_option], help="個票: 債権名ごとの5年度の推移と目標（.pdf / .xlsx）")
    sh.add_argument("--fiscal-year", type=_fiscal_year, required=True, metavar="FY",
                    help="年度（2026、令和8年度、R8）。前4年度は出納整理期間終了日現在の確定値")
    sh.add_argument("--as-of", type=_date, required=True, metavar="DATE", help="この年度の基準日")
    sh.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.pdf / .xlsx）")

    t = sub.add_parser("targets", parents=[db_option],
                       help="目標収納率の設定（--claim-type なしで一覧を表示）")
    t.add_argument("--fiscal-year", type=_fiscal_year, required=True, metavar="FY", help="年度")
    t.add_argument("--claim-type", metavar="NAME", help="債権名")
    for category, label in (("current", "現年分"), ("carried", "滞納繰越分"), ("total", "合計")):
        t.add_argument(f"--{category}", metavar="RATE",
                       help=f"{label}の目標収納率（％、小数第1位まで）。空文字で取り下げ、省略で変更なし")
    t.add_argument("--basis", metavar="TEXT", help="目標設定の根拠（設定するときは必須）")
    t.add_argument("--actions", metavar="TEXT", help="目標達成に向けた取組（省略で変更なし）")

    a = sub.add_parser("aggregate", help="各課の標準様式CSVの集計（財政課）: 全ファイルを検査してから合算")
    a.add_argument("files", nargs="+", type=Path, metavar="FILE", help="各課の標準様式CSV（claimdesk-summary/1）")
    a.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.xlsx / .csv / .pdf）")

    m = sub.add_parser("demo", parents=[db_option], help="空の台帳にデモデータを作成")
    m.add_argument("--size", choices=("small", "large"), default="small")
    m.add_argument("--seed", type=int, default=2026)

    lt = sub.add_parser("letters", parents=[db_option], help="文書（督促状・催告書など）を1つのPDFに出力")
    lt.add_argument("--kind", type=_letter_kind, required=True, metavar="KIND",
                    help="demand, reminder, final_reminder, instalment_pledge, acknowledgment, guarantor, consultation")
    which = lt.add_mutually_exclusive_group(required=True)
    which.add_argument("--claims", metavar="ID[,ID…]", help="債権番号（「,」区切り）")
    which.add_argument("--due", action="store_true", help="この文書を送る時期の債権すべて")
    lt.add_argument("--as-of", type=_date, required=True, metavar="DATE", help="発行日")
    lt.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.pdf）")
    lt.add_argument("--instalments", type=int, metavar="N", help="分納誓約書の分納回数（既定: 設定）")
    lt.add_argument("--first-due", type=_date, metavar="DATE", help="分納誓約書の第1回の納付期限")
    ls = sub.add_parser("letter-settings", parents=[db_option],
                        help="文書の設定（差出人・問合せ先・期限の日数・封筒の窓）。引数なしで一覧")
    ls.add_argument("values", nargs="*", metavar="KEY=VALUE", help="例: letter_issuer=\"みどり区長 緑川 一郎\"")

    add_casework_commands(sub, db_option, _date, _Parser)
    add_integrity_commands(sub, db_option)
    return p


def _letter_kind(text: str):
    from .domain.letters import parse_letter_kind

    try:
        return parse_letter_kind(text)
    except ClaimDeskError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _ledger_path(args) -> Path:
    from .services.paths import default_ledger_path

    return getattr(args, "db", None) or default_ledger_path()


def _open(args, *, create: bool = True):
    from .storage.ledger import Ledger

    ledger = Ledger.open(_ledger_path(args), create=create)
    ledger.set_busy_listener(lambda why: print(f"claimdesk: {why}", file=sys.stderr))
    if ledger.backup_path:
        print(f"台帳を新しい形式に更新しました。更新前の控え: {ledger.backup_path}", file=sys.stderr)
    return ledger


def cmd_department(args) -> int:
    from .services.department import get_department, set_department

    with _open(args) as ledger:
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
    from .services.importer import ImportFailed, import_ledger

    with _open(args) as ledger:
        try:
            result = import_ledger(ledger, args.claims, args.transactions)
        except ImportFailed as failed:
            for problem in failed.problems:
                print(problem, file=sys.stderr)
            print(f"取込みを中止しました: {len(failed.problems)}件の誤りがあります。台帳は変更していません。",
                  file=sys.stderr)
            return EXIT_USER_ERROR
    print(f"取り込みました: 債権 {result.claims:,}件、債務者 新規 {result.debtors_new:,}件・"
          f"更新 {result.debtors_updated:,}件、債権名 新規 {result.claim_types_new:,}件、"
          f"取引 {result.events:,}件")
    return 0


def cmd_export(args) -> int:
    if args.what == "sheets":
        return cmd_export_sheets(args)
    from .services.summary_export import export_summary

    with _open(args, create=False) as ledger:
        rows = export_summary(ledger, args.fiscal_year, args.as_of, args.output)
    totals = [r for r in rows if r.category == "total"]
    print(f"{args.output} に出力しました（債権名 {len(totals)}件、"
          f"収入未済額 計 {format_yen(sum(r.outstanding for r in totals))}）")
    return 0


def cmd_export_sheets(args) -> int:
    from .services.sheets import export_sheets

    started = time.perf_counter()
    with _open(args, create=False) as ledger:
        sheets = export_sheets(ledger, args.fiscal_year, args.as_of, args.output)
    print(f"{args.output} に出力しました（個票 {len(sheets)}件、{time.perf_counter() - started:.1f}秒）")
    return 0


def cmd_targets(args) -> int:
    from .domain.summary import CATEGORIES, CATEGORY_LABELS
    from .domain.targets import format_rate
    from .services.targets import amend_targets, target_sets

    rates = {c: getattr(args, c) for c in CATEGORIES if getattr(args, c) is not None}
    with _open(args, create=False) as ledger:
        if args.claim_type is None:
            if rates or args.basis or args.actions:
                raise ClaimDeskError("目標を設定するには --claim-type を指定してください")
            for s in target_sets(ledger, args.fiscal_year):
                shown = "、".join(f"{CATEGORY_LABELS[c]} {format_rate(s.rate(c), '－')}" for c in CATEGORIES)
                print(f"{s.claim_type}: {shown}" + (f"（根拠: {s.basis}）" if s.is_set else ""))
            return 0
        written = amend_targets(ledger, args.claim_type, args.fiscal_year, rates, args.basis or "", args.actions)
    print(f"目標収納率を記録しました: {args.claim_type}（{len(written)}件）" if written
          else f"変更はありません: {args.claim_type}")
    return 0


def cmd_aggregate(args) -> int:
    from .services.aggregate import AggregateFailed, export_aggregate

    try:
        agg = export_aggregate(args.files, args.output)
    except AggregateFailed as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        print(f"claimdesk: {failed}", file=sys.stderr)
        return EXIT_USER_ERROR
    years = "・".join(agg.period(fy) for fy in agg.fiscal_years)
    print(f"{args.output} に出力しました（{years}、ファイル {len(agg.files)}件）")
    return 0


def cmd_demo(args) -> int:
    from .services.demo import fill_demo

    started = time.perf_counter()
    with _open(args) as ledger:
        result = fill_demo(ledger, args.size, seed=args.seed)
    print(f"デモ台帳を作成しました（{time.perf_counter() - started:.1f}秒）: {_ledger_path(args)}\n"
          f"債務者 {result.debtors:,}件、債権 {result.claims:,}件、取引 {result.events:,}件、"
          f"交渉記録 {result.contact_entries:,}件")
    return 0


def cmd_letters(args) -> int:
    from .services.letters import render_batch

    ids = args.claims.replace("、", ",").split(",") if args.claims is not None else None
    with _open(args, create=False) as ledger:
        batch = render_batch(ledger, args.kind, args.output, args.as_of, claim_ids=ids, due=args.due,
                             instalments=args.instalments, first_due=args.first_due)
    for claim_id, why in batch.skipped:
        print(f"claimdesk: {claim_id}: {why}（この債権の文書は作成していません）", file=sys.stderr)
    print(f"{args.output} に出力しました（{args.kind.label} {len(batch.letters)}通、{batch.pages}ページ）")
    return 0


def cmd_letter_settings(args) -> int:
    from .services.letter_settings import SETTINGS, letter_settings, set_letter_settings

    with _open(args) as ledger:
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


def cmd_gui(args) -> int:
    from .ui.app import run_gui

    if args.demo:
        from .services.demo import fill_demo
        from .storage.ledger import Ledger

        path = Path(tempfile.mkdtemp(prefix="claimdesk-demo-")) / "demo.sqlite3"
        with Ledger.open(path) as ledger:
            fill_demo(ledger, "small")
        return run_gui(path)
    return run_gui(_ledger_path(args))


COMMANDS = {"department": cmd_department, "import": cmd_import, "export": cmd_export, "targets": cmd_targets,
            "aggregate": cmd_aggregate,
            "demo": cmd_demo, "letters": cmd_letters, "letter-settings": cmd_letter_settings, None: cmd_gui}

COMMANDS.update(CASEWORK_COMMANDS)  # worklist, log, procedures: cli_casework.py
COMMANDS.update(INTEGRITY_COMMANDS)  # backup, restore, check: cli_integrity.py


def _setup_logging() -> Path | None:
    from .services.paths import log_dir

    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "claimdesk.log", encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return folder / "claimdesk.log"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    log_file = _setup_logging()
    try:
        return COMMANDS[args.command](args)
    except ClaimDeskError as e:
        print(f"claimdesk: {e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as e:
        name = f"{e.filename}: " if e.filename else ""
        print(f"claimdesk: ファイルを読み書きできません: {name}{e.strerror or e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("claimdesk: 中断しました", file=sys.stderr)
        return 130
    except Exception as e:  # the clerk gets one line; the log gets the traceback
        log.exception("unexpected error in %s", args.command)
        where = f"（詳細: {log_file}）" if log_file else ""
        print(f"claimdesk: 予期しないエラーです: {type(e).__name__}: {e}{where}", file=sys.stderr)
        return EXIT_USER_ERROR
