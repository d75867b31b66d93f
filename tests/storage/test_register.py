"""The register's queries on a real file: search, filters, sort, running sums."""

import sqlite3
from datetime import date

import pytest
from plain_sql import plain

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, new_event, reversal_of
from claimdesk.domain.register import RegisterQuery, Status
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.migrate import build_old_ledger
from claimdesk.storage.search import index_current, match_expression

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
FEE = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
TODAY = date(2026, 11, 30)


def fill(led: Ledger):
    led.add_claim_type(RENT)
    led.add_claim_type(FEE)
    led.save_debtor(Debtor("D1", "山田 太郎", "ヤマダ タロウ", phone="03-5565-9633"))
    led.save_debtor(Debtor("D2", "鈴木 花子", "すずき はなこ"))
    claims = [
        Claim("R-001", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)),
        Claim("R-002", "D2", RENT.name, 2025, date(2025, 4, 1), 48000, date(2025, 4, 30)),
        Claim("F-001", "D2", FEE.name, 2026, date(2026, 11, 1), 12000, date(2026, 12, 15)),
    ]
    led.add_claims(claims)
    r = led.add_event(new_event(claims[0], EventKind.RECEIPT, date(2026, 5, 1), 20000))
    led.add_event(new_event(claims[1], EventKind.RECEIPT, date(2025, 5, 1), 48000))
    led.add_event(new_event(claims[1], EventKind.ADJUSTMENT, date(2025, 6, 1), -1000))
    led.add_event(reversal_of(r, "二重入力"))
    return claims


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        fill(led)
        yield led


def ids(led, **kw):
    return [r.claim_id for r in led.register.page(RegisterQuery(**kw), TODAY, 0, 100)]


@pytest.mark.parametrize("text,expected", [
    ("やまだ", ["R-001"]), ("ﾔﾏﾀﾞ ﾀﾛｳ", ["R-001"]), ("スズキ", ["F-001", "R-002"]), ("山田", ["R-001"]),
    ("r-00", ["R-001", "R-002"]), ("0355659633", ["R-001"]), ("03-5565", ["R-001"]), ("d2", ["F-001", "R-002"]),
    ("100%", []), ("", ["F-001", "R-001", "R-002"]),
])
def test_search_as_typed(led, text, expected):
    assert ids(led, text=text) == expected
    assert led.register.count(RegisterQuery(text=text), TODAY) == len(expected)


def test_filters(led):
    assert ids(led, claim_type=FEE.name) == ["F-001"]
    assert ids(led, legal_nature=LegalNature.PRIVATE) == ["R-001", "R-002"]
    assert ids(led, fiscal_year=2025) == ["R-002"]
    assert ids(led, overdue_only=True) == ["R-001"]
    assert ids(led, debtor_id="D2") == ["F-001", "R-002"]


def test_rows_carry_balance_and_status_from_running_sums(led):
    rows = {r.claim_id: r for r in led.register.page(RegisterQuery(), TODAY, 0, 10)}
    assert (rows["R-001"].balance, rows["R-001"].status) == (50000, Status.OVERDUE)  # receipt reversed
    assert (rows["R-002"].assessed, rows["R-002"].balance, rows["R-002"].status) == (47000, -1000, Status.OVERPAID)
    assert (rows["F-001"].balance, rows["F-001"].status) == (12000, Status.NOT_DUE)
    assert rows["R-001"].debtor_kana == "ヤマダ タロウ"


def test_sort_by_balance_descending_and_paging(led):
    assert ids(led, sort="balance", descending=True) == ["R-001", "F-001", "R-002"]
    assert [r.claim_id for r in led.register.page(RegisterQuery(sort="balance"), TODAY, 1, 1)] == ["F-001"]
    assert ids(led, sort="status") == ["R-001", "F-001", "R-002"]


def test_running_sums_cannot_drift_from_the_events(led):
    for claim_id in ("R-001", "R-002", "F-001"):
        c = led.claim(claim_id)
        from claimdesk.domain.claims import balance_on
        expected = balance_on(c, led.events(claim_id), date(2100, 1, 1)).owed
        got = plain(led).execute("SELECT amount + adjusted - collected - written_off FROM claims WHERE claim_id = ?",
                             [claim_id]).fetchone()[0]
        assert got == expected


def test_search_key_changes_with_the_debtor_and_history_only_for_particulars(led):
    led.save_debtor(Debtor("D1", "山田 太郎", "ヤマダ タロウ", phone="090-1111-2222"))
    assert ids(led, text="09011112222") == ["R-001"] and ids(led, text="03-5565") == []
    assert len(led.debtor_history("D1")) == 1


def plain_claim(path, claim_id: str):
    """A claim type, debtor D1 and a claim written by plain SQL, as an older release left them."""
    db = plain(path)
    db.execute("INSERT INTO claim_types (name, legal_nature, account, budget_section)"
               " VALUES (?, ?, ?, ?)", [RENT.name, RENT.legal_nature.value, RENT.account, RENT.budget_section])
    db.execute("INSERT INTO debtors (debtor_id, name, kana, changed_by, changed_at)"
               " VALUES ('D1', '山田 太郎', 'やまだ たろう', 'x', 'now')")
    db.execute("INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year, assessed_on, amount,"
               " due_date, entered_by, entered_at) VALUES (?, 'D1', 1, 2026, '2026-04-01', 10000,"
               " '2026-04-30', 'x', 'now')", [claim_id])
    return db


def test_migration_from_the_first_schema_fills_sums_and_keys(tmp_path):
    path = tmp_path / "v1.sqlite3"
    # The file as the first release left it: only m001 applied, rows written by plain SQL.
    build_old_ledger(path, stop_before="m002_register_columns")
    db = plain_claim(path, "A")
    db.execute("INSERT INTO money_events (claim_id, kind, date, amount, accounting_year, operator, entered_at)"
               " VALUES ('A', 'receipt', '2026-05-01', 4000, 2026, 'x', 'now')")
    db.close()

    with Ledger.open(path) as led:
        assert led.backup_path is not None
        (row,) = led.register.page(RegisterQuery(text="ﾔﾏﾀﾞ"), TODAY, 0, 10)
        assert row.balance == 6000
        assert led.debtor_history("D1") == []


@pytest.mark.parametrize("text,expected", [
    # one character: anywhere in the claim id or the key, the last one too
    ("1", ["F-001", "R-001"]), ("2", ["F-001", "R-002"]), ("3", ["R-001"]), ("ﾀ", ["R-001"]),
    ("キ", ["F-001", "R-002"]), ("f", ["F-001"]), ("%", []),
    # two characters, at the end of a text as well
    ("01", ["F-001", "R-001"]), ("33", ["R-001"]), ("はな", ["F-001", "R-002"]), ("-0", ["F-001", "R-001", "R-002"]),
    # a phrase matches only where its characters follow each other
    ("山太", []), ("r-002", ["R-002"]), ("R-0021", []),
])
def test_short_searches_match_anywhere_as_like_did(led, text, expected):
    assert ids(led, text=text) == expected
    assert led.register.count(RegisterQuery(text=text), TODAY) == len(expected)


@pytest.mark.parametrize("text", ["1", "0", "r", "やまだ", "-00", "%"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_page_from_the_first_claims_in_order_is_the_page_the_index_finds(led, monkeypatch, text, descending):
    from claimdesk.storage import register

    q = RegisterQuery(text=text, descending=descending)
    found = led.register.count(q, TODAY)
    for offset, limit in ((0, 100), (1, 1), (2, 5), (0, 2)):
        monkeypatch.setattr(register, "PROBE_AT_MOST", 0)  # every match, sorted
        sorted_ = led.register.page(q, TODAY, offset, limit, found=found)
        monkeypatch.setattr(register, "PROBE_AT_MOST", 10**9)  # a window of the first claims, LIKE
        monkeypatch.setattr(register, "PROBE_PER_FOUND", 10**9)
        windowed = led.register.page(q, TODAY, offset, limit, found=found)
        assert [r.claim_id for r in windowed] == [r.claim_id for r in sorted_]
        assert len(sorted_) == max(0, min(limit, found - offset))


def test_a_term_the_same_in_both_texts_is_one_term_over_both(led):
    """`d2` is the same folded and as typed: one term, matched in the ids and in the keys."""
    assert match_expression("d2") == '"000064000032"' and match_expression("1") == '"000031" *'
    assert match_expression("03-5") == '{keys} : "000030000033 000033000035" OR {ids} : "000030000033 00003300002d 00002d000035"'
    assert ids(led, text="d2") == ["F-001", "R-002"] and ids(led, text="r-002") == ["R-002"]
    assert ids(led, text="D1") == ["R-001"] and ids(led, text="F-0") == ["F-001"]


def test_search_with_filters_counts_the_claims_both_find(led):
    assert led.register.count(RegisterQuery(text="0", fiscal_year=2026), TODAY) == 2
    assert led.register.count(RegisterQuery(text="0", overdue_only=True), TODAY) == 1


def test_the_search_index_follows_new_claims_and_debtors(led):
    led.save_debtor(Debtor("D3", "佐藤 一", "サトウ ハジメ"))
    led.add_claims([Claim("Z-9", "D3", RENT.name, 2026, date(2026, 4, 1), 1000, date(2026, 4, 30))])
    assert ids(led, text="さと") == ids(led, text="z-9") == ids(led, text="Z") == ["Z-9"]
    led.save_debtor(Debtor("D3", "加藤 一", "カトウ ハジメ"))
    assert ids(led, text="さと") == [] and ids(led, text="加藤") == ["Z-9"]
    # a claim written by another SQL tool, which has none of ClaimDesk's SQL functions:
    # taken, and found by scanning until the ledger is next opened, which indexes it
    conn = sqlite3.connect(led.path, isolation_level=None)
    conn.execute("INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year, assessed_on,"
                 " amount, due_date, entered_by, entered_at) VALUES ('Q-5', 'D3', 1, 2026, '2026-04-01',"
                 " 100, '2026-04-30', 'x', 'now')")
    conn.close()
    assert not index_current(plain(led).conn)
    assert ids(led, text="かと") == ["Q-5", "Z-9"] and ids(led, text="q") == ["Q-5"]
    assert led.register.count(RegisterQuery(text="かと"), TODAY) == 2
    assert led.register.ordered_ids(RegisterQuery(text="q"), TODAY) == led.register.ordered_ids(
        RegisterQuery(text="Q-5"), TODAY) != []


def test_claims_written_outside_are_indexed_when_the_ledger_opens_again(tmp_path):
    path = tmp_path / "l.sqlite3"
    with Ledger.open(path) as led:
        fill(led)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year, assessed_on,"
                 " amount, due_date, entered_by, entered_at) VALUES ('Q-5', 'D1', 1, 2026, '2026-04-01',"
                 " 100, '2026-04-30', 'x', 'now')")
    conn.close()
    with Ledger.open(path) as led:
        assert index_current(plain(led).conn)
        assert plain(led).execute("SELECT count(*) FROM claim_search WHERE claim_search MATCH ?",
                                  [match_expression("q-")]).fetchone()[0] == 1
        assert ids(led, text="やまだ") == ["Q-5", "R-001"]


def test_the_search_index_is_filled_for_a_ledger_made_before_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    build_old_ledger(path, stop_before="m010_search")
    plain_claim(path, "A-7").close()
    with Ledger.open(path) as led:
        assert [ids(led, text=t) for t in ("ﾔﾏﾀﾞ", "7", "a-", "田")] == [["A-7"]] * 4


def test_an_index_that_no_longer_matches_its_claims_is_scanned_then_rebuilt(tmp_path):
    """Another tool's VACUUM may give the claims new rowids: the index's entries then name
    other claims. Seen on the last claim, the register scans, and the next open rebuilds."""
    path = tmp_path / "l.sqlite3"
    with Ledger.open(path) as led:
        fill(led)
        db = plain(led)
        db.execute("UPDATE claim_search SET ids = (SELECT ids FROM claim_search WHERE rowid = 1),"
                   " keys = (SELECT keys FROM claim_search WHERE rowid = 1)"
                   " WHERE rowid = (SELECT max(rowid) FROM claims)")
        assert not index_current(db.conn)
        assert ids(led, text="F-0") == ["F-001"] and ids(led, text="r-001") == ["R-001"]
        db.close()
    with Ledger.open(path) as led:
        assert index_current(plain(led).conn)
        assert plain(led).execute("SELECT count(*) FROM claim_search").fetchone()[0] == 3
        assert plain(led).execute("SELECT rowid FROM claim_search WHERE claim_search MATCH ?",
                                  [match_expression("F-0")]).fetchall() == plain(led).execute(
            "SELECT rowid FROM claims WHERE claim_id = 'F-001'").fetchall()


class _Windows:
    """The ledger's connection, noting the window of each page read from the first claims."""

    def __init__(self, conn):
        self.conn, self.windows = self, []
        self._conn = conn

    def execute(self, sql, params=()):
        if isinstance(params, dict) and "window" in params:
            self.windows.append(params["window"])
        return self._conn.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.fixture
def forty(tmp_path):
    """40 claims: A-001 … A-030 of D1, then Z-001 … Z-010, and A-001 too, of D2 (やまだ)."""
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "鈴木 花子", "スズキ ハナコ"))
        led.save_debtor(Debtor("D2", "山田 太郎", "ヤマダ タロウ"))
        led.add_claims([Claim(f"{c}-{n:03}", "D2" if c == "Z" or n == 1 else "D1", RENT.name, 2026,
                              date(2026, 4, 1), 1000, date(2026, 4, 30))
                        for c, last in (("A", 30), ("Z", 10)) for n in range(1, last + 1)])
        yield led


def windows_read(led, monkeypatch, text, limit):
    from claimdesk.storage import register

    monkeypatch.setattr(register, "PROBE_PER_FOUND", 100)
    spy = _Windows(led.register._db.conn)
    monkeypatch.setattr(led.register, "_db", spy)
    q = RegisterQuery(text=text)
    rows = led.register.page(q, TODAY, 0, limit, found=led.register.count(q, TODAY))
    return [r.claim_id for r in rows], spy.windows


def test_a_window_holding_none_of_the_page_gives_way_to_sorting_at_once(forty, monkeypatch):
    # `z` (10 of 40 claims, all last in order): the first window, 2 × 1 × 40 / 10 = 8 claims,
    # holds none: every match sorted, no window of 64
    assert windows_read(forty, monkeypatch, "z", 1) == (["Z-001"], [8])


def test_a_window_holding_part_of_the_page_grows_by_what_it_held(forty, monkeypatch):
    # `やまだ` (11 claims): the first 2 × 2 × 40 / 11 = 14 claims hold A-001 alone, 1 of 2:
    # the next window is 14 × 2 / 1 × WINDOW_MARGIN = 42 claims (not 8 × 14), which holds the page
    assert windows_read(forty, monkeypatch, "やまだ", 2) == (["A-001", "Z-001"], [14, 42])
