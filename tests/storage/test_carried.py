"""The balances brought into a fiscal year, kept in the ledger (storage/carried.py, m019) on real SQLite files.

A period summed from its year's claims and the stored balances must be the one pass's
totals to the yen (summary_years.summed_by_type_id, the reference); stored balances are
used only while nothing added since changes them and only for a day on or after every
event and claim they saw; a ledger that cannot be written gets the one pass.
"""

import random
import sqlite3
from datetime import date, timedelta

import pytest

from claimdesk.domain.claims import Claim, Debtor, EventKind, new_event
from claimdesk.domain.dates import closing_period_end, default_accounting_year, fiscal_year_start
from claimdesk.storage import carried, period_totals
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.summary_years import summed_by_type_id
from tests.ledger_files import behind_the_back
from tests.storage.test_period_totals import FIVE, NURSERY, RENT, TODAY, claim, event, fresh
from tests.storage.test_period_totals import path as base_path
from tests.storage.test_sharing import hold

__all__ = ["base_path"]

FY = 2026


@pytest.fixture
def path(base_path):
    """The storage tests' ledger, with what the balances brought into FY2026 must get right."""
    with Ledger.open(base_path, operator="佐藤") as led:
        claim(led, "O", RENT, 2025, date(2025, 6, 2), 10000)  # overpaid: −2,000 brought in
        event(led, "O", EventKind.RECEIPT, date(2025, 7, 1), 12000)
        claim(led, "P", NURSERY, 2025, date(2025, 6, 2), 9000, "D2")  # fully paid in FY2025
        event(led, "P", EventKind.RECEIPT, date(2025, 8, 1), 9000)
        claim(led, "R", RENT, 2025, date(2025, 9, 1), 6000, "D2")  # paid in the closing period, a refund
        event(led, "R", EventKind.ADJUSTMENT, date(2025, 10, 1), -500, note="減額")
        event(led, "R", EventKind.RECEIPT, date(2026, 5, 20), 2000)  # FY2025's: the latest event before FY
        event(led, "R", EventKind.RECEIPT, date(2026, 7, 1), 1000)
        event(led, "O", EventKind.REFUND, date(2026, 8, 3), 2000)  # the overpayment refunded in FY2026
        claim(led, "E", NURSERY, 2026, date(2026, 3, 16), 4000)  # assessed before its year
        event(led, "E", EventKind.RECEIPT, date(2026, 3, 20), 1000)  # booked to FY2025 (the day's year)
        event(led, "Y", EventKind.WRITE_OFF, date(2026, 9, 30), 5000)
    return base_path


@pytest.fixture
def quick(monkeypatch):
    """The periods summed from the stored balances brought in."""
    seen: list[tuple[int, date]] = []
    real = carried.summed_with_stored

    def spy(conn, fy, as_of, *computed):
        seen.append((fy, as_of))
        return real(conn, fy, as_of, *computed)

    monkeypatch.setattr(carried, "summed_with_stored", spy)
    return seen


@pytest.fixture
def computed(monkeypatch):
    """The fiscal years whose balances brought in were computed."""
    seen: list[int] = []
    real = carried.brought_in

    def spy(conn, fy):
        seen.append(fy)
        return real(conn, fy)

    monkeypatch.setattr(carried, "brought_in", spy)
    return seen


def kept(p):
    conn = sqlite3.connect(p)
    years = conn.execute("SELECT fiscal_year, last_event_date, last_assessed_on FROM carried_years").fetchall()
    balances = dict(conn.execute("SELECT claim_id, balance FROM carried_balances WHERE fiscal_year = ?", [FY]))
    conn.close()
    return years, balances


def test_the_balances_above_zero_are_kept_with_the_latest_days(path):
    with Ledger.open(path) as led:
        led.summary_totals([(FY, TODAY)], TODAY)
    years, balances = kept(path)
    assert years == [(FY, "2026-05-20", "2025-09-01")]  # E, assessed 2026-03-16, is FY2026's: not before FY
    # W 20,000 − 4,000; Y 30,000 − 10,000; L 8,000 − 3,000; X 10,000 − 7,500; R 6,000 − 500 − 2,000
    assert balances == {"W": 16000, "Y": 20000, "L": 5000, "X": 2500, "R": 3500}  # not O (−2,000) nor P (0)


@pytest.mark.parametrize("as_of,stored", [
    (date(2026, 4, 1), False), (date(2026, 4, 30), False), (date(2026, 5, 19), False),  # before R's 5/20
    (date(2026, 5, 20), True), (date(2026, 5, 31), True), (date(2026, 6, 1), True), (date(2026, 7, 1), True),
    (date(2026, 12, 3), True), (date(2027, 2, 28), True), (date(2027, 3, 31), True), (date(2027, 5, 31), True),
])
def test_a_period_from_the_stored_balances_is_the_one_pass(path, quick, as_of, stored):
    with Ledger.open(path) as led:
        led.summary_totals([(FY, TODAY)], TODAY)  # stores them (FY2025's closing period is over)
        quick.clear()
        assert led.summary_totals([(FY, as_of)], TODAY) == fresh(path, [(FY, as_of)])
    assert quick == ([(FY, as_of)] if stored else [])


def test_a_leap_day_and_the_years_around(path, quick):
    chosen = [(2024, date(2024, 2, 29)), (2024, date(2025, 5, 31)), (2025, date(2026, 2, 28))]
    with Ledger.open(path) as led:
        led.summary_totals(chosen, TODAY)  # 2024 as of its closing day is stored as a closed year
        quick.clear()
        assert led.summary_totals(chosen, TODAY) == fresh(path, chosen)
    assert quick == [(2024, date(2024, 2, 29)), (2025, date(2026, 2, 28))]


def test_not_kept_before_the_closing_period_is_over_nor_without_today(path, quick, computed):
    with Ledger.open(path) as led:
        led.summary_totals([(FY, date(2026, 5, 31))], date(2026, 5, 31))
        assert kept(path)[0] == []
        led.summary_totals([(FY, TODAY)])
        assert kept(path)[0] == [] and quick == [] and computed == []
        # computed, used at once and kept
        assert led.summary_totals([(FY, TODAY)], date(2026, 6, 1)) == fresh(path, [(FY, TODAY)])
        assert kept(path)[0] != []
    assert quick == [(FY, TODAY)] and computed == [FY]


def test_not_computed_while_closed_years_are_summed_too(path, quick, computed):
    with Ledger.open(path) as led:
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)  # the one pass sums FY with them
        assert computed == [] and quick == []
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)  # the closed years read: computed, used
        assert computed == [FY] and quick == [(FY, TODAY)]
        assert led.summary_totals(FIVE, TODAY) == fresh(path, FIVE)
    assert computed == [FY] and quick == [(FY, TODAY)] * 2


def after(path, quick, computed, change, as_of=TODAY):
    """Keep the balances, make `change`, take FY as of `as_of` twice: whether the balances
    were computed again, and whether each took its sums from them."""
    with Ledger.open(path, operator="佐藤") as led:
        led.summary_totals([(FY, TODAY)], TODAY)
        change(led)
        quick.clear()
        computed.clear()
        assert led.summary_totals([(FY, as_of)], TODAY) == fresh(path, [(FY, as_of)])
        first = bool(quick)
        quick.clear()
        assert led.summary_totals([(FY, as_of)], TODAY) == fresh(path, [(FY, as_of)])
    assert len(computed) <= 1  # kept the first time
    return bool(computed), first, bool(quick)


def test_a_current_year_receipt_leaves_them_kept(path, quick, computed):
    assert after(path, quick, computed, lambda led: event(led, "Y", EventKind.RECEIPT, date(2026, 11, 20), 700)) \
        == (False, True, True)


def late(led):
    event(led, "W", EventKind.RECEIPT, date(2026, 7, 15), 600, accounting_year=2025)


def test_a_late_receipt_booked_to_the_year_before_after_its_closing_period(path, quick, computed):
    assert after(path, quick, computed, late) == (True, True, True)  # computed again, and used
    assert kept(path)[1]["W"] == 15400 and kept(path)[0][0][1] == "2026-07-15"


def test_a_period_before_a_late_receipt_is_summed_from_the_events(path, quick, computed):
    assert after(path, quick, computed, late, as_of=date(2026, 7, 14)) == (True, False, False)


def test_a_receipt_paying_a_balance_off_in_the_year_before(path, quick, computed):
    assert after(path, quick, computed, lambda led: event(led, "X", EventKind.RECEIPT, date(2026, 5, 29), 2500)) \
        == (True, True, True)
    assert "X" not in kept(path)[1]


@pytest.mark.parametrize("fy", [2024, 2025])
def test_a_new_claim_of_an_earlier_year(path, quick, computed, fy):
    assert after(path, quick, computed, lambda led: claim(led, "Z", RENT, fy, date(fy, 9, 1), 5000)) \
        == (True, True, True)
    assert kept(path)[1]["Z"] == 5000


def test_a_new_claim_of_the_year_itself_leaves_them_kept(path, quick, computed):
    assert after(path, quick, computed, lambda led: claim(led, "N", RENT, FY, date(2026, 10, 1), 5000)) \
        == (False, True, True)


def test_another_rules_version_is_computed_again(path, quick, computed, monkeypatch):
    def bump(_):
        monkeypatch.setattr(carried, "RULES", carried.RULES + 1)

    assert after(path, quick, computed, bump) == (True, True, True)


def test_a_ledger_held_by_another_process_sums_and_keeps_nothing(path, quick, computed):
    holder = hold(path, "鈴木")
    try:
        with Ledger.open(path) as led:
            assert led.read_only_reason
            assert led.summary_totals([(FY, TODAY)], TODAY) == fresh(path, [(FY, TODAY)])
    finally:
        holder.kill()
        holder.wait()
    assert kept(path) == ([], {}) and quick == [] and computed == []


def test_deleting_them_changes_nothing_but_the_work(path, quick, computed):
    with Ledger.open(path) as led:
        first = led.summary_totals([(FY, TODAY)], TODAY)
    assert first == fresh(path, [(FY, TODAY)])
    behind_the_back(path, "DELETE FROM carried_balances", "DELETE FROM carried_years")
    with Ledger.open(path) as led:
        assert led.summary_totals([(FY, TODAY)], TODAY) == first
        assert led.summary_totals([(FY, TODAY)], TODAY) == first
    assert quick == [(FY, TODAY)] * 3 and computed == [FY, FY]


def test_a_valid_year_takes_the_newer_watermark(path, quick):
    with Ledger.open(path, operator="佐藤") as led:
        led.summary_totals([(FY, TODAY)], TODAY)
        receipt = event(led, "Y", EventKind.RECEIPT, date(2026, 11, 20), 700)
        led.summary_totals([(FY, TODAY)], TODAY)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT last_event FROM carried_years").fetchone()[0] == receipt.event_id
    conn.close()


def test_check_finds_a_changed_balance_and_drops_it(path):
    with Ledger.open(path) as led:
        led.summary_totals([(FY, TODAY)], TODAY)
    behind_the_back(path, "UPDATE carried_balances SET balance = balance + 1 WHERE claim_id = 'W'")
    with Ledger.open(path) as led:
        problems = period_totals.stored_problems(led._db)
        assert [(p.table, p.key) for p in problems] == [("carried_balances", "2026年度")]
        assert problems[0].detail.endswith(period_totals.WRONG_DROPPED)
        assert kept(path) == ([], {})
        led.summary_totals([(FY, TODAY)], TODAY)
        assert period_totals.stored_problems(led._db) == []


# ---- randomized: small ledgers, random periods, the stored path against the one pass ----

def random_ledger(led, rng):
    """A few claims of FY2021-2026 on two types and random events, some booked to a later year by hand."""
    led.add_claim_type(RENT)
    led.add_claim_type(NURSERY)
    for d in range(4):
        led.save_debtor(Debtor(f"D{d}", f"債務者 {d}"))
    claims, events = [], []
    for n in range(rng.randint(5, 30)):
        fy = rng.randint(2021, 2026)
        assessed = fiscal_year_start(fy) + timedelta(days=rng.randint(-20, 420))  # some before their year
        c = Claim(f"C{n}", f"D{n % 4}", rng.choice([RENT, NURSERY]).name, fy, assessed,
                  rng.choice([1000, 2500, 7000, 10000]), assessed + timedelta(days=rng.choice([0, 30])))
        claims.append(c)
        for _ in range(rng.randint(0, 6)):
            on = assessed + timedelta(days=rng.randint(0, 900))
            kind = rng.choice([EventKind.RECEIPT, EventKind.RECEIPT, EventKind.REFUND, EventKind.WRITE_OFF,
                               EventKind.ADJUSTMENT])
            amount = rng.choice([500, 1000, 4000, 12000] + ([-300] if kind is EventKind.ADJUSTMENT else []))
            later = rng.random() < 0.15  # booked to the next year by hand
            events.append(new_event(c, kind, on, amount,
                                    accounting_year=default_accounting_year(on, fy) + 1 if later else None))
    led.add_claims(claims)
    led.add_events(events)


@pytest.mark.parametrize("seed", range(24))
def test_random_ledgers_and_periods_stored_path_equals_the_one_pass(tmp_path, seed):
    rng = random.Random(seed)
    used = 0
    with Ledger.open(tmp_path / "r.sqlite3", operator="佐藤") as led:
        random_ledger(led, rng)
        conn = led._db.conn  # the storage layer's own connection
        for fy in range(2022, 2027):
            conn.execute("BEGIN")
            carried.write(conn, fy, period_totals.watermark(conn), carried.brought_in(conn, fy))
            conn.execute("COMMIT")
            found = carried.valid_year(conn, fy)
            assert found is not None
            brought = carried.brought_in(conn, fy)
            days = [fiscal_year_start(fy), closing_period_end(fy), date(fy + 1, 3, 31), date(fy, 5, 31),
                    date(fy, 6, 1), *(fiscal_year_start(fy) + timedelta(days=rng.randint(0, 425)) for _ in range(12))]
            for as_of in days:
                if carried.usable(found[1:], as_of):
                    used += 1
                    plain = summed_by_type_id(conn, [(fy, as_of)])[0]
                    assert carried.summed_with_stored(conn, fy, as_of) == plain, (seed, fy, as_of)
                    assert carried.summed_with_stored(conn, fy, as_of, brought[0]) == plain, (seed, fy, as_of)
            chosen = [(fy, d) for d in days]
            assert led.summary_totals(chosen, date(2027, 12, 1)) == fresh(tmp_path / "r.sqlite3", chosen)
    assert used > 10
