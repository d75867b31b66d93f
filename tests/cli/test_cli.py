"""The command line as scripts use it: exit codes, messages, files written."""

import subprocess
import sys
from datetime import date

import pytest

from claimdesk import __version__
from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
HEADER = ("schema,department_code,department_name,fiscal_year,as_of,account,budget_section,"
          "claim_type,legal_nature,category,assessed,collected,written_off,refund_unpaid,"
          "outstanding,collection_rate,delinquent_debtors,target_rate")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        a = Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30))
        led.add_claim(a)
        led.add_events(new_event(a, EventKind.RECEIPT, d, amount) for d, amount in [
            (date(2025, 8, 10), 3000), (date(2026, 5, 10), 2000), (date(2026, 7, 1), 4000)])
    return path


def run(*args):
    return main([str(a) for a in args])


def test_department_set_and_show(db, capsys):
    assert run("department", "--db", db, "--code", "JUTAKU01", "--name", "住宅課") == 0
    assert run("--db", db, "department") == 0
    out = capsys.readouterr().out
    assert "所管課コード: JUTAKU01" in out and "所管課名: 住宅課" in out


def test_department_code_must_be_ascii_without_spaces(db, capsys):
    assert run("department", "--db", db, "--code", "住宅 01", "--name", "住宅課") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "code: 所管課コードは半角英数字" in err
    with Ledger.open(db) as led:
        assert led.setting("department_code") == ""


def test_export_summary_csv_is_exactly_the_contract(db, tmp_path, capsys):
    run("department", "--db", db, "--code", "JUTAKU01", "--name", "住宅課")
    out = tmp_path / "summary.csv"
    assert run("export", "summary", "--db", db, "--fiscal-year", "令和7年度", "--as-of", "R8.5.31", "--output", out) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == HEADER
    assert lines[1] == ("claimdesk-summary/1,JUTAKU01,住宅課,2025,2026-05-31,一般会計,使用料及手数料,"
                        "区営住宅使用料,private,current,12000,5000,0,0,7000,41.7,1,")
    assert lines[2] == ("claimdesk-summary/1,JUTAKU01,住宅課,2025,2026-05-31,一般会計,使用料及手数料,"
                        "区営住宅使用料,private,carried,0,0,0,0,0,,0,")
    assert lines[3].endswith(",total,12000,5000,0,0,7000,41.7,1,")
    assert lines[4:] == [""]
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_export_summary_xlsx_has_the_same_figures(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    run("department", "--db", db, "--code", "JUTAKU01", "--name", "住宅課")
    out = tmp_path / "summary.xlsx"
    assert run("export", "summary", "--db", db, "--fiscal-year", "2026", "--as-of", "2026-09-30", "--output", out) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["収納状況", "標準様式"]  # the report first, the contract's columns beside it
    ws = book["標準様式"]
    header = [c.value.split("\n")[0] for c in ws[3]]
    assert header[:4] == ["様式", "所管課コード", "所管課名", "年度"] and "収入未済額" in header
    carried = [c.value for c in ws[5]]
    assert carried[9] == "滞納繰越分"
    assert carried[3:5] == ["令和8年度", "令和8年9月30日"]  # 和暦 for the reader; the CSV keeps the contract
    assert carried[10:17] == [7000, 4000, 0, 0, 3000, 57.1, 1]
    assert ws.cell(5, 11).number_format == "#,##0"
    assert "令和8年度" in ws["A1"].value


def test_export_without_department_explains_how(db, tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert run("export", "summary", "--db", db, "--fiscal-year", "2025", "--as-of", "2026-03-31", "--output", out) == 2
    err = capsys.readouterr().err
    # The exact line scripts have matched since the first release: the command line names its options.
    assert err == ("claimdesk: department: 所管課が設定されていません。"
                   "claimdesk department --code CODE --name NAME で設定してください\n")
    assert not out.exists()


def test_export_rejects_as_of_outside_the_year_and_writes_nothing(db, tmp_path, capsys):
    run("department", "--db", db, "--code", "JUTAKU01", "--name", "住宅課")
    out = tmp_path / "s.csv"
    assert run("export", "summary", "--db", db, "--fiscal-year", "2025", "--as-of", "2026-06-01", "--output", out) == 2
    err = capsys.readouterr().err
    assert "as_of: 基準日 2026-06-01" in err and err.count("\n") == 1
    assert list(tmp_path.glob("s.csv*")) == [] and list(tmp_path.glob(".s.csv*")) == []


def test_export_rejects_unknown_format(db, tmp_path, capsys):
    run("department", "--db", db, "--code", "X", "--name", "住宅課")
    assert run("export", "summary", "--db", db, "--fiscal-year", "2025", "--as-of", "2026-03-31", "--output", tmp_path / "s.txt") == 2
    assert ".csv または .xlsx" in capsys.readouterr().err


def test_export_from_a_missing_ledger_does_not_create_one(tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    assert run("export", "summary", "--db", missing, "--fiscal-year", "2025", "--as-of", "2026-03-31", "--output", tmp_path / "s.csv") == 2
    assert "台帳ファイルがありません" in capsys.readouterr().err
    assert not missing.exists()


@pytest.mark.parametrize("args,needle", [
    (["export", "summary", "--fiscal-year", "八年度", "--as-of", "2026-03-31", "--output", "x.csv"], "年度として読めません"),
    (["export", "summary", "--fiscal-year", "2025", "--as-of", "2026-02-30", "--output", "x.csv"], "存在しない日付"),
    (["export", "summary", "--fiscal-year", "2025"], "required"),
    (["no-such-command"], "invalid choice"),
])
def test_usage_errors_are_one_line_and_exit_2(args, needle, capsys):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


def test_a_file_that_is_not_a_ledger(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    assert run("department", "--db", bad) == 2
    err = capsys.readouterr().err
    assert "SQLiteの形式でない" in err and "Traceback" not in err


def test_unexpected_errors_are_one_line_with_the_log_file(db, monkeypatch, capsys):
    import claimdesk.services.department as dept

    def boom(*a, **k):
        raise RuntimeError("想定外")
    monkeypatch.setattr(dept, "get_department", boom)
    assert run("department", "--db", db) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: 想定外" in err and "claimdesk.log" in err


def test_commands_run_in_one_process_share_one_log_file_handler(db, capsys):
    """Each command run (the window's, a script's) once logged through a handler of its own,
    never closed: one per run, each writing every later line again."""
    import logging

    logger = logging.getLogger("claimdesk")
    before = len(logger.handlers)
    for _ in range(3):
        assert main(["--db", str(db), "department"]) in (0, 2)
    files = [h for h in logger.handlers[before:] if isinstance(h, logging.FileHandler)]
    assert len(files) == 1 and files[0].baseFilename.endswith("claimdesk.log")


def test_version_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "claimdesk", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"claimdesk {__version__}"


def test_default_ledger_lives_in_the_user_data_dir(_private_user_dirs, capsys):
    assert run("department", "--code", "X1", "--name", "住宅課") == 0
    created = list(_private_user_dirs.rglob("claimdesk.sqlite3"))
    assert len(created) == 1 and "ClaimDesk" in str(created[0])


def test_exported_file_is_readable_by_others_as_umask_allows(db, tmp_path):
    import os

    run("department", "--db", db, "--code", "JUTAKU01", "--name", "住宅課")
    out = tmp_path / "summary.csv"
    old = os.umask(0o022)
    try:
        assert run("export", "summary", "--db", db, "--fiscal-year", "2025", "--as-of", "2026-03-31", "--output", out) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_import_warns_of_overpayments_by_line_and_still_imports(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2026-11-30")
    claims = tmp_path / "claims.csv"
    claims.write_text("債権番号,債務者番号,氏名,債権名,債権の種類,会計,款,年度,調定日,調定額,納期限\n"
                      "K1,D1,山田 太郎,区営住宅使用料,私債権,一般会計,使用料及手数料,2026,2026-04-01,12000,2026-04-30\n",
                      encoding="utf-8")
    events = tmp_path / "tx.csv"
    events.write_text("債権番号,日付,区分,金額\nK1,2026-05-01,収納,10000\nK1,2026-06-01,収納,3000\n",
                      encoding="utf-8")
    db = tmp_path / "l.sqlite3"
    Ledger.open(db).close()  # import refuses a --db that does not exist
    assert main(["import", "--db", str(db), "--claims", str(claims), "--transactions", str(events)]) == 0
    out, err = capsys.readouterr()
    assert err == (f"{events}:3: 金額: 収納額 3,000円 が残高 2,000円 を1,000円超えています。"
                   "超える分は還付が必要です（過誤納）\n")
    assert "取引 2件（過誤納の警告 1件）" in out
    events.write_text("債権番号,日付,区分,金額\nK1,2026-12-01,収納,100\n", encoding="utf-8")
    Ledger.open(tmp_path / "m.sqlite3").close()
    assert main(["import", "--db", str(tmp_path / "m.sqlite3"), "--claims", str(claims), "--transactions",
                 str(events)]) == 2
    assert f"{events}:2: 日付: 日付が今日（2026-11-30）より後です" in capsys.readouterr().err


def test_output_cut_short_by_a_pipe_ends_quietly(tmp_path):
    """`claimdesk procedures show | head -1` stops without a message about a broken pipe."""
    import subprocess
    import sys

    script = (
        "import subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-m', 'claimdesk', 'procedures', 'show'],"
        " stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.close()\n"  # the reader is gone before anything is written: EPIPE for certain
        "err = p.stderr.read().decode(); p.wait()\n"
        "print(repr(err)); sys.exit(p.returncode)\n"
    )
    db = str(tmp_path / "l.sqlite3")
    assert run("department", "--db", db, "--code", "JUTAKU01", "--name", "住宅課") == 0
    script = script.replace("'procedures', 'show'", f"'procedures', 'show', '--db', {db!r}")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert "Broken pipe" not in done.stdout
    assert "読み書きできません" not in done.stdout
    assert done.returncode == 1
