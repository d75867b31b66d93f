"""A file that is not a ClaimDesk ledger is refused before a byte of it changes."""

import hashlib
import sqlite3

import pytest

from claimdesk.cli import main
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.migrate import APPLICATION_ID, LedgerFileError


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_ledger_carries_the_application_id(tmp_path):
    path = tmp_path / "new.sqlite3"
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x434C4D44
    conn.close()


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('hello')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(LedgerFileError, match="ClaimDeskの台帳ファイルではありません"):
        Ledger.open(path)
    assert _digest(path) == before  # not switched to WAL, nothing written
    assert not (tmp_path / "other.sqlite3-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_file_with_a_foreign_application_id_is_refused(tmp_path):
    path = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 12345")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(LedgerFileError):
        Ledger.open(path)
    assert _digest(path) == before


def test_a_ledger_made_before_the_id_gets_it_on_open(tmp_path):
    path = tmp_path / "old.sqlite3"
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


@pytest.mark.parametrize("argv", [
    ["import", "--claims", "CLAIMS"],
    ["export", "summary", "--fiscal-year", "2026", "--as-of", "2026-09-30", "--output", "OUT.csv"],
    ["department"],
    ["letter-settings", "letter_issuer=区長"],
    ["targets", "--fiscal-year", "2026"],
    ["procedures", "show"],
])
def test_a_mistyped_db_path_is_refused_and_not_created(tmp_path, capsys, argv):
    claims = tmp_path / "claims.csv"
    claims.write_text("claim_id\n", encoding="utf-8")
    missing = tmp_path / "typo.sqlite3"
    args = [a.replace("CLAIMS", str(claims)).replace("OUT.csv", str(tmp_path / "out.csv")) for a in argv]
    assert main([*args, "--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "台帳ファイルがありません" in err and err.count("\n") == 1
    assert not missing.exists()


def test_department_and_demo_create_a_ledger(tmp_path):
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert main(["department", "--db", str(a), "--code", "K01", "--name", "住宅課"]) == 0
    assert a.exists()
    assert main(["demo", "--db", str(b), "--size", "small"]) == 0
    assert b.exists()
