"""Two ClaimDesk processes on one ledger, and ledgers on network shares."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from claimdesk.domain.claims import EventKind, new_event
from claimdesk.storage import connection
from claimdesk.storage.connection import ReadOnlyLedger
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.sharing import is_network_path, mount_type, read_holder
from tests.ledger_files import claim, fill

ROOT = Path(__file__).resolve().parents[2]


def start(code: str, *, env=None) -> subprocess.Popen:
    """Another process, ready when it prints a line."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, **(env or {})})
    assert proc.stdout.readline().strip() == "ready"
    return proc


def hold(path, operator: str) -> subprocess.Popen:
    """Another ClaimDesk with the ledger open (as a window keeps it), run by `operator`."""
    return start(f"""
        import time
        from claimdesk.storage.ledger import Ledger
        led = Ledger.open({str(path)!r})
        print("ready", flush=True)
        time.sleep(60)
    """, env={"CLAIMDESK_OPERATOR": operator})


def receipt(n=1):
    return new_event(claim(1), EventKind.RECEIPT, date(2025, 8, 1), n)


@pytest.fixture
def path(ledger_file):
    return ledger_file


def test_a_second_process_opens_read_only_and_says_who_holds_it(path):
    holder = hold(path, "鈴木")
    try:
        with Ledger.open(path) as led:
            assert "鈴木" in led.read_only_reason and f"プロセス {holder.pid}" in led.read_only_reason
            with pytest.raises(ReadOnlyLedger, match="鈴木.*から使用中です。記録できるのは一度に1人です"):
                led.add_events([receipt()])
            assert led.claim("C1") is not None  # reading is fine
        assert read_holder(path).operator == "鈴木"
    finally:
        holder.send_signal(signal.SIGKILL)  # a crashed holder: its OS lock dies with it
        holder.wait()
    with Ledger.open(path) as led:
        assert led.read_only_reason is None
        led.add_events([receipt()])
        assert read_holder(path).pid == os.getpid()
    assert read_holder(path) is None  # emptied on close


def test_one_process_may_open_its_ledger_many_times(path):
    with Ledger.open(path) as a, Ledger.open(path) as b:  # the window and its worker
        assert a.read_only_reason is None and b.read_only_reason is None
        b.add_events([receipt()])
    with Ledger.open(path) as c:
        assert c.read_only_reason is None


def test_a_write_that_meets_a_busy_ledger_waits_and_says_why(path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_PATIENCE", 30.0)
    busy = start(f"""
        import sqlite3, time
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
        print("ready", flush=True)
        time.sleep(2.5)
        conn.execute("COMMIT")
    """)
    heard = []
    with Ledger.open(path) as led:
        led.set_busy_listener(heard.append)
        started = time.monotonic()
        led.add_events([receipt(7)])
        waited = time.monotonic() - started
        assert led.events("C1")[-1].amount == 7
    busy.wait()
    assert waited > 1.0
    assert heard and "使用中です。書き込みを待っています" in heard[0]


def test_a_write_gives_up_in_japanese_when_the_ledger_stays_busy(path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_PATIENCE", 1.5)
    busy = start(f"""
        import sqlite3, time
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        print("ready", flush=True)
        time.sleep(30)
    """)
    try:
        with Ledger.open(path) as led:
            with pytest.raises(connection.LedgerBusy, match="使用中のため書き込めませんでした.*台帳は変更していません"):
                led.add_events([receipt()])
    finally:
        busy.kill()
        busy.wait()


def test_two_processes_writing_in_turn_keep_one_chain(path):
    script = f"""
        import sys
        from datetime import date
        from claimdesk.storage.ledger import Ledger
        from claimdesk.domain.claims import EventKind, new_event
        from tests.ledger_files import claim
        print("ready", flush=True)
        for i in range(40):
            while True:
                with Ledger.open({str(path)!r}) as led:
                    if led.read_only_reason is None:
                        led.add_events([new_event(claim(1 + i % 2), EventKind.RECEIPT, date(2025, 8, 1), 1 + i)])
                        break
    """
    a, b = start(script), start(script)
    assert a.wait(timeout=120) == 0 and b.wait(timeout=120) == 0
    with Ledger.open(path) as led:
        assert led.event_count() == 5 + 80
        assert led.check_all() == []


def test_mount_types_from_proc_mounts(tmp_path):
    mounts = ("/dev/sda1 / ext4 rw 0 0\n"
              "//fs01/kaikei /mnt/kaikei cifs rw 0 0\n"
              "fs02:/export /mnt/nfs nfs4 rw 0 0\n"
              "user@host:/srv /home/u/remote\\040share fuse.sshfs rw 0 0\n")
    assert mount_type(Path("/mnt/kaikei/dept/ledger.sqlite3"), mounts) == "cifs"
    assert mount_type(Path("/mnt/nfs/ledger.sqlite3"), mounts) == "nfs4"
    assert mount_type(Path("/home/u/remote share/l.sqlite3"), mounts) == "fuse.sshfs"
    assert mount_type(Path("/mnt/kaikei2/ledger.sqlite3"), mounts) == "ext4"  # not a prefix match
    assert not is_network_path(tmp_path / "ledger.sqlite3")


def test_a_ledger_on_a_share_uses_the_rollback_journal(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_ASSUME_NETWORK", "1")
    p = tmp_path / "ledger.sqlite3"
    with Ledger.open(p) as led:
        fill(led)
    assert not Path(str(p) + "-wal").exists()
    conn = sqlite3.connect(p)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_restore_is_refused_while_another_clerk_holds_the_ledger(path, tmp_path):
    from claimdesk.services.backups import RestoreFailed, make_backup, restore

    with Ledger.open(path) as led:
        copy = make_backup(led, tmp_path / "copy.sqlite3")
    holder = hold(path, "鈴木")
    try:
        before = path.read_bytes()
        with pytest.raises(RestoreFailed, match="使用中のため復元できません。鈴木"):
            restore(path, copy, "佐藤")
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
