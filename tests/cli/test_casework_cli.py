"""The casework commands: worklist, log, procedures — same services, same checks, one-line errors."""

from datetime import date

import pytest

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.services import casework
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        led.add_claim(Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)))
        led.add_claim(Claim("B", "D1", RENT.name, 2026, date(2026, 5, 1), 50000, date(2026, 5, 31)))
    return path


def run(*args):
    return main([str(a) for a in args])


def test_worklist_prints_one_line_per_item_and_a_total(db, capsys):
    assert run("worklist", "--db", db, "--as-of", "令和8年6月10日") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["期限超過", "手順", "A", "山田 太郎", "区営住宅使用料", "残高 50,000円",
                                    "督促状の発送（期限 2026-05-20）"]
    assert lines[1].split("\t")[:3] == ["対応時期", "手順", "B"]
    assert lines[-1] == "令和8年6月10日 の作業: 2件、確認した債権 2件"


def test_worklist_filters_by_kind(db, capsys):
    assert run("worklist", "--db", db, "--as-of", "2026-06-10", "--kind", "時効間近") == 0
    assert capsys.readouterr().out.splitlines() == ["令和8年6月10日 の作業: 0件、確認した債権 2件"]


def test_log_adds_an_entry_through_the_same_service(db, capsys):
    assert run("log", "--db", db, "--claim", "A", "--claim", "B", "--channel", "電話", "--summary", "本人と話した",
               "--date", "2026-06-01", "--time", "14:30", "--reason", "失業", "--next-action", "再度電話",
               "--next-date", "2026-06-08") == 0
    assert capsys.readouterr().out.strip() == "交渉記録 1 を追加しました: 2026-06-01 14:30 電話 A・B"
    with Ledger.open(db) as led:
        (line,) = casework.contact_log(led, claim_id="B")
    assert (line.entry.reason, line.entry.next_action_on, line.entry.operator) == ("失業", date(2026, 6, 8), "テスト担当")


def test_log_a_demand_letter_shows_its_legal_effect(db, capsys):
    assert run("log", "--db", db, "--claim", "A", "--channel", "文書発送", "--letter", "督促状",
               "--summary", "督促状を発送", "--date", "2026-05-08") == 0
    assert capsys.readouterr().out.strip().endswith("A、時効: 督促")


@pytest.mark.parametrize("args,needle", [
    (["--claim", "A", "--channel", "FAX", "--summary", "x"], "channel: 「FAX」は選べません"),
    (["--claim", "NOPE", "--channel", "電話", "--summary", "x"], "claim_id: 債権番号 NOPE は台帳にありません"),
    (["--claim", "A", "--channel", "電話", "--summary", "x", "--next-action", "電話"], "--next-action と --next-date"),
    (["--claim", "A", "--channel", "電話", "--summary", "x", "--letter", "demand"], "letter_kind:"),
    (["--claim", "A", "--channel", "電話", "--summary", "x", "--date", "2030-01-01"], "on: 記録の日付"),
])
def test_log_errors_are_one_line_and_exit_2(db, capsys, args, needle):
    assert run("log", "--db", db, *args) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1
    with Ledger.open(db) as led:
        assert casework.contact_log(led, debtor_id="D1") == []


@pytest.mark.parametrize("args,needle", [
    (["worklist", "--kind", "nope"], "作業の種類が不明です"),
    (["worklist", "--as-of", "2026-02-30"], "存在しない日付"),
    (["log", "--channel", "電話", "--summary", "x"], "required"),
    (["log", "--claim", "A", "--channel", "電話", "--summary", "x", "--time", "25:00"], "時刻は 14:30 の形"),
])
def test_usage_errors_are_one_line_and_exit_2(args, needle, capsys):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


def test_worklist_of_a_missing_ledger_does_not_create_one(tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    assert run("worklist", "--db", missing) == 2
    assert "台帳ファイルがありません" in capsys.readouterr().err and not missing.exists()


def test_procedures_export_edit_import_show_reset(db, tmp_path, capsys):
    folder = tmp_path / "手順"
    assert run("procedures", "export", "--db", db, "--dir", folder) == 0
    path = folder / "private.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('title = "督促状の発送"', 'title = "督促状（当課）"'),
                    encoding="utf-8")
    assert run("procedures", "import", "--db", db, path) == 0
    assert "取り込みました" in capsys.readouterr().out
    assert run("procedures", "show", "--db", db) == 0
    out = capsys.readouterr().out
    assert "私債権" in out and "台帳の設定 procedure.private" in out and "督促状（当課）" in out
    assert run("procedures", "reset", "--db", db, "private") == 0
    assert "既定の手順に戻しました" in capsys.readouterr().out


def test_procedures_import_of_a_broken_file_names_it_and_changes_nothing(db, tmp_path, capsys):
    good, bad = tmp_path / "public.toml", tmp_path / "private.toml"
    run("procedures", "export", "--db", db, "--dir", tmp_path)
    bad.write_text(bad.read_text(encoding="utf-8").replace("days = 90", "days = -1", 1), encoding="utf-8")
    capsys.readouterr()
    assert run("procedures", "import", "--db", db, good, bad) == 2
    err = capsys.readouterr().err
    assert err.startswith(f'claimdesk: {bad}: steps[2] (id = "reminder_letter"): days:') and err.count("\n") == 1
    with Ledger.open(db) as led:
        assert led.setting("procedure.public") == ""  # all files are checked before any is stored


def test_casework_settings_listed_set_checked_and_reset(db, capsys):
    assert run("casework-settings", "--db", db) == 0
    listed = capsys.readouterr().out.splitlines()
    assert 'calendar.closing_days=["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]（既定）' in listed
    assert "late_charge.public.special=[27年分: 2000〜2026年]（既定）" in listed
    # the step of B (due 5/31) is due by 6/20, a Saturday: the deadline is Monday 6/22
    assert run("worklist", "--db", db, "--as-of", "2026-06-10") == 0
    assert "督促状の発送（期限 2026-06-22）" in capsys.readouterr().out
    # a one-off closure on 6/22 is the ledger's own setting; the deadline moves to 6/23
    closed = '["12-29", "12-30", "12-31", "01-01", "01-02", "01-03", "2026-06-22"]'
    assert run("casework-settings", "--db", db, f"calendar.closing_days={closed}") == 0
    assert capsys.readouterr().out.strip() == "設定を保存しました: calendar.closing_days"
    assert run("worklist", "--db", db, "--as-of", "2026-06-10") == 0
    assert "督促状の発送（期限 2026-06-23）" in capsys.readouterr().out
    # a wrong value is one line naming the key, and nothing is stored (not even the good one)
    assert run("casework-settings", "--db", db, "limitation.warn_days=90", 'calendar.closing_days=["6/22"]') == 2
    err = capsys.readouterr().err
    assert err.strip() == ("claimdesk: casework.calendar.closing_days: "
                           "閉庁日は MM-DD（毎年）か YYYY-MM-DD（その日だけ）で指定してください（6/22）")
    assert run("casework-settings", "--db", db) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "limitation.warn_days=180（既定）" in listed and f"calendar.closing_days={closed}" in listed
    assert run("casework-settings", "--db", db, "calendar.closing_days=") == 0  # back to the default
    assert run("casework-settings", "--db", db, "warn_days") == 2
    assert "KEY=VALUE" in capsys.readouterr().err


def test_calls_lists_the_debtors_to_call_and_saves_them_as_xlsx(db, capsys, tmp_path):
    with Ledger.open(db) as led:
        casework.log_contact(led, ["A", "B"], "文書発送", "督促状", on=date(2026, 6, 1), letter_kind="demand",
                             today=date(2026, 6, 1))
    assert run("calls", "--db", db, "--as-of", "2026-06-20") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["D1\t山田 太郎\t（電話番号なし）\tA、B\t残高 100,000円", "2026-06-20 の電話催告: 1件"]
    out = tmp_path / "calls.xlsx"
    assert run("calls", "--db", db, "--as-of", "2026-06-20", "--output", out) == 0
    assert out.exists() and capsys.readouterr().out.startswith(f"{out}: 電話催告 1件")
    assert run("calls", "--db", db, "--as-of", "2026-06-20", "--output", tmp_path / "calls.csv") == 2
