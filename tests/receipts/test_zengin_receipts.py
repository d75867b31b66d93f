"""口座振替結果 files taken into a ledger file: receipts, failed transfers, refusals."""

from datetime import date

import pytest

from claimdesk.services.receipts import ReceiptsRefused, take_receipt_files
from claimdesk.storage.ledger import Ledger
from tests.receipt_builders import Line, zengin_file

JUNE27 = date(2026, 6, 27)


def balances(path):
    from claimdesk.domain.claims import balance_on
    with Ledger.open(path) as ledger:
        return {c.claim_id: balance_on(c, ledger.events(c.claim_id), date(2026, 6, 30)).owed for c in ledger.claims()}


def test_receipts_and_a_failed_transfer_are_taken(debits, tmp_path):
    f = zengin_file(tmp_path / "furikae.txt", JUNE27, [Line("1001", 12000), Line("1002", 8500, result="1")])
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [f])
        assert taken.count("received") == (1, 12000)
        assert taken.count("failed") == (1, 8500)
        (event,) = [e for e in ledger.events("C1")]
        assert (event.date, event.amount, event.method) == (JUNE27, 12000, "口座振替")
        assert ledger.events("C3") == []
        batch = ledger.imports.get(taken.batch_id)
        assert (batch.transactions_file, batch.events) == ("furikae.txt", 1)
        (failed,) = ledger.receipt_files.failed_transfers(date(2026, 6, 1))
        assert failed[:5] == ("D2", "C3", JUNE27, 8500, "1")
    assert balances(debits) == {"C1": 0, "C2": 12000, "C3": 8500, "C4": 5000}


def test_the_oldest_claim_owing_the_amount_is_paid_first_and_the_total_pays_all(debits, tmp_path):
    f = zengin_file(tmp_path / "a.txt", JUNE27, [Line("1001", 12000), Line("1001", 12000), Line("1002", 8500)],
                    breaks=False)
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [f], format="zengin")
    assert balances(debits) == {"C1": 0, "C2": 0, "C3": 0, "C4": 5000}
    g = zengin_file(tmp_path / "b.txt", JUNE27, [Line("1001", 24000)])
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [g])
    assert [str(p) for p in refused.value.problems] == [
        f"{g}:2: 引落金額 24,000円 が債務者 D1 の未納額と合いません（未納の債権なし）"]


def test_the_total_of_the_debtors_claims_pays_them_all(debits, tmp_path):
    f = zengin_file(tmp_path / "a.txt", JUNE27, [Line("1001", 24000)])
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [f])
        assert taken.lines[0].claim_ids == ("C1", "C2")
    assert balances(debits)["C1"] == balances(debits)["C2"] == 0


@pytest.mark.parametrize("change, reason", [
    ({"count": 3}, "4: トレーラーの合計件数 3件 がデータ・レコードの 2件 と合いません"),
    ({"total": 20000}, "4: トレーラーの合計金額 20,000円 がデータ・レコードの 20,500円 と合いません"),
])
def test_a_trailer_that_does_not_add_up_refuses_the_file(debits, tmp_path, change, reason):
    f = zengin_file(tmp_path / "t.txt", JUNE27, [Line("1001", 12000), Line("1002", 8500)], **change)
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
        assert [str(p) for p in refused.value.problems] == [f"{f}:{reason}"]
        assert ledger.event_count() == 0 and ledger.receipt_files.all() == []


def test_unknown_customers_and_differing_amounts_are_listed_and_nothing_is_taken(debits, tmp_path):
    f = zengin_file(tmp_path / "u.txt", JUNE27, [Line("1001", 12000), Line("9999", 3000), Line("1002", 8000)])
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
        assert [str(p) for p in refused.value.problems] == [
            f"{f}:3: 顧客番号 9999 で口座振替を登録した債務者がいません",
            f"{f}:4: 引落金額 8,000円 が債務者 D2 の未納額と合いません（C3 8,500円）"]
        assert ledger.event_count() == 0
        (checked,) = refused.value.files
        assert [r.outcome for r in checked.lines] == ["received", "unmatched", "unmatched"]


def test_the_same_file_is_never_taken_twice(debits, tmp_path):
    f = zengin_file(tmp_path / "f.txt", JUNE27, [Line("1001", 12000)])
    copy = tmp_path / "copy.txt"
    copy.write_bytes(f.read_bytes())
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as twice_at_once:
            take_receipt_files(ledger, [f, copy])
        assert str(twice_at_once.value.problems[0]).endswith("f.txt と同じ内容です（同じファイルは1回だけ取り込めます）")
        take_receipt_files(ledger, [f])
        with pytest.raises(ReceiptsRefused) as again:
            take_receipt_files(ledger, [copy])
        assert "に取り込み済みです（f.txt、テスト担当" in str(again.value.problems[0])
        assert len(ledger.events("C1")) == 1


def test_a_customer_number_on_two_debtors_is_ambiguous(debits, tmp_path):
    from claimdesk.domain.direct_debit import direct_debit
    with Ledger.open(debits) as ledger:
        ledger.direct_debits.add([direct_debit("D3", "0001", "002", "1", "55", "ｻﾄｳ ｼﾞﾛｳ", "1001", date(2026, 5, 1))])
        f = zengin_file(tmp_path / "a.txt", JUNE27, [Line("1001", 12000)])
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
    assert str(refused.value.problems[0]).endswith("顧客番号 1001 は複数の債務者（D1、D3）に登録されています")


def test_records_of_other_lengths_and_kinds_are_named_by_line(debits, tmp_path):
    f = zengin_file(tmp_path / "a.txt", JUNE27, [Line("1001", 12000)])
    lines = f.read_bytes().split(b"\r\n")
    lines[1] = lines[1][:100]
    f.write_bytes(b"\r\n".join(lines))
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused) as refused:
            take_receipt_files(ledger, [f])
    assert str(refused.value.problems[0]) == f"{f}:2: レコードの長さが100バイトです（120バイト・半角文字のみ）"


def test_a_taken_file_can_be_reversed_as_an_import_batch(debits, tmp_path):
    from claimdesk.services.import_batches import reverse_batch
    f = zengin_file(tmp_path / "a.txt", JUNE27, [Line("1001", 12000)])
    with Ledger.open(debits) as ledger:
        (taken,) = take_receipt_files(ledger, [f])
        done = reverse_batch(ledger, taken.batch_id, "誤った口座振替結果")
        assert (done.events_reversed, done.claims_cancelled) == (1, 0)
    assert balances(debits)["C1"] == 12000


def test_a_failed_transfer_is_on_the_worklist_until_followed_up(debits, tmp_path):
    from claimdesk.domain.claims import EventKind, new_event
    from claimdesk.services.worklist import WorkKind, worklist
    f = zengin_file(tmp_path / "f.txt", JUNE27, [Line("1002", 8500, result="1")])
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [f])
        items = [i for i in worklist(ledger, date(2026, 6, 30)).items if i.kind is WorkKind.TRANSFER_FAILED]
        assert [(i.claim.claim_id, i.title) for i in items] == [
            ("C3", "口座振替不能（2026-06-27、8,500円、資金不足）: 納付書の送付・連絡")]
        assert WorkKind.TRANSFER_FAILED.label == "口座振替不能"
        ledger.add_event(new_event(ledger.claim("C3"), EventKind.RECEIPT, date(2026, 6, 29), 1000, method="窓口"))
        assert not [i for i in worklist(ledger, date(2026, 6, 30)).items if i.kind is WorkKind.TRANSFER_FAILED]


def test_failed_transfers_of_named_claims(debits, tmp_path):
    f = zengin_file(tmp_path / "f.txt", JUNE27, [Line("1002", 8500, result="1")])
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [f])
        assert [t.claim_id for t in ledger.worklist.failed_transfers(date(2026, 6, 30), claim_ids=["C3"])] == ["C3"]
        assert ledger.worklist.failed_transfers(date(2026, 6, 30), claim_ids=["C1"]) == []


def test_a_failed_transfer_follows_the_class_of_its_claim(debits, tmp_path):
    from claimdesk.domain.case_class import SETTLE, CaseClass
    from claimdesk.services.worklist import WorkKind, WorklistFilter, worklist
    f = zengin_file(tmp_path / "f.txt", JUNE27, [Line("1002", 8500, result="1")])
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [f])

        def failed(case_class):
            items = worklist(ledger, date(2026, 6, 30), WorklistFilter(case_class=case_class)).items
            return [(i.claim.claim_id, i.claim.case_class) for i in items if i.kind is WorkKind.TRANSFER_FAILED]
        assert failed(None) == failed(CaseClass.COLLECT) == [("C3", CaseClass.COLLECT)]
        assert failed(SETTLE) == [] and failed(CaseClass.INSTALMENTS) == []


def test_only_a_contact_about_the_claim_follows_its_failed_transfer_up(debits, tmp_path):
    # D1's 6/27 debit of 12,000 failed: the oldest claim owing it, C1. A call about C2 alone
    # (its other claim) leaves C1's item; one naming C1 follows it up.
    from claimdesk.services import casework
    from claimdesk.services.worklist import WorkKind, worklist

    def failed(ledger):
        return [i.claim.claim_id for i in worklist(ledger, date(2026, 6, 30)).items
                if i.kind is WorkKind.TRANSFER_FAILED]

    f = zengin_file(tmp_path / "f.txt", JUNE27, [Line("1001", 12000, result="1")])
    with Ledger.open(debits) as ledger:
        take_receipt_files(ledger, [f])
        assert failed(ledger) == ["C1"]
        casework.log_contact(ledger, "C2", "電話", "5月分について電話", on=date(2026, 6, 28), today=date(2026, 6, 30))
        assert failed(ledger) == ["C1"]
        named = worklist(ledger, date(2026, 6, 30), claim_ids={"C1"}).items  # the window's update of one claim
        assert WorkKind.TRANSFER_FAILED in [i.kind for i in named]
        casework.log_contact(ledger, "C1", "電話", "振替不能について電話。納付書を送る", on=date(2026, 6, 29),
                             today=date(2026, 6, 30))
        assert failed(ledger) == []
