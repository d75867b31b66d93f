"""The migration registry: one module each, run in the registered order, names kept."""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from plain_sql import plain

from claimdesk.domain.register import RegisterQuery
from claimdesk.storage import migrations
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.migrate import build_old_ledger

DATA = Path(__file__).resolve().parents[1] / "data"
RELEASED = ["m001_ledger", "m002_register_columns", "m004_targets", "m003_casework"]


def test_the_registry_runs_the_released_migrations_in_their_order():
    assert migrations.known_migrations()[:len(RELEASED)] == RELEASED
    names = [name for name, _ in migrations.steps()]
    assert len(set(names)) == len(names)
    for name, fn in migrations.steps():
        assert fn.__name__ == name and fn.__module__ == f"claimdesk.storage.migrations.{name}"


def test_every_migration_module_is_registered():
    folder = Path(migrations.__file__).parent
    modules = {p.stem for p in folder.glob("m[0-9][0-9][0-9]_*.py")}
    assert modules == set(migrations.known_migrations())


def test_a_new_ledger_records_them_in_that_order(tmp_path):
    Ledger.open(tmp_path / "l.sqlite3").close()
    recorded = [r[0] for r in plain(tmp_path / "l.sqlite3").execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'claimdesk' ORDER BY rowid")]
    assert recorded == migrations.known_migrations()


def test_a_ledger_written_before_the_registry_opens_unchanged(tmp_path):
    """tests/data/ledger-m004-before-split.sqlite3 was made by the code before issue 9."""
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(DATA / "ledger-m004-before-split.sqlite3", path)
    with Ledger.open(path) as led:
        # Only what came after the registry was pending (m006_integrity and later).
        assert led.backup_path is not None
        kept = sqlite3.connect(led.backup_path)
        before = [r[0] for r in kept.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
        kept.close()
        assert before == RELEASED
        (row,) = led.register.page(RegisterQuery(text="やまだ"), date(2026, 11, 30), 0, 10)
        assert (row.claim_id, row.balance) == ("A-1", 6000)
        assert [e.amount for e in led.events("A-1")] == [4000]
        assert led.check_all() == []  # its receipt chained by m006, the chain verified through m013
    schema = plain(path).execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    Ledger.open(tmp_path / "new.sqlite3").close()
    fresh = plain(tmp_path / "new.sqlite3").execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    assert fresh == schema  # the same tables, triggers and indexes, statement for statement


def test_a_partly_migrated_ledger_gets_the_rest_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    build_old_ledger(path, stop_before="m004_targets")
    with Ledger.open(path) as led:
        assert led.backup_path is not None
        assert led.targets.in_force(2026) == [] and led.casework.debtors_with_entries() == set()
    backup = sqlite3.connect(led.backup_path)
    assert [r[0] for r in backup.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")] == RELEASED[:2]
    backup.close()


def test_m009_lets_an_older_ledgers_log_take_sms(tmp_path):
    """The channel list widened in place: an m007 ledger upgraded takes an SMS entry, and its schema
    is the same as a new ledger's."""
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(DATA / "ledger-m004-before-split.sqlite3", path)
    Ledger.open(path).close()
    conn = plain(path)
    assert "'email', 'internal', 'sms'" in conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'contact_entries'").fetchone()[0]
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_m015_lets_an_older_ledger_take_a_plain_guarantor_and_an_heirs_share(tmp_path):
    """The role list widened in place: an old ledger upgraded takes a 保証人 and a share, keeps its
    heirs' history append-only, and refuses a role that is none of the three."""
    from claimdesk.domain.claims import Guarantor
    from claimdesk.domain.liable import Share

    path = tmp_path / "old.sqlite3"
    shutil.copyfile(DATA / "ledger-m004-before-split.sqlite3", path)
    with Ledger.open(path) as led:
        surety = led.casework.add_liable_party(Guarantor("A-1", "鈴木 三郎"), "surety")
        heir = led.casework.add_liable_party(Guarantor("A-1", "山田 花子"), "heir")
        led.parties.add_share(heir, Share(1, 2))
        led.parties.add_share(heir, Share(1, 3))
        assert led.parties.shares([heir, surety]) == {heir: Share(1, 3)}  # the newest in force
        assert led.parties.roles("A-1") == {surety: "surety", heir: "heir"}
    conn = plain(path)
    assert conn.execute("SELECT count(*) FROM chain WHERE tbl = 'heir_shares'").fetchone() == (2,)  # chained
    assert "CHECK (role IN ('guarantor', 'heir', 'surety'))" in conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'guarantors'").fetchone()[0]
    for sql, why in (("UPDATE heir_shares SET numerator = 2", "追記のみ"), ("DELETE FROM heir_shares", "追記のみ"),
                     ("UPDATE guarantors SET role = 'friend'", "CHECK constraint")):
        try:
            conn.execute(sql)
        except sqlite3.IntegrityError as e:
            assert why in str(e), e
            continue
        raise AssertionError(f"not refused: {sql}")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
