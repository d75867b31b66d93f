"""Letters from the ledger: one per recipient, every kind for demo claims, atomic batches."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from plain_sql import plain
from pypdf import PdfReader

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, Guarantor, LegalNature, new_event
from claimdesk.domain.dates import format_wareki
from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.letter_rules import Unsendable
from claimdesk.domain.letters import LetterKind, letter_deadline
from claimdesk.domain.money import format_amount
from claimdesk.letters.templates import TemplateError
from claimdesk.services.cancel import Cancelled
from claimdesk.services.casework_settings import casework_settings, set_casework_setting
from claimdesk.services.demo import fill_demo
from claimdesk.services.letter_settings import letter_settings, missing_settings, set_letter_settings
from claimdesk.services.letters import NothingToSend, due_claim_ids, prepare_letters, render_batch
from claimdesk.storage.ledger import Ledger

TODAY = date(2026, 11, 30)
RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with Ledger.open(path) as led:
        fill_demo(led, "small", today=TODAY)
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, path)
    with Ledger.open(path) as led:
        yield led


@pytest.fixture
def small(letters_ready):
    """One tenant with two rent claims (a guarantor on one) and a welfare refund claim."""
    led = letters_ready(Ledger.memory())
    for t in (RENT, WELFARE):
        led.add_claim_type(t)
    led.save_debtor(Debtor("D1", "山田 太郎", postal_code="154-0005", address="東京都世田谷区三宿3-6-1"))
    led.save_debtor(Debtor("D2", "佐藤 花子", address="東京都世田谷区駒沢1-1-1"))
    claims = [Claim("JU1", "D1", RENT.name, 2026, date(2026, 4, 1), 40_000, date(2026, 4, 30), "4月分"),
              Claim("JU2", "D1", RENT.name, 2026, date(2026, 5, 1), 40_000, date(2026, 5, 31), "5月分"),
              Claim("SE1", "D1", WELFARE.name, 2026, date(2026, 6, 1), 25_000, date(2026, 6, 30)),
              Claim("JU3", "D2", RENT.name, 2026, date(2026, 4, 1), 30_000, date(2026, 4, 30))]
    led.add_claims(claims)
    led.add_guarantor(Guarantor("JU2", "山田 次郎", postal_code="152-0023", address="東京都目黒区八雲1-1-4"))
    led.add_event(new_event(claims[1], EventKind.RECEIPT, date(2026, 6, 10), 15_000))
    led.add_event(new_event(claims[3], EventKind.RECEIPT, date(2026, 5, 10), 30_000))  # paid in full
    return led


def read(path: Path) -> str:
    return "".join(p.extract_text().replace("\n", "") for p in PdfReader(path).pages)


def overdue_with_guarantor(led: Ledger) -> str:
    for claim in led.letters.overdue_claims(TODAY):
        if claim.has_guarantor:
            return claim.claim_id
    raise AssertionError("the demo has overdue claims with guarantors")


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_kind_renders_for_a_demo_claim(demo, tmp_path, kind):
    claim_id = overdue_with_guarantor(demo)
    claim = demo.claim(claim_id)
    out = tmp_path / f"{kind.value}.pdf"
    batch = render_batch(demo, kind, out, TODAY, claim_ids=[claim_id])
    text = read(out)
    owed = sum(e.effect for e in demo.events(claim_id)) + claim.amount
    assert format_amount(owed) in text
    deadline = letter_deadline(TODAY, letter_settings(demo).deadline_days(kind))
    assert format_wareki(deadline) in text
    debtor = demo.debtor(claim.debtor_id).name
    guarantor = demo.guarantors(claim_id)[0].name
    assert debtor in text
    if kind in (LetterKind.GUARANTOR, LetterKind.REMINDER, LetterKind.FINAL_REMINDER):
        assert guarantor in text and any(r.to_guarantor for r in batch.letters)
    assert batch.pages == len(PdfReader(out).pages)


def test_one_letter_per_debtor_and_kind_with_a_total(small, tmp_path):
    batch = render_batch(small, LetterKind.DEMAND, tmp_path / "d.pdf", TODAY, claim_ids=["JU1", "JU2", "SE1"])
    assert [(r.recipient, r.claim_ids, r.template) for r in batch.letters] == [
        ("山田 太郎", ("JU1", "JU2"), "demand_private"),
        ("山田 太郎", ("SE1",), "demand_public"),  # a public claim's 督促状 carries the 教示
    ]
    text = read(tmp_path / "d.pdf")
    assert "合計（2件）" in text and "65,000" in text  # 40,000 + (40,000 − 15,000)
    assert "審査請求" in text


def test_reminder_copies_go_to_guarantors_with_only_their_claims(small, tmp_path):
    batch = render_batch(small, LetterKind.REMINDER, tmp_path / "r.pdf", TODAY, claim_ids=["JU1", "JU2"])
    assert [(r.recipient, r.claim_ids, r.copy) for r in batch.letters] == [
        ("山田 太郎", ("JU1", "JU2"), False), ("山田 次郎", ("JU2",), True)]
    copy = PdfReader(tmp_path / "r.pdf").pages[batch.letters[1].first_page - 1].extract_text()
    assert "山田 次郎" in copy and "25,000" in copy and "40,000" not in copy


def test_guarantor_letters_go_only_where_there_is_a_guarantor(small, tmp_path):
    batch = render_batch(small, LetterKind.GUARANTOR, tmp_path / "g.pdf", TODAY, claim_ids=["JU1", "JU2"])
    assert [(r.recipient, r.claim_ids) for r in batch.letters] == [("山田 次郎", ("JU2",))]
    assert batch.skipped == (("JU1", Unsendable.NO_GUARANTOR),)
    assert Unsendable.NO_GUARANTOR.label == "連帯保証人が登録されていません"


def test_unknown_claims_are_named_and_nothing_is_written(small, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(InvalidValue, match="claims: 債権番号 NOPE、JU9 は台帳にありません"):
        render_batch(small, LetterKind.DEMAND, out, TODAY, claim_ids=["JU1", "NOPE", "JU9"])
    assert not out.exists()


def test_paid_claims_are_skipped_and_a_batch_of_none_is_refused(small, tmp_path):
    prepared = prepare_letters(small, LetterKind.DEMAND, ["JU1", "JU3"], TODAY)
    assert prepared.skipped == [("JU3", Unsendable.NO_BALANCE)] and len(prepared.letters) == 1
    with pytest.raises(NothingToSend, match="作成する督促状がありません（JU3: 発行日に未納額がありません）"):
        render_batch(small, LetterKind.DEMAND, tmp_path / "x.pdf", TODAY, claim_ids=["JU3"])
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_batch_leaves_no_file(demo, tmp_path):
    folder = tmp_path / "out"
    out = folder / "batch.pdf"
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == 3:
            raise Cancelled()

    # A claim in arrears of each of six debtors: the demo's department has sent most of its
    # 督促状, so the claims due one (due=True) are too few to cancel after the third letter.
    claims = [r[0] for r in plain(demo).execute(
        "SELECT min(claim_id) FROM claims WHERE due_date < ? AND amount + adjusted - collected - written_off > 0"
        " GROUP BY debtor_id ORDER BY debtor_id LIMIT 6", [TODAY.isoformat()])]
    with pytest.raises(Cancelled):
        render_batch(demo, LetterKind.DEMAND, out, TODAY, claim_ids=claims, progress=progress)
    letters = seen[1][1]
    assert seen == [(0, len(claims)), (0, letters), (1, letters), (2, letters), (3, letters)]
    assert list(folder.iterdir()) == []  # no batch, no half-written .part


def test_reading_the_claims_can_be_cancelled_too(demo, tmp_path):
    def progress(done, total):
        raise Cancelled()

    with pytest.raises(Cancelled):
        render_batch(demo, LetterKind.DEMAND, tmp_path / "x.pdf", TODAY, due=True, progress=progress)
    assert not (tmp_path / "x.pdf").exists()


def test_a_broken_form_stops_the_batch_naming_file_and_line(small, tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "demand_private.txt").write_text("種類: demand\n表題: 督促状\n対象: 私債権\n---\n{宛先名}様\n",
                                               encoding="utf-8")
    set_letter_settings(small, {"letter_forms_dir": str(forms)})
    with pytest.raises(TemplateError, match=r"demand_private.txt:5: 不明な差し込み項目 \{宛先名\}"):
        render_batch(small, LetterKind.DEMAND, tmp_path / "x.pdf", TODAY, claim_ids=["JU1"])
    assert not (tmp_path / "x.pdf").exists()


def test_settings_change_the_letter(small, tmp_path):
    set_letter_settings(small, {"letter_municipality": "みどり区", "letter_deadline_days_acknowledgment": "15",
                                "letter_contact": "電話 03-5432-0000", "letter_western_year": "1"})
    render_batch(small, LetterKind.ACKNOWLEDGMENT, tmp_path / "a.pdf", TODAY, claim_ids=["JU1"])
    text = read(tmp_path / "a.pdf")
    assert "令和8年12月15日（2026年）までに" in text
    assert "みどり区長" in text and "電話 03-5432-0000" in text


def test_a_letter_the_procedure_sends_takes_the_steps_deadline(small, tmp_path):
    set_letter_settings(small, {"letter_deadline_days_demand": "15"})  # the procedure's reply_days = 10 wins
    render_batch(small, LetterKind.DEMAND, tmp_path / "d.pdf", TODAY, claim_ids=["JU1"])
    assert "令和8年12月10日までに納付してください" in read(tmp_path / "d.pdf")


def test_defaults_and_the_settings_letters_cannot_do_without():
    s = letter_settings(Ledger.memory())
    assert missing_settings(s) == ["letter_municipality", "letter_issuer", "letter_contact"]
    s = set_letter_settings(Ledger.memory(), {"letter_municipality": "みどり区"})
    sender = s.sender()
    assert (sender.municipality, sender.appeal_authority, sender.defendant) == ("みどり区", "みどり区長", "みどり区")
    assert s.deadline_days(LetterKind.DEMAND) == 10 and s.deadline_days(LetterKind.REMINDER) == 20
    assert (s.window.left, s.window.top, s.window.width, s.window.height) == (23, 13, 90, 45)


@pytest.mark.parametrize("values, message", [
    ({"letter_colour": "red"}, "letter_colour: 文書の設定にない項目です"),
    ({"letter_deadline_days_demand": "ten"}, "letter_deadline_days_demand: 0以上の整数"),
    ({"letter_western_year": "maybe"}, "letter_western_year: 1（する）か 0（しない）"),
    ({"letter_window_width_mm": "60"}, "letter_window: 窓の大きさは郵便の規則により 80×45mm 以上"),
    ({"letter_pledge_instalments": "0"}, "letter_pledge_instalments: 1以上"),
])
def test_settings_are_checked_before_they_are_stored(values, message):
    led = Ledger.memory()
    with pytest.raises(InvalidValue, match=message):
        set_letter_settings(led, values)
    assert all(led.setting(k) == "" for k in values)


def test_pledge_schedule_from_settings_or_as_asked(small, tmp_path):
    letters = prepare_letters(small, LetterKind.INSTALMENT_PLEDGE, ["JU1", "JU2"], TODAY).letters
    plan = letters[0].instalments
    # the end of next month, 2026-12-31, is a closing day: the first is due on 令和9年1月4日
    assert len(plan) == 12 and sum(i.amount for i in plan) == 65_000 and plan[0].due_date == date(2027, 1, 4)
    assert plan[1].due_date == date(2027, 2, 1)  # 1/31 is a Sunday
    letters = prepare_letters(small, LetterKind.INSTALMENT_PLEDGE, ["JU1"], TODAY, instalments=4,
                              first_due=date(2027, 1, 10)).letters
    # 1/10 Sunday and 1/11 成人の日 → 1/12; 4/10 Saturday → 4/12
    assert [(i.due_date, i.amount) for i in letters[0].instalments] == [
        (date(2027, 1, 12), 10_000), (date(2027, 2, 10), 10_000), (date(2027, 3, 10), 10_000),
        (date(2027, 4, 12), 10_000)]


def test_due_are_the_claims_whose_current_step_calls_for_the_letter(small):
    assert due_claim_ids(small, LetterKind.DEMAND, TODAY) == ["JU1", "JU2", "SE1"]
    assert due_claim_ids(small, LetterKind.DEMAND, date(2026, 5, 15)) == ["JU1"]
    assert due_claim_ids(small, LetterKind.REMINDER, TODAY) == []  # no 督促状 logged yet
    with pytest.raises(InvalidValue, match="債務承認及び分納誓約書を使う手順はありません"):
        due_claim_ids(small, LetterKind.INSTALMENT_PLEDGE, TODAY)


def test_late_charges_are_casework_s_to_the_yen(demo):
    from claimdesk.services import casework
    from claimdesk.services.letter_hooks import late_charges

    charge = late_charges(demo)
    claims = [demo.claim(o.claim_id) for o in demo.letters.overdue_claims(TODAY)]
    amounts = [charge(c, demo.events(c.claim_id), TODAY) for c in claims]
    assert amounts == [casework.late_charge(demo, c.claim_id, TODAY).outstanding for c in claims]
    assert sum(1 for a in amounts if a > 0) > len(amounts) // 2


def test_a_deadline_on_a_closed_day_moves_to_the_next_open_day(small, tmp_path):
    # A 督促状 issued 2026-12-22 with 10 days would demand payment on 令和9年1月1日; the office
    # is closed from 12/29 to 1/3 and 1/2–1/3 is a weekend: the 納付期限 is Monday 1/4.
    set_letter_settings(small, {"letter_municipality": "みどり区", "letter_contact": "電話 03-5432-0000"})
    issued = date(2026, 12, 22)
    (letter,) = [x for x in prepare_letters(small, LetterKind.DEMAND, ["JU1"], issued).letters]
    assert letter.deadline == date(2027, 1, 4)
    render_batch(small, LetterKind.DEMAND, tmp_path / "d.pdf", issued, claim_ids=["JU1"])
    assert "令和9年1月4日までに納付してください" in read(tmp_path / "d.pdf")
    # The closing days are the ledger's: a one-off closure on 1/4 moves it to 1/5.
    set_casework_setting(small, "calendar.closing_days", ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03",
                                                          "2027-01-04"])
    assert prepare_letters(small, LetterKind.DEMAND, ["JU1"], issued).letters[0].deadline == date(2027, 1, 5)
    # A department that does not move deadlines says so in its letter settings.
    set_letter_settings(small, {"letter_deadline_skip_weekends": "0"})
    assert prepare_letters(small, LetterKind.DEMAND, ["JU1"], issued).letters[0].deadline == date(2027, 1, 1)


def test_a_closing_day_setting_that_is_not_a_date_is_refused(small):
    with pytest.raises(InvalidValue) as e:
        set_casework_setting(small, "calendar.closing_days", ["12/29"])
    assert e.value.field == "casework.calendar.closing_days" and "MM-DD" in str(e.value)
    assert casework_settings(small).open_days.on_or_after(date(2026, 12, 29)) == date(2027, 1, 4)
