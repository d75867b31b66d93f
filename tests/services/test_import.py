"""Ledger import (docs/exchange-format.md §2): the samples, encodings, every kind of bad row."""

from datetime import date
from pathlib import Path

import pytest
from plain_sql import plain

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services import importer
from claimdesk.services.import_batches import AlreadyImported
from claimdesk.services.importer import ImportFailed, ImportProblem, import_ledger
from claimdesk.storage.ledger import Ledger, LedgerError

SAMPLES = Path(__file__).parents[1] / "data"  # the sample ledger (tests/data/README.md)
SAMPLE_CLAIMS = SAMPLES / "ledger-ja-cp932-claims.csv"
SAMPLE_EVENTS = SAMPLES / "ledger-ja-cp932-transactions.csv"

CLAIM_HEADER = ("claim_id,debtor_id,debtor_name,postal_code,claim_type,legal_nature,account,"
                "budget_section,fiscal_year,assessed_on,amount,due_date")
CLAIM_DEFAULTS = dict(claim_id="C1", debtor_id="D1", debtor_name="山田 太郎", postal_code="154-0017",
                      claim_type="区営住宅使用料", legal_nature="private", account="一般会計",
                      budget_section="使用料及手数料", fiscal_year="2025", assessed_on="2025-06-01",
                      amount="12000", due_date="2025-06-30")
EVENT_HEADER = "claim_id,date,kind,amount,method,accounting_year,note"
EVENT_DEFAULTS = dict(claim_id="C1", date="2025-07-10", kind="receipt", amount="3000", method="窓口",
                      accounting_year="", note="")
RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


def claim_row(**changes) -> str:
    return ",".join({**CLAIM_DEFAULTS, **changes}.values())


def event_row(**changes) -> str:
    return ",".join({**EVENT_DEFAULTS, **changes}.values())


def write(name: str, *lines: str, encoding="utf-8", newline="\r\n") -> str:
    Path(name).write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return name


def claims_file(*rows: str, header=CLAIM_HEADER) -> str:
    return write("claims.csv", header, *rows)


def events_file(*rows: str, header=EVENT_HEADER) -> str:
    return write("transactions.csv", header, *rows)


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files are given by relative name, as a clerk types them
    monkeypatch.setenv("CLAIMDESK_TODAY", "2027-09-30")  # the samples' money runs to 2027-09-07
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        yield led


def state(ledger: Ledger) -> tuple:
    debtors = plain(ledger).execute("SELECT count(*) FROM debtors").fetchone()[0]
    return ledger.claim_count(), ledger.event_count(), debtors, ledger.claim_types()


def problems(ledger: Ledger, claims: str, events: str | None = None, again_reason=None) -> list[str]:
    """The import's problems as the CLI prints them, after checking it changed nothing."""
    before = state(ledger)
    with pytest.raises(ImportFailed) as failed:
        import_ledger(ledger, claims, events, again_reason=again_reason)
    assert state(ledger) == before
    with Ledger.open(ledger.path) as fresh:
        assert state(fresh) == before
    return [str(p) for p in failed.value.problems]


# --- the sample files -----------------------------------------------------------------

def test_sample_files_import_with_exact_counts(ledger):
    result = import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    assert (result.claims, result.debtors_new, result.debtors_updated, result.claim_types_new,
            result.events) == (20, 18, 0, 4, 35)
    assert state(ledger)[:3] == (20, 35, 18)
    assert [t.name for t in ledger.claim_types()] == [
        "保育園保育料", "奨学資金等貸付金返還金", "生活保護費返還金", "学校給食費"]


def test_the_cycle_collector_rests_while_importing_and_resumes_after_even_a_failure(ledger):
    """A large import made millions of short-lived objects while the collector walked the
    heap again and again (a tenth of its time): paused for the import, on again after."""
    import gc

    seen = []
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS, progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen) and gc.isenabled()
    with pytest.raises(AlreadyImported):
        import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)  # the same file again: refused
    assert gc.isenabled()
    with pytest.raises(ImportFailed):
        import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS, again_reason="再取込み")  # every claim there already
    assert gc.isenabled()


def test_sample_claim_read_from_wareki_and_zenkaku(ledger):
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    assert ledger.claim("C09900000") == Claim(
        "C09900000", "D0990026", "奨学資金等貸付金返還金", 2023, date(2024, 1, 28), 350000,
        date(2024, 2, 27))
    assert ledger.claim_type("奨学資金等貸付金返還金").legal_nature is LegalNature.PRIVATE
    assert ledger.debtor("D0990026") == Debtor(
        "D0990026", "鈴木 花子", postal_code="154-6828", address="東京都世田谷区世田谷3丁目12番18号",
        phone="03-5565-9633")


def test_sample_accounting_year_override_is_recorded(ledger):
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    (e,) = ledger.events("C09900014")
    assert (e.date, e.amount, e.method, e.accounting_year, e.accounting_year_overridden) == (
        date(2026, 5, 5), 121200, "窓口", 2026, True)


def test_sample_receipt_in_closing_period_belongs_to_claims_year(ledger):
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    (e,) = ledger.events("C09900009")
    assert (e.date, e.accounting_year, e.accounting_year_overridden) == (date(2026, 4, 30), 2025, False)


def test_sample_adjustment_keeps_its_sign(ledger):
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    assert [(e.kind, e.amount) for e in ledger.events("C09900002")] == [
        (EventKind.ADJUSTMENT, -500), (EventKind.RECEIPT, 47500)]


def test_rows_record_their_source_file(ledger):
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    claims = plain(ledger).execute("SELECT DISTINCT source FROM claims").fetchall()
    events = plain(ledger).execute("SELECT DISTINCT source FROM money_events").fetchall()
    assert (claims, events) == ([("import:ledger-ja-cp932-claims.csv",)],
                                [("import:ledger-ja-cp932-transactions.csv",)])


def test_importing_the_samples_twice_fails_on_every_claim_and_changes_nothing(ledger):
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    # Even imported again on purpose (the same content is refused without a reason).
    found = problems(ledger, str(SAMPLE_CLAIMS), str(SAMPLE_EVENTS), again_reason="確認のため")
    assert len(found) == 20
    assert found[0] == f"{SAMPLE_CLAIMS}:2: 債権番号: 債権番号 C09900000 はすでに台帳にあります"


# --- encodings and headers ------------------------------------------------------------

def test_utf8_with_bom_and_english_headers(ledger):
    claims = write("claims.csv", CLAIM_HEADER, claim_row(), encoding="utf-8-sig")
    events = write("transactions.csv", EVENT_HEADER, event_row(), encoding="utf-8-sig")
    result = import_ledger(ledger, claims, events)
    assert (result.claims, result.events) == (1, 1)
    assert ledger.claim("C1").amount == 12000
    assert ledger.debtor("D1").name == "山田 太郎"


def test_utf8_without_bom_and_lf_line_ends(ledger):
    claims = write("claims.csv", CLAIM_HEADER, claim_row(), newline="\n")
    events = write("transactions.csv", EVENT_HEADER, event_row(), newline="\n")
    assert import_ledger(ledger, claims, events).events == 1
    assert ledger.events("C1")[0].method == "窓口"


def test_japanese_headers_in_utf8(ledger):
    claims = write("claims.csv", "債権番号,債務者番号,氏名,フリガナ,債権名,債権の種類,会計,款,年度,調定日,調定額,納期限",
                   "C1,D1,山田 太郎,ヤマダ タロウ,区営住宅使用料,私債権,一般会計,使用料及手数料,令和7年度,"
                   "令和7年6月1日,\"１２，０００\",R7.6.30")
    events = write("transactions.csv", "債権番号,日付,区分,金額,納付方法,会計年度,備考",
                   "C1,2025/7/10,収納,3000円,コンビニ,,分割1回目")
    import_ledger(ledger, claims, events)
    assert ledger.claim("C1") == Claim("C1", "D1", RENT.name, 2025, date(2025, 6, 1), 12000,
                                       date(2025, 6, 30))
    assert ledger.debtor("D1").kana == "ヤマダ タロウ"
    (e,) = ledger.events("C1")
    assert (e.kind, e.amount, e.method, e.note) == (EventKind.RECEIPT, 3000, "コンビニ", "分割1回目")


def test_header_names_are_normalized(ledger):
    header = " ｃｌａｉｍ＿ｉｄ ," + CLAIM_HEADER.split(",", 1)[1].upper()
    assert import_ledger(ledger, claims_file(claim_row(), header=header)).claims == 1


def test_cp932_claims_with_japanese_columns_report_them_as_written(ledger):
    write("claims.csv", "債権番号,債務者番号,氏名,債権名,債権の種類,会計,款,年度,調定日,調定額,納期限",
          "C1,D1,山田 太郎,区営住宅使用料,私債権,一般会計,使用料及手数料,R7,R7.6.1,１２．５,R7.6.30",
          encoding="cp932")
    assert problems(ledger, "claims.csv") == [
        "claims.csv:2: 調定額: 金額は1円単位の整数で入力してください（１２．５）"]


def test_undecodable_file_is_one_problem_at_line_1(ledger):
    Path("claims.csv").write_bytes(CLAIM_HEADER.encode() + b"\r\nC1,\x81 \r\n")
    assert problems(ledger, "claims.csv") == [
        "claims.csv:1: 文字コードを判別できません。UTF-8 または Shift_JIS（cp932）で保存してください"]


def test_unknown_column_is_reported_at_line_1(ledger):
    found = problems(ledger, claims_file(claim_row() + ",x", header=CLAIM_HEADER + ",memo"))
    assert len(found) == 1
    assert found[0].startswith("claims.csv:1: memo: 不明な列です。使える列: claim_id/債権番号、")


def test_missing_required_column(ledger):
    header = CLAIM_HEADER.replace(",amount", "")
    row = claim_row().replace(",12000", "")
    assert problems(ledger, claims_file(row, header=header)) == [
        "claims.csv:1: 必須の列「調定額」（amount）がありません"]


def test_duplicate_column(ledger):
    header = CLAIM_HEADER + ",債権番号"
    assert problems(ledger, claims_file(claim_row() + ",C1", header=header)) == [
        "claims.csv:1: 債権番号: 列が重複しています（「claim_id」と同じ列）"]


def test_transactions_header_checked_even_when_claims_header_is_wrong(ledger):
    claims = claims_file(header=CLAIM_HEADER.replace("amount", "amt"))
    events = events_file(header=EVENT_HEADER + ",extra")
    found = problems(ledger, claims, events)
    assert len(found) == 3
    assert found[0].startswith("claims.csv:1: amt: 不明な列です。使える列: claim_id/債権番号、")
    assert found[1] == "claims.csv:1: 必須の列「調定額」（amount）がありません"
    assert found[2].startswith("transactions.csv:1: extra: 不明な列です。使える列: claim_id/債権番号、date/日付、")


# --- bad rows -------------------------------------------------------------------------

@pytest.mark.parametrize("change,expected", [
    (dict(amount="abc"), "amount: 金額として読めません（abc）"),
    (dict(amount="-5"), "amount: 金額は1円以上の整数で入力してください（-5）"),
    (dict(amount="0"), "amount: 金額は1円以上の整数で入力してください"),
    (dict(amount="12.5"), "amount: 金額は1円単位の整数で入力してください（12.5）"),
    (dict(amount=""), "amount: 調定額が入力されていません（必須）"),
    (dict(assessed_on="2025-02-30"), "assessed_on: 存在しない日付です（2025-02-30）"),
    (dict(assessed_on="6月1日"), "assessed_on: 日付として読めません（6月1日）: "
                                 "2026-04-01、令和8年4月1日、R8.4.1 の形で入力してください"),
    (dict(due_date="2025-05-31"), "due_date: 納期限が調定日より前です"),
    (dict(fiscal_year="来年度"), "fiscal_year: 年度として読めません（来年度）: "
                                 "2026、令和8年度、R8 の形で入力してください"),
    (dict(legal_nature="公債権"), "legal_nature: 債権の種類が不明です（公債権）: enforced_public/強制徴収公債権、"
                                  "public/非強制徴収公債権、private/私債権 のいずれか"),
    (dict(postal_code="154-001"), "postal_code: 郵便番号として読めません（154-001）: "
                                  "1540017 または 154-0017 の形で入力してください"),
    (dict(debtor_name=""), "debtor_name: 氏名が入力されていません（必須）"),
    (dict(claim_id=" "), "claim_id: 債権番号が入力されていません（必須）"),
])
def test_bad_claim_row_is_reported_with_line_and_column(ledger, change, expected):
    claims = claims_file(claim_row(claim_id="C0"), claim_row(**change))
    assert problems(ledger, claims) == [f"claims.csv:3: {expected}"]


@pytest.mark.parametrize("change,expected", [
    (dict(kind="入金"), "kind: 区分が不明です（入金）: receipt/収納、refund/還付、write_off/不納欠損、"
                        "adjustment/調定増減 のいずれか"),
    (dict(amount="-100"), "amount: 金額は1円以上の整数で入力してください（-100）"),
    (dict(kind="adjustment", amount="0", method=""), "amount: 金額に0円は指定できません"),
    (dict(amount='"1,00"'), "amount: 金額の桁区切りが正しくありません（1,00）"),
    (dict(method="現金"), "method: 納付方法が不明です（現金）: 窓口、納付書、口座振替、コンビニ、クレジット、"
                          "スマホ決済、その他 のいずれか"),
    (dict(kind="refund"), "method: 納付方法は収納にだけ指定できます"),
    (dict(date="2025-05-31"), "date: 日付が調定日（2025-06-01）より前です"),
    (dict(accounting_year="2024"), "accounting_year: 会計年度 2024 は債権の年度 2025 より前です"),
    (dict(claim_id="C9"), "claim_id: 債権番号 C9 は取込む債権にも台帳にもありません"),
])
def test_bad_transaction_row_is_reported_with_line_and_column(ledger, change, expected):
    found = problems(ledger, claims_file(claim_row()), events_file(event_row(), event_row(**change)))
    assert found == [f"transactions.csv:3: {expected}"]


def test_negative_adjustment_is_accepted(ledger):
    events = events_file(event_row(kind="調定増減", amount='"-1,000"', method=""))
    import_ledger(ledger, claims_file(claim_row()), events)
    assert [e.amount for e in ledger.events("C1")] == [-1000]


def test_wrong_number_of_cells(ledger):
    assert problems(ledger, claims_file(claim_row(), "C2,D2")) == [
        "claims.csv:3: 項目の数が違います（見出しは12列、この行は2列）"]


def test_duplicate_claim_id_in_file_names_the_earlier_line(ledger):
    claims = claims_file(claim_row(), claim_row(claim_id="C2"), claim_row())
    assert problems(ledger, claims) == ["claims.csv:4: claim_id: 債権番号 C1 は2行目と重複しています"]


def test_claim_id_already_in_ledger(ledger):
    import_ledger(ledger, claims_file(claim_row()))
    found = problems(ledger, claims_file(claim_row(claim_id="C2"), claim_row(claim_id="C1")))
    assert found == ["claims.csv:3: claim_id: 債権番号 C1 はすでに台帳にあります"]


def test_conflicting_debtor_name_in_file_names_the_earlier_line(ledger):
    claims = claims_file(claim_row(), claim_row(claim_id="C2", debtor_name="山田 花子"))
    assert problems(ledger, claims) == [
        "claims.csv:3: debtor_name: 債務者番号 D1 の2行目と違います（2行目は「山田 太郎」）"]


def test_conflicting_debtor_particulars_in_file(ledger):
    claims = claims_file(claim_row(), claim_row(claim_id="C2", postal_code="1540018"))
    assert problems(ledger, claims) == [
        "claims.csv:3: postal_code: 債務者番号 D1 の2行目と違います（2行目は「154-0017」）"]


def test_same_debtor_may_leave_particulars_empty_or_differ_in_width(ledger):
    claims = claims_file(claim_row(postal_code=""), claim_row(claim_id="C2", debtor_name="山田　太郎"),
                         claim_row(claim_id="C3", postal_code="１５４００１７"))
    result = import_ledger(ledger, claims)
    assert (result.claims, result.debtors_new) == (3, 1)
    assert ledger.debtor("D1") == Debtor("D1", "山田 太郎", postal_code="154-0017")


def test_debtor_name_differing_from_ledger_is_an_error(ledger):
    ledger.save_debtor(Debtor("D1", "佐藤 一郎"))
    assert problems(ledger, claims_file(claim_row())) == [
        "claims.csv:2: debtor_name: 債務者番号 D1 は台帳では「佐藤 一郎」です（この行は「山田 太郎」）"]


def test_known_debtor_gets_new_particulars_and_keeps_the_rest(ledger):
    ledger.save_debtor(Debtor("D1", "山田 太郎", "ヤマダ タロウ", postal_code="100-0001", phone="03-1111-2222"))
    result = import_ledger(ledger, claims_file(claim_row()))
    assert (result.debtors_new, result.debtors_updated) == (0, 1)
    assert ledger.debtor("D1") == Debtor("D1", "山田 太郎", "ヤマダ タロウ", postal_code="154-0017",
                                         phone="03-1111-2222")
    assert [h["postal_code"] for h in ledger.debtor_history("D1")] == ["100-0001"]


def test_known_debtor_with_same_particulars_is_not_updated(ledger):
    ledger.save_debtor(Debtor("D1", "山田 太郎", postal_code="154-0017"))
    result = import_ledger(ledger, claims_file(claim_row()))
    assert (result.debtors_new, result.debtors_updated) == (0, 0)
    assert ledger.debtor_history("D1") == []


def test_known_claim_type_is_reused(ledger):
    ledger.add_claim_type(RENT)
    assert import_ledger(ledger, claims_file(claim_row(legal_nature="私債権"))).claim_types_new == 0
    assert ledger.claim_types() == [RENT]


def test_claim_type_conflicting_with_ledger(ledger):
    ledger.add_claim_type(RENT)
    assert problems(ledger, claims_file(claim_row(legal_nature="public"))) == [
        "claims.csv:2: legal_nature: 債権名「区営住宅使用料」は台帳で「私債権」です（この行は「非強制徴収公債権」）"]


def test_claim_type_conflicting_with_earlier_row(ledger):
    claims = claims_file(claim_row(), claim_row(claim_id="C2", account="特別会計"))
    assert problems(ledger, claims) == [
        "claims.csv:3: account: 債権名「区営住宅使用料」は2行目で「一般会計」です（この行は「特別会計」）"]


def test_transaction_may_refer_to_a_claim_already_in_the_ledger(ledger):
    import_ledger(ledger, claims_file(claim_row()))
    result = import_ledger(ledger, claims_file(claim_row(claim_id="C2")), events_file(event_row()))
    assert result.events == 1
    assert [e.amount for e in ledger.events("C1")] == [3000]


def test_every_bad_row_of_both_files_is_reported_in_order(ledger):
    claims = claims_file(claim_row(amount="x"), claim_row(claim_id="C2"),
                         claim_row(claim_id="C3", assessed_on="", due_date="zz"))
    events = events_file(event_row(claim_id="C2", kind="?"), event_row(claim_id="C2"),
                         event_row(claim_id="C1"), event_row(claim_id="C2", amount="-1"))
    assert problems(ledger, claims, events) == [
        "claims.csv:2: amount: 金額として読めません（x）",
        "claims.csv:4: assessed_on: 調定日が入力されていません（必須）",
        "claims.csv:4: due_date: 日付として読めません（zz）: 2026-04-01、令和8年4月1日、R8.4.1 の形で入力してください",
        "transactions.csv:2: kind: 区分が不明です（?）: receipt/収納、refund/還付、write_off/不納欠損、"
        "adjustment/調定増減 のいずれか",
        "transactions.csv:5: amount: 金額は1円以上の整数で入力してください（-1）",
    ]


def test_bad_transactions_alone_change_nothing(ledger):
    assert len(problems(ledger, claims_file(claim_row()), events_file(event_row(amount="0")))) == 1


def test_blank_lines_are_skipped_and_a_row_is_reported_at_its_first_line(ledger):
    Path("transactions.csv").write_text(
        f'{EVENT_HEADER}\r\n\r\n,,,,,,\r\nC1,2025-07-10,receipt,0,,,"2行の\r\n備考"\r\nC1,x,receipt,100,,,\r\n',
        encoding="utf-8")
    assert problems(ledger, claims_file(claim_row()), "transactions.csv") == [
        "transactions.csv:4: amount: 金額は1円以上の整数で入力してください",
        "transactions.csv:6: date: 日付として読めません（x）: 2026-04-01、令和8年4月1日、R8.4.1 の形で入力してください"]


def test_multiline_note_is_kept(ledger):
    Path("transactions.csv").write_text(f'{EVENT_HEADER}\r\nC1,2025-07-10,receipt,100,,,"2行の\r\n備考"\r\n',
                                        encoding="utf-8")
    import_ledger(ledger, claims_file(claim_row()), "transactions.csv")
    assert ledger.events("C1")[0].note == "2行の\r\n備考"


def test_storage_failure_mid_write_leaves_nothing(ledger, monkeypatch):
    def refuse(self, events, *, source="", batch=None):
        raise LedgerError("書込みに失敗しました")

    monkeypatch.setattr(Ledger, "add_events", refuse)
    before = state(ledger)
    with pytest.raises(LedgerError):
        import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS)
    assert state(ledger) == before == (0, 0, 0, [])
    assert ledger.claim("C09900000") is None and ledger.debtor("D0990026") is None
    with Ledger.open(ledger.path) as fresh:
        assert state(fresh) == before


def test_progress_rises_through_reading_and_writing_to_the_total(ledger, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_STEP", 5)
    calls = []
    import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS, progress=lambda done, total: calls.append((done, total)))
    done = [d for d, _ in calls]
    assert {t for _, t in calls} == {2 * (20 + 35)}  # lines read, then as many again written
    assert done == sorted(done) and done[-1] == 110
    assert any(d <= 55 for d in done) and any(55 < d < 110 for d in done)


def test_problem_text_omits_an_empty_column():
    assert str(ImportProblem("a.csv", 3, "", "理由")) == "a.csv:3: 理由"
    assert str(ImportProblem("a.csv", 3, "金額", "理由")) == "a.csv:3: 金額: 理由"


def test_progress_that_cancels_at_the_last_report_leaves_nothing(ledger):
    class Stop(Exception):
        pass

    def progress(done, total):
        if done == total:
            raise Stop

    with pytest.raises(Stop):
        import_ledger(ledger, SAMPLE_CLAIMS, SAMPLE_EVENTS, progress=progress)
    assert state(ledger) == (0, 0, 0, [])


# --- dates after today and receipts beyond the balance ---------------------------------

def test_money_dated_after_today_is_an_error_with_its_line(ledger, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2025-07-10")
    found = problems(ledger, claims_file(claim_row()),
                     events_file(event_row(), event_row(date="2025-07-11"), event_row(date="R7.12.1")))
    assert found == ["transactions.csv:3: date: 日付が今日（2025-07-10）より後です。将来の日付の取引は取り込めません",
                     "transactions.csv:4: date: 日付が今日（2025-07-10）より後です。将来の日付の取引は取り込めません"]


def test_receipts_beyond_the_balance_are_taken_with_a_warning_per_line(ledger):
    """C1 owes 12,000: 3,000 + 8,000 leave 1,000; the next 3,000 is 2,000 too much, and a later
    500 is all excess. A refund of 2,500 on a date between keeps the order of the balance."""
    claims = claims_file(claim_row(), claim_row(claim_id="C2"))
    events = write("取引.csv", "債権番号,日付,区分,金額,納付方法",
                   "C1,2025-07-10,収納,3000,窓口", "C1,2025-09-01,収納,3000,窓口",
                   "C1,2025-08-01,収納,8000,窓口", "C1,2025-09-05,還付,2000,",
                   "C1,2025-10-01,収納,500,窓口", "C2,2025-07-01,収納,12000,窓口")
    result = import_ledger(ledger, claims, events)
    assert result.events == 6 and ledger.event_count() == 6
    assert [str(w) for w in result.warnings] == [
        "取引.csv:3: 金額: 収納額 3,000円 が残高 1,000円 を2,000円超えています。超える分は還付が必要です（過誤納）",
        "取引.csv:6: 金額: 収納額 500円 が残高 0円 を500円超えています。超える分は還付が必要です（過誤納）"]


def test_a_receipt_for_a_claim_already_in_the_ledger_counts_what_it_has(ledger):
    import_ledger(ledger, claims_file(claim_row()), events_file(event_row(amount="11000")))
    result = import_ledger(ledger, claims_file(claim_row(claim_id="C3")),
                           events_file(event_row(date="2025-08-01", amount="1500")))
    assert [str(w) for w in result.warnings] == [
        "transactions.csv:2: amount: 収納額 1,500円 が残高 1,000円 を500円超えています。超える分は還付が必要です（過誤納）"]


# --- transactions checked and written a chunk at a time (issue 13) ------------------------

def test_transactions_are_written_in_chunks_and_a_bad_row_late_undoes_them_all(ledger, monkeypatch):
    monkeypatch.setattr(importer, "EVENT_CHUNK", 2)
    written = []
    add_events = Ledger.add_events

    def counting(self, events, **kw):
        ids = add_events(self, events, **kw)
        written.append(len(ids))
        return ids

    monkeypatch.setattr(Ledger, "add_events", counting)
    rows = [event_row(date=f"2025-07-{d:02d}", amount="100") for d in range(1, 8)]
    found = problems(ledger, claims_file(claim_row()),
                     events_file(*rows, event_row(amount="x"), *rows[:3], event_row(kind="?")))
    assert written == [2, 2, 2]  # the chunks before the first bad row, written, then undone
    assert found == ["transactions.csv:9: amount: 金額として読めません（x）",
                     "transactions.csv:13: kind: 区分が不明です（?）: receipt/収納、refund/還付、write_off/不納欠損、"
                     "adjustment/調定増減 のいずれか"]
    written.clear()
    result = import_ledger(ledger, claims_file(claim_row()), events_file(*rows))
    assert written == [2, 2, 2, 1] and result.events == 7 and ledger.event_count() == 7
    assert ledger.imports.all()[-1].events == 7


def test_overpayment_warnings_span_chunks_and_skip_claims_that_cannot_go_below_zero(ledger, monkeypatch):
    monkeypatch.setattr(importer, "EVENT_CHUNK", 1)
    walked = []
    in_order = Ledger.events_in_order

    def recording(self, claim_ids):
        walked.append(sorted(claim_ids))
        return in_order(self, claim_ids)

    monkeypatch.setattr(Ledger, "events_in_order", recording)
    claims = claims_file(claim_row(), claim_row(claim_id="C2"), claim_row(claim_id="C3"))
    events = events_file(event_row(claim_id="C2", amount="12000"),  # paid exactly: never below zero
                         event_row(amount="8000", date="2025-08-01"), event_row(claim_id="C3", amount="100"),
                         event_row(amount="5000", date="2025-07-01"),  # earlier: the 8,000 is the excess
                         event_row(kind="adjustment", amount="2000", date="2025-09-01", method=""))
    result = import_ledger(ledger, claims, events)
    assert walked == [["C1"]]
    assert [str(w) for w in result.warnings] == [
        "transactions.csv:3: amount: 収納額 8,000円 が残高 7,000円 を1,000円超えています。超える分は還付が必要です（過誤納）"]
