"""`claimdesk letters --kind payment_slip`, `--with-payment-slip` and the barcode setting: output and exit codes."""

from pypdf import PdfReader

from tests.cli.test_letters_cli import run  # `db` (the ledger of those tests) comes from conftest.py


def text(path):
    return ["".join(p.extract_text().split()) for p in PdfReader(path).pages]


def test_payment_slips_alone(db, tmp_path, capsys):
    out = tmp_path / "slips.pdf"
    assert run("letters", "--db", db, "--kind", "payment_slip", "--claims", "A,B", "--as-of", "2026-11-30",
               "--output", out) == 0
    assert capsys.readouterr().out.strip() == f"{out} に出力しました（納付書 2枚（1人あて）、2ページ）"
    pages = text(out)
    assert len(pages) == 2 and "令和8年12月14日" in pages[0] and "(91)" not in pages[0]  # no company code: no barcode


def test_due_and_the_japanese_kind_name(db, tmp_path, capsys):
    assert run("letters", "--db", db, "--kind", "納付書", "--due", "--as-of", "2026-05-15", "--output",
               tmp_path / "d.pdf") == 0
    assert "納付書 1枚" in capsys.readouterr().out  # only A is past its due date then


def test_nothing_owed_or_unknown_claims_exit_2_and_write_nothing(db, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert run("letters", "--db", db, "--kind", "payment_slip", "--claims", "Z", "--as-of", "2026-11-30",
               "--output", out) == 2
    assert "債権番号 Z は台帳にありません" in capsys.readouterr().err
    assert run("letters", "--db", db, "--kind", "payment_slip", "--due", "--as-of", "2026-04-15",
               "--output", out) == 2
    assert "納付書の対象となる債権はありません" in capsys.readouterr().err
    assert not out.exists()


def test_with_payment_slip_and_the_company_code(db, tmp_path, capsys):
    assert run("letter-settings", "--db", db, "cvs_company_code=12345") == 2
    assert "cvs_company_code: 収納企業コードは6桁の数字です（12345）" in capsys.readouterr().err
    assert run("letter-settings", "--db", db, "cvs_company_code=412345") == 2
    assert "9 か 5 で始まります" in capsys.readouterr().err
    assert run("letter-settings", "--db", db, "cvs_company_code=912345") == 0
    capsys.readouterr()
    out = tmp_path / "demand.pdf"
    assert run("letters", "--db", db, "--kind", "demand", "--claims", "A,B", "--as-of", "2026-11-30",
               "--output", out, "--with-payment-slip") == 0
    assert capsys.readouterr().out.strip() == f"{out} に出力しました（督促状 1通、同封の納付書 2枚、3ページ）"
    pages = text(out)
    assert "督促状" in pages[0] and "(91)912345-00000000101" in pages[1] and "(91)912345-00000000201" in pages[2]
