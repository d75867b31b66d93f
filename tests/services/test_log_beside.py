"""本日の作業's contact log read in a thread beside its candidates, and its promises and
plans beside the log's entries (storage/beside.py): the same as read on the caller's
connection, a failure in Japanese, a stop."""

import sqlite3
import threading
from datetime import date

import pytest

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.services import casework as cw
from claimdesk.services import entries
from claimdesk.services.case_loader import load_cases
from claimdesk.services.casework_settings import casework_settings
from claimdesk.services.procedures import load_procedures
from claimdesk.services.worklist import worklist
from claimdesk.storage import casework_bulk as storage_casework
from claimdesk.storage.errors import LedgerError
from claimdesk.storage.ledger import Ledger

WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")
TODAY = date(2026, 6, 1)
THREAD = "claimdesk-contact-log"
ARRANGED = "claimdesk-arrangements"


def fill(led):
    entries.add_claim_type(led, WELFARE)
    for d in ("D1", "D2"):
        entries.add_debtor(led, Debtor(d, f"債務者 {d}"))
    for claim_id, debtor in (("X", "D1"), ("Y", "D1"), ("Z", "D2")):
        entries.add_claim(led, Claim(claim_id, debtor, WELFARE.name, 2025, date(2025, 6, 1), 9000, date(2025, 6, 30)))
    letter = cw.log_contact(led, ["X", "Y"], "letter_out", "督促状", on=date(2025, 7, 10), letter_kind="demand")
    cw.mark_letter_returned(led, letter.entry_id, on=date(2025, 7, 20))
    call = cw.log_contact(led, ["Z"], "phone", "電話", on=date(2025, 8, 1), next_action="再度電話",
                          next_action_on=date(2026, 5, 20))
    cw.correct_entry(led, call.entry_id, "日付の誤り", on=date(2025, 8, 2))
    cw.record_promise(led, ["Y"], 4000, date(2026, 6, 30), on=date(2026, 5, 1))
    cw.create_instalment_plan(led, ["Z"], signed_on=date(2025, 9, 1), total=9000, count=3, first_due=date(2025, 10, 1))


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "l.sqlite3"
    with Ledger.open(p, operator="佐藤") as led:
        fill(led)
    return p


@pytest.fixture
def scans(monkeypatch):
    """(thread name, on the caller's connection) of each read of the whole log, and of
    each read of the promises and plans beside it."""
    seen: list[tuple[str, bool]] = []
    caller: list = [None]
    real_log, real_arranged = storage_casework._scanned_rows, storage_casework._arrangement_rows

    def log_spy(conn):
        seen.append((threading.current_thread().name, conn is caller[0]))
        return real_log(conn)

    def arranged_spy(conn, debtors):
        seen.append((threading.current_thread().name, conn is caller[0]))
        return real_arranged(conn, debtors)

    monkeypatch.setattr(storage_casework, "_scanned_rows", log_spy)
    monkeypatch.setattr(storage_casework, "_arrangement_rows", arranged_spy)
    return seen, caller


def picture(cases):
    """What the rules made of each claim's log, promises and plans, by claim."""
    return {c.line.claim_id: ([e.entry_id for e in c.history.log.current], sorted(c.history.log.returned),
                              c.state.stage, c.state.limitation.limitation_date,
                              [(p.promise.promise_id, p.status) for p in c.history.promises],
                              [(p.plan_id, p.status, p.paid) for p in c.history.plans]) for c in cases}


def test_the_bulk_read_takes_the_log_from_a_thread_and_finds_what_each_claim_alone_finds(path, scans):
    seen, caller = scans
    with Ledger.open(path) as led:
        caller[0] = led._db.conn
        settings, procedures = casework_settings(led), load_procedures(led)
        bulk = load_cases(led, TODAY, settings, procedures)
        assert seen == [(THREAD, False), (ARRANGED, False)]
        alone = [c for claim_id in ("X", "Y", "Z")
                 for c in load_cases(led, TODAY, settings, procedures, claim_ids=[claim_id])]
        assert len(seen) == 2  # a few named claims: their debtors' rows looked up, nothing beside
        items = worklist(led, TODAY).items
    assert picture(bulk) == picture(alone)
    # (entries 1–4: the letter, its return, the call, the call corrected; 5, 6: the promise's, the plan's)
    assert [picture(bulk)[c][:2] for c in "XZ"] == [([2, 1], [1]), ([6, 4], [])]
    assert [len(picture(bulk)[c][4]) for c in "XYZ"] == [0, 1, 0] and len(picture(bulk)["Z"][5]) == 1
    assert {i.claim.claim_id for i in items} == {"X", "Z"}  # (Y: its promise not yet due)
    assert not any(t.name in (THREAD, ARRANGED) for t in threading.enumerate())


def test_in_memory_or_inside_a_transaction_the_log_is_read_at_once_on_the_callers_connection(path, scans):
    seen, caller = scans
    led = Ledger.memory(operator="佐藤")
    fill(led)
    caller[0] = led._db.conn
    in_memory = picture(load_cases(led, TODAY, casework_settings(led), load_procedures(led)))
    led.close()
    assert seen == [(threading.current_thread().name, True)] * 2
    with Ledger.open(path) as led:
        caller[0] = led._db.conn
        seen.clear()
        with led._db.atomic():  # an entry of this transaction: only its own connection sees it
            cw.log_contact(led, ["Y"], "phone", "来庁", on=date(2025, 9, 1))
            in_file = picture(load_cases(led, TODAY, casework_settings(led), load_procedures(led)))
        assert seen == [(threading.current_thread().name, True)] * 2  # (the log, the arrangements)
    assert len(in_file["Y"][0]) == len(in_memory["Y"][0]) + 1


@pytest.mark.parametrize("read", ["_scanned_rows", "_arrangement_rows"])
def test_a_failure_of_a_read_in_its_thread_reaches_the_caller_in_japanese(path, monkeypatch, read):
    def failing(conn, *args):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(storage_casework, read, failing)
    with Ledger.open(path) as led:
        with pytest.raises(LedgerError) as caught:
            worklist(led, TODAY)
    assert str(caught.value).startswith("台帳ファイルが壊れているか読み込めません")
    assert not any(t.name in (THREAD, ARRANGED) for t in threading.enumerate())


ENDLESS = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
           " WHERE i < 0")  # a long statement, as the large ledger's reads: interrupted, it stops with an error


@pytest.mark.parametrize("read, thread, failing", [
    ("_scanned_rows", THREAD, "candidates"),  # the candidates fail: the log read beside them is stopped
    ("_arrangement_rows", ARRANGED, "_logs"),  # the log's entries fail: the arrangements beside them are
])
def test_when_the_work_beside_fails_the_read_in_its_thread_is_stopped_and_waited_for(path, monkeypatch, read,
                                                                                    thread, failing):
    from claimdesk.services import case_loader

    started = threading.Event()

    def endless(conn, *args):
        started.set()
        conn.execute(ENDLESS).fetchone()

    def refused(*args, **kwargs):
        assert started.wait(5)
        raise LedgerError("台帳ファイルを他の人またはプログラムが使用中です")

    monkeypatch.setattr(storage_casework, read, endless)
    with Ledger.open(path) as led:
        monkeypatch.setattr(*((led.worklist, "candidates") if failing == "candidates" else (case_loader, "_logs")),
                            refused)
        with pytest.raises(LedgerError, match="使用中"):
            worklist(led, TODAY)
        assert not any(t.name == thread for t in threading.enumerate())


def test_the_class_table_reads_the_log_beside_the_sql_that_names_its_claims_and_only_once(path, scans):
    from claimdesk.domain.casefile import count_classes
    from claimdesk.services.casefile import class_counts

    seen, caller = scans
    with Ledger.open(path) as led:
        caller[0] = led._db.conn
        table = class_counts(led, TODAY)
        assert [s for s in seen if s[0] == THREAD] == [(THREAD, False)]  # begun before it knew the claims
        alone = [c.line for claim_id in ("X", "Y", "Z")
                 for c in load_cases(led, TODAY, casework_settings(led), load_procedures(led), claim_ids=[claim_id])]
    assert table == {WELFARE.name: count_classes((line.case_class, line.balance) for line in alone)}
    assert not any(t.name == THREAD for t in threading.enumerate())
