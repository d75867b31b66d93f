"""The casework sub-commands of `claimdesk`: worklist, log, procedures, casework-settings.

The parser (cli/parser.py) adds these to its sub-commands, cli/__init__.py to its table
of commands. The same services as the window, with
the same checks: a wrong value is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
from datetime import time
from pathlib import Path

from ..domain.claims import LegalNature
from ..domain.contacts import Channel, LegalEffect, LetterKind, Party
from ..domain.dates import format_wareki
from ..domain.errors import Refusal
from ..domain.money import format_yen
from ..domain.worklist import WorkKind
from .common import open_ledger, setting_pairs


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip().replace("：", ":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"時刻は 14:30 の形で入力してください（{text}）") from None


def _kind(text: str) -> WorkKind:
    for kind in WorkKind:
        if text in (kind.value, kind.label):
            return kind
    choices = "、".join(f"{k.value}/{k.label}" for k in WorkKind)
    raise argparse.ArgumentTypeError(f"作業の種類が不明です（{text}）: {choices}")


def _choices(enum) -> str:
    return "、".join(f"{m.value}/{m.label}" for m in enum if m.value)


def add_casework_commands(sub, db_option, date_type, parser_class) -> None:
    """Add worklist, log and procedures to the `claimdesk` parser."""
    w = sub.add_parser("worklist", parents=[db_option], help="本日の作業（期限の来た手順・約束不履行・時効間近など）")
    w.add_argument("--as-of", type=date_type, metavar="DATE", help="基準日（既定: 今日）")
    w.add_argument("--kind", type=_kind, action="append", metavar="KIND",
                   help=f"作業の種類で絞り込む（複数可）: {_choices(WorkKind)}")
    w.add_argument("--claim-type", metavar="NAME", help="債権名で絞り込む")
    w.add_argument("--legal-nature", metavar="NATURE", help="債権の種類で絞り込む（enforced_public / public / private）")
    w.add_argument("--limit", type=int, metavar="N", help="先頭 N 件だけ表示")
    w.add_argument("--case-class", type=_case_class, metavar="CLASS",
                   help="区分で絞り込む: collect（回収）, settle（整理のすべて）, instalments, negotiating, "
                        "suspended, time_barred, hardship（日本語の名前も可）")

    c = sub.add_parser("calls", parents=[db_option],
                       help="電話催告リスト（債務者ごとに電話番号・債権・残高・話すこと）")
    c.add_argument("--as-of", type=date_type, metavar="DATE", help="基準日（既定: 今日）")
    c.add_argument("--output", type=Path, metavar="FILE.xlsx", help="Excel ブックに保存（省略時は一覧を表示）")

    g = sub.add_parser("log", parents=[db_option], help="交渉記録を追加")
    g.add_argument("--claim", action="append", required=True, metavar="ID",
                   help="債権番号（同じ債務者の複数の債権なら繰り返す）")
    g.add_argument("--channel", required=True, metavar="CHANNEL", help=f"方法: {_choices(Channel)}")
    g.add_argument("--summary", required=True, metavar="TEXT", help="内容（要旨）")
    g.add_argument("--party", default="debtor", metavar="PARTY", help=f"相手（既定: 債務者）: {_choices(Party)}")
    g.add_argument("--party-name", default="", metavar="NAME", help="相手の氏名（本人以外のとき）")
    g.add_argument("--date", type=date_type, metavar="DATE", help="日付（既定: 今日）")
    g.add_argument("--time", type=_time, metavar="HH:MM", help="時刻")
    g.add_argument("--reason", default="", metavar="TEXT", help="滞納の理由")
    g.add_argument("--household", default="", metavar="TEXT", help="生活状況")
    g.add_argument("--agreement", default="", metavar="TEXT", help="合意した内容")
    g.add_argument("--next-action", default="", metavar="TEXT", help="次回の対応")
    g.add_argument("--next-date", type=date_type, metavar="DATE", help="次回の対応の予定日")
    g.add_argument("--effect", metavar="EFFECT", help=f"時効への効果（既定: 方法と文書から）: {_choices(LegalEffect)}")
    g.add_argument("--letter", metavar="KIND", help=f"文書の種類（文書発送・文書受領のとき）: {_choices(LetterKind)}")
    g.add_argument("--step", default="", metavar="STEP", help="この記録で済ませた手順の id")

    p = sub.add_parser("procedures", parents=[db_option], help="徴収手順（所管課の版）の書き出し・取込み・既定に戻す")
    psub = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)
    pe = psub.add_parser("export", parents=[db_option], help="現在の手順を <種類>.toml に書き出す")
    pe.add_argument("--dir", type=Path, required=True, metavar="DIR", help="書き出し先のフォルダ")
    pi = psub.add_parser("import", parents=[db_option], help="編集した手順ファイルを検査して台帳に保存")
    pi.add_argument("files", type=Path, nargs="+", metavar="FILE")
    pr = psub.add_parser("reset", parents=[db_option], help="同梱の既定の手順に戻す")
    pr.add_argument("nature", choices=[n.value for n in LegalNature], metavar="NATURE",
                    help="enforced_public / public / private")
    psub.add_parser("show", parents=[db_option], help="使用中の手順の一覧")

    cs = sub.add_parser("casework-settings", parents=[db_option],
                        help="交渉・時効・延滞金・閉庁日の設定（引数なしで一覧）")
    cs.add_argument("values", nargs="*", metavar="KEY=VALUE",
                    help='値は JSON（空で既定に戻す）。例: calendar.closing_days=\'["12-29","12-30","12-31","01-01","01-02","01-03"]\'')


def _case_class(text: str):
    """A case class by its code or Japanese name ('settle' / 整理 for every 整理 class)."""
    from ..domain.case_class import SETTLE, CaseClass

    s = text.strip()
    if s in ("settle", SETTLE):
        return SETTLE
    for c in CaseClass:
        if s in (c.value, c.label, c.full_label):
            return c
    raise argparse.ArgumentTypeError(f"「{text}」は区分にありません（collect, settle, "
                                     + ", ".join(c.value for c in CaseClass if c is not CaseClass.COLLECT) + "）")


def cmd_worklist(args) -> int:
    from ..services.worklist import WorklistFilter, worklist

    nature = LegalNature.parse(args.legal_nature) if args.legal_nature else None
    chosen = WorklistFilter(kinds=frozenset(args.kind or ()), claim_type=args.claim_type, legal_nature=nature,
                            case_class=getattr(args, "case_class", None))
    with open_ledger(args, create=False) as ledger:
        result = worklist(ledger, args.as_of, chosen)
    items = result.items[:args.limit] if args.limit else result.items
    for item in items:
        c = item.claim
        print(f"{item.urgency.label}\t{item.kind.label}\t{c.claim_id}\t{c.debtor_name}\t{c.claim_type}\t"
              f"残高 {format_yen(c.balance)}\t{item.title}")
    shown = f"（うち {len(items)}件を表示）" if len(items) < len(result.items) else ""
    print(f"{format_wareki(result.as_of)} の作業: {len(result.items):,}件{shown}、"
          f"確認した債権 {result.claims_examined:,}件")
    return 0


def cmd_calls(args) -> int:
    from ..services.call_list import call_list, save_call_list
    from ..services.clock import today

    as_of = args.as_of or today()
    with open_ledger(args, create=False) as ledger:
        rows = call_list(ledger, as_of)
    if args.output is not None:
        save_call_list(rows, args.output, as_of)
        print(f"{args.output}: 電話催告 {len(rows):,}件（{as_of.isoformat()}）")
        return 0
    for r in rows:
        print(f"{r.debtor_id}\t{r.name}\t{r.phone or '（電話番号なし）'}\t{'、'.join(r.claim_ids)}\t"
              f"残高 {format_yen(r.balance)}")
    print(f"{as_of.isoformat()} の電話催告: {len(rows):,}件")
    return 0


def cmd_log(args) -> int:
    from ..services.contact_log import log_contact

    if bool(args.next_action) != (args.next_date is not None):
        raise Refusal("next_date", "next_action_without_date")
    with open_ledger(args, create=False) as ledger:
        entry = log_contact(
            ledger, args.claim, args.channel, args.summary, on=args.date, at=args.time, party=args.party,
            party_name=args.party_name, reason=args.reason, household=args.household,
            agreement=args.agreement, next_action=args.next_action, next_action_on=args.next_date,
            legal_effect=args.effect, letter_kind=args.letter, step_id=args.step,
        )
    effect = f"、時効: {entry.legal_effect.label}" if entry.legal_effect is not LegalEffect.NONE else ""
    print(f"交渉記録 {entry.entry_id} を追加しました: {entry.when_text} {entry.channel.label} "
          f"{'・'.join(entry.claim_ids)}{effect}")
    return 0


def cmd_procedures(args) -> int:
    from ..services import procedures

    with open_ledger(args) as ledger:
        if args.action == "export":
            for path in procedures.export_procedures(ledger, args.dir):
                print(f"書き出しました: {path}")
        elif args.action == "import":
            checked = [procedures.parse_procedure_file(path) for path in args.files]  # all or none
            for path, procedure in zip(args.files, checked):
                procedures.import_procedure(ledger, path)
                print(f"取り込みました: {path} → {procedure.legal_nature.label}（手順 {len(procedure.steps)}件）")
        elif args.action == "reset":
            procedure = procedures.reset_procedure(ledger, LegalNature(args.nature))
            print(f"既定の手順に戻しました: {procedure.legal_nature.label}（{procedure.source}）")
        else:
            for nature, procedure in procedures.load_procedures(ledger).items():
                print(f"{nature.label}: {procedure.title}（{procedure.source}）")
                for step in procedure.steps:
                    print(f"  {step.id}\t{step.title}")
    return 0


def cmd_casework_settings(args) -> int:
    from ..services.casework_settings import PREFIX, casework_settings_listing, set_casework_settings

    with open_ledger(args) as ledger:
        if args.values:
            pairs = setting_pairs(args.values, "casework-settings")
            set_casework_settings(ledger, pairs)
            print(f"設定を保存しました: {', '.join(pairs)}")
            return 0
        for key, value, own in casework_settings_listing(ledger):
            print(f"{key.removeprefix(PREFIX + '.')}={_setting_text(value)}{'' if own else '（既定）'}")
    return 0


def _setting_text(value) -> str:
    """A value as it is typed back (JSON); the dated rate table as its years only."""
    import json

    if isinstance(value, list) and value and all(isinstance(v, dict) and "year" in v for v in value):
        years = sorted(v["year"] for v in value)
        return f"[{len(years)}年分: {years[0]}〜{years[-1]}年]"
    return json.dumps(value, ensure_ascii=False, default=str)


COMMANDS = {"worklist": cmd_worklist, "calls": cmd_calls, "log": cmd_log, "procedures": cmd_procedures,
            "casework-settings": cmd_casework_settings}
