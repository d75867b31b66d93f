"""`claimdesk targets` and `claimdesk export sheets` as scripts use them."""

from datetime import date

import pytest
from pypdf import PdfReader

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path) as led:
        led.set_setting("department_code", "JUTAKU")
        led.set_setting("department_name", "住宅課")
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        a = Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30))
        led.add_claim(a)
        led.add_events(new_event(a, EventKind.RECEIPT, d, amount) for d, amount in [
            (date(2025, 8, 10), 3000), (date(2026, 5, 10), 2000), (date(2026, 7, 1), 4000)])
    return path


def run(*args):
    return main([str(a) for a in args])


def test_targets_set_amend_and_show(db, capsys):
    assert run("targets", "--db", db, "--fiscal-year", "R8", "--claim-type", RENT.name, "--current", "98.5",
               "--total", "90", "--basis", "前年度実績＋0.5ポイント", "--actions", "電話催告") == 0
    assert run("targets", "--db", db, "--fiscal-year", "2026", "--claim-type", RENT.name, "--total", "",
               "--basis", "合計は置かない") == 0
    assert run("targets", "--db", db, "--fiscal-year", "令和8年度") == 0
    out = capsys.readouterr().out
    assert f"{RENT.name}: 現年分 98.5、滞納繰越分 －、合計 －（根拠: 合計は置かない）" in out


def test_a_target_without_basis_is_refused_in_one_line(db, capsys):
    assert run("targets", "--db", db, "--fiscal-year", "R8", "--claim-type", RENT.name, "--current", "98.5") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "根拠" in err


def test_export_sheets_pdf(db, tmp_path, capsys):
    out = tmp_path / "sheets.pdf"
    assert run("export", "sheets", "--db", db, "--fiscal-year", "R8", "--as-of", "2026-09-30", "--output", out) == 0
    assert "個票 1件" in capsys.readouterr().out
    (page,) = PdfReader(str(out)).pages
    assert "57.1" in page.extract_text()


def test_export_sheets_refuses_a_date_outside_the_year(db, tmp_path, capsys):
    out = tmp_path / "sheets.xlsx"
    assert run("export", "sheets", "--db", db, "--fiscal-year", "R8", "--as-of", "2026-03-31", "--output", out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "基準日" in err
    assert not out.exists()
