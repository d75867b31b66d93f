"""Backups and restore on real files: during writes, rotated, checked before they go back."""

import sqlite3
import threading
import time
from datetime import date, datetime

import pytest

from claimdesk.domain.backups import to_keep
from claimdesk.domain.claims import EventKind, new_event
from claimdesk.services.backups import (
    RestoreFailed,
    auto_backup,
    check_ledger,
    list_backups,
    make_backup,
    newest_good_backup,
    restore,
)
from claimdesk.storage.ledger import Ledger
from tests.ledger_files import claim, damage_a_page


@pytest.fixture
def path(ledger_file):
    return ledger_file


def receipts(p) -> int:
    conn = sqlite3.connect(p)
    try:
        return conn.execute("SELECT count(*) FROM money_events").fetchone()[0]
    finally:
        conn.close()


def test_backup_while_another_connection_writes_then_restore(path, tmp_path):
    stop, errors = threading.Event(), []

    def writer():  # the window's worker: receipts one by one, each in the WAL first
        try:
            with Ledger.open(path) as led:
                n = 0
                while not stop.is_set():
                    led.add_events([new_event(claim(1), EventKind.RECEIPT, date(2025, 8, 1), 1 + n % 7)])
                    n += 1
        except Exception as e:  # said after the join, where the test can fail on it
            errors.append(e)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while receipts(path) < 25 and thread.is_alive():  # writing has begun
            time.sleep(0.01)
        with Ledger.open(path) as led:
            copies = []
            for i in range(5):
                copies.append(make_backup(led, tmp_path / f"b{i}.sqlite3"))
                time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    with Ledger.open(path) as led:  # one more after the last backup, whatever the threads' pace
        led.add_events([new_event(claim(2), EventKind.RECEIPT, date(2025, 8, 2), 9)])
    counts = [receipts(c) for c in copies]
    assert counts == sorted(counts) and counts[-1] > 5  # each a snapshot taken while writing
    for c in copies:
        with Ledger.open(c) as led:
            assert led.check_all() == []  # consistent: sums match events, chain whole
    assert receipts(path) > counts[2]
    kept = restore(path, copies[2], "佐藤", now=datetime(2026, 12, 3, 9, 30))
    assert kept.name == "ledger.before-restore-20261203-093000.sqlite3"
    assert receipts(path) == counts[2]
    assert receipts(kept) > counts[2]
    with Ledger.open(path) as led:
        assert check_ledger(led) == []


def test_a_damaged_backup_is_refused_and_nothing_changes(path, tmp_path):
    with Ledger.open(path) as led:
        bad = make_backup(led, tmp_path / "bad.sqlite3")
    damage_a_page(bad)
    before = path.read_bytes()
    with pytest.raises(RestoreFailed) as refused:
        restore(path, bad, "佐藤")
    assert refused.value.problems and "損傷" in refused.value.problems[0].text()
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_a_backup_with_an_edited_row_is_refused(path, tmp_path):
    with Ledger.open(path) as led:
        bad = make_backup(led, tmp_path / "bad.sqlite3")
    conn = sqlite3.connect(bad)
    conn.execute("DROP TRIGGER money_events_no_update")
    conn.execute("UPDATE money_events SET amount = 1 WHERE id = 1")
    conn.commit()
    conn.close()
    with pytest.raises(RestoreFailed) as refused:
        restore(path, bad, "佐藤")
    texts = [p.text() for p in refused.value.problems]
    assert "記録が書き換えられています: 取引（money_events） 1" in texts
    assert "履歴を守るトリガーがありません: money_events_no_update（money_events）" in texts


def test_rotation_keeps_seven_days_four_weeks_twelve_months():
    stamps = [datetime(2026, m, d, 17, 0) for m in range(1, 13) for d in (1, 8, 15, 22)]
    stamps += [datetime(2026, 12, d, 17, 0) for d in range(23, 32)]  # every day of the last week and more
    stamps.append(datetime(2026, 12, 31, 8, 0))  # the morning's, older than the evening's
    keep = to_keep(stamps)
    days = {t.date() for t in keep}
    assert {date(2026, 12, d) for d in range(25, 32)} <= days       # 7 daily
    assert datetime(2026, 12, 31, 8, 0) not in keep                  # the newest of its day only
    # Weeks 53 and 52 are covered by the days; weeks 51 and 50 by their newest backup.
    assert datetime(2026, 12, 15, 17, 0) in keep and datetime(2026, 12, 8, 17, 0) in keep
    assert datetime(2026, 12, 24, 17, 0) not in keep and datetime(2026, 12, 1, 17, 0) not in keep
    assert datetime(2026, 1, 22, 17, 0) in keep                      # the 12th month back
    assert datetime(2026, 1, 15, 17, 0) not in keep
    assert len(keep) == 7 + 2 + 11


def test_auto_backups_once_a_day_on_open_and_on_every_close_rotated(path):
    with Ledger.open(path) as led:
        first = auto_backup(led, "open", now=datetime(2026, 12, 1, 9, 0))
        assert first is not None and first.parent.name == "backups"
        assert auto_backup(led, "open", now=datetime(2026, 12, 1, 13, 0)) is None  # not twice a day
        assert auto_backup(led, "close", now=datetime(2026, 12, 1, 17, 0)) is not None
        led.set_setting("backup_keep_daily", "1")
        led.set_setting("backup_keep_weekly", "1")
        led.set_setting("backup_keep_monthly", "1")
        auto_backup(led, "open", now=datetime(2026, 12, 2, 9, 0))
        listed = list_backups(led)
    assert [e.taken_at for e in listed] == [datetime(2026, 12, 2, 9, 0)]
    assert listed[0].size > 0 and listed[0].newest_entry.startswith(str(date.today().year)[:2])


def test_no_auto_backup_of_a_damaged_ledger_and_the_newest_good_one_is_offered(path):
    with Ledger.open(path) as led:
        auto_backup(led, "open", now=datetime(2026, 12, 1, 9, 0))
        good = auto_backup(led, "close", now=datetime(2026, 12, 1, 17, 0))
    newest = sorted((path.parent / "backups").glob("*.sqlite3"))[-1]
    assert newest == good
    with Ledger.open(path) as led:
        damage_copy = make_backup(led, path.parent / "backups" / "ledger.manual-20261202-120000.sqlite3")
    damage_a_page(damage_copy)
    damage_a_page(path)
    with Ledger.open(path) as led:
        assert led.read_only_reason
        assert auto_backup(led, "close", now=datetime(2026, 12, 3, 17, 0)) is None
        offered = newest_good_backup(led)
    assert offered.path == good  # the damaged manual copy of the 2nd is passed over
    restore(path, offered.path, "佐藤")
    with Ledger.open(path) as led:
        assert led.read_only_reason is None and check_ledger(led) == []


def test_check_finds_history_cut_off_at_the_end_through_the_newest_backup(path):
    with Ledger.open(path) as led:
        make_backup(led, kind="manual", now=datetime(2026, 12, 1, 9, 0))
    conn = sqlite3.connect(path)
    for name in ("money_events_no_delete", "chain_no_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DELETE FROM money_events WHERE id = 5")
    conn.execute("DELETE FROM chain WHERE seq = (SELECT max(seq) FROM chain)")
    conn.execute("UPDATE claims SET collected = collected - 104 WHERE claim_id = 'C1'")
    for name in ("money_events_no_delete", "chain_no_delete"):  # put back as they were
        sql = sqlite3.connect(path.parent / "backups" / "ledger.manual-20261201-090000.sqlite3").execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]
        conn.execute(sql)
    conn.commit()
    conn.close()
    with Ledger.open(path) as led:
        assert led.check_all() == []  # nothing inside the ledger shows it …
        problems = check_ledger(led)
    assert [p.kind.value for p in problems] == ["chain_broken"]  # … the backup does
    assert "ledger.manual-20261201-090000.sqlite3" in problems[0].text()


def test_a_ledger_sqlite_cannot_read_at_all_is_kept_byte_for_byte_and_replaced(path, tmp_path):
    with Ledger.open(path) as led:
        good = make_backup(led, tmp_path / "good.sqlite3")
    ruined = b"\x00" * 100 + path.read_bytes()[100:]  # the header gone: not a database any more
    path.write_bytes(ruined)
    kept = restore(path, good, "佐藤")
    assert kept.read_bytes() == ruined
    with Ledger.open(path) as led:
        assert led.read_only_reason is None and check_ledger(led) == [] and led.event_count() == 5


def test_checking_a_backup_folder_makes_nothing_and_names_what_is_wrong(tmp_path):
    from claimdesk.domain.errors import Refusal
    from claimdesk.services.backups import check_backup_folder, set_backup_folder

    with Ledger.open(tmp_path / "l.sqlite3") as ledger:
        wanted = tmp_path / "server" / "zeimu"
        assert check_backup_folder(ledger, str(wanted)) == wanted
        assert not (tmp_path / "server").exists()  # a setting the clerk may still cancel leaves nothing
        assert list(tmp_path.glob(".claimdesk-write-test*")) == []
        (tmp_path / "blocked").write_text("a file, not a folder")
        with pytest.raises(Refusal) as e:
            set_backup_folder(ledger, str(tmp_path / "blocked" / "sub"))
        assert (e.value.code, e.value.params["error"]) == ("backup_folder_unwritable", "Not a directory")
        assert str(e.value) == f"バックアップフォルダ: 書き込めません（Not a directory）: {tmp_path / 'blocked' / 'sub'}"
        assert ledger.setting("backup_folder") == ""


def test_two_backups_to_one_name_at_once_both_complete_and_the_file_is_whole(path, tmp_path):
    """The window's backup on open was still copying when the clerk closed it, in the same
    second: both copies wrote one `.part`, the second deleted the first's, and one failed
    (SQLite's "disk I/O error") with a backup named as made. Each copy now has its own."""
    from claimdesk.storage.backup import copy_database

    target = tmp_path / "out" / "l.auto-20261204-101500.sqlite3"
    second = sqlite3.connect(str(path))

    class Slow:
        """The first copy, a page at a time; the second starts after its first page."""

        def __init__(self, conn):
            self.conn, self.started = conn, False

        def backup(self, dest):
            self.conn.backup(dest, pages=1, progress=self._page)

        def _page(self, status, remaining, total):
            if not self.started:
                self.started = True
                assert copy_database(second, target) == target

    first = sqlite3.connect(str(path))
    try:
        assert copy_database(Slow(first), target) == target  # type: ignore[arg-type]
    finally:
        first.close()
        second.close()
    with sqlite3.connect(str(target)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM claims").fetchone()[0] > 0
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no .part left


def test_a_backup_gets_the_permissions_of_any_new_file(path, tmp_path):
    """Not the owner-only mode of a temporary file: the backup folder may be shared."""
    import os
    import stat

    from claimdesk.storage.backup import copy_database

    umask = os.umask(0o022)
    os.umask(umask)
    source = sqlite3.connect(str(path))
    try:
        made = copy_database(source, tmp_path / "b.sqlite3")
    finally:
        source.close()
    assert stat.S_IMODE(made.stat().st_mode) == 0o666 & ~umask
