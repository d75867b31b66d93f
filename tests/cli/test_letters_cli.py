"""`claimdesk letters`: one PDF per run; unknown kinds and claims are one line and exit 2."""

from datetime import date

import pytest
from pypdf import PdfReader

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path) as led:
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
    assert "letter_municipality=○○区（既定）" in listed and "letter_deadline_days_demand=10（既定）" in listed
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
