"""Figures on a day in SQL: the fast path (no event after the day) and its invalidation."""

from datetime import date

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event
from claimdesk.domain.register import RegisterQuery, claim_status
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


def test_an_event_written_by_another_connection_is_seen_at_once(tmp_path):
    path = tmp_path / "l.sqlite3"
    with Ledger.open(path) as window, Ledger.open(path) as worker:
        window.add_claim_type(RENT)
        window.save_debtor(Debtor("D1", "山田 太郎"))
        k = Claim("K", "D1", RENT.name, 2026, date(2026, 4, 1), 10_000, date(2026, 4, 30))
        window.add_claims([k])
        day = date(2026, 11, 30)
        page = window.register.page
        (row,) = page(RegisterQuery(), day, 0, 10)  # no event after the day: the running sums
        assert row.balance == 10_000
        worker.add_event(new_event(k, EventKind.RECEIPT, date(2026, 12, 5), 4_000))  # the other connection
        (row,) = page(RegisterQuery(), day, 0, 10)
        assert row.balance == 10_000
        (row,) = page(RegisterQuery(), date(2026, 12, 5), 0, 10)
        assert row.balance == 6_000
        window.add_event(new_event(k, EventKind.WRITE_OFF, date(2026, 12, 10), 6_000))  # this connection
        (row,) = page(RegisterQuery(), date(2026, 12, 9), 0, 10)
        assert (row.balance, row.status) == (6_000, claim_status(6_000, 0, k.due_date, date(2026, 12, 9)))
        (row,) = page(RegisterQuery(), date(2026, 12, 10), 0, 10)
        assert (row.balance, row.status) == (0, claim_status(0, 6_000, k.due_date, date(2026, 12, 10)))


def test_the_worklist_reads_take_the_days_figures_with_and_without_later_events(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        k = Claim("K", "D1", RENT.name, 2026, date(2026, 4, 1), 10_000, date(2026, 4, 30))
        led.add_claims([k])
        led.add_event(new_event(k, EventKind.RECEIPT, date(2026, 6, 1), 4_000))
        led.add_event(new_event(k, EventKind.WRITE_OFF, date(2026, 7, 1), 1_000))

        def figures(day):
            (c,) = led.worklist.candidates(day)
            return c.balance, c.written_off, led.worklist.class_table_parts(day, date(2030, 1, 1))

        # no event after the day: the running sums
        assert figures(date(2026, 7, 1)) == (5_000, 1_000, ({}, ["K"]))
        # later events left out, each query its own way
        assert figures(date(2026, 6, 30)) == (6_000, 0, ({}, ["K"]))
        assert figures(date(2026, 5, 31)) == (10_000, 0, ({}, ["K"]))
        assert led.worklist.class_table_parts(date(2026, 4, 15), date(2026, 4, 1)) == ({RENT.name: (1, 10_000)}, [])


def _ledger_with_events(path, dates):
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        k = Claim("K", "D1", RENT.name, 2026, date(2026, 4, 1), 100_000, date(2026, 4, 30))
        led.add_claims([k])
        for on in dates:
            led.add_event(new_event(k, EventKind.RECEIPT, on, 1_000))


def test_each_new_connection_knows_of_later_events_written_since_or_another_file_put_in_place(tmp_path):
    import shutil

    from claimdesk.storage.as_of import late_param

    path, day = tmp_path / "l.sqlite3", date(2026, 11, 30)
    _ledger_with_events(path, [date(2026, 5, 1)])

    def late(on):
        with Ledger.open(path) as led:  # a connection of its own, as the window's background work opens
            return late_param(led._db.conn, on)

    assert (late(day), late(date(2026, 4, 30))) == (0, 1)
    with Ledger.open(path) as other:  # another connection writes an event dated after the day
        k = other.claim("K")
        other.add_event(new_event(k, EventKind.RECEIPT, date(2026, 12, 5), 1_000))
    assert late(day) == 1
    assert late(date(2026, 12, 5)) == 0
    # another ledger copied in place (a restore): the same length of history, other days
    other = tmp_path / "other.sqlite3"
    _ledger_with_events(other, [date(2026, 5, 1), date(2026, 6, 1), date(2026, 7, 1)])
    shutil.copyfile(other, path)
    assert late(date(2026, 6, 30)) == 1
    assert late(day) == 0


def test_the_check_on_open_works_out_the_latest_event_date_for_the_first_worklist(tmp_path, monkeypatch):
    """A large ledger's check on open (its own thread) scans for the latest event date first:
    the first worklist of the process, built meanwhile, finds it known along the chain."""
    import sqlite3

    from claimdesk.storage import as_of, guard

    path = tmp_path / "l.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        k = Claim("K", "D1", RENT.name, 2026, date(2026, 4, 1), 10_000, date(2026, 4, 30))
        led.add_claims([k])
        led.add_event(new_event(k, EventKind.RECEIPT, date(2026, 5, 7), 4_000))
    monkeypatch.setattr(guard, "BACKGROUND_CHECK_BYTES", 0)  # every file counts as large
    monkeypatch.setattr(as_of, "_at_chain", {})  # as in a new process
    guard.forget_check(path)
    with Ledger.open(path) as led:
        assert led.open_check.done.wait(10) and led.open_check.problems == []
        conn = sqlite3.connect(path)
        file = conn.execute("PRAGMA database_list").fetchone()[2]
        conn.close()
        assert as_of._at_chain[file][2] == "2026-05-07"
        assert as_of.late_param(led._db.conn, date(2026, 5, 6)) == 1
        assert as_of.late_param(led._db.conn, date(2026, 5, 7)) == 0
