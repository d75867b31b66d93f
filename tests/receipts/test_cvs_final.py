"""コンビニ 速報 whose 確報 does not come, 確報 that differ, and the 延滞金 part of a store
payment (docs/receipt-files.md §3)."""

from datetime import date

import pytest

from claimdesk.domain.claims import Claim
from claimdesk.domain.cvs_barcode import cvs_code
from claimdesk.domain.dates import format_wareki
from claimdesk.domain.payment_slips import PaymentSlip
from claimdesk.domain.worklist import Urgency, WorkKind
from claimdesk.services.casework_view import late_charge
from claimdesk.services.import_batches import reverse_batch
from claimdesk.services.receipts import take_receipt_files
from claimdesk.services.worklist import worklist
from claimdesk.storage.ledger import Ledger
from tests.receipt_builders import StoreLine, cvs_file
from tests.receipts.conftest import FEE


def _slip(ledger, claim_id, principal, late, deadline=date(2026, 7, 10), issued_on=date(2026, 6, 10)):
    number, issue = ledger.payments.next_numbers([claim_id])[claim_id]
    code = cvs_code("912345", number, 0, deadline, principal + late)
    ledger.payments.record_slips([PaymentSlip(number, claim_id, issue, issued_on, deadline, principal,
                                              late, code.digits)])
    return code.digits


@pytest.fixture
def slips(debits):
    """納付書 for C3 (8,500円) and C4 (5,000円), and for C5: 200,000円 due 2025-04-30 with
    延滞金 20,100円 reckoned to the 納付期限 2026-07-10."""
    with Ledger.open(debits) as ledger:
        ledger.add_claims([Claim("C5", "D3", FEE.name, 2025, date(2025, 4, 1), 200000, date(2025, 4, 30))])
        assert late_charge(ledger, "C5", date(2026, 7, 10)).amount == 20100
        return {"C3": _slip(ledger, "C3", 8500, 0), "C4": _slip(ledger, "C4", 5000, 0),
                "C5": _slip(ledger, "C5", 200000, 20100)}


def _missing(ledger, on):
    return [(i.claim.claim_id, i.urgency, i.phrase.text(format_wareki)) for i in worklist(ledger, on).items
            if i.kind is WorkKind.FINAL_MISSING]


def test_a_preliminary_without_its_final_is_a_worklist_check_after_20_days(debits, slips, tmp_path):
    pre = cvs_file(tmp_path / "sokuho.csv", [StoreLine(slips["C3"])])  # paid 2026-06-20
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [pre], today=date(2026, 6, 21))
        assert _missing(ledger, date(2026, 7, 9)) == []  # 19 days: still waiting
        ((claim, urgency, text),) = _missing(ledger, date(2026, 7, 10))
        assert (claim, urgency, WorkKind.FINAL_MISSING.label, urgency.label) == ("C3", Urgency.NOTICE, "確報未着", "確認")
        assert text.startswith("コンビニ確報を収納代行会社に確認（未着: 令和8年6月20日収納、8,500円、納付番号 ")
        assert text.endswith("、速報 sokuho.csv）")
        ledger.set_setting("cvs_final_wait_days", "30")
        assert _missing(ledger, date(2026, 7, 10)) == []
        ledger.set_setting("cvs_final_wait_days", "20")
        final = cvs_file(tmp_path / "kakuho.csv", [StoreLine(slips["C3"])], report="2")
        (taken,) = take_receipt_files(ledger, [final], today=date(2026, 7, 12))
        assert [r.outcome for r in taken.lines] == ["confirmed"] and ledger.event_count() == 1
        assert _missing(ledger, date(2026, 7, 12)) == []


def test_the_reconciliation_lists_the_preliminaries_still_waiting(debits, slips, tmp_path):
    a = cvs_file(tmp_path / "sokuho1.csv", [StoreLine(slips["C3"]), StoreLine(slips["C4"])])
    b = cvs_file(tmp_path / "kakuho.csv", [StoreLine(slips["C4"])], report="2")
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [a], today=date(2026, 6, 21))
        (taken,) = take_receipt_files(ledger, [b], today=date(2026, 7, 15))
        assert [(r.file, r.line, r.outcome, r.amount, r.reason) for r in taken.lines] == [
            ("kakuho.csv", 2, "confirmed", 5000, "ｾﾌﾞﾝｲﾚﾌﾞﾝ ﾐﾄﾞﾘ店"),
            ("sokuho1.csv", 2, "awaiting", 8500, "速報（sokuho1.csv）の確報が収納から25日の今日まで届いていません: 収納代行会社に確認")]
        assert taken.count("awaiting") == (1, 8500) and ledger.event_count() == 2
        (record,) = [f for f in ledger.receipt_files.all() if f.file == "kakuho.csv"]
        assert record.data_lines == 1  # the waiting line belongs to the earlier file


def test_a_final_of_another_day_is_confirmed_and_reported(debits, slips, tmp_path, capsys):
    from claimdesk.cli import main
    pre = cvs_file(tmp_path / "sokuho.csv", [StoreLine(slips["C3"])])
    final = cvs_file(tmp_path / "kakuho.csv", [StoreLine(slips["C3"], paid_on=date(2026, 6, 19))], report="2")
    assert main(["receipts", "--db", str(debits), str(pre)]) == 0
    capsys.readouterr()
    assert main(["receipts", "--db", str(debits), str(final)]) == 0
    out, err = capsys.readouterr()
    assert err == ("kakuho.csv:2: 速報と相違: 収納日 2026-06-19（速報 2026-06-20 で記録済み）。"
                   "収納の日付を確認し、違えば取消して入力し直してください\n")
    assert "速報で収納済み 1件 8,500円" in out
    with Ledger.open(debits) as ledger:
        assert [(e.date, e.amount) for e in ledger.events("C3")] == [(date(2026, 6, 20), 8500)]  # not twice


def test_a_final_of_another_amount_is_refused_naming_the_slip(debits, slips, tmp_path):
    from claimdesk.services.receipts import ReceiptsRefused
    other = cvs_code("912345", slips["C3"][8:20], 0, date(2026, 7, 10), 8000).digits
    pre = cvs_file(tmp_path / "sokuho.csv", [StoreLine(slips["C3"])])
    final = cvs_file(tmp_path / "kakuho.csv", [StoreLine(other)], report="2")
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [pre])
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [final])
        assert ledger.event_count() == 1
    assert [str(p) for p in refused.value.problems] == [
        f"{final}:2: 金額 8,000円 が納付書（納付番号 {slips['C3'][8:20]}）の 8,500円 と違います"]


def test_a_final_after_its_preliminary_was_taken_back_is_a_receipt(debits, slips, tmp_path):
    pre = cvs_file(tmp_path / "sokuho.csv", [StoreLine(slips["C3"])])
    final = cvs_file(tmp_path / "kakuho.csv", [StoreLine(slips["C3"])], report="2")
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [pre])
        reverse_batch(ledger, taken.batch_id, "速報の取込み誤り")
        assert _missing(ledger, date(2026, 7, 20)) == []  # nothing stands to be confirmed
        (taken,) = take_receipt_files(ledger, [final])
        assert [r.outcome for r in taken.lines] == ["received"]
        assert sum(e.amount for e in ledger.events("C3")) == 8500


def test_the_late_charge_part_is_kept_apart_from_the_claims_receipt(debits, slips, tmp_path):
    pre = cvs_file(tmp_path / "sokuho.csv", [StoreLine(slips["C5"])])  # 220,100円 paid 2026-06-20
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [pre])
        (line,) = taken.lines
        assert (line.outcome, line.amount, line.late_charge) == ("received", 220100, 20100)
        assert line.reason == ("ｾﾌﾞﾝｲﾚﾌﾞﾝ ﾐﾄﾞﾘ店　うち延滞金 20,100円（納付日までの延滞金 19,100円、"
                               "差額 1,000円 は過誤納の確認）")
        assert [(e.date, e.amount, e.method) for e in ledger.events("C5")] == [(date(2026, 6, 20), 200000, "コンビニ")]
        (record,) = ledger.receipt_files.lines(taken.file_id)
        assert (record.amount, record.late_charge) == (200000, 20100)
        charge = late_charge(ledger, "C5", date(2026, 6, 20))
        assert (charge.amount, charge.paid, charge.outstanding) == (19100, 19100, 0)
        assert late_charge(ledger, "C5", date(2026, 6, 19)).paid == 0  # not before the day it was paid
        assert late_charge(ledger, "C5", date(2026, 12, 31)).outstanding == 0  # nothing accrues after
        reverse_batch(ledger, taken.batch_id, "誤り")
        assert late_charge(ledger, "C5", date(2026, 6, 20)).paid == 0


def test_the_report_shows_the_late_charge_part_and_the_waiting_preliminary(debits, slips, tmp_path):
    import openpyxl
    from pypdf import PdfReader

    from claimdesk.services.receipt_report import save_reconciliation
    a = cvs_file(tmp_path / "sokuho1.csv", [StoreLine(slips["C3"])])
    b = cvs_file(tmp_path / "sokuho2.csv", [StoreLine(slips["C5"], paid_on=date(2026, 7, 12))])
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [a], today=date(2026, 6, 21))
        taken = take_receipt_files(ledger, [b], today=date(2026, 7, 13))
        save_reconciliation(ledger, taken, tmp_path / "r.pdf")
        save_reconciliation(ledger, taken, tmp_path / "r.xlsx")
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "r.pdf")).pages).replace("\n", "")
    for part in ("確報未着（速報のみ）", "速報（sokuho1.csv）の確報", "うち延滞金 20,100円", "220,100円"):
        assert part in text, part
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["明細"].iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2], r[7]) for r in rows] == [("sokuho2.csv", 2, "収納", 220100),
                                                        ("sokuho1.csv", 2, "確報未着（速報のみ）", 8500)]


def test_a_preliminary_and_its_final_given_together_book_once_in_either_order(debits, slips, tmp_path):
    pre = cvs_file(tmp_path / "sokuho.csv", [StoreLine(slips["C3"]), StoreLine(slips["C4"])])
    final = cvs_file(tmp_path / "kakuho.csv", [StoreLine(slips["C3"])], report="2")
    with Ledger.open(debits) as ledger:
        taken = take_receipt_files(ledger, [final, pre])  # the 確報 named first
        assert [(t.file, [r.outcome for r in t.lines]) for t in taken] == [
            ("kakuho.csv", ["confirmed"]), ("sokuho.csv", ["received", "received"])]
        assert [e.amount for e in ledger.events("C3")] == [8500]


def test_a_private_claims_default_interest_part_is_paid_first_and_settles_it(debits, tmp_path):
    from claimdesk.domain.claims import ClaimType, LegalNature
    rent = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
    with Ledger.open(debits) as ledger:
        ledger.add_claim_type(rent)
        ledger.add_claims([Claim("R1", "D3", rent.name, 2025, date(2025, 6, 1), 100000, date(2025, 6, 30))])
        # 3% from 2025-07-01: to the 納付期限 2026-01-19, 203 days: 1,668.49…円; to 2026-01-10, 194 days: 1,594.52…円.
        assert late_charge(ledger, "R1", date(2026, 1, 19)).amount == 1668
        code = _slip(ledger, "R1", 100000, 1668, deadline=date(2026, 1, 19), issued_on=date(2026, 1, 5))
        f = cvs_file(tmp_path / "s.csv", [StoreLine(code, paid_on=date(2026, 1, 10))])
        (taken,) = take_receipt_files(ledger, [f])
        assert taken.lines[0].reason.endswith(
            "うち遅延損害金 1,668円（納付日までの遅延損害金 1,594円、差額 74円 は過誤納の確認）")
        assert [e.amount for e in ledger.events("R1")] == [100000]
        for day in (date(2026, 1, 10), date(2026, 6, 30)):  # 民法489条: interest first, then the principal, all paid
            charge = late_charge(ledger, "R1", day)
            assert (charge.amount, charge.paid, charge.outstanding) == (1594, 1594, 0), day


def test_letters_and_slips_never_ask_again_for_a_late_charge_paid_at_a_store(debits, tmp_path):
    # C5: 200,000円 due 2025-04-30. A 納付書 for half of it with the 延滞金 then accrued
    # (20,100円), paid at a store on 2026-06-20; the other half goes on accruing.
    from claimdesk.domain.charges import late_charge as bare_late_charge
    from claimdesk.services.casework_settings import casework_settings
    from claimdesk.services.letter_hooks import late_charges
    from claimdesk.services.payment_slips import SlipMaker

    with Ledger.open(debits) as ledger:
        ledger.add_claims([Claim("C5", "D3", FEE.name, 2025, date(2025, 4, 1), 200000, date(2025, 4, 30))])
        code = _slip(ledger, "C5", 100000, 20100)
        take_receipt_files(ledger, [cvs_file(tmp_path / "sokuho.csv", [StoreLine(code)])])
        claim, events, day = ledger.claim("C5"), ledger.events("C5"), date(2026, 12, 1)
        settings = casework_settings(ledger)
        accrued = bare_late_charge(FEE.legal_nature, claim.amount, claim.due_date, events, day,
                                   settings.public_rules(FEE.name), settings.private_rules(FEE.name))
        owed = late_charge(ledger, "C5", day)
        assert owed.amount == accrued.amount > 20100 and owed.paid == 20100
        assert late_charges(ledger)(claim, events, day) == owed.outstanding == accrued.outstanding - 20100
        slip = SlipMaker(ledger, day).slip("C5")
        deadline = slip.record.deadline
        assert slip.record.principal == 100000
        assert slip.record.late_charge == late_charge(ledger, "C5", deadline).outstanding
        assert slip.record.late_charge < bare_late_charge(FEE.legal_nature, claim.amount, claim.due_date, events,
                                                          deadline, settings.public_rules(FEE.name),
                                                          settings.private_rules(FEE.name)).outstanding
