"""`claimdesk aggregate FILE… --output FILE`: one line per problem, exit 2, nothing written."""

from datetime import date

import pytest

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.summary_export import export_summary
from claimdesk.storage.ledger import Ledger


@pytest.fixture
def files(tmp_path):
    paths = []
    for code, name, claim_type in (("JUTAKU01", "住宅課", "区営住宅使用料"), ("GAKUMU01", "学務課", "学校給食費")):
        led = Ledger.memory()
        set_department(led, code, name)
        add_claim_type(led, ClaimType(claim_type, LegalNature.PRIVATE, "一般会計", "諸収入"))
        add_debtor(led, Debtor("D1", "山田 太郎"))
        add_claim(led, Claim("C1", "D1", claim_type, 2026, date(2026, 4, 1), 10_000, date(2026, 4, 30)))
        record_event(led, "C1", EventKind.RECEIPT, date(2026, 5, 20), 2_500, method="窓口")
        export_summary(led, 2026, date(2026, 9, 30), tmp_path / f"{code}.csv")
        paths.append(tmp_path / f"{code}.csv")
        led.close()
    return paths


def run(*args):
    return main([str(a) for a in args])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".pdf"])
def test_aggregate_writes_each_format(files, tmp_path, capsys, suffix):
    out = tmp_path / f"ward{suffix}"
    assert run("aggregate", *files, "--output", out) == 0
    assert out.stat().st_size > 0
    assert "令和8年度（令和8年9月30日現在）、ファイル 2件" in capsys.readouterr().out


def test_every_problem_is_one_line_on_stderr_and_nothing_is_written(files, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(files[0].read_bytes().replace(b",25.0,", b",25.1,"))  # wrong rates on lines 2 and 4
    out = tmp_path / "ward.xlsx"
    assert run("aggregate", files[1], bad, files[1], tmp_path / "none.csv", "--output", out) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0] == f"{tmp_path / 'none.csv'}:1: ファイルがありません"
    assert lines[1].startswith(f"{bad}:2: collection_rate（収納率（％）） 25.1 が")
    assert lines[2].startswith(f"{bad}:4: collection_rate")
    assert lines[3].startswith(f"{files[1]}:2: 所管課 GAKUMU01（学務課）")  # the same department twice
    assert lines[-1].startswith("claimdesk: 集計できません: 4件") and len(lines) == 5
    assert captured.out == "" and not out.exists()


def test_a_wrong_output_suffix_is_one_line(files, tmp_path, capsys):
    assert run("aggregate", *files, "--output", tmp_path / "ward.txt") == 2
    assert capsys.readouterr().err.count("\n") == 1
