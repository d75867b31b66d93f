"""納付書: amounts and deadlines in yen and dates, numbers, barcodes, and the record made when sent."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, Guarantor, LegalNature, new_event
from claimdesk.domain.contacts import LegalEffect
from claimdesk.domain.cvs_barcode import parse_cvs_code
from claimdesk.domain.letters import LetterKind
from claimdesk.domain.payment_slips import SlipKind, payment_number
from claimdesk.services import casework
from claimdesk.services.letter_log import confirm_sent, file_hash
from claimdesk.services.letters import LettersRefused, render_batch
from claimdesk.services.payment_slips import PreparedSlip, SlipMaker
from claimdesk.services.slip_batches import render_slip_batch
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
FEE = ClaimType("保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "使用料及手数料")
ISSUED = date(2026, 1, 5)  # a Monday; 14 days on is Monday 19 January (成人の日 was the 12th)


@pytest.fixture
def ledger(tmp_path, letters_ready):
    with Ledger.open(tmp_path / "dept" / "ledger.sqlite3") as led:
        letters_ready(led, cvs_company_code="912345")
        led.add_claim_type(RENT)
        led.add_claim_type(FEE)
        led.save_debtor(Debtor("D1", "山田 太郎", postal_code="154-0005", address="東京都世田谷区三宿3-6-1"))
        led.save_debtor(Debtor("D2", "佐藤 花子", address="東京都目黒区八雲1-1-4"))
        led.add_claims([Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 100_000, date(2025, 6, 30)),
                        Claim("B", "D1", FEE.name, 2025, date(2025, 5, 1), 50_000, date(2025, 5, 31)),
                        Claim("C", "D2", RENT.name, 2025, date(2025, 6, 1), 400_000, date(2025, 6, 30)),
                        Claim("P", "D2", RENT.name, 2025, date(2025, 6, 1), 10_000, date(2025, 6, 30))])
        led.add_events([new_event(Claim("P", "D2", RENT.name, 2025, date(2025, 6, 1), 10_000, date(2025, 6, 30)),
                                  EventKind.RECEIPT, date(2025, 6, 20), 10_000)])
        led.add_guarantor(Guarantor("A", "山田 次郎", address="東京都目黒区八雲2-2-2"))
        yield led


def made(ledger, claim_id, **kw):
    slip = SlipMaker(ledger, ISSUED).slip(claim_id, **kw)
    assert isinstance(slip, PreparedSlip), slip
    return slip


def test_a_slip_alone_asks_the_balance_and_the_charge_as_of_its_deadline(ledger):
    s = made(ledger, "A")
    assert s.record.deadline == date(2026, 1, 19)
    # 遅延損害金 3% from 1 July 2025 to 19 January 2026: 203 days, 100,000 × 3% × 203/365 = 1,668.49…
    assert (s.record.principal, s.record.late_charge, s.record.amount) == (100_000, 1_668, 101_668)
    assert s.record.late_charge == casework.late_charge(ledger, "A", date(2026, 1, 19)).outstanding
    assert s.data.charge_name == "遅延損害金"
    public = made(ledger, "B")
    assert public.data.charge_name == "延滞金"
    assert public.record.late_charge == casework.late_charge(ledger, "B", public.record.deadline).outstanding > 0


def test_a_slip_before_its_due_date_is_due_no_earlier_than_the_claim(ledger):
    s = SlipMaker(ledger, date(2025, 6, 21)).slip("A")
    assert s.record.deadline == date(2025, 7, 7)  # 14 days from Saturday 21 June: Saturday 5 July → Monday
    early = SlipMaker(ledger, date(2025, 6, 1)).slip("A")
    assert early.record.deadline == date(2025, 6, 30) and early.record.late_charge == 0


def test_numbers_and_barcode(ledger):
    s = made(ledger, "A")
    assert s.record.number == payment_number(1, 1) and s.record.issue == 1
    code = parse_cvs_code(s.record.barcode)
    assert (code.company_code, code.payment_number, code.reissue, code.deadline, code.amount) == (
        "912345", s.record.number, 0, date(2026, 1, 19), 101_668)


def test_no_barcode_over_the_store_limit_or_without_a_company_code(ledger, letters_ready):
    over = made(ledger, "C")
    assert over.record.barcode is None and "300,000円" in over.data.no_barcode
    letters_ready(ledger, cvs_limit="500000")
    assert made(ledger, "C").record.barcode is not None
    letters_ready(ledger, cvs_company_code="")
    plain = made(ledger, "A")
    assert plain.record.barcode is None and plain.data.no_barcode == ""


def test_a_paid_claim_gets_no_slip_and_named_claims_are_refused(ledger, tmp_path):
    with pytest.raises(LettersRefused) as e:
        render_slip_batch(ledger, tmp_path / "s.pdf", ISSUED, claim_ids=["A", "P"], strict=True)
    assert [c for c, _ in e.value.refused] == ["P"]
    assert not (tmp_path / "s.pdf").exists()


def pdf_text(path, pages=None):
    reader = PdfReader(path)
    return ["".join(p.extract_text().split()) for p in reader.pages][slice(*pages) if pages else slice(None)]


def test_the_batch_pdf_says_the_amounts_dates_and_numbers(ledger, tmp_path):
    batch = render_slip_batch(ledger, tmp_path / "s.pdf", ISSUED, due=True)
    assert batch.kind is SlipKind.PAYMENT_SLIP and batch.pages == 3  # P is paid: not overdue
    # One envelope per debtor, but a debtor's public and private claims are logged apart.
    assert [(r.debtor_id, r.claim_ids, r.first_page, r.pages) for r in batch.letters] == [
        ("D1", ("B",), 1, 1), ("D1", ("A",), 2, 1), ("D2", ("C",), 3, 1)]
    page = pdf_text(batch.path)[1]
    for part in ("納付書", "領収済通知書", "領収証書"):
        assert part in page
    assert page.count("000000001-01-" + payment_number(1, 1)[-1]) == 3
    assert page.count("100,000円") == 3 and len(re.findall(r"(?<![\d,])1,668円", page)) == 3 and page.count("101,668円") == 3
    assert page.count("令和8年1月19日") == 3 and "区営住宅使用料（令和7年度）" in page
    assert "(91)912345-" in page and "取扱金融機関:みどり区の指定金融機関" in page
    assert "コンビニエンスストアでは取り扱えません" in pdf_text(batch.path)[2]
    assert "納付書（金融機関保管）" in pdf_text(batch.path)[2] and "コンビニエンスストア保管" in page


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbarimg (Debian zbar-tools) or pdftoppm (poppler-utils) is not installed")
def test_the_barcode_reads_back_from_the_printed_page(ledger, tmp_path):
    batch = render_slip_batch(ledger, tmp_path / "s.pdf", ISSUED, claim_ids=["A"])
    # The top part only, at 400 dpi (a module of 0.169 mm falls between 2 and 3 dots there).
    subprocess.run(["pdftoppm", "-png", "-r", "400", "-f", "1", "-l", "1", "-x", "0", "-y", "0",
                    "-W", "3400", "-H", "1600", "-singlefile", batch.path, tmp_path / "top"], check=True)
    read = subprocess.run(["zbarimg", "-q", "--raw", tmp_path / "top.png"], capture_output=True, text=True)
    assert read.stdout.split() == [batch.letters[0].slips[0].barcode]


def test_sending_records_the_slips_and_the_next_issue_gets_the_next_number(ledger, tmp_path):
    batch = render_slip_batch(ledger, tmp_path / "s.pdf", ISSUED, claim_ids=["A", "B"])
    assert ledger.payments.slip(payment_number(1, 1)) is None  # printing writes nothing
    entries = confirm_sent(ledger, batch, ISSUED)
    got = ledger.payments.slip(payment_number(1, 1))
    assert entries[1].claim_ids == ("A",)
    assert got.claim_id == "A" and got.amount == 101_668 and got.letter_entry == entries[1].entry_id
    assert ledger.payments.slip(payment_number(2, 1)).letter_entry == entries[0].entry_id
    assert got.batch_hash == file_hash(batch.path) and got.batch_path.startswith("letters/2026/")
    log = {line.entry.entry_id: line.entry for line in casework.contact_log(ledger, debtor_id="D1")}
    sent = log[entries[1].entry_id]
    assert sent.letter_kind is None and sent.summary.startswith("納付書を送付（宛先: 山田 太郎 様")
    assert sent.claim_ids == ("A",) and sent.legal_effect is LegalEffect.NONE
    again = render_slip_batch(ledger, tmp_path / "s2.pdf", date(2026, 1, 20), claim_ids=["A"])
    assert again.letters[0].slips[0].number == payment_number(1, 2)
    assert parse_cvs_code(again.letters[0].slips[0].barcode).reissue == 1


def test_slips_enclosed_after_each_letter_take_its_deadline(ledger, tmp_path):
    batch = render_batch(ledger, LetterKind.REMINDER, tmp_path / "r.pdf", ISSUED, claim_ids=["A"],
                         with_payment_slip=True)
    debtor, guarantor = batch.letters
    assert (debtor.pages, debtor.first_page, guarantor.first_page) == (2, 1, 3)
    assert debtor.slips[0] == guarantor.slips[0]  # the copy to the guarantor encloses the same slip
    text = pdf_text(batch.path)
    assert "領収済通知書" in text[1] and "山田次郎様" in text[3]
    entries = confirm_sent(ledger, batch, ISSUED)
    assert [s.number for s in ledger.payments.slips("A")] == [payment_number(1, 1)]
    assert ledger.payments.slips("A")[0].letter_entry == entries[0].entry_id


def test_two_batches_printed_before_either_is_sent_never_keep_a_letter_out_of_the_log(ledger, tmp_path):
    from claimdesk.services.payment_slips import slips_taken

    monday = render_batch(ledger, LetterKind.DEMAND, tmp_path / "m.pdf", ISSUED, claim_ids=["A"],
                          with_payment_slip=True)
    tuesday = render_slip_batch(ledger, tmp_path / "t.pdf", date(2026, 1, 6), claim_ids=["A"])
    assert tuesday.letters[0].slips[0].number == monday.letters[0].slips[0].number == payment_number(1, 1)
    confirm_sent(ledger, tuesday, date(2026, 1, 6))
    assert slips_taken(ledger, monday.letters) == [monday.letters[0].slips[0]]
    entries = confirm_sent(ledger, monday, date(2026, 1, 6))  # the 督促状 is logged all the same
    assert casework.letters_sent(ledger, ["A"]) == {"A": {LetterKind.DEMAND: date(2026, 1, 6)}}
    (kept,) = ledger.payments.slips("A")
    assert kept.issued_on == date(2026, 1, 6) and kept.letter_entry != entries[0].entry_id


def test_the_symbol_keeps_the_guidelines_sizes(ledger):
    from reportlab.lib.units import mm

    from claimdesk.domain.cvs_barcode import cvs_code
    from claimdesk.letters.payment_slip import MODULE, QUIET, cvs_symbol
    symbol = cvs_symbol(cvs_code("912345", payment_number(1, 1), 0, date(2026, 1, 19), 101668).digits)
    assert round(symbol.width / mm, 2) == 53.85  # 288 modules and two quiet zones: at most 60 mm
    assert round(QUIET / mm, 2) == 2.54 and symbol.barHeight / mm >= 10
    assert MODULE * 600 / 72 == pytest.approx(4)  # 4 dots of a 600 dpi printer: every bar alike


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbarimg (Debian zbar-tools) or pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("dpi", [300, 600])
def test_the_barcode_reads_back_at_office_printer_resolutions(ledger, tmp_path, dpi):
    batch = render_slip_batch(ledger, tmp_path / "s.pdf", ISSUED, claim_ids=["A"])
    width, height = 210 * dpi * 10 // 254, 100 * dpi * 10 // 254  # the top third of the A4 page
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-x", "0", "-y", "0",
                    "-W", str(width), "-H", str(height), "-singlefile", batch.path, tmp_path / "top"], check=True)
    read = subprocess.run(["zbarimg", "-q", "--raw", tmp_path / "top.png"], capture_output=True, text=True)
    assert read.stdout.split() == [batch.letters[0].slips[0].barcode]
