"""The demo ledger as the manual's screenshots show it (docs/make_screenshots.py).

The small demo ledger holds five years of claims, money and casework, but none of what
a clerk adds with the newer screens: 口座振替, guarantors and heirs, 滞納処分 records, a
bank's 口座振替結果 file. `add_newer_entries` adds a few of each through the same
services the window uses, as a clerk would, so that those screens have something to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from claimdesk.domain.case_class import CaseClass
from claimdesk.domain.claims import Guarantor, LegalNature, balance_on
from claimdesk.domain.contacts import LetterKind
from claimdesk.domain.direct_debit import zengin_kana
from claimdesk.services import enforcement as enf
from claimdesk.services.casework_view import claim_casework
from claimdesk.services.direct_debits import register_direct_debit
from claimdesk.services.letter_log import confirm_sent
from claimdesk.services.letters import due_claim_ids, render_batch
from claimdesk.services.letter_settings import set_letter_settings
from claimdesk.services.parties import add_party
from claimdesk.services.receipts import ReceiptsRefused, take_receipt_files
from claimdesk.storage.ledger import Ledger

DEMAND_DAY = date(2026, 11, 16)  # 督促状 sent with 納付書: their calls are due on the 30th
DEBIT_DAY = date(2026, 11, 27)  # the bank's 引落日 of the 口座振替結果 file (a Friday)
CVS_COMPANY = "912345"  # 収納企業コード: the 納付書 then carries the コンビニ barcode


@dataclass(frozen=True)
class Scene:
    """The claims and debtors the screenshots open."""

    enforced_claim: str  # a 強制徴収公債権 with a 財産調査 and a 差押え
    guaranteed_claim: str  # a claim with a guarantor and an heir
    debit_debtor: str  # a debtor paying by 口座振替
    transfer_file: Path  # the bank's 口座振替結果 (one paid, one 資金不足)
    taken: list  # that file as taken (its reconciliation)
    refused: ReceiptsRefused  # a later file with a customer number nobody has


def _owing(ledger: Ledger, on: date):
    """(claim, owed on `on`, legal kind) of every claim owing something on `on`, oldest first."""
    kinds = {t.name: t.legal_nature for t in ledger.claim_types()}
    for claim in ledger.claims():
        owed = balance_on(claim, ledger.events(claim.claim_id), on).owed
        if owed > 0 and claim.due_date < on:
            yield claim, owed, kinds[claim.claim_type]


def _zengin(path: Path, debit_on: date, lines: list[tuple[str, int, str, str]]) -> Path:
    """A 全銀協 口座振替結果 file (docs/receipt-files.md §2): (customer, amount, result, holder) lines."""
    def c(text: str, width: int) -> str:
        return text + " " * (width - len(text.encode("cp932")))

    records = ["1910" + "1234567890" + c("ﾐﾄﾞﾘｸ", 40) + f"{debit_on:%m%d}" + "0001" + c("ﾐﾄﾞﾘｷﾞﾝｺｳ", 15)
               + "100" + c("ﾎﾝﾃﾝ", 15) + "1" + "7654321" + c("", 17)]
    for customer, amount, result, holder in lines:
        records.append("2" + "0001" + c("ﾐﾄﾞﾘｷﾞﾝｺｳ", 15) + "100" + c("ﾎﾝﾃﾝ", 15) + c("", 4) + "1" + "1234567"
                       + c(holder, 30) + f"{amount:010d}" + "0" + customer.zfill(20) + result + c("", 8))
    done = [x for x in lines if x[2] == "0"]
    failed = [x for x in lines if x[2] != "0"]
    records.append("8" + f"{len(lines):06d}{sum(x[1] for x in lines):012d}{len(done):06d}"
                   f"{sum(x[1] for x in done):012d}{len(failed):06d}{sum(x[1] for x in failed):012d}" + c("", 65))
    records.append("9" + c("", 119))
    path.write_bytes("\r\n".join(records).encode("cp932") + b"\r\n")
    return path


def add_newer_entries(ledger: Ledger, folder: Path, today: date) -> Scene:
    """Add 口座振替, a guarantor and an heir, 滞納処分 records and a transfer file; what they concern."""
    set_letter_settings(ledger, {"cvs_company_code": CVS_COMPANY})
    due = due_claim_ids(ledger, LetterKind.DEMAND, DEMAND_DAY)
    sent = render_batch(ledger, LetterKind.DEMAND, folder / "督促状.pdf", DEMAND_DAY, claim_ids=due[:-1],
                        with_payment_slip=True)  # one left to send on the day of the pictures
    confirm_sent(ledger, sent, DEMAND_DAY)
    owing = list(_owing(ledger, DEBIT_DAY))
    enforced = next(c for c, _, kind in owing if kind is LegalNature.ENFORCED_PUBLIC
                    and claim_casework(ledger, c.claim_id, today).case_class is CaseClass.COLLECT)
    enf.record_asset_inquiry(ledger, enforced.claim_id, asked_on=today - timedelta(days=45),
                             asked_of="みどり信用金庫 本店", subject="預貯金の有無・残高", today=today)
    enf.record_seizure(ledger, enforced.claim_id, seized_on=today - timedelta(days=10),
                       property="みどり信用金庫 本店 普通預金", amount=52300, today=today)

    guaranteed = next(c for c, _, kind in owing if kind is LegalNature.PRIVATE and c.debtor_id != enforced.debtor_id)
    add_party(ledger, guaranteed.claim_id, Guarantor("", "緑川 次郎", "ミドリカワ ジロウ", "100-0001",
                                                   "みどり区緑町二丁目3番4号", "03-0000-1111", "兄"),
              "guarantor", on=guaranteed.assessed_on, today=today)
    add_party(ledger, guaranteed.claim_id, Guarantor("", "緑川 花子", "ミドリカワ ハナコ", "100-0002",
                                                   "みどり区若葉一丁目5番6号", "", "長女（法定相続分 1/2）"),
              "heir", on=today - timedelta(days=20), today=today)

    # Two debtors pay by 口座振替: the bank debited one and could not debit the other.
    used = {enforced.debtor_id, guaranteed.debtor_id}
    payers = []
    for claim, owed, _kind in owing:
        if claim.debtor_id not in used and len(payers) < 2:
            used.add(claim.debtor_id)
            payers.append((claim, owed))
    lines = []
    for n, (claim, owed) in enumerate(payers, 1):
        holder = zengin_kana(ledger.debtor(claim.debtor_id).kana)
        register_direct_debit(ledger, claim.debtor_id, bank="0001", branch="100", account_type="1",
                              number=f"{1234560 + n}", holder=holder, customer=f"{1000 + n}",
                              starts_on=date(2026, 4, 1))
        lines.append((f"{1000 + n}", owed, "0" if n == 1 else "1", holder))  # the second: 資金不足
    transfer = _zengin(folder / "口座振替結果_20261127.txt", DEBIT_DAY, lines)
    taken = take_receipt_files(ledger, [transfer], None, today)
    later = _zengin(folder / "口座振替結果_20261130.txt", today, [("1003", 3000, "0", "ｱｵﾊﾞ ｲﾁﾛｳ")])
    try:
        take_receipt_files(ledger, [later], None, today)
        raise AssertionError("a file naming an unregistered customer number was taken")
    except ReceiptsRefused as refused:
        return Scene(enforced.claim_id, guaranteed.claim_id, payers[0][0].debtor_id, transfer, taken, refused)
