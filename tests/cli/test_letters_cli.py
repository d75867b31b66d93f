"""`claimdesk letters`: one PDF per run; unknown kinds and claims are one line and exit 2."""

from datetime import date

import pytest
from pypdf import PdfReader

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event
from claimdesk.domain.letters import LetterKind
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def db(tmp_path, letters_ready):
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path) as led:
        letters_ready(led)
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎", postal_code="154-0005", address="東京都世田谷区三宿3-6-1"))
        led.add_claims([Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 12_000, date(2026, 4, 30)),
                        Claim("B", "D1", RENT.name, 2026, date(2026, 5, 1), 12_000, date(2026, 5, 31))])
    return path


def run(*args):
    return main([str(a) for a in args])


def test_letters_for_claims(db, tmp_path, capsys):
    out = tmp_path / "demand.pdf"
    assert run("letters", "--db", db, "--kind", "demand", "--claims", "A,B", "--as-of", "R8.11.30",
               "--output", out) == 0
    assert capsys.readouterr().out.strip() == f"{out} に出力しました（督促状 1通、1ページ）"
    text = "".join(p.extract_text().replace("\n", "") for p in PdfReader(out).pages)
    assert "山田 太郎" in text and "24,000" in text and "令和8年12月10日までに納付してください" in text


def test_letters_due(db, tmp_path, capsys):
    out = tmp_path / "due.pdf"
    assert run("letters", "--db", db, "--kind", "督促状", "--due", "--as-of", "2026-05-15", "--output", out) == 0
    assert "督促状 1通" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (("--kind", "dunning", "--claims", "A"), "argument --kind: kind: 文書の種類が不明です（dunning）"),
    (("--kind", "demand", "--claims", "A,Z9"), "claimdesk: claims: 債権番号 Z9 は台帳にありません"),
    (("--kind", "acknowledgment", "--due"), "claimdesk: due: 債務承認書を使う手順はありません"),
    (("--kind", "demand", "--claims", "A", "--due"), "argument --due: not allowed with argument --claims"),
])
def test_mistakes_are_one_line_with_exit_status_2(db, tmp_path, capsys, args, message):
    out = tmp_path / "x.pdf"
    try:  # argparse's own refusals exit; the services' come back as a status
        status = run("letters", "--db", db, *args, "--as-of", "2026-11-30", "--output", out)
    except SystemExit as e:
        status = e.code
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert not out.exists()


def test_letter_settings_are_listed_set_and_checked(db, tmp_path, capsys):
    assert run("letter-settings", "--db", db) == 0
    listed = capsys.readouterr().out
    assert "letter_municipality=みどり区\t" in listed and "letter_deadline_days_demand=10（既定）" in listed
    Ledger.open(tmp_path / "fresh.sqlite3").close()  # a --db that does not exist is refused
    assert run("letter-settings", "--db", tmp_path / "fresh.sqlite3") == 0
    listed = capsys.readouterr().out
    assert "letter_issuer=（未設定・文書に必須）\t" in listed and "department_address=（未設定）\t" in listed
    assert run("letter-settings", "--db", db, "letter_municipality=みどり区",
               "letter_deadline_days_acknowledgment=15") == 0
    assert "letter_municipality, letter_deadline_days_acknowledgment" in capsys.readouterr().out
    assert run("letter-settings", "--db", db, "letter_deadline_days_demand=ten") == 2
    assert capsys.readouterr().err.strip() == "claimdesk: letter_deadline_days_demand: 0以上の整数で指定してください（ten）"
    out = tmp_path / "d.pdf"
    assert run("letters", "--db", db, "--kind", "acknowledgment", "--claims", "A", "--as-of", "2026-11-30",
               "--output", out) == 0
    text = "".join(p.extract_text().replace("\n", "") for p in PdfReader(out).pages)
    assert "みどり区長" in text and "令和8年12月15日までに" in text


def test_a_claim_not_past_due_or_paid_refuses_the_whole_batch(db, tmp_path, capsys):
    """A 督促状 for claim B (due 2026-05-31) issued on its due date, and for a paid claim:
    exit 2 naming each, nothing written; the day after, B alone is fine."""
    with Ledger.open(db) as led:
        led.add_claims([Claim("P", "D1", RENT.name, 2026, date(2026, 4, 1), 5_000, date(2026, 4, 30))])
        led.add_event(new_event(led.claim("P"), EventKind.RECEIPT, date(2026, 5, 1), 5_000))
    out = tmp_path / "demand.pdf"
    for kind in ("demand", "reminder", "final_reminder"):
        assert run("letters", "--db", db, "--kind", kind, "--claims", "A,B,P", "--as-of", "2026-05-31",
                   "--output", out) == 2
        err = capsys.readouterr().err.splitlines()
        assert err[:2] == [f"claimdesk: B: 納期限を過ぎていません（{LetterKind(kind).label}は作成できません）",
                           f"claimdesk: P: 発行日に未納額がありません（{LetterKind(kind).label}は作成できません）"]
        assert not out.exists() and not list(tmp_path.glob("*.pdf"))
    assert run("letters", "--db", db, "--kind", "demand", "--claims", "B", "--as-of", "2026-06-01",
               "--output", out) == 0
    text = "".join(p.extract_text().replace("\n", "") for p in PdfReader(out).pages)
    assert "令和8年6月11日までに納付してください" in text


def test_due_leaves_out_claims_not_yet_due(db, tmp_path, capsys):
    out = tmp_path / "due.pdf"
    assert run("letters", "--db", db, "--kind", "demand", "--due", "--as-of", "2026-05-31", "--output", out) == 0
    captured = capsys.readouterr()
    assert "督促状 1通" in captured.out
    text = "".join(p.extract_text().replace("\n", "") for p in PdfReader(out).pages)
    assert "12,000" in text and "24,000" not in text  # A alone: B falls due that very day


def test_letters_are_refused_until_sender_and_contact_are_set(tmp_path, capsys):
    path = tmp_path / "fresh.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        led.add_claims([Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 12_000, date(2026, 4, 30))])
        led.set_setting("letter_municipality", "みどり区")
    out = tmp_path / "d.pdf"
    assert run("letters", "--db", path, "--kind", "demand", "--claims", "A", "--as-of", "2026-11-30",
               "--output", out) == 2
    assert capsys.readouterr().err.splitlines() == [
        "claimdesk: 文書の設定 letter_issuer（発行者）がされていません",
        "claimdesk: 文書の設定 letter_contact（問合せ先の電話番号・受付時間など）がされていません",
        "claimdesk: 設定するまで文書は作成しません。claimdesk letter-settings KEY=VALUE で設定してください"
        "（例: claimdesk letter-settings letter_issuer=…）"]
    assert not out.exists()
    assert run("letter-settings", "--db", path, "letter_issuer=みどり区長 緑川 一郎",
               "letter_contact=電話 03-5432-0000") == 0
    assert run("letters", "--db", path, "--kind", "demand", "--claims", "A", "--as-of", "2026-11-30",
               "--output", out) == 0
    text = "".join(p.extract_text().replace("\n", "") for p in PdfReader(out).pages)
    assert "みどり区長 緑川 一郎" in text and "03-5432-0000" in text and "○○" not in text
