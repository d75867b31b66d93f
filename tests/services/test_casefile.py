"""経過記録書 and 引継書 written to PDF on a real ledger and read back (names, amounts, dates)."""

from datetime import date

import pytest
from pypdf import PdfReader

from claimdesk.cli import main
from claimdesk.domain.case_class import CaseClass
from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, Guarantor, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.services import casework as cw
from claimdesk.services import enforcement as enf
from claimdesk.services import entries
from claimdesk.services.casefile import debtor_casefile, export_casefile, export_handover, handover
from claimdesk.services.targets import set_targets
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
NURSERY = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
TODAY = date(2027, 3, 1)
HASH = "9f2c" * 16


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "l.sqlite3"
    with Ledger.open(path, operator="佐藤") as led:
        led.set_setting("department_code", "JUTAKU")
        led.set_setting("department_name", "住宅課")
        entries.add_claim_type(led, RENT)
        entries.add_claim_type(led, NURSERY)
        entries.add_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ", address="世田谷区池尻1-1"))
        entries.add_debtor(led, Debtor("D2", "鈴木 花子"))
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2022, date(2022, 6, 1), 60000, date(2022, 6, 30)))
        entries.add_claim(led, Claim("H", "D1", NURSERY.name, 2025, date(2025, 7, 1), 45000, date(2025, 7, 31)))
        entries.add_claim(led, Claim("Z", "D2", RENT.name, 2026, date(2026, 6, 1), 10000, date(2026, 6, 30)))
        entries.add_claim(led, Claim("N", "D2", RENT.name, 2026, date(2027, 3, 1), 8000, date(2027, 3, 31)))
        cw.add_liable_party(led, "A", Guarantor("A", "山田 一郎", address="目黒区1-2", relation="父"))
        entries.record_event(led, "A", EventKind.RECEIPT, date(2022, 9, 12), 20000, method="窓口", today=TODAY)
        cw.log_contact(led, ["A"], "文書発送", "督促状を発送", on=date(2022, 7, 15), letter_kind="demand",
                       document_hash=HASH, document_path="letters/x.pdf", today=TODAY)
        cw.log_contact(led, ["A"], "電話", "本人と話した。来月から払うとのこと", on=date(2026, 12, 10),
                       reason="失業", today=TODAY)
        cw.record_promise(led, ["A"], 10000, date(2027, 3, 31), on=date(2027, 2, 1), today=TODAY)
        q = enf.record_asset_inquiry(led, "H", asked_on=date(2026, 9, 1), asked_of="みどり信用金庫",
                                     subject="預貯金", today=TODAY)
        enf.record_inquiry_answer(led, q.inquiry_id, answered_on=date(2026, 9, 15), answer="普通預金 52,300円",
                                  today=TODAY)
        enf.record_seizure(led, "H", seized_on=date(2026, 10, 1), property="みどり信用金庫 普通預金",
                           amount=45000, today=TODAY)
        cw.create_instalment_plan(led, ["Z"], signed_on=date(2027, 2, 1), total=10000, count=4,
                                  first_due=date(2027, 3, 31), today=TODAY)
        set_targets(led, RENT.name, 2026, {"total": "90.0"}, "過去3年の平均")
    return path


def text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_the_casefile_has_the_claims_history_and_log_in_order(db, tmp_path):
    with Ledger.open(db) as led:
        data = export_casefile(led, "D1", TODAY, tmp_path / "経過記録書.pdf")
    assert [c.claim.claim_id for c in data.claims] == ["A", "H"] and data.balance == 40000 + 45000
    assert data.claims[0].case_class is CaseClass.NEGOTIATING and data.claims[1].case_class is CaseClass.COLLECT
    out = text(tmp_path / "経過記録書.pdf")
    for expected in ("経過記録書", "山田 太郎", "D1", "世田谷区池尻1-1", "山田 一郎", "連帯保証人",
                     "区営住宅使用料", "60,000", "40,000", "85,000", "令和4年6月30日",  # due date in 和暦
                     "令和4年9月12日", "20,000", "督促状", HASH[:32], HASH[32:],
                     "令和8年12月10日", "本人と話した", "滞納理由: 失業", "10,000", "令和9年3月31日",
                     "みどり信用金庫", "普通預金 52,300円", "45,000", "手続中", "差押（令和8年10月1日）の手続中"):
        assert expected in out, expected
    # The order a lawyer reads it in: parties, claims, limitation, money, letters, arrangements, enforcement, log
    heads = ["債務者と関係人", "債権の内訳と残高", "消滅時効の期限", "収納の履歴", "発送した文書", "納付約束・分納・決裁",
             "財産調査・差押え・執行停止", "交渉経過（古い順）"]
    assert [out.index(h) for h in heads] == sorted(out.index(h) for h in heads)
    # the private claim: partly paid 2022-09-12, so five years from the day after: 令和9年9月12日
    assert "令和9年9月12日" in out


def test_the_casefile_leaves_out_what_came_after_its_date(db):
    with Ledger.open(db) as led:
        data = debtor_casefile(led, "D1", date(2026, 1, 1))
    assert all(e.on <= date(2026, 1, 1) for e in data.log) and len(data.log) == 1
    assert not data.claims[1].enforcement


def test_the_casefile_refuses_an_unknown_debtor_or_a_wrong_suffix(db, tmp_path):
    with Ledger.open(db) as led:
        with pytest.raises(InvalidValue) as e:
            export_casefile(led, "D9", TODAY, tmp_path / "x.pdf")
        assert e.value.field == "debtor_id"
        with pytest.raises(InvalidValue) as e:
            export_casefile(led, "D1", TODAY, tmp_path / "x.xlsx")
        assert e.value.field == "output" and not (tmp_path / "x.xlsx").exists()


def test_the_handover_counts_classes_lists_stages_limitation_plans_and_targets(db, tmp_path):
    with Ledger.open(db) as led:
        data = handover(led, TODAY)
        export_handover(led, TODAY, tmp_path / "引継書.pdf")
    classes = {c.case_class: (c.claims, c.balance) for c in data.classes}
    # A: promise pending (交渉中); H: seizure running (回収); Z: plan (分納中); N: not yet due (回収)
    assert classes[CaseClass.NEGOTIATING] == (1, 40000)
    assert classes[CaseClass.INSTALMENTS] == (1, 10000)
    assert classes[CaseClass.COLLECT] == (2, 45000 + 8000)
    assert [p.claim_ids for p in data.plans] == [("Z",)]
    out = text(tmp_path / "引継書.pdf")
    for expected in ("引継書", "住宅課", "令和9年3月1日", "回収", "整理（分納中）", "整理（交渉中）", "山田 太郎",
                     "鈴木 花子", "分納誓約", "10,000", "90.0", "区営住宅使用料"):
        assert expected in out, expected
    # A's limitation (2027-09-12) falls within the next 12 months; H's is held by the seizure
    assert [c.claim_id for c in data.near_limitation] == ["A"]
    assert "令和9年9月12日" in out


def test_the_commands_write_both_and_refuse_with_status_2(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", TODAY.isoformat())
    assert main(["casefile", "--db", str(db), "--debtor", "D1", "--as-of", "2027-03-01",
                 "--output", str(tmp_path / "c.pdf")]) == 0
    assert main(["handover", "--db", str(db), "--as-of", "令和9年3月1日", "--output", str(tmp_path / "h.pdf")]) == 0
    out = capsys.readouterr().out
    assert "経過記録書: 山田 太郎" in out and "引継書" in out
    assert main(["casefile", "--db", str(db), "--debtor", "D9", "--as-of", "2027-03-01",
                 "--output", str(tmp_path / "x.pdf")]) == 2
    assert "D9" in capsys.readouterr().err


def test_long_lists_are_cut_and_the_rest_counted(db, tmp_path):
    from dataclasses import replace

    from claimdesk.reports.handover_pdf import write_handover_pdf

    with Ledger.open(db) as led:
        data = handover(led, TODAY)
    many = replace(data, near_limitation=data.near_limitation * 3, shown_near=2, shown_per_stage=1,
                   cases=data.cases + data.cases, shown_plans=0)
    write_handover_pdf(many, tmp_path / "h.pdf")
    out = text(tmp_path / "h.pdf")
    assert "ほか 1件（時効期限の遅いもの）。計 3件 120,000円" in out
    assert "ほか 1件（期限の遅いもの）" in out
    assert "ほか 1件（未納額の少ないもの）。履行中の分納 計 1件。" in out
