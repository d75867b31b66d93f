"""A コンビニ receipt file's lines matched to claims by the 納付番号 in the barcode's free
field, through the 納付書 recorded when printed (docs/receipt-files.md §3).

A 速報 (preliminary) line is a receipt. A 確報 (final) line whose 納付番号 a 速報 took
before confirms it and writes nothing; one not seen before is a receipt.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..domain.cvs_receipts import read_cvs
from ..domain.errors import InvalidValue
from ..domain.money import format_yen
from ..domain.reconciliation import Reconciled
from ..storage.ledger import Ledger
from ..storage.receipt_files import LineRecord
from .casework_view import late_charge
from .letter_settings import letter_settings
from .receipt_matching import OpenClaims
from .receipt_plan import FilePlan, receipt_event


def plan_cvs(ledger: Ledger, plan: FilePlan, data: bytes, today: date,
             earlier: dict[str, list[LineRecord]] | None = None) -> None:
    """Read a コンビニ receipt file and match each line by its 納付番号.

    `earlier`: the receipts of files checked before in the same run, by 納付番号; this
    file's receipts are added to it."""
    earlier = {} if earlier is None else earlier
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
    for number, records in earlier.items():
        taken.setdefault(number, []).extend(records)
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
                                         (claim.claim_id,), r.paid_on, r.amount,
                                         _differs(before[0], r.paid_on) or r.store))
            continue
        if before:
            plan.refuse(base, f"納付番号 {number} は {before[0].paid_on.isoformat()} に収納済みです")
            continue
        owed = open_claims.owed(claim, r.paid_on)
        principal, late = slip.principal, slip.late_charge
        note = f"コンビニ {plan.file}:{r.line} {r.store}".strip()
        reasons = [r.store] if owed >= principal else [f"{r.store} 過誤納（納付時の未納額 {format_yen(owed)}）".strip()]
        if late:
            reasons.append(_late_note(ledger, claim.claim_id, r.paid_on, late))
        try:
            event = receipt_event(claim, r.paid_on, principal, "コンビニ", note)
        except InvalidValue as e:
            plan.problem(r.line, f"債権 {claim.claim_id}: {e.reason}")
            continue
        plan.events.append((len(plan.lines), event))
        plan.lines.append(Reconciled(plan.file, r.line, "received", number, claim.debtor_id, name, (claim.claim_id,),
                                     r.paid_on, r.amount, "　".join(x for x in reasons if x), late_charge=late))
        open_claims.apply(claim, r.paid_on, principal)
        earlier.setdefault(number, []).append(LineRecord(r.line, "received", number, claim.debtor_id, claim.claim_id,
                                                         r.paid_on, principal, late_charge=late))


def _differs(speedy: LineRecord, paid_on: date) -> str:
    """What a 確報 line says against the 速報 taken before (empty when they agree)."""
    if speedy.paid_on == paid_on:
        return ""
    return (f"速報と相違: 収納日 {paid_on.isoformat()}（速報 {speedy.paid_on.isoformat()} で記録済み）。"
            "収納の日付を確認し、違えば取消して入力し直してください")


def _late_note(ledger: Ledger, claim_id: str, paid_on: date, late: int) -> str:
    """The 延滞金 part of a store payment, and what of it had not accrued by the day paid."""
    charge = late_charge(ledger, claim_id, paid_on)
    accrued, label = charge.outstanding, charge.name
    text = f"うち{label} {format_yen(late)}"
    if late > accrued:  # the slip reckoned it to its 納付期限; paid earlier, less had accrued
        text += f"（納付日までの{label} {format_yen(accrued)}、差額 {format_yen(late - accrued)} は過誤納の確認）"
    return text


def awaiting_lines(ledger: Ledger, today: date, keys: set[str]) -> list[Reconciled]:
    """速報 receipts older than `cvs_final_wait_days` whose 確報 has not come (nor is in `keys`)."""
    waited = today - timedelta(days=final_wait_days(ledger))
    return [Reconciled(a.file, a.line, "awaiting", a.number, a.debtor_id, a.debtor_name, (a.claim_id,), a.paid_on,
                       a.amount, f"速報（{a.file}）の確報が収納から{(today - a.paid_on).days}日の今日まで届いていません:"
                       " 収納代行会社に確認")
            for a in ledger.worklist.awaiting_final(today, waited) if a.number not in keys]


def final_wait_days(ledger: Ledger) -> int:
    """How many days after a store payment its 確報 is looked for (setting cvs_final_wait_days)."""
    return letter_settings(ledger).number("cvs_final_wait_days")
