"""A 口座振替結果 file's lines matched to claims by the customer number registered on the
debtor (docs/receipt-files.md §2): 振替結果コード 0 is a receipt, any other a failed transfer."""

from __future__ import annotations

from datetime import date

from ..domain.direct_debit import customer_number as normal_customer_number
from ..domain.errors import InvalidValue
from ..domain.money import format_yen
from ..domain.reconciliation import Reconciled
from ..domain.zengin import read_zengin, result_label
from ..storage.ledger import Ledger
from .direct_debits import COLLECTOR_SETTING
from .receipt_matching import OpenClaims
from .receipt_plan import FilePlan, receipt_event


def plan_zengin(ledger: Ledger, plan: FilePlan, data: bytes, today: date) -> None:
    """Read the file and match each transfer; problems and lines go to `plan`."""
    read = read_zengin(data, today)
    for line, reason in read.problems:
        plan.problem(line, reason)
    plan.paid_on = on = read.debit_on
    ours = ledger.setting(COLLECTOR_SETTING).strip().lstrip("0")
    if ours and read.collector_code and read.collector_code.lstrip("0") != ours:
        plan.problem(1, f"委託者コード {read.collector_code} がこの台帳の設定（{COLLECTOR_SETTING} {ours}）と違います"
                        "（別の課・別の委託者のファイルではありませんか）")
        return
    if on is None:
        return
    if on > today:
        plan.problem(1, f"引落日 {on.isoformat()} が今日より後です")
        return
    open_claims = OpenClaims(ledger)
    names: dict[str, str] = {}
    numbers: dict[int, str] = {}  # line → customer number
    for t in read.transfers:
        try:
            numbers[t.line] = normal_customer_number(t.customer_number)
        except InvalidValue as e:
            plan.problem(t.line, e.reason)
    registered = ledger.direct_debits.with_customer_numbers(numbers.values())
    for t in read.transfers:
        if t.line not in numbers:
            continue
        number = numbers[t.line]
        entries = registered.get(number, [])
        base = Reconciled(plan.file, t.line, "unmatched", number, paid_on=on, amount=t.amount, code=t.result)
        if not entries:
            plan.refuse(base, f"顧客番号 {number} で口座振替を登録した債務者がいません")
            continue
        if len(entries) > 1:
            plan.refuse(base, f"顧客番号 {number} は複数の債務者（{'、'.join(e.debtor_id for e in entries)}）"
                                   "に登録されています")
            continue
        debtor_id = entries[0].debtor_id
        if debtor_id not in names:
            debtor = ledger.debtor(debtor_id)
            names[debtor_id] = debtor.name if debtor else ""
        base = Reconciled(plan.file, t.line, "unmatched", number, debtor_id, names[debtor_id], paid_on=on,
                          amount=t.amount, code=t.result)
        paying = open_claims.paying(debtor_id, on, t.amount)
        if not t.done:
            owing = paying or open_claims.owing(debtor_id, on)[:1]
            plan.lines.append(Reconciled(plan.file, t.line, "failed", number, debtor_id, names[debtor_id],
                                         tuple(c.claim_id for c, _ in owing), on, t.amount,
                                         result_label(t.result), code=t.result))
            continue
        if paying is None:
            owing = open_claims.owing(debtor_id, on)
            what = "、".join(f"{c.claim_id} {format_yen(o)}" for c, o in owing) or "未納の債権なし"
            plan.refuse(base, f"引落金額 {format_yen(t.amount)} が債務者 {debtor_id} の未納額と合いません（{what}）")
            continue
        index = len(plan.lines)
        plan.lines.append(Reconciled(plan.file, t.line, "received", number, debtor_id, names[debtor_id],
                                     tuple(c.claim_id for c, _ in paying), on, t.amount, code=t.result))
        for claim, amount in paying:
            try:
                plan.events.append((index, receipt_event(claim, on, amount, "口座振替",
                                                         f"口座振替 {plan.file}:{t.line}")))
            except InvalidValue as e:
                plan.problem(t.line, f"債権 {claim.claim_id}: {e.reason}")
                continue
            open_claims.apply(claim, on, amount)

