"""財産調査 → 差押 → 配当, 執行停止 and referrals through the services, on a real ledger file."""

import sqlite3
from datetime import date

import pytest
from plain_sql import plain

from claimdesk.domain.case_class import CaseClass
from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.domain.errors import Refusal
from claimdesk.services import casework as cw
from claimdesk.services import enforcement as enf
from claimdesk.services import entries
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
NURSERY = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
TODAY = date(2027, 3, 1)


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3", operator="佐藤") as led:
        entries.add_claim_type(led, RENT)
        entries.add_claim_type(led, NURSERY)
        entries.add_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ"))
        entries.add_claim(led, Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 60000, date(2025, 6, 30)))
        entries.add_claim(led, Claim("H", "D1", NURSERY.name, 2025, date(2025, 7, 1), 45000, date(2025, 7, 31)))
        yield led


def test_inquiry_seizure_and_dividend_on_an_enforced_claim(led):
    q = enf.record_asset_inquiry(led, "H", asked_on=date(2026, 9, 1), asked_of="〇〇銀行 池尻支店",
                                 subject="預貯金の有無・残高", today=TODAY)
    enf.record_inquiry_answer(led, q.inquiry_id, answered_on=date(2026, 9, 15), answer="普通預金 52,300円",
                              today=TODAY)
    s = enf.record_seizure(led, "H", seized_on=date(2026, 10, 1), property="〇〇銀行 普通預金", amount=45000,
                           today=TODAY)
    view = cw.claim_casework(led, "H", TODAY)
    assert [i.answer for i in view.enforcement.inquiries] == ["普通預金 52,300円"]
    assert view.enforcement.seizures[0].amount == 45000 and view.enforcement.seizures[0].ended_on is None
    assert "差押（2026-10-01）の手続中" in view.limitation.basis.text()
    done = {p.step.id for p in view.steps if p.done_on}
    assert {"asset_investigation", "seizure"} <= done
    enf.record_dividend(led, "H", on=date(2026, 10, 20), amount=45000, seizure_id=s.seizure_id, today=TODAY)
    enf.end_seizure(led, s.seizure_id, ended_on=date(2026, 10, 31), today=TODAY)
    view = cw.claim_casework(led, "H", TODAY)
    assert view.balance == 0 and view.case_class is None
    # the seizure ended 2026-10-31 (and the payment on 10-20): five years from 2026-11-01
    assert view.limitation.limitation_date == date(2031, 10, 31)


def test_refused_on_a_claim_not_collected_like_tax_and_nothing_is_written(led):
    for call in (lambda: enf.record_asset_inquiry(led, "A", asked_on=date(2026, 9, 1), asked_of="銀行",
                                                  subject="預金", today=TODAY),
                 lambda: enf.record_seizure(led, "A", seized_on=date(2026, 9, 1), property="預金", amount=1,
                                            today=TODAY)):
        with pytest.raises(Refusal) as e:
            call()
        assert e.value.field == "claim_id" and "私債権" in str(e.value)
    assert cw.contact_log(led, debtor_id="D1") == []


def test_bad_values_are_refused_by_field(led):
    with pytest.raises(Refusal) as e:
        enf.record_seizure(led, "H", seized_on=date(2026, 9, 1), property="預金", amount=0, today=TODAY)
    assert e.value.field == "amount"
    with pytest.raises(Refusal) as e:
        enf.record_seizure(led, "H", seized_on=date(2025, 7, 31), property="預金", amount=1, today=TODAY)
    assert e.value.field == "on"
    with pytest.raises(Refusal) as e:
        enf.record_asset_inquiry(led, "H", asked_on=date(2026, 9, 1), asked_of=" ", subject="預金", today=TODAY)
    assert e.value.field == "asked_of"
    s = enf.record_seizure(led, "H", seized_on=date(2026, 9, 1), property="預金", amount=1, today=TODAY)
    with pytest.raises(Refusal) as e:
        enf.end_seizure(led, s.seizure_id, ended_on=date(2026, 8, 1), today=TODAY)
    assert e.value.field == "ended_on"
    enf.end_seizure(led, s.seizure_id, ended_on=date(2026, 9, 30), today=TODAY)
    with pytest.raises(Refusal) as e:
        enf.end_seizure(led, s.seizure_id, ended_on=date(2026, 10, 30), today=TODAY)
    assert e.value.field == "seizure_id"


def test_suspension_classes_the_case_and_extinguishes_after_three_years(led):
    enf.record_suspension(led, "H", suspended_on=date(2026, 11, 30), ground="hardship", approver="課長",
                          approved_on=date(2026, 11, 30), today=TODAY)
    view = cw.claim_casework(led, "H", TODAY)
    assert view.case_class is CaseClass.SUSPENDED and view.stage.startswith("執行停止")
    log = cw.contact_log(led, claim_id="H")
    assert log[0].entry.basis == "地方税法15条の7第1項第2号" and log[0].entry.decision is cw.Decision.ENFORCEMENT_SUSPENSION
    gone = cw.claim_casework(led, "H", date(2029, 12, 1))  # 3 years end 2029-11-30
    assert (gone.extinguished_on, gone.extinguished_by) == (date(2029, 12, 1), "執行停止3年継続")
    assert gone.next_step.step.id == "write_off"
    assert cw.claim_casework(led, "H", date(2029, 11, 30)).extinguished_on is None
    with pytest.raises(Refusal) as e:
        enf.record_suspension(led, "H", suspended_on=date(2026, 12, 1), ground="hardship", immediate=True,
                              approver="課長", approved_on=date(2026, 12, 1), today=TODAY)
    assert e.value.field == "immediate"


def test_a_referral_makes_the_case_hardship_and_a_retraction_takes_it_back(led):
    r = enf.refer_hardship(led, ["A"], referred_to="legal_support", on=date(2026, 12, 1), today=TODAY)
    assert cw.claim_casework(led, "A", TODAY).case_class is CaseClass.HARDSHIP
    assert cw.contact_log(led, claim_id="A")[0].entry.agreement == "法テラスへつなぐ"
    cw.retract_entry(led, r.entry_id, "誤って記録")
    assert cw.claim_casework(led, "A", TODAY).case_class is CaseClass.COLLECT


def test_the_records_are_append_only(led):
    enf.record_seizure(led, "H", seized_on=date(2026, 9, 1), property="預金", amount=1, today=TODAY)
    with pytest.raises(sqlite3.IntegrityError, match="追記のみ"):
        plain(led.path).execute("UPDATE seizures SET amount = 2")


def test_the_worklist_chases_answers_seizures_and_a_suspension_at_three_years(led):
    from claimdesk.domain.worklist import WorkKind

    enf.record_asset_inquiry(led, "H", asked_on=date(2026, 9, 1), asked_of="〇〇銀行", subject="預金", today=TODAY)
    items = [i for i in cw.worklist(led, date(2026, 9, 30)).items if i.kind is WorkKind.ENFORCEMENT]
    assert items == []  # 30 days to answer: 2026-10-01
    (item,) = [i for i in cw.worklist(led, date(2026, 10, 1)).items if i.kind is WorkKind.ENFORCEMENT]
    assert item.title == "財産調査の回答待ち（2026-09-01 〇〇銀行に照会）: 回答を確認"
    enf.record_suspension(led, "H", suspended_on=date(2026, 11, 30), ground="no_property", approver="課長",
                          approved_on=date(2026, 11, 30), today=TODAY)
    early = [i.title for i in cw.worklist(led, date(2029, 9, 1)).items if i.kind is WorkKind.ENFORCEMENT]
    assert not any(t.startswith("執行停止") for t in early)  # 91 days ahead: not yet
    near = [i.title for i in cw.worklist(led, date(2029, 9, 2)).items if i.kind is WorkKind.ENFORCEMENT]
    assert "執行停止が2029-12-01に3年経過: 資力回復の有無を確認し消滅に備える" in near
    gone = cw.worklist(led, date(2029, 12, 1)).items
    titles = [i.title for i in gone if i.claim.claim_id == "H"]
    assert "執行停止3年経過（2029-12-01消滅）: 消滅の確認・不納欠損" in titles
    assert not any(t.startswith("不納欠損") for t in titles)  # one item for the write-off, not two


def test_the_worklist_and_the_register_filter_on_the_case_class(led):
    from claimdesk.domain.case_class import SETTLE
    from claimdesk.domain.register import RegisterQuery
    from claimdesk.services.register import register_count, register_ids, register_rows

    enf.refer_hardship(led, ["A"], referred_to="self_reliance", on=date(2026, 12, 1), today=TODAY)
    hardship = cw.worklist(led, TODAY, cw.WorklistFilter(case_class=CaseClass.HARDSHIP)).items
    assert {i.claim.claim_id for i in hardship} == {"A"}
    assert all(i.claim.case_class is CaseClass.HARDSHIP for i in hardship)
    collect = cw.worklist(led, TODAY, cw.WorklistFilter(case_class=CaseClass.COLLECT)).items
    assert {i.claim.claim_id for i in collect} == {"H"}
    assert register_count(led, RegisterQuery(case_class=SETTLE), TODAY) == 1
    ids = register_ids(led, RegisterQuery(case_class=CaseClass.COLLECT), TODAY)
    assert [r.claim_id for r in register_rows(led, ids, TODAY)] == ["H"]
    # The classes are remembered until the ledger is written: a new record shows at once.
    enf.refer_hardship(led, ["H"], referred_to="legal_support", on=date(2027, 2, 1), today=TODAY)
    assert register_count(led, RegisterQuery(case_class=CaseClass.COLLECT), TODAY) == 0
    assert register_count(led, RegisterQuery(case_class=CaseClass.HARDSHIP), TODAY) == 2


def test_a_cancelled_suspension_extinguishes_nothing_and_a_retracted_cancellation_is_undone(led):
    s = enf.record_suspension(led, "H", suspended_on=date(2026, 11, 30), ground="no_property", approver="課長",
                              approved_on=date(2026, 11, 30), today=TODAY)
    with pytest.raises(Refusal) as e:
        enf.cancel_suspension(led, s.suspension_id, cancelled_on=date(2026, 11, 29), reason="就職", today=TODAY)
    assert e.value.field == "cancelled_on"
    cancelled = enf.cancel_suspension(led, s.suspension_id, cancelled_on=date(2027, 2, 1), reason="就職した",
                                      today=TODAY)
    assert cancelled.cancelled_on == date(2027, 2, 1) and cancelled.extinguishes_on() is None
    later = cw.claim_casework(led, "H", date(2029, 12, 1))
    assert later.extinguished_on is None and later.case_class is CaseClass.COLLECT
    assert cw.claim_casework(led, "H", date(2027, 1, 31)).case_class is CaseClass.SUSPENDED  # before the cancellation
    entry = cw.contact_log(led, claim_id="H")[0].entry
    assert entry.summary == "執行停止（令和8年11月30日）の取消（地方税法15条の8）: 就職した"
    cw.retract_entry(led, entry.entry_id, "誤って記録")
    assert cw.claim_casework(led, "H", date(2029, 12, 1)).extinguished_by == "執行停止3年継続"
    # the real cancellation, once the mistaken one is withdrawn
    enf.cancel_suspension(led, s.suspension_id, cancelled_on=date(2027, 3, 1), reason="再就職", today=TODAY)
    assert cw.claim_casework(led, "H", date(2029, 12, 1)).extinguished_on is None
    with pytest.raises(Refusal) as e:
        enf.cancel_suspension(led, s.suspension_id, cancelled_on=date(2027, 3, 1), reason="再", today=TODAY)
    assert e.value.field == "suspension_id"


def test_the_worklist_command_filters_on_the_case_class(led, capsys, monkeypatch):
    from claimdesk.cli import main

    enf.refer_hardship(led, ["A"], referred_to="self_reliance", on=date(2026, 12, 1), today=TODAY)
    monkeypatch.setenv("CLAIMDESK_TODAY", TODAY.isoformat())
    path = str(led.path)
    led.close()
    assert main(["worklist", "--db", path, "--case-class", "生活困窮"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:-1] and all("\tA\t" in line for line in lines[:-1])
    assert main(["worklist", "--db", path, "--case-class", "collect"]) == 0
    assert all("\tH\t" in line for line in capsys.readouterr().out.splitlines()[:-1])
    with pytest.raises(SystemExit) as e:  # a usage error, like any option the parser refuses
        main(["worklist", "--db", path, "--case-class", "なにか"])
    assert e.value.code == 2 and "区分にありません" in capsys.readouterr().err


def test_each_write_says_what_it_changed(led):
    from claimdesk.services.changes import EVERYTHING, Kind, changes_of

    q = enf.record_asset_inquiry(led, "H", asked_on=date(2026, 9, 1), asked_of="銀行", subject="預金", today=TODAY)
    answered = enf.record_inquiry_answer(led, q.inquiry_id, answered_on=date(2026, 9, 2), answer="なし", today=TODAY)
    s = enf.record_suspension(led, "H", suspended_on=date(2026, 11, 30), ground="no_property", approver="課長",
                              approved_on=date(2026, 11, 30), today=TODAY)
    for written, kinds in ((q, {Kind.CASEWORK}), (answered, {Kind.CASEWORK}), (s, {Kind.CASEWORK, Kind.MONEY})):
        change = changes_of(written)
        assert change is not EVERYTHING and set(change.kinds) == kinds and set(change.claims) == {"H"}


def test_the_record_completes_a_departments_renamed_suspension_step(led, tmp_path):
    """The record is the one way to a 執行停止: it marks the step that decides one, whatever its id."""
    from claimdesk.services import procedures

    (path,) = [p for p in procedures.export_procedures(led, tmp_path / "手順") if p.name == "enforced_public.toml"]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "enforcement_suspension"', 'id = "teishi"'), encoding="utf-8")
    assert procedures.import_procedure(led, path).step("teishi") is not None
    s = enf.record_suspension(led, "H", suspended_on=date(2026, 11, 30), ground="hardship", approver="課長",
                              approved_on=date(2026, 11, 30), today=TODAY)
    (line,) = [x for x in cw.contact_log(led, claim_id="H") if x.entry.entry_id == s.entry_id]
    assert line.entry.step_id == "teishi"
    assert dict((p.step.id, p.done_on) for p in cw.claim_casework(led, "H", TODAY).steps)["teishi"] == date(2026, 11, 30)


def test_the_worklist_follows_the_ledgers_own_follow_up_days(led):
    from claimdesk.domain.worklist import WorkKind
    from claimdesk.services.casework_settings import casework_settings, set_casework_settings

    assert casework_settings(led).follow_up == type(casework_settings(led).follow_up)(30, 30, 90)  # shipped
    set_casework_settings(led, {"worklist.answer_wait_days": "14", "worklist.seizure_check_days": "60",
                                "worklist.suspension_notice_days": "30"})

    def titles(day):
        return [i.title for i in cw.worklist(led, day).items if i.kind is WorkKind.ENFORCEMENT]

    enf.record_asset_inquiry(led, "H", asked_on=date(2026, 9, 1), asked_of="〇〇銀行", subject="預金", today=TODAY)
    assert titles(date(2026, 9, 14)) == []  # 14 days to answer: 2026-09-15
    assert titles(date(2026, 9, 15)) == ["財産調査の回答待ち（2026-09-01 〇〇銀行に照会）: 回答を確認"]
    enf.record_seizure(led, "H", seized_on=date(2026, 9, 10), property="預金", amount=1000, today=TODAY)
    assert not any(t.startswith("差押え") for t in titles(date(2026, 11, 8)))  # 59 days
    assert any(t.startswith("差押え（2026-09-10") for t in titles(date(2026, 11, 9)))  # 60 days
    enf.record_suspension(led, "H", suspended_on=date(2026, 11, 30), ground="no_property", approver="課長",
                          approved_on=date(2026, 11, 30), today=TODAY)
    assert not any(t.startswith("執行停止が") for t in titles(date(2029, 10, 31)))  # 31 days ahead
    assert "執行停止が2029-12-01に3年経過: 資力回復の有無を確認し消滅に備える" in titles(date(2029, 11, 1))


def test_follow_up_days_are_checked_before_they_are_stored(led):
    from claimdesk.domain.errors import InvalidValue
    from claimdesk.services.casework_settings import casework_overrides, set_casework_settings

    with pytest.raises(InvalidValue) as e:
        set_casework_settings(led, {"worklist.answer_wait_days": "14", "worklist.seizure_check_days": "-1"})
    assert e.value.field == "casework.worklist.seizure_check_days" and "0以上" in e.value.reason
    assert casework_overrides(led) == {}  # the right one is not stored either
