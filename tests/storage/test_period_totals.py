"""The 個票's closed years kept in the ledger (storage/period_totals.py, m018) on real SQLite files.

A stored period must be the one pass's totals to the yen; a later event or claim that
could count in it makes it be summed again, and nothing else does; a ledger that cannot
be written gets its totals summed, with nothing stored and no error.
"""

import sqlite3
import threading
from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.sheets import periods
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.storage import period_totals
from claimdesk.storage.ledger import Ledger, LedgerError
from claimdesk.storage.summary_years import summed_by_type_id
from tests.ledger_files import behind_the_back
from tests.storage.test_sharing import hold

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
NURSERY = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
TODAY = date(2026, 12, 3)
FIVE = [(p.fiscal_year, p.as_of) for p in periods(2026, TODAY)]  # 2022-2025 as of 5/31 after each, 2026


def claim(led, claim_id, kind, fy, assessed_on, amount, debtor="D1"):
    add_claim(led, Claim(claim_id, debtor, kind.name, fy, assessed_on, amount, assessed_on))


def event(led, claim_id, kind, on, amount, **kw):
    extra = {"note": "時効", "legal_basis": "地方自治法236条"} if kind is EventKind.WRITE_OFF else {}
    return record_event(led, claim_id, kind, on, amount, today=TODAY, accept_overpayment=True, **extra, **kw)


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "ledger.sqlite3"
    with Ledger.open(p, operator="佐藤") as led:
        set_department(led, "JUTAKU", "住宅課")
        add_claim_type(led, RENT)
        add_claim_type(led, NURSERY)
        for debtor in ("D1", "D2"):
            add_debtor(led, Debtor(debtor, f"債務者 {debtor}"))
        claim(led, "W", NURSERY, 2022, date(2022, 7, 1), 20000, "D2")
        event(led, "W", EventKind.RECEIPT, date(2023, 5, 31), 4000)  # FY2022's closing period
        claim(led, "Y", RENT, 2023, date(2023, 5, 10), 30000)
        event(led, "Y", EventKind.RECEIPT, date(2024, 6, 3), 10000)
        claim(led, "L", NURSERY, 2023, date(2024, 2, 29), 8000, "D2")  # a leap day
        event(led, "L", EventKind.RECEIPT, date(2024, 2, 29), 3000)
        claim(led, "X", RENT, 2024, date(2024, 6, 1), 10000)
        for on, amount in ((date(2025, 3, 31), 1000), (date(2025, 4, 1), 2000), (date(2025, 5, 31), 3000),
                           (date(2025, 6, 1), 1500)):
            event(led, "X", EventKind.RECEIPT, on, amount)
        claim(led, "F", RENT, 2026, date(2026, 11, 1), 7000)
    return p


@pytest.fixture
def passes(monkeypatch):
    """The periods each 個票 summed (the rest came from the store)."""
    seen: list[list[tuple[int, date]]] = []
    real = period_totals._summed

    def spy(conn, chosen, *known):
        seen.append(list(chosen))
        return real(conn, chosen, *known)

    monkeypatch.setattr(period_totals, "_summed", spy)
    return seen


def fresh(p, chosen):
    """The one pass on its own, named: what every period must be."""
    conn = sqlite3.connect(p)
    names = dict(conn.execute("SELECT id, name FROM claim_types"))
    years = summed_by_type_id(conn, chosen)
    conn.close()
    return [{(names[t], c): v for (t, c), v in year.items()} for year in years]


def stored(p):
    conn = sqlite3.connect(p)
    rows = conn.execute("SELECT fiscal_year, as_of FROM stored_periods ORDER BY fiscal_year").fetchall()
    conn.close()
    return [(fy, date.fromisoformat(d)) for fy, d in rows]


def test_closed_years_are_stored_once_and_read_back_to_the_yen(path, passes):
    with Ledger.open(path) as led:
        first = led.summary_totals(FIVE, TODAY)
        assert stored(path) == FIVE[:4]  # the four closed years, not FY2026 itself
        again = led.summary_totals(FIVE, TODAY)
    assert first == again == fresh(path, FIVE)
    assert passes == [FIVE, FIVE[4:]]  # the second time only FY2026 was summed


def test_without_today_the_store_is_read_but_not_written(path, passes):
    with Ledger.open(path) as led:
        assert led.summary_totals(FIVE) == fresh(path, FIVE)
        assert stored(path) == []
        led.summary_totals(FIVE, TODAY)
        assert led.summary_totals(FIVE) == fresh(path, FIVE)
    assert passes[-1] == FIVE[4:]


def summed_after(path, passes, change):
    """Store the four closed years, make `change`, take the 個票's years again: which were summed."""
    with Ledger.open(path, operator="佐藤") as led:
        led.summary_totals(FIVE, TODAY)
        change(led)
        passes.clear()
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
    assert stored(path) == FIVE[:4]  # summed again and stored again
    return [fy for fy, _ in passes[0]]


def test_a_current_year_receipt_leaves_the_closed_years_stored(path, passes):
    assert summed_after(path, passes, lambda led: event(led, "F", EventKind.RECEIPT, date(2026, 11, 20), 500)) \
        == [2026]


def test_a_receipt_in_a_closing_period_booked_to_an_earlier_year(path, passes):
    # dated 2026-05-20 (FY2025's closing period) but booked to FY2024: counts as FY2025's
    # carried balance, not in FY2024 (closed on 2025-05-31)
    assert summed_after(path, passes, lambda led: event(
        led, "X", EventKind.RECEIPT, date(2026, 5, 20), 100, accounting_year=2024)) == [2025, 2026]


def test_a_receipt_booked_to_an_earlier_year_after_its_closing_period_changes_no_closed_year(path, passes):
    assert summed_after(path, passes, lambda led: event(
        led, "X", EventKind.RECEIPT, date(2026, 7, 15), 100, accounting_year=2024)) == [2026]


def test_a_write_off_dated_in_an_old_year(path, passes):
    # 2025-03-31 is FY2024's: in FY2024's figures and FY2025's carried ones, not before
    assert summed_after(path, passes, lambda led: event(
        led, "W", EventKind.WRITE_OFF, date(2025, 3, 31), 16000)) == [2024, 2025, 2026]


def test_an_event_on_the_closing_day_and_the_day_after(path, passes):
    assert summed_after(path, passes, lambda led: event(
        led, "Y", EventKind.RECEIPT, date(2024, 5, 31), 10, accounting_year=2023)) == [2023, 2024, 2025, 2026]
    assert summed_after(path, passes, lambda led: event(
        led, "Y", EventKind.RECEIPT, date(2024, 6, 1), 10, accounting_year=2023)) == [2024, 2025, 2026]


@pytest.mark.parametrize("on,summed", [
    (date(2025, 3, 31), [2024, 2025, 2026]),  # FY2024's last day: FY2024's receipt
    (date(2025, 4, 1), [2024, 2025, 2026]),   # FY2024's closing period: still FY2024's
    (date(2026, 3, 31), [2025, 2026]),        # FY2025's own
    (date(2026, 4, 1), [2025, 2026]),         # FY2025's closing period, booked to FY2025
    (date(2026, 6, 1), [2026]),               # after it: FY2026's
])
def test_a_late_receipt_on_a_claim_of_fy2024_around_the_closing_periods(path, passes, on, summed):
    assert summed_after(path, passes, lambda led: event(led, "X", EventKind.RECEIPT, on, 100)) == summed


def test_a_later_claim_of_an_old_fiscal_year(path, passes):
    assert summed_after(path, passes, lambda led: claim(led, "Z", RENT, 2023, date(2023, 9, 1), 5000)) \
        == [2023, 2024, 2025, 2026]


def test_a_claim_added_by_another_tool_is_seen_by_its_serial(path, passes):
    with Ledger.open(path) as led:
        led.summary_totals(FIVE, TODAY)
    behind_the_back(path, "INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year, assessed_on, amount,"
                          " due_date, entered_by, entered_at) SELECT 'T', 'D1', id, 2024, '2024-08-01', 900,"
                          f" '2024-08-31', 'x', 'x' FROM claim_types WHERE name = '{RENT.name}'")
    passes.clear()
    with Ledger.open(path) as led:
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
    assert [fy for fy, _ in passes[0]] == [2024, 2025, 2026]


def test_another_rules_version_is_summed_again_and_replaced(path, passes, monkeypatch):
    with Ledger.open(path) as led:
        led.summary_totals(FIVE, TODAY)
        monkeypatch.setattr(period_totals, "RULES", period_totals.RULES + 1)
        passes.clear()
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
        assert passes == [FIVE]
        passes.clear()
        led.summary_totals(FIVE, TODAY)
        assert passes == [FIVE[4:]]
    conn = sqlite3.connect(path)
    assert {r for (r,) in conn.execute("SELECT rules FROM stored_periods")} == {period_totals.RULES}
    conn.close()


@pytest.mark.parametrize("today,kept", [
    (date(2026, 5, 31), [2022, 2023, 2024]),  # FY2025's last day: not yet past
    (date(2026, 6, 1), [2022, 2023, 2024, 2025]),
])
def test_a_year_is_stored_only_after_its_closing_period(path, today, kept):
    chosen = [(fy, d) for fy, d in FIVE[:4]]
    with Ledger.open(path) as led:
        led.summary_totals(chosen, today)
    assert [fy for fy, _ in stored(path)] == kept


def test_a_year_taken_inside_its_closing_period_is_not_stored(path):
    chosen = [(p.fiscal_year, p.as_of) for p in periods(2026, date(2026, 4, 15))]  # FY2025 as of 4/15
    with Ledger.open(path) as led:
        assert led.summary_totals(chosen, date(2026, 12, 3)) == fresh(path, chosen)
    assert [fy for fy, _ in stored(path)] == [2022, 2023, 2024]


def test_a_leap_day_sheet(path, passes):
    chosen = [(p.fiscal_year, p.as_of) for p in periods(2023, date(2024, 2, 29))]
    with Ledger.open(path) as led:
        first = led.summary_totals(chosen, date(2024, 2, 29))
        assert led.summary_totals(chosen, date(2024, 2, 29)) == first == fresh(path, chosen)
    assert stored(path) == chosen[:4] and passes[-1] == chosen[4:]


def test_a_ledger_held_by_another_process_sums_and_writes_nothing(path, passes):
    holder = hold(path, "鈴木")
    try:
        with Ledger.open(path) as led:
            assert led.read_only_reason
            assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
    finally:
        holder.kill()
        holder.wait()
    assert stored(path) == []


def test_a_busy_ledger_or_a_failing_write_costs_the_store_only(path, passes, monkeypatch):
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")  # another writer keeps the ledger
    try:
        with Ledger.open(path) as led:
            assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
    finally:
        other.rollback()
        other.close()
    assert stored(path) == []

    def full(*_):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(period_totals, "_write", full)
    with Ledger.open(path) as led:
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
        assert led.read_only_reason is None
        event(led, "F", EventKind.RECEIPT, date(2026, 11, 20), 500)  # the ledger still writes
    assert stored(path) == []


def test_a_file_sqlite_will_not_write_costs_the_store_only(path, passes):
    with Ledger.open(path) as led:
        led._db.execute("PRAGMA query_only = 1")  # as a read-only file or disk answers a write
        assert led.read_only_reason is None
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
    assert stored(path) == []


def test_deleting_the_stored_rows_changes_nothing_but_the_work(path, passes):
    with Ledger.open(path) as led:
        first = led.summary_totals(FIVE, TODAY)
    behind_the_back(path, "DELETE FROM period_totals", "DELETE FROM stored_periods")
    with Ledger.open(path) as led:
        assert led.summary_totals(FIVE, TODAY) == first
    assert passes == [FIVE, FIVE]


def test_rows_another_tool_left_behind_do_not_stop_the_store(path, passes):
    with Ledger.open(path) as led:
        led.summary_totals(FIVE, TODAY)
    behind_the_back(path, "DELETE FROM stored_periods")  # foreign keys off: period_totals' rows stay
    with Ledger.open(path) as led:
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
        assert stored(path) == FIVE[:4]
        led.summary_totals(FIVE, TODAY)
    assert passes == [FIVE, FIVE, FIVE[4:]]


def marks(p):
    conn = sqlite3.connect(p)
    rows = conn.execute("SELECT last_event, last_claim FROM stored_periods ORDER BY fiscal_year").fetchall()
    conn.close()
    return rows


def test_a_period_found_still_valid_takes_the_newer_watermark(path, passes):
    with Ledger.open(path, operator="佐藤") as led:
        led.summary_totals(FIVE, TODAY)
        before = marks(path)
        receipt = event(led, "F", EventKind.RECEIPT, date(2026, 11, 20), 500)
        led.summary_totals(FIVE)  # without today: nothing written
        assert marks(path) == before
        led.summary_totals(FIVE, TODAY)
        assert marks(path) == [(receipt.event_id, before[0][1])] * 4
        passes.clear()
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
    assert passes == [FIVE[4:]]


def test_a_watermark_moves_only_from_the_one_found_valid(path):
    with Ledger.open(path) as led:
        led.summary_totals(FIVE, TODAY)
        (was, serial), *_ = marks(path)
        db = led._db  # the storage layer's own connection
        period_totals.store(db, [], (was + 5, serial), [(FIVE[0], (was - 1, serial)), (FIVE[1], (was, serial))])
    assert marks(path) == [(was, serial), (was + 5, serial), (was, serial), (was, serial)]


def carried_years(p):
    conn = sqlite3.connect(p)
    rows = [fy for (fy,) in conn.execute("SELECT fiscal_year FROM carried_years ORDER BY fiscal_year")]
    conn.close()
    return rows


def missing(db, periods, today) -> bool:
    """Whether a 個票 of these periods would sum what the ledger could keep (period_totals._to_keep)."""
    with period_totals._snapshot(db.conn):
        closed, balances = period_totals._to_keep(db.conn, periods, today)
    return bool(closed) or balances


def test_prepare_keeps_the_closed_years_and_the_balances_brought_in_then_has_nothing_to_do(path, passes):
    """What the window does in the background after opening: the 個票's first time then sums
    only FY2026 from its own money; a second prepare sums nothing; a late booking to a closed
    year makes work again."""
    from claimdesk.services.sheets import prepare_sheets

    with Ledger.open(path, operator="佐藤") as led:
        assert missing(led._db, FIVE, TODAY)
        assert prepare_sheets(led, TODAY) is True
        assert stored(path) == FIVE[:4] and carried_years(path) == [2026]
        assert not missing(led._db, FIVE, TODAY)
        passes.clear()
        assert prepare_sheets(led, TODAY) is False and passes == []
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
        assert passes == [FIVE[4:]]  # FY2026 alone (from the balances kept: carried.py)
        event(led, "Y", EventKind.RECEIPT, date(2026, 7, 1), 500, accounting_year=2025)
        assert missing(led._db, FIVE, TODAY)
        assert prepare_sheets(led, TODAY) is True
        assert not missing(led._db, FIVE, TODAY)
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)


def test_prepare_on_a_ledger_held_by_another_process_sums_nothing(path):
    from claimdesk.services.sheets import prepare_sheets

    holder = hold(path, "鈴木")
    try:
        with Ledger.open(path) as led:
            assert led.read_only_reason
            assert prepare_sheets(led, TODAY) is False
    finally:
        holder.kill()
        holder.wait()
    assert stored(path) == [] and carried_years(path) == []


# The 個票 sums its years beside the class table: in a thread, on a connection of its own.

@pytest.fixture
def summing(monkeypatch):
    """(thread name, whether on the caller's connection) of each one pass."""
    seen: list[tuple[str, bool]] = []
    real = period_totals._summed

    def spy(conn, chosen, *known):
        seen.append((threading.current_thread().name, conn is seen_conn[0]))
        return real(conn, chosen, *known)

    seen_conn: list = [None]
    monkeypatch.setattr(period_totals, "_summed", spy)
    return seen, seen_conn


def test_started_beside_other_work_the_years_are_summed_in_a_thread_and_kept_by_the_caller(path, summing):
    seen, caller = summing
    with Ledger.open(path) as led:
        caller[0] = led._db.conn
        pending = led.summary_totals_started(FIVE, TODAY)
        assert stored(path) == []  # kept only once the caller takes the result
        got = pending.result()
        pending.abandon()  # done: nothing to stop
        assert stored(path) == FIVE[:4]
    assert got == fresh(path, FIVE)
    assert seen == [("claimdesk-summary-totals", False)]
    assert not any(t.name == "claimdesk-summary-totals" for t in threading.enumerate())


def test_in_memory_or_inside_a_transaction_the_years_are_summed_at_once_on_the_callers_connection(path, summing):
    seen, caller = summing
    led = Ledger.memory(operator="佐藤")
    set_department(led, "JUTAKU", "住宅課")
    add_claim_type(led, RENT)
    add_debtor(led, Debtor("D1", "債務者 D1"))
    claim(led, "X", RENT, 2024, date(2024, 6, 1), 10000)
    caller[0] = led._db.conn
    assert led.summary_totals_started(FIVE, TODAY).result() == led.summary_totals(FIVE)
    led.close()
    with Ledger.open(path) as led:
        caller[0] = led._db.conn
        seen.clear()
        with led._db.atomic():  # rows of this transaction: only its own connection sees them
            claim(led, "N", RENT, 2026, date(2026, 11, 2), 3000)
            pending = led.summary_totals_started(FIVE, TODAY)
        assert seen == [(threading.current_thread().name, True)]
        got = pending.result()
    assert got == fresh(path, FIVE)


def test_a_failure_of_the_sums_in_their_thread_reaches_the_caller_in_japanese(path, monkeypatch):
    def failing(conn, chosen, *known):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(period_totals, "_summed", failing)
    with Ledger.open(path) as led:
        pending = led.summary_totals_started(FIVE, TODAY)
        with pytest.raises(LedgerError) as caught:
            pending.result()
        assert str(caught.value).startswith("台帳ファイルが壊れているか読み込めません")
    assert stored(path) == []


def test_abandoned_sums_are_stopped_and_waited_for(path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = period_totals._summed

    def slow(conn, chosen, *known):
        started.set()
        release.wait(5)
        # a long statement, as the large ledger's pass: interrupted, it stops with an error
        conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
                     " WHERE i < 0").fetchone()
        return real(conn, chosen, *known)

    monkeypatch.setattr(period_totals, "_summed", slow)
    with Ledger.open(path) as led:
        pending = led.summary_totals_started(FIVE, TODAY)
        assert started.wait(5)
        release.set()
        pending.abandon()  # interrupts the endless statement, then waits for the thread
        assert not any(t.name == "claimdesk-summary-totals" for t in threading.enumerate())
        with pytest.raises(LedgerError):
            pending.result()
    assert stored(path) == []
