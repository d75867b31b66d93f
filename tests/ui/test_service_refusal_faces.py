"""A service's refusal is data: the window writes its dates in 和暦, the command line in ISO,
from the one refusal (a code and its dates), neither taking a sentence apart."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from claimdesk.cli import main
from claimdesk.cli.texts import error_text
from claimdesk.domain.claims import EventKind
from claimdesk.domain.errors import Refusal
from claimdesk.services import casefile, direct_debits, entries, parties, signed_letters  # noqa: F401 (their codes)
from claimdesk.services.department import set_department
from claimdesk.services.import_batches import reverse_batch
from claimdesk.services.importer import import_ledger
from claimdesk.services.session import open_ledger
from claimdesk.ui.error_texts import reason_text
from claimdesk.ui.import_history import ImportHistoryDialog
from claimdesk.ui.session import Session

CLAIMS = Path(__file__).resolve().parents[1] / "data" / "ledger-ja-cp932-claims.csv"
REFUSED = "債権 {claim} には取込みの後に入力された収納（{day}、100円）があります。先にその取引を取り消してください（ほか0件）"


@pytest.fixture
def received_after_import(tmp_path, monkeypatch):
    """A ledger whose one import batch has a receipt entered after it (so it cannot be reversed)."""
    monkeypatch.setenv("CLAIMDESK_TODAY", "2027-09-30")
    path = tmp_path / "l.sqlite3"
    with open_ledger(path) as led:
        set_department(led, "K01", "住宅課")
        import_ledger(led, CLAIMS)
        claim = led.claims()[0]
        entries.record_event(led, claim.claim_id, EventKind.RECEIPT, date(2026, 11, 1), 100,
                             accept_overpayment=True)
    return path, claim.claim_id


def test_the_window_writes_the_refusals_date_in_wareki(qtbot, received_after_import, monkeypatch):
    path, claim_id = received_after_import
    session = Session(path, today=date(2027, 9, 30))
    try:
        dialog = ImportHistoryDialog(session)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.table.selectRow(0)
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
        assert not dialog.reverse_selected(reason="誤り")
        assert warned == [REFUSED.format(claim=claim_id, day="令和8年11月1日")]
    finally:
        session.close()


def test_the_command_line_writes_it_in_iso(received_after_import, capsys):
    path, claim_id = received_after_import
    assert main(["import", "--db", str(path), "--reverse", "1", "--reason", "誤り"]) == 2
    assert REFUSED.format(claim=claim_id, day="2026-11-01") in capsys.readouterr().err


def test_one_refusal_two_faces(received_after_import):
    path, claim_id = received_after_import
    with open_ledger(path) as led, pytest.raises(Refusal) as refused:
        reverse_batch(led, 1, "誤り")
    assert refused.value.params["on"] == date(2026, 11, 1)  # a date, not text
    assert error_text(refused.value) == "batch: " + REFUSED.format(claim=claim_id, day="2026-11-01")


@pytest.mark.parametrize(("refusal", "iso", "wareki"), [
    (Refusal("date", "event_after_today", today=date(2026, 11, 30), on=date(2026, 12, 1)),
     "日付が今日（2026-11-30）より後です。将来の日付の取引は入力できません",
     "日付が今日（令和8年11月30日）より後です。将来の日付の取引は入力できません"),
    (Refusal("party_id", "party_already_ended", name="山田 花子", ended_on=date(2026, 7, 1)),
     "山田 花子 は2026-07-01に終了を記録済みです", "山田 花子 は令和8年7月1日に終了を記録済みです"),
    (Refusal("signed_on", "signed_before_sent", sent_on=date(2026, 10, 5)),
     "署名日が発送日（2026-10-05）より前です", "署名日が発送日（令和8年10月5日）より前です"),
    (Refusal("ends_on", "ends_before_starts", ends_on=date(2026, 3, 31), starts_on=date(2026, 4, 1)),
     "終了日（2026-03-31）が開始日（2026-04-01）より前です", "終了日（令和8年3月31日）が開始日（令和8年4月1日）より前です"),
    (Refusal("debtor_id", "no_claims_as_of", debtor_id="D1", as_of=date(2026, 4, 1)),
     "債務者 D1 には2026-04-01現在の債権がありません", "債務者 D1 には令和8年4月1日現在の債権がありません"),
    (Refusal("batch", "batch_reversed", batch_id=3, day=date(2026, 12, 3), time="09:05"),
     "取込み番号 3 は 2026-12-03 09:05 に取り消し済みです", "取込み番号 3 は 令和8年12月3日 09:05 に取り消し済みです"),
])
def test_each_face_writes_the_dates_of_a_service_refusal(qapp, refusal, iso, wareki):
    assert error_text(refusal) == f"{refusal.field}: {iso}"
    assert reason_text(refusal) == wareki


def test_refused_receipt_files_are_data_each_face_heads(qapp):
    from claimdesk.cli.texts import reason
    from claimdesk.services.csvfiles import ImportProblem
    from claimdesk.services.receipts import ReceiptsRefused

    problems = [ImportProblem("kekka.txt", 3, "", "顧客番号 7777 で口座振替を登録した債務者がいません"),
                ImportProblem("kekka.txt", 5, "", "金額が合いません")]
    refused = ReceiptsRefused(problems, [])
    assert refused.problems == problems and refused.params["count"] == 2
    headline = "収納データの取込みを中止しました: 2件の誤りがあります。台帳は変更していません。"
    assert reason(refused) == headline  # the command line lists the problems above it
    assert reason_text(refused) == f"{headline}\n{problems[0]}"  # the window: the first under the count
