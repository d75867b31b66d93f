"""claimdesk backup / restore / check: lines and exit statuses as scripts see them."""

import sqlite3

import pytest

from claimdesk.cli import main
from tests.ledger_files import damage_a_page


@pytest.fixture
def db(ledger_file):
    return ledger_file


def test_backup_list_check_and_restore(db, tmp_path, capsys):
    assert main(["backup", "--db", str(db)]) == 0
    made = capsys.readouterr().out
    assert "バックアップを作成しました:" in made and "/backups/ledger.manual-" in made
    assert main(["backup", "--db", str(db), "--output", str(tmp_path / "copy.sqlite3")]) == 0
    capsys.readouterr()
    assert main(["backup", "--db", str(db), "--list"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "\t手動\t" in line and "最新の記録 令和" in line and line.startswith("令和")
    assert main(["check", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "台帳に問題はありません\n"
    assert main(["restore", "--db", str(db), str(tmp_path / "copy.sqlite3")]) == 0
    out = capsys.readouterr().out
    assert "元の台帳を保存しました:" in out and "ledger.before-restore-" in out
    assert len(list(tmp_path.glob("ledger.before-restore-*.sqlite3"))) == 1


def test_check_names_each_problem_and_exits_2(db, capsys):
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER money_events_no_update")
    conn.execute("DROP TRIGGER money_events_no_delete")
    conn.execute("UPDATE money_events SET note = '改ざん' WHERE id = 4")
    conn.execute("DELETE FROM money_events WHERE id = 1")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert "記録が書き換えられています: 取引（money_events） 4" in lines
    assert "記録が削除されています: 取引（money_events） 1" in lines
    assert "履歴を守るトリガーがありません: money_events_no_update（money_events）" in lines
    assert any(line.startswith("累計額が取引の合計と一致しません: 債権（claims） C1") for line in lines)
    assert lines[-1] == f"台帳に{len(lines) - 1}件の問題があります"


def test_check_of_a_damaged_file_and_a_refused_restore(db, tmp_path, capsys):
    assert main(["backup", "--db", str(db), "--output", str(tmp_path / "bad.sqlite3")]) == 0
    damage_a_page(tmp_path / "bad.sqlite3")
    capsys.readouterr()
    assert main(["check", "--db", str(tmp_path / "bad.sqlite3")]) == 2
    assert capsys.readouterr().out.startswith("ファイルの損傷: ")
    before = db.read_bytes()
    assert main(["restore", "--db", str(db), str(tmp_path / "bad.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ファイルの損傷: ") and "復元しません。台帳は変更していません" in err
    assert db.read_bytes() == before
    assert main(["restore", "--db", str(db), str(tmp_path / "none.sqlite3")]) == 2
    assert "バックアップファイルがありません" in capsys.readouterr().err


def test_a_write_command_on_a_damaged_ledger_is_refused(db, capsys):
    damage_a_page(db)
    assert main(["department", "--db", str(db), "--code", "X1", "--name", "税務課"]) == 2
    err = capsys.readouterr().err
    assert "読み取り専用で開いています" in err and "バックアップから復元" in err


def test_backup_folder_is_a_ledger_setting(db, tmp_path, capsys):
    share = tmp_path / "share" / "backups"
    assert main(["backup", "--db", str(db), "--folder", str(share)]) == 0
    assert capsys.readouterr().out == f"バックアップフォルダ: {share}\n"
    assert main(["backup", "--db", str(db)]) == 0
    assert len(list(share.glob("ledger.manual-*.sqlite3"))) == 1
    (tmp_path / "file").write_text("x")
    assert main(["backup", "--db", str(db), "--folder", str(tmp_path / "file" / "sub")]) == 2
    assert "バックアップフォルダ: 書き込めません" in capsys.readouterr().err


def test_restore_the_newest_good_backup(db, capsys):
    assert main(["restore", "--db", str(db), "--newest-good"]) == 2
    assert "点検に通るバックアップがありません" in capsys.readouterr().err
    assert main(["backup", "--db", str(db)]) == 0
    damage_a_page(db)
    assert main(["check", "--db", str(db)]) == 2
    capsys.readouterr()
    assert main(["restore", "--db", str(db), "--newest-good"]) == 0
    out = capsys.readouterr().out
    assert "点検に通る最新のバックアップ:" in out and "バックアップから復元しました" in out
    assert main(["check", "--db", str(db)]) == 0
    with pytest.raises(SystemExit) as usage:  # FILE or --newest-good
        main(["restore", "--db", str(db)])
    assert usage.value.code == 2
