"""Disk full, a read-only place, a busy ledger: one Japanese line (exit 2) or a box, never
「予期しないエラー」 nor a traceback. Tests run as root, who ignores file permissions, so
read-only places are read-only mounts (skipped where mounting is not allowed) and a full
disk is both a small tmpfs and an injected ENOSPC."""

import errno
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from plain_sql import plain
from trust_ledgers import one_claim_ledger

from claimdesk.cli import main
from claimdesk.services.department import set_department
from claimdesk.services.failures import describe_failure
from claimdesk.storage import migrate
from claimdesk.storage.ledger import Ledger


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    one_claim_ledger(path).close()
    return path


def _export(db, out, what="summary"):
    return main(["export", what, "--db", str(db), "--fiscal-year", "2026", "--as-of", "2026-09-30",
                 "--output", str(out)])


def _one_clear_line(err: str, expected: str) -> None:
    assert err.count("\n") == 1, err
    assert expected in err
    assert "予期しない" not in err and "Traceback" not in err


@pytest.fixture
def mount(tmp_path):
    """mount(options) → a fresh tmpfs folder; skipped where this process may not mount."""
    mounted = []

    def make(options: str) -> Path:
        where = tmp_path / f"mnt{len(mounted)}"
        where.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip("tmpfs cannot be mounted here")
        mounted.append(where)
        return where

    yield make
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


# --- disk full ---------------------------------------------------------------------------

@pytest.mark.parametrize("suffix, what", [(".xlsx", "summary"), (".xlsx", "sheets"), (".csv", "summary"),
                                          (".pdf", "sheets")])
def test_export_to_a_full_disk_injected(db, tmp_path, capsys, monkeypatch, suffix, what):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    monkeypatch.setattr(Path, "write_bytes", full)
    if suffix == ".pdf":
        import reportlab.pdfgen.canvas as canvas
        monkeypatch.setattr(canvas.Canvas, "save", full)
    out = tmp_path / f"out{suffix}"
    assert _export(db, out, what) == 2
    _one_clear_line(capsys.readouterr().err, "ディスクの空き容量が足りないため、書き込めません")
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_export_xlsx_to_a_full_tmpfs_prints_no_traceback(db, mount):
    small = mount("size=16k")
    (small / "filler").write_bytes(b"x" * 12_000)
    out = small / "summary.xlsx"
    done = subprocess.run([sys.executable, "-m", "claimdesk", "export", "summary", "--db", str(db),
                           "--fiscal-year", "2026", "--as-of", "2026-09-30", "--output", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    _one_clear_line(done.stderr, "ディスクの空き容量が足りないため、書き込めません")
    assert sorted(p.name for p in small.iterdir()) == ["filler"]


@pytest.mark.parametrize("room", [4096, 200_000])  # none for the -shm file; some, not enough
def test_a_ledger_on_a_full_disk_refuses_the_write_and_keeps_what_it_had(tmp_path, mount, capsys, room):
    small = mount("size=1m")
    db = small / "ledger.sqlite3"
    with Ledger.open(db) as led:
        set_department(led, "K01", "住宅課")
    free = shutil.disk_usage(small).free
    (small / "filler").write_bytes(b"x" * max(free - room, 0))
    claims = tmp_path / "claims.csv"
    rows = [f"C{i},D{i},山田 太郎{i},区営住宅使用料,private,一般会計,使用料,2026,2026-04-01,1000,2026-04-30"
            for i in range(3000)]
    claims.write_text("claim_id,debtor_id,debtor_name,claim_type,legal_nature,account,budget_section,"
                      "fiscal_year,assessed_on,amount,due_date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert main(["import", "--db", str(db), "--claims", str(claims)]) == 2
    _one_clear_line(capsys.readouterr().err, "ディスクに空きがないため台帳に書き込めません")
    (small / "filler").unlink()
    with Ledger.open(db) as led:
        assert led.claim_count() == 0 and led.setting("department_name") == "住宅課"


# --- read-only ---------------------------------------------------------------------------

def test_export_into_a_read_only_folder(db, mount, capsys):
    ro = mount("size=1m,ro")
    assert _export(db, ro / "s.xlsx") == 2
    _one_clear_line(capsys.readouterr().err, "読み取り専用の場所のため、書き込めません")


def test_a_ledger_in_a_read_only_folder(db, mount, capsys):
    place = mount("size=4m")
    with Ledger.open(db) as led:  # a consistent single file, WAL folded in
        plain(led).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db, place / "ledger.sqlite3")
    subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True)
    assert main(["department", "--db", str(place / "ledger.sqlite3"), "--code", "K02", "--name", "学務課"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "予期しない" not in err
    assert "読み取り専用" in err


# --- locked ------------------------------------------------------------------------------

def test_a_ledger_another_writer_holds(db, capsys, monkeypatch):
    connect = migrate._connect

    def impatient(path):  # the real wait is 5 s; the message is the same
        database = connect(path)
        database.execute("PRAGMA busy_timeout = 50")
        return database

    monkeypatch.setattr(migrate, "_connect", impatient)
    from claimdesk.storage import connection
    monkeypatch.setattr(connection, "BUSY_PATIENCE", 0.01)  # a write waits, saying why, then gives up
    monkeypatch.setattr(connection, "BUSY_STEP_MS", 10)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert main(["department", "--db", str(db), "--code", "K02", "--name", "学務課"]) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert "Traceback" not in err and "予期しない" not in err, err
    assert "使用中" in err.splitlines()[-1] and "変更していません" in err.splitlines()[-1], err


def test_the_window_names_the_same_conditions(qapp):
    from claimdesk.storage.errors import translated
    from claimdesk.ui.error_box import error_message

    assert error_message(translated(sqlite3.OperationalError("database or disk is full")))[0].startswith("ディスクに空き")
    assert "読み取り専用" in error_message(translated(sqlite3.OperationalError("attempt to write a readonly database")))[0]
    assert "使用中" in error_message(translated(sqlite3.OperationalError("database is locked")))[0]
    assert "読み取り専用" in error_message(translated(sqlite3.OperationalError("unable to open database file")))[0]
    assert "読み取り専用" in error_message(PermissionError(errno.EACCES, "Permission denied", "x.pdf"))[0]
    assert describe_failure(ValueError("x")) is None


def test_the_window_box_for_a_full_disk_is_a_warning_not_unexpected(qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from claimdesk.ui import app as app_module

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.icon(), box.text(), box.detailedText())))
    app_module.show_error(None, OSError(errno.ENOSPC, "No space left on device", "/mnt/usb/s.xlsx"))
    ((icon, text, details),) = shown
    assert icon == QMessageBox.Icon.Warning and details == ""
    assert text.startswith("ディスクの空き容量が足りないため、書き込めません: /mnt/usb/s.xlsx")
