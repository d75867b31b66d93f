"""Import refuses, with FILE:LINE: column, what cannot be an amount, a text or a fiscal year."""

from pathlib import Path

import pytest

from claimdesk.cli import main
from claimdesk.services.importer import ImportFailed, import_ledger
from claimdesk.storage.ledger import Ledger

HEADER = ("claim_id,debtor_id,debtor_name,address,claim_type,legal_nature,account,"
          "budget_section,fiscal_year,assessed_on,amount,due_date")
GOOD = dict(claim_id="C1", debtor_id="D1", debtor_name="山田 太郎", address="世田谷区1-1",
            claim_type="区営住宅使用料", legal_nature="private", account="一般会計",
            budget_section="使用料及手数料", fiscal_year="2025", assessed_on="2025-06-01",
            amount="12000", due_date="2025-06-30")


def _claims(tmp_path, **changes) -> Path:
    path = tmp_path / "claims.csv"
    row = ",".join({**GOOD, **changes}.values())
    path.write_bytes(f"{HEADER}\r\n{row}\r\n".encode())
    return path


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        yield led


def _refused(ledger, path) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        import_ledger(ledger, path)
    assert ledger.claim_count() == 0 and ledger.debtor_count() == 0
    return [str(p) for p in failed.value.problems]


@pytest.mark.parametrize("amount", ["1000000000000", "100000000000000000000", "9200000000000000000"])
def test_amounts_beyond_a_trillion_are_refused(ledger, tmp_path, amount):
    path = _claims(tmp_path, amount=amount)
    (problem,) = _refused(ledger, path)
    assert problem.startswith(f"{path}:2: amount: 金額が大きすぎます")
    assert "999,999,999,999円" in problem


def test_the_largest_amount_is_accepted(ledger, tmp_path):
    import_ledger(ledger, _claims(tmp_path, amount="999999999999"))
    assert ledger.claim("C1").amount == 999_999_999_999


def test_a_signed_adjustment_beyond_the_limit_is_refused(ledger, tmp_path):
    import_ledger(ledger, _claims(tmp_path))
    events = tmp_path / "transactions.csv"
    events.write_text("claim_id,date,kind,amount\r\nC1,2025-07-01,adjustment,-1000000000000\r\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_ledger(ledger, _claims(tmp_path, claim_id="C2"), events)
    assert any(str(p).startswith(f"{events}:2: amount: 金額が大きすぎます") for p in failed.value.problems)


@pytest.mark.parametrize("char", ["\x00", "\ufeff", "\x1b", "\x7f", "\x85", "\u2028", "\t"])
def test_control_characters_inside_a_field_are_refused(ledger, tmp_path, char):
    path = _claims(tmp_path, address=f"世田谷区{char}1-1")
    (problem,) = _refused(ledger, path)
    assert problem == (f"{path}:2: address: 制御文字（U+{ord(char):04X}）が含まれています。"
                       "削除してから保存し直してください")


def test_a_line_break_inside_a_quoted_field_is_refused(ledger, tmp_path):
    path = tmp_path / "claims.csv"
    row = ",".join({**GOOD, "debtor_name": '"山田\n太郎"'}.values())
    path.write_bytes(f"{HEADER}\r\n{row}\r\n".encode())
    (problem,) = _refused(ledger, path)
    assert problem.startswith(f"{path}:2: debtor_name: 制御文字（U+000A）")


@pytest.mark.parametrize("fy", ["R99", "令和99年度", "2117"])
def test_a_fiscal_year_that_cannot_be_is_refused(ledger, tmp_path, fy):
    path = _claims(tmp_path, fiscal_year=fy)
    (problem,) = _refused(ledger, path)
    assert problem.startswith(f"{path}:2: fiscal_year: 年度 令和99年度（2117）は調定日 2025-06-01 から見てありえない年度です")


def test_next_years_claim_assessed_in_march_is_accepted(ledger, tmp_path):
    import_ledger(ledger, _claims(tmp_path, fiscal_year="2026", assessed_on="2026-03-20", due_date="2026-04-30"))
    assert ledger.claim("C1").fiscal_year == 2026


def test_cli_says_file_line_column_and_exits_2(tmp_path, capsys):
    db = tmp_path / "l.sqlite3"
    Ledger.open(db).close()
    path = _claims(tmp_path, amount="100000000000000000000")
    assert main(["import", "--db", str(db), "--claims", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: amount: 金額が大きすぎます" in err
    assert "予期しない" not in err and "Traceback" not in err


def test_a_note_may_span_lines_but_holds_no_other_control(ledger, tmp_path):
    import_ledger(ledger, _claims(tmp_path))
    events = tmp_path / "transactions.csv"
    events.write_text('claim_id,date,kind,amount,note\r\nC1,2025-07-01,receipt,100,"2行の\r\n備考"\r\n'
                      'C1,2025-07-02,receipt,100,"NUL\x00"\r\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_ledger(ledger, _claims(tmp_path, claim_id="C2"), events)
    assert [str(p) for p in failed.value.problems] == [
        f"{events}:4: note: 制御文字（U+0000）が含まれています。削除してから保存し直してください"]
