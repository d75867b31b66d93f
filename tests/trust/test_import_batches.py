"""Imports that can't be doubled: each is a batch, the same content is refused, a batch
can be reversed as a whole, and constraint failures still name FILE:LINE."""

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from plain_sql import plain

from claimdesk.cli import main
from claimdesk.domain.claims import EventKind, new_event
from claimdesk.domain.dates import format_wareki_time
from claimdesk.services.department import set_department
from claimdesk.services.import_batches import batches, file_sha256, reverse_batch
from claimdesk.services.importer import ImportFailed, import_ledger
from claimdesk.services.summary_export import build_summary
from claimdesk.storage.ledger import Ledger

SAMPLES = Path(__file__).parents[1] / "data"
CLAIMS = SAMPLES / "ledger-ja-cp932-claims.csv"
EVENTS = SAMPLES / "ledger-ja-cp932-transactions.csv"


@pytest.fixture(autouse=True)
def _after_the_samples(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2027-09-30")  # the samples' money runs to 2027-09-07


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "l.sqlite3"
    with Ledger.open(path) as led:
        set_department(led, "K01", "住宅課")
    return path


def run(*args):
    return main([str(a) for a in args])


def _balances(path):
    with Ledger.open(path) as led:
        return plain(led).execute("SELECT count(*), sum(amount + adjusted - collected - written_off),"
                              " (SELECT count(*) FROM money_events) FROM claims").fetchone()


def test_an_import_is_recorded_as_a_batch(db):
    with Ledger.open(db) as led:
        result = import_ledger(led, CLAIMS, EVENTS)
        (batch,) = batches(led)
    assert batch.batch_id == result.batch_id == 1
    assert (batch.claims_file, batch.transactions_file) == (CLAIMS.name, EVENTS.name)
    assert batch.claims_sha256 == file_sha256(CLAIMS) and len(batch.claims_sha256) == 64
    assert batch.transactions_sha256 == file_sha256(EVENTS)
    assert (batch.claims, batch.events, batch.operator) == (result.claims, result.events, "テスト担当")
    assert batch.claims == 20 and not batch.reversed


def test_the_same_content_under_another_name_is_refused(db, tmp_path, capsys):
    assert run("import", "--db", db, "--claims", CLAIMS, "--transactions", EVENTS) == 0
    capsys.readouterr()
    before = _balances(db)
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(EVENTS.read_bytes())
    # New claims file (headers only), the old receipts under a new name: still refused.
    header_only = tmp_path / "claims.csv"
    header_only.write_bytes(CLAIMS.read_bytes().splitlines(keepends=True)[0])
    assert run("import", "--db", db, "--claims", header_only, "--transactions", copy) == 2
    err = capsys.readouterr().err
    with Ledger.open(db) as led:
        when = format_wareki_time(batches(led)[0].imported_at)
    assert err.count("\n") == 1
    assert f"{copy}: この内容は {when} に取り込み済みです（取込み番号 1、テスト担当、{CLAIMS.name}）" in err
    assert "--again --reason" in err
    assert _balances(db) == before


def test_again_needs_a_reason_and_is_recorded(db, tmp_path, capsys):
    with Ledger.open(db) as led:
        import_ledger(led, CLAIMS)
    assert run("import", "--db", db, "--claims", CLAIMS, "--again") == 2
    assert "--reason" in capsys.readouterr().err
    # Imported again on purpose: the rows are checked as ever (every claim is already there).
    assert run("import", "--db", db, "--claims", CLAIMS, "--again", "--reason", "前回の取消後") == 2
    assert "すでに台帳にあります" in capsys.readouterr().err


def test_a_batch_is_reversed_as_a_whole(db, capsys):
    with Ledger.open(db) as led:
        import_ledger(led, CLAIMS, EVENTS)
        events_before = led.event_count()
    assert run("import", "--db", db, "--reverse", 1) == 2
    assert "--reason" in capsys.readouterr().err
    assert run("import", "--db", db, "--reverse", 1, "--reason", "別の課のファイルでした") == 0
    out = capsys.readouterr().out
    assert "取込み番号 1 を取り消しました" in out
    with Ledger.open(db) as led:
        (batch,) = batches(led)
        assert batch.reversed and batch.reversal_reason == "別の課のファイルでした"
        # Nothing deleted: reversal entries, and every claim's balance back to zero.
        assert led.claim_count() == 20 and led.event_count() == 2 * events_before + 20
        owed = plain(led).execute("SELECT sum(amount + adjusted - collected - written_off),"
                              " sum(abs(collected)) FROM claims").fetchone()
        assert owed == (0, 0)
        # The claim types stay registered, with nothing left in any year.
        for fy, as_of in ((2025, date(2026, 5, 31)), (2026, date(2026, 9, 30))):
            rows = build_summary(led, fy, as_of)
            assert rows and {(r.assessed, r.collected, r.written_off, r.outstanding, r.delinquent_debtors)
                             for r in rows} == {(0, 0, 0, 0, 0)}
    assert run("import", "--db", db, "--reverse", 1, "--reason", "もう一度") == 2
    assert "取り消し済み" in capsys.readouterr().err
    assert run("import", "--db", db, "--history") == 0
    assert "取消" in capsys.readouterr().out


def test_a_batch_with_later_entries_is_not_reversed(db):
    with Ledger.open(db) as led:
        import_ledger(led, CLAIMS)
        claim = led.claims()[0]
        led.add_event(new_event(claim, EventKind.RECEIPT, date(2026, 11, 1), 100))
        with pytest.raises(Exception, match=f"債権 {claim.claim_id} には取込みの後に入力された収納"):
            reverse_batch(led, 1, "誤り")
        assert not batches(led)[0].reversed


def test_a_claim_id_taken_between_check_and_write_is_reported_at_its_line(db, monkeypatch):
    """Another clerk's entry lands after the check: FILE:LINE, not SQLite's text."""
    with Ledger.open(db) as led:
        monkeypatch.setattr(Ledger, "existing_claim_ids", lambda self, ids: set())
        import_ledger(led, CLAIMS)
        monkeypatch.undo()
        real = Ledger.existing_claim_ids
        calls = []

        def blind_first(self, ids):
            calls.append(1)
            return set() if len(calls) == 1 else real(self, ids)

        monkeypatch.setattr(Ledger, "existing_claim_ids", blind_first)
        with pytest.raises(ImportFailed) as failed:
            import_ledger(led, CLAIMS, again_reason="試験")
        first = str(failed.value.problems[0])
        assert first.startswith(f"{CLAIMS}:2: ") and "すでに台帳にあります" in first
        assert "UNIQUE" not in first and "constraint" not in first
        assert led.claim_count() == 20 and len(batches(led)) == 1


def test_batches_cannot_be_edited_from_outside(db):
    with Ledger.open(db) as led:
        import_ledger(led, CLAIMS)
    conn = sqlite3.connect(db)
    for sql in ("DELETE FROM import_batches", "UPDATE import_batches SET claims_sha256 = 'x'"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    conn.close()


def test_a_debtor_registered_between_check_and_write_is_reported_at_its_line(db, monkeypatch):
    with Ledger.open(db) as led:
        real = Ledger.add_debtors

        def another_clerk_first(self, debtors):
            debtors = list(debtors)
            real(self, debtors[:1])  # the same debtor id lands just before ours
            return real(self, debtors)

        monkeypatch.setattr(Ledger, "add_debtors", another_clerk_first)
        with pytest.raises(ImportFailed) as failed:
            import_ledger(led, CLAIMS)
        first = str(failed.value.problems[0])
        assert first.startswith(f"{CLAIMS}:2: 債務者番号: 債務者番号 ") and "取込みの間に" in first
        assert "UNIQUE" not in first
        assert led.claim_count() == 0 and led.debtor_count() == 0 and batches(led) == []


def test_the_reason_is_kept_only_for_a_real_repeat(db, tmp_path):
    header_only = tmp_path / "claims.csv"
    header_only.write_bytes(CLAIMS.read_bytes().splitlines(keepends=True)[0])
    with Ledger.open(db) as led:
        import_ledger(led, CLAIMS, again_reason="念のため")
        import_ledger(led, header_only, EVENTS)
        import_ledger(led, header_only, EVENTS, again_reason="収納の再送分")  # refused without it
        assert [b.again_reason for b in batches(led)] == ["収納の再送分", "", ""]


def test_a_claim_type_registered_between_check_and_write_is_reported_at_its_line(db, monkeypatch):
    with Ledger.open(db) as led:
        real = Ledger.add_claim_type

        def another_clerk_first(self, claim_type):
            real(self, claim_type)
            return real(self, claim_type)

        monkeypatch.setattr(Ledger, "add_claim_type", another_clerk_first)
        with pytest.raises(ImportFailed) as failed:
            import_ledger(led, CLAIMS)
        (problem,) = failed.value.problems
        assert str(problem).startswith(f"{CLAIMS}:2: 債権名: 債権名「") and "すでにあります" in str(problem)
        assert led.claim_types() == [] and batches(led) == []


def test_history_of_a_ledger_without_imports(db, capsys):
    assert run("import", "--db", db, "--history") == 0
    assert capsys.readouterr().out == "取込みの記録はありません\n"
    assert run("import", "--db", db) == 2
    assert "--claims" in capsys.readouterr().err
    assert run("import", "--db", db, "--reverse", 7, "--reason", "x") == 2
    assert "取込み番号 7 はありません" in capsys.readouterr().err


def test_a_reversed_batch_is_named_as_reversed_when_its_content_comes_again(db, capsys):
    from claimdesk.services.import_batches import AlreadyImported

    assert run("import", "--db", db, "--claims", CLAIMS, "--transactions", EVENTS) == 0
    with Ledger.open(db) as led:
        reverse_batch(led, 1, "誤った取込み")
        earlier = batches(led)[0]
        with pytest.raises(AlreadyImported) as e:
            import_ledger(led, CLAIMS, EVENTS)
    when, undone = format_wareki_time(earlier.imported_at), format_wareki_time(earlier.reversed_at)
    assert (e.value.code, e.value.params["batch_id"], e.value.params["undone"]) == ("already_imported_reversed", 1, undone)
    capsys.readouterr()
    assert run("import", "--db", db, "--claims", CLAIMS, "--transactions", EVENTS) == 2
    assert (f"{CLAIMS}: この内容は {when} に取り込み済みです（取込み番号 1、テスト担当、{CLAIMS.name}、{undone} に取消済み）"
            in capsys.readouterr().err)
