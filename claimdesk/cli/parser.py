"""The `claimdesk` argument parser: every sub-command, option and help text (a contract)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import __version__
from .casework import add_casework_commands
from .common import Parser, date_arg, fiscal_year_arg, letter_kind_arg
from .integrity import add_integrity_commands
from .parties import add_parties_command


def build_parser() -> argparse.ArgumentParser:
    """The whole `claimdesk` parser, every sub-command in the order of --help."""
    db_option = Parser(add_help=False)
    db_option.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                           help="台帳ファイル（既定: ユーザーデータフォルダの claimdesk.sqlite3）")

    p = Parser(prog="claimdesk", parents=[db_option],
                description="債権管理デスク ClaimDesk。サブコマンドなしで画面を開きます。")
    p.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    p.add_argument("--demo", action="store_true", help="一時フォルダのデモ台帳で画面を開く")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    d = sub.add_parser("department", parents=[db_option], help="所管課の設定（引数なしで表示）")
    d.add_argument("--code", help="所管課コード（半角英数字）")
    d.add_argument("--name", help="所管課名")

    i = sub.add_parser("import", parents=[db_option],
                       help="台帳CSVの取込み（全件か0件か）。取込みの履歴・取消も")
    i.add_argument("--claims", type=Path, metavar="FILE", help="債権のCSV")
    i.add_argument("--transactions", type=Path, metavar="FILE",
                   help="収納等の取引のCSV（--claims なしで台帳の債権への取引だけを取込み）")
    i.add_argument("--again", action="store_true", help="取り込み済みの内容をもう一度取り込む（--reason が必須）")
    i.add_argument("--reason", metavar="TEXT", help="もう一度取り込む理由、または取消の理由")
    i.add_argument("--reverse", type=int, metavar="BATCH", help="取込み番号 BATCH を取り消す（--reason が必須）")
    i.add_argument("--history", action="store_true", help="取込みの履歴を表示")

    r = sub.add_parser("receipts", parents=[db_option],
                       help="収納データ（口座振替結果・コンビニ収納）の取込み（ファイルごとに照合し、全件か0件か）")
    r.add_argument("files", nargs="+", type=Path, metavar="FILE", help="収納データのファイル")
    r.add_argument("--format", choices=("zengin", "cvs"),
                   help="zengin（全銀協の口座振替結果）または cvs（コンビニ収納）。省略時は内容から判別")
    r.add_argument("--report", type=Path, metavar="FILE", help="照合結果の出力先（.pdf / .xlsx）")
    dd = sub.add_parser("direct-debits", parents=[db_option],
                        help="口座振替の登録の一覧（--without で口座振替を利用していない滞納者の一覧）")
    dd.add_argument("--without", action="store_true", help="口座振替を利用していない滞納者（勧奨の対象）を一覧")
    dd.add_argument("--as-of", type=date_arg, metavar="DATE", help="基準日（既定: 今日）")
    dd.add_argument("--collector-code", metavar="CODE",
                    help="銀行から付与された委託者コード（10桁まで）を設定。口座振替結果の照合に使う。空文字で取り消し")

    e = sub.add_parser("export", parents=[db_option], help="出力")
    esub = e.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=Parser)
    s = esub.add_parser("summary", parents=[db_option], help="標準様式の収納状況（.csv / .xlsx）")
    s.add_argument("--fiscal-year", type=fiscal_year_arg, required=True, metavar="FY",
                   help="年度（2026、令和8年度、R8）")
    s.add_argument("--as-of", type=date_arg, required=True, metavar="DATE", help="基準日")
    s.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.csv / .xlsx）")
    sh = esub.add_parser("sheets", parents=[db_option], help="個票: 債権名ごとの5年度の推移と目標（.pdf / .xlsx）")
    sh.add_argument("--fiscal-year", type=fiscal_year_arg, required=True, metavar="FY",
                    help="年度（2026、令和8年度、R8）。前4年度は出納整理期間終了日現在の確定値")
    sh.add_argument("--as-of", type=date_arg, required=True, metavar="DATE", help="この年度の基準日")
    sh.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.pdf / .xlsx）")

    t = sub.add_parser("targets", parents=[db_option],
                       help="目標収納率の設定（--claim-type なしで一覧を表示）")
    t.add_argument("--fiscal-year", type=fiscal_year_arg, required=True, metavar="FY", help="年度")
    t.add_argument("--claim-type", metavar="NAME", help="債権名")
    for category, label in (("current", "現年分"), ("carried", "滞納繰越分"), ("total", "合計")):
        t.add_argument(f"--{category}", metavar="RATE",
                       help=f"{label}の目標収納率（％、小数第1位まで）。空文字で取り下げ、省略で変更なし")
    t.add_argument("--basis", metavar="TEXT", help="目標設定の根拠（設定するときは必須）")
    t.add_argument("--actions", metavar="TEXT", help="目標達成に向けた取組（省略で変更なし）")
    t.add_argument("--status-current", metavar="TEXT", help="個票: 収納状況に関する説明（現年分）")
    t.add_argument("--status-carried", metavar="TEXT", help="個票: 収納状況に関する説明（滞納繰越分）")
    t.add_argument("--review", metavar="TEXT", help="個票: 滞納整理に関する取組みの検証")
    for category, label in (("current", "現年分"), ("carried", "滞納繰越分"), ("total", "合計")):
        t.add_argument(f"--expected-collected-{category}", metavar="YEN",
                       help=f"個票: 目標の見込み収入額（{label}、円）。空文字で削除、省略で変更なし")
        t.add_argument(f"--expected-outstanding-{category}", metavar="YEN",
                       help=f"個票: 目標の見込み収入未済額（{label}、円）。空文字で削除、省略で変更なし")

    a = sub.add_parser("aggregate", help="各課の標準様式CSVの集計（財政課）: 全ファイルを検査してから合算")
    a.add_argument("files", nargs="+", type=Path, metavar="FILE", help="各課の標準様式CSV（claimdesk-summary/1）")
    a.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.xlsx / .csv / .pdf）")
    a.add_argument("--budget-order", metavar="NAME[,NAME…]",
                   help="会計・款・債権名を並べる予算の順（既定: 一般会計、あとは現れた順）")

    bo = sub.add_parser("budget-order", parents=[db_option],
                        help="帳票で会計・款・債権名を並べる予算の順（引数なしで表示）")
    bo.add_argument("--set", metavar="NAME[,NAME…]", help="先に並べる名前（「,」区切り、空で既定に戻す）")

    m = sub.add_parser("demo", parents=[db_option], help="空の台帳にデモデータを作成")
    m.add_argument("--size", choices=("small", "large"), default="small")
    m.add_argument("--seed", type=int, default=2026)

    lt = sub.add_parser("letters", parents=[db_option], help="文書（督促状・催告書など）を1つのPDFに出力")
    lt.add_argument("--kind", type=letter_kind_arg, required=True, metavar="KIND",
                    help="demand, reminder, final_reminder, instalment_pledge, acknowledgment, guarantor, consultation,"
                         " payment_slip（納付書のみ）")
    which = lt.add_mutually_exclusive_group(required=True)
    which.add_argument("--claims", metavar="ID[,ID…]", help="債権番号（「,」区切り）")
    which.add_argument("--due", action="store_true",
                       help="この文書を送る時期の債権すべて（payment_slip: 納期限を過ぎて未納のある債権すべて）")
    lt.add_argument("--as-of", type=date_arg, required=True, metavar="DATE", help="発行日")
    lt.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.pdf）")
    lt.add_argument("--instalments", type=int, metavar="N", help="分納誓約書の分納回数（既定: 設定）")
    lt.add_argument("--first-due", type=date_arg, metavar="DATE", help="分納誓約書の第1回の納付期限")
    lt.add_argument("--with-payment-slip", action="store_true",
                    help="各文書のあとに、記載した債権の納付書を同封する（文書の納付期限まで）")
    ls = sub.add_parser("letter-settings", parents=[db_option],
                        help="文書の設定（差出人・問合せ先・期限の日数・封筒の窓）。引数なしで一覧")
    ls.add_argument("values", nargs="*", metavar="KEY=VALUE", help="例: letter_issuer=\"みどり区長 緑川 一郎\"")

    cf = sub.add_parser("casefile", parents=[db_option],
                        help="経過記録書: 1人の債務者の債権・経過・交渉記録・文書（弁護士委任・支払督促用、.pdf）")
    cf.add_argument("--debtor", required=True, metavar="ID", help="債務者番号")
    cf.add_argument("--as-of", type=date_arg, required=True, metavar="DATE", help="基準日（この日までの記録）")
    cf.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.pdf）")
    ho = sub.add_parser("handover", parents=[db_option],
                        help="引継書: 段階ごとの案件・次の対応と期限・時効間近・分納・区分・目標（.pdf）")
    ho.add_argument("--as-of", type=date_arg, required=True, metavar="DATE", help="基準日")
    ho.add_argument("--output", type=Path, required=True, metavar="FILE", help="出力ファイル（.pdf）")

    add_casework_commands(sub, db_option, date_arg, Parser)
    add_parties_command(sub, db_option)
    add_integrity_commands(sub, db_option)
    return p
