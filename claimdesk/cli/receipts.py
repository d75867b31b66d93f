"""`claimdesk receipts FILE…`: 口座振替結果 and コンビニ receipt files taken into the ledger."""

from __future__ import annotations

import sys

from ..domain.money import format_yen
from .common import EXIT_USER_ERROR, open_ledger
from .texts import reason


def summary_line(taken) -> str:
    """One file as taken, in one line."""
    received, failed, confirmed, awaiting = (taken.count(o) for o in ("received", "failed", "confirmed", "awaiting"))
    parts = [f"収納 {received[0]:,}件 {format_yen(received[1])}"]
    if failed[0]:
        parts.append(f"振替不能 {failed[0]:,}件 {format_yen(failed[1])}")
    if confirmed[0]:
        parts.append(f"速報で収納済み {confirmed[0]:,}件 {format_yen(confirmed[1])}")
    if awaiting[0]:
        parts.append(f"確報未着の速報 {awaiting[0]:,}件 {format_yen(awaiting[1])}")
    batch = f"（取込み番号 {taken.batch_id}）" if taken.batch_id else ""
    return f"{taken.file}: {taken.kind_label} {'、'.join(parts)}{batch}"


def cmd_receipts(args) -> int:
    """Take receipt files: exit 0 and one line per file, or 2 and every reason."""
    from ..services.receipts import ReceiptsRefused, take_receipt_files

    with open_ledger(args) as ledger:
        try:
            taken = take_receipt_files(ledger, args.files, args.format)
        except ReceiptsRefused as refused:
            for problem in refused.problems:
                print(problem, file=sys.stderr)
            print(reason(refused), file=sys.stderr)
            if args.report:
                _report(ledger, refused.files, args.report)
            return EXIT_USER_ERROR
        if args.report:
            _report(ledger, taken, args.report)
    for t in taken:  # taken, but to be looked at: to be refunded, a 確報 against its 速報, a 確報 not come
        for r in t.lines:
            if ((r.outcome == "received" and "過誤納" in r.reason)
                    or (r.outcome == "confirmed" and r.reason.startswith("速報と相違")) or r.outcome == "awaiting"):
                print(f"{r.file}:{r.line}: {r.reason}", file=sys.stderr)
    received = sum(t.count("received")[1] for t in taken)
    failed = sum(t.count("failed")[0] for t in taken)
    print(f"収納データを取り込みました: {len(taken)}ファイル、収納 {format_yen(received)}、振替不能 {failed:,}件")
    for t in taken:
        print(summary_line(t))
    return 0


def _report(ledger, files, output) -> None:
    from ..services.receipt_report import save_reconciliation

    save_reconciliation(ledger, files, output)
    print(f"照合結果を {output} に出力しました", file=sys.stderr)


def cmd_direct_debits(args) -> int:
    """List the 口座振替 registrations, or (--without) the debtors in arrears without one."""
    from ..services.clock import today
    from ..services.direct_debits import arrears_without_direct_debit, registrations, set_collector_code

    with open_ledger(args) as ledger:
        if args.collector_code is not None:
            code = set_collector_code(ledger, args.collector_code)
            print(f"委託者コードを設定しました: {code}" if code else "委託者コードの設定を取り消しました")
            return 0
        if args.without:
            listed = arrears_without_direct_debit(ledger, args.as_of or today())
            for n in listed:
                print(f"{n.debtor_id}\t{n.name}\t{n.address}\t{n.claims}件\t{format_yen(n.owed)}")
            print(f"口座振替を利用していない滞納者: {len(listed):,}人、滞納額 計 "
                  f"{format_yen(sum(n.owed for n in listed))}", file=sys.stderr)
            return 0
        for d in registrations(ledger):
            end = d.ends_on.isoformat() if d.ends_on else ""
            print(f"{d.debtor_id}\t{d.bank_code}\t{d.branch_code}\t{d.account_type.label}\t{d.account_number}\t"
                  f"{d.holder_kana}\t{d.customer_number}\t{d.starts_on.isoformat()}\t{end}")
    return 0


COMMANDS = {"receipts": cmd_receipts, "direct-debits": cmd_direct_debits}
