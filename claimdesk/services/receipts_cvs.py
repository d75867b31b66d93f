"""A コンビニ receipt file's lines matched to claims by the 納付番号 in the barcode's free
field, through the 納付書 recorded when printed (docs/receipt-files.md §3).

A 速報 (preliminary) line is a receipt. A 確報 (final) line whose 納付番号 a 速報 took
before confirms it and writes nothing; one not seen before is a receipt.
"""

from __future__ import annotations

from datetime import date

from ..domain.cvs_receipts import read_cvs
from ..domain.errors import InvalidValue
from ..domain.money import format_yen
from ..domain.reconciliation import Reconciled
from ..storage.ledger import Ledger
from .receipt_matching import OpenClaims
from .receipt_plan import FilePlan, receipt_event


def plan_cvs(ledger: Ledger, plan: FilePlan, data: bytes, today: date) -> None:
    """Read a コンビニ receipt file and match each line by its 納付番号."""
    read = read_cvs(data, today)
    for line, reason in read.problems:
        plan.problem(line, reason)
    plan.report = read.report
    ours = ledger.setting("cvs_company_code").strip()
    if ours and read.company_code and read.company_code != ours:
        plan.problem(1, f"請求書発行企業コード {read.company_code} がこの台帳の設定（cvs_company_code {ours}）と違います"
                        "（別の課・別の収納企業のファイルではありませんか）")
        return
    taken = ledger.receipt_files.received_keys(r.code.payment_number for r in read.receipts)
    open_claims = OpenClaims(ledger)
    in_file: dict[str, int] = {}
    for r in read.receipts:
        number = r.code.payment_number
        base = Reconciled(plan.file, r.line, "unmatched", number, paid_on=r.paid_on, amount=r.amount, reason=r.store)
        if number in in_file:
            plan.refuse(base, f"納付番号 {number} は{in_file[number]}行目と重複しています")
            continue
        in_file[number] = r.line
        slip = ledger.payments.slip(number)
        if slip is None:
            plan.refuse(base, f"納付番号 {number} の納付書の記録がありません")
            continue
        claim = ledger.claim(slip.claim_id)
        if claim is None:
            plan.refuse(base, f"納付番号 {number} の債権 {slip.claim_id} が台帳にありません")
            continue
        debtor = ledger.debtor(claim.debtor_id)
        name = debtor.name if debtor else ""
        if r.amount != slip.amount:
            plan.refuse(Reconciled(plan.file, r.line, "unmatched", number, claim.debtor_id, name,
                                        (claim.claim_id,), r.paid_on, r.amount),
                       f"金額 {format_yen(r.amount)} が納付書（納付番号 {number}）の {format_yen(slip.amount)} と違います")
            continue
        before = taken.get(number, [])
        if before and read.report == "final":
            plan.lines.append(Reconciled(plan.file, r.line, "confirmed", number, claim.debtor_id, name,
                                         (claim.claim_id,), r.paid_on, r.amount, r.store))
            continue
        if before:
            plan.refuse(base, f"納付番号 {number} は {before[0].paid_on.isoformat()} に収納済みです")
            continue
        owed = open_claims.owed(claim, r.paid_on)
        principal = slip.principal
        note = f"コンビニ {plan.file}:{r.line} {r.store}".strip()
        reason = r.store if owed >= principal else f"{r.store} 過誤納（納付時の未納額 {format_yen(owed)}）".strip()
        try:
            event = receipt_event(claim, r.paid_on, principal, "コンビニ", note)
        except InvalidValue as e:
            plan.problem(r.line, f"債権 {claim.claim_id}: {e.reason}")
            continue
        plan.events.append((len(plan.lines), event))
        plan.lines.append(Reconciled(plan.file, r.line, "received", number, claim.debtor_id, name, (claim.claim_id,),
                                     r.paid_on, r.amount, reason))
        open_claims.apply(claim, r.paid_on, principal)

