"""コンビニ receipt files (速報 / 確報) matched by the 納付番号 of the recorded 納付書."""

from datetime import date

import pytest

from claimdesk.domain.cvs_barcode import cvs_code
from claimdesk.domain.payment_slips import PaymentSlip
from claimdesk.services.receipts import ReceiptsRefused, detect_format, take_receipt_files
from claimdesk.storage.ledger import Ledger
from tests.receipt_builders import StoreLine, cvs_file


@pytest.fixture
def slips(debits):
    """納付書 for C3 (8,500円) and C4 (5,000円, of which 300円 延滞金), recorded as printed."""
    codes = {}
    with Ledger.open(debits) as ledger:
        numbers = ledger.payments.next_numbers(["C3", "C4"])
        recorded = []
        for claim_id, principal, late in (("C3", 8500, 0), ("C4", 5000, 300)):
            number, issue = numbers[claim_id]
            code = cvs_code("912345", number, 0, date(2026, 7, 10), principal + late)
            codes[claim_id] = code.digits
            recorded.append(PaymentSlip(number, claim_id, issue, date(2026, 6, 10), date(2026, 7, 10), principal,
                                        late, code.digits))
        ledger.payments.record_slips(recorded)
    return codes


def test_a_preliminary_file_is_taken_and_its_final_confirms_it(debits, slips, tmp_path):
    pre = cvs_file(tmp_path / "sokuho.csv", [StoreLine(slips["C3"]), StoreLine(slips["C4"], paid_on=date(2026, 6, 21))])
    assert detect_format(pre.read_bytes()) == "cvs"
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [pre])
        assert (taken.report, taken.count("received")) == ("preliminary", (2, 13800))
        assert [(e.date, e.amount, e.method) for e in ledger.events("C3")] == [(date(2026, 6, 20), 8500, "コンビニ")]
        assert [e.amount for e in ledger.events("C4")] == [5000]  # the 延滞金 is not the claim's money
    final = cvs_file(tmp_path / "kakuho.csv", [StoreLine(slips["C3"]), StoreLine(slips["C4"], paid_on=date(2026, 6, 21))],
                     report="2")
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [final], format="cvs")
        assert [r.outcome for r in taken.lines] == ["confirmed", "confirmed"]
        assert taken.batch_id is None and ledger.event_count() == 2


def test_a_final_without_its_preliminary_is_a_receipt(debits, slips, tmp_path):
    final = cvs_file(tmp_path / "kakuho.csv", [StoreLine(slips["C3"])], report="2", encoding="utf-8")
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [final])
        assert taken.count("received") == (1, 8500)


def test_unknown_numbers_other_amounts_and_wrong_totals_are_listed(debits, slips, tmp_path):
    other = cvs_code("912345", "000000999017", 0, date(2026, 7, 10), 1000).digits
    f = cvs_file(tmp_path / "s.csv", [StoreLine(slips["C3"]), StoreLine(other), StoreLine(slips["C4"], amount=5000)],
                 total=14800)
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
        assert ledger.event_count() == 0
    assert [str(p) for p in refused.value.problems] == [
        f"{f}:3: 納付番号 000000999017 の納付書の記録がありません",
        f"{f}:4: 金額 5,000円 がバーコードの金額 5,300円 と違います",
    ]


def test_the_trailer_count_and_total_are_checked(debits, slips, tmp_path):
    f = cvs_file(tmp_path / "s.csv", [StoreLine(slips["C3"])], count=2, total=9000)
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
    assert [str(p) for p in refused.value.problems] == [
        f"{f}:3: トレーラーの件数 2件 がデータの 1件 と合いません",
        f"{f}:3: トレーラーの合計金額 9,000円 がデータの 8,500円 と合いません"]


def test_a_second_preliminary_for_a_paid_slip_is_refused(debits, slips, tmp_path):
    a = cvs_file(tmp_path / "a.csv", [StoreLine(slips["C3"])])
    b = cvs_file(tmp_path / "b.csv", [StoreLine(slips["C3"], paid_on=date(2026, 6, 22))])
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [a])
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [b])
    assert str(refused.value.problems[0]) == f"{b}:2: 納付番号 {slips['C3'][8:20]} は 2026-06-20 に収納済みです"


def test_a_damaged_barcode_is_named(debits, slips, tmp_path):
    broken = slips["C3"][:-1] + str((int(slips["C3"][-1]) + 1) % 10)
    f = cvs_file(tmp_path / "s.csv", [StoreLine(broken, amount=8500)], total=8500)
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
    assert str(refused.value.problems[0]).startswith(f"{f}:2: バーコードの検査数字が合いません")


def test_a_slip_paid_after_the_claim_was_settled_is_taken_and_flagged(debits, slips, tmp_path, capsys):
    from claimdesk.cli import main
    from claimdesk.domain.claims import EventKind, new_event
    with Ledger.open(debits) as ledger:
        ledger.add_event(new_event(ledger.claim("C3"), EventKind.RECEIPT, date(2026, 6, 15), 8500, method="窓口"))
    f = cvs_file(tmp_path / "s.csv", [StoreLine(slips["C3"])])
    assert main(["receipts", "--db", str(debits), str(f)]) == 0
    err = capsys.readouterr().err
    assert err == "s.csv:2: ｾﾌﾞﾝｲﾚﾌﾞﾝ ﾐﾄﾞﾘ店 過誤納（納付時の未納額 0円）\n"
    with Ledger.open(debits) as ledger:
        assert [e.amount for e in ledger.events("C3")] == [8500, 8500]  # the store has the money: to be refunded


def test_a_file_of_another_company_code_is_refused(debits, slips, tmp_path):
    with Ledger.open(debits) as ledger:
        ledger.set_setting("cvs_company_code", "954321")
        f = cvs_file(tmp_path / "s.csv", [StoreLine(slips["C3"])])
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
    assert str(refused.value.problems[0]) == (
        f"{f}:1: 請求書発行企業コード 912345 がこの台帳の設定（cvs_company_code 954321）と違います"
        "（別の課・別の収納企業のファイルではありませんか）")
