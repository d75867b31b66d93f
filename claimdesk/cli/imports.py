"""`claimdesk import --history` and `--reverse BATCH`: the import batches of a ledger."""

from __future__ import annotations

from ..domain.dates import format_wareki_time
from ..domain.errors import ClaimDeskError
from .common import open_ledger


def batch_line(b) -> str:
    """One batch as the history lists it."""
    state = (f"　取消 {format_wareki_time(b.reversed_at)} {b.reversed_by}（{b.reversal_reason}）"
             if b.reversed else "")
    again = f"　再取込み（{b.again_reason}）" if b.again_reason else ""
    digest = b.claims_sha256 if b.claims_file else b.transactions_sha256
    return (f"{b.batch_id}\t{format_wareki_time(b.imported_at)}\t{b.operator}\t{b.files}\t"
            f"債権 {b.claims:,}件・取引 {b.events:,}件\tSHA-256 {digest[:12]}{again}{state}")


def import_batches_command(args) -> int:
    """List the batches, or reverse one."""
    from ..services.import_batches import batches, reverse_batch

    if args.history and args.reverse is not None:
        raise ClaimDeskError("--history と --reverse は同時に指定できません")
    if args.claims or args.transactions or args.again:
        raise ClaimDeskError("--history・--reverse には --claims・--transactions・--again は指定できません")
    with open_ledger(args) as ledger:
        if args.history:
            listed = batches(ledger)
            for b in listed:
                print(batch_line(b))
            if not listed:
                print("取込みの記録はありません")
            return 0
        if not (args.reason or "").strip():
            raise ClaimDeskError("--reverse には --reason で取消の理由を指定してください")
        done = reverse_batch(ledger, args.reverse, args.reason)
    print(f"取込み番号 {done.batch_id} を取り消しました: 取引の取消 {done.events_reversed:,}件、"
          f"債権の調定減 {done.claims_cancelled:,}件（債務者・債権名の登録は残ります）")
    return 0
