"""Sub-commands that write reports: the standard summary, 個票, targets and the 各課集計."""

from __future__ import annotations

import sys
import time

from ..domain.budget_order import DEFAULT_ORDER, parse_order
from ..domain.errors import ClaimDeskError, InvalidValue
from ..domain.money import format_yen
from .common import EXIT_USER_ERROR, open_ledger


def cmd_export(args) -> int:
    if args.what == "sheets":
        return cmd_export_sheets(args)
    from ..services.summary_export import export_summary

    with open_ledger(args, create=False) as ledger:
        rows = export_summary(ledger, args.fiscal_year, args.as_of, args.output)
    totals = [r for r in rows if r.category == "total"]
    print(f"{args.output} に出力しました（債権名 {len(totals)}件、"
          f"収入未済額 計 {format_yen(sum(r.outstanding for r in totals))}）")
    return 0


def cmd_export_sheets(args) -> int:
    from ..services.sheets import export_sheets

    started = time.perf_counter()
    with open_ledger(args, create=False) as ledger:
        sheets = export_sheets(ledger, args.fiscal_year, args.as_of, args.output)
    print(f"{args.output} に出力しました（個票 {len(sheets)}件、{time.perf_counter() - started:.1f}秒）")
    return 0


def cmd_targets(args) -> int:
    from ..domain.summary import CATEGORIES, CATEGORY_LABELS
    from ..domain.targets import format_rate
    from ..services.targets import amend_targets, target_sets

    rates = {c: getattr(args, c) for c in CATEGORIES if getattr(args, c) is not None}
    notes = _note_args(args)
    with open_ledger(args, create=False) as ledger:
        if args.claim_type is None:
            if rates or args.basis or args.actions or notes:
                raise ClaimDeskError("目標を設定するには --claim-type を指定してください")
            for s in target_sets(ledger, args.fiscal_year):
                shown = "、".join(f"{CATEGORY_LABELS[c]} {format_rate(s.rate(c), '－')}" for c in CATEGORIES)
                print(f"{s.claim_type}: {shown}" + (f"（根拠: {s.basis}）" if s.is_set else ""))
            return 0
        written = []
        if rates or args.basis or args.actions is not None or not notes:
            written = amend_targets(ledger, args.claim_type, args.fiscal_year, rates, args.basis or "", args.actions)
        if notes:
            _amend_notes(ledger, args.claim_type, args.fiscal_year, notes)
            print(f"個票の記述を記録しました: {args.claim_type}")
    if written or not notes:
        print(f"目標収納率を記録しました: {args.claim_type}（{len(written)}件）" if written
              else f"変更はありません: {args.claim_type}")
    return 0


def _note_args(args) -> dict:
    """The 個票 options given: texts as typed, amounts parsed as yen ('' clears one)."""
    from ..domain.money import parse_yen
    from ..domain.summary import CATEGORIES

    notes: dict = {}
    for name, option in (("explanation_current", "status_current"), ("explanation_carried", "status_carried"),
                         ("review", "review")):
        if getattr(args, option, None) is not None:
            notes[name] = getattr(args, option)
    for kind in ("collected", "outstanding"):
        for category in CATEGORIES:
            value = getattr(args, f"expected_{kind}_{category}", None)
            if value is not None:
                try:
                    amount = parse_yen(value, allow_zero=True) if value.strip() else None
                except InvalidValue as e:
                    raise e.for_field(f"expected-{kind}-{category}") from None
                notes.setdefault(f"expected_{kind}", {})[category] = amount
    return notes


def _amend_notes(ledger, claim_type: str, fiscal_year: int, given: dict) -> None:
    """The notes in force with what was given changed (the rest kept), written as a new entry."""
    from ..services.targets import set_sheet_notes, sheet_notes_of

    now = sheet_notes_of(ledger, fiscal_year).get(claim_type)
    merged = {"explanation_current": now.explanation_current if now else "",
              "explanation_carried": now.explanation_carried if now else "", "review": now.review if now else "",
              "expected_collected": dict(now.expected_collected) if now else {},
              "expected_outstanding": dict(now.expected_outstanding) if now else {}}
    for key, value in given.items():
        if key.startswith("expected_"):
            merged[key].update(value)
        else:
            merged[key] = value
    set_sheet_notes(ledger, claim_type, fiscal_year, **merged)


def cmd_aggregate(args) -> int:
    from ..services.aggregate import AggregateFailed, export_aggregate
    from .texts import reason

    try:
        order = parse_order(args.budget_order) if args.budget_order else DEFAULT_ORDER
        agg = export_aggregate(args.files, args.output, order)
    except AggregateFailed as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        print(f"claimdesk: {reason(failed)}", file=sys.stderr)
        return EXIT_USER_ERROR
    years = "・".join(agg.period(fy) for fy in agg.fiscal_years)
    print(f"{args.output} に出力しました（{years}、ファイル {len(agg.files)}件）")
    return 0


def cmd_casefile(args) -> int:
    from ..services.casefile import export_casefile

    with open_ledger(args, create=False) as ledger:
        data = export_casefile(ledger, args.debtor, args.as_of, args.output)
    print(f"{args.output} に出力しました（経過記録書: {data.debtor.name}、債権 {len(data.claims)}件、"
          f"未納残高 {format_yen(data.balance)}、交渉記録 {len(data.log)}件）")
    return 0


def cmd_handover(args) -> int:
    from ..services.casefile import export_handover

    with open_ledger(args, create=False) as ledger:
        data = export_handover(ledger, args.as_of, args.output)
    print(f"{args.output} に出力しました（引継書: 案件 {len(data.cases)}件、"
          f"12か月以内に時効 {len(data.near_limitation)}件、分納 {len(data.plans)}件）")
    return 0


def cmd_budget_order(args) -> int:
    from ..services.budget_order import budget_order, set_budget_order

    with open_ledger(args, create=False) as ledger:
        order = budget_order(ledger) if args.set is None else set_budget_order(ledger, parse_order(args.set))
    print("予算の順: " + "、".join(order) + "（ほかは現れた順）")
    return 0


COMMANDS = {"export": cmd_export, "targets": cmd_targets, "aggregate": cmd_aggregate,
            "casefile": cmd_casefile, "handover": cmd_handover, "budget-order": cmd_budget_order}
