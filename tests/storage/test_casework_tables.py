"""Casework tables on a real SQLite file: append-only, linked rows checked by SQLite itself."""

import sqlite3
from datetime import date

import pytest
from plain_sql import plain

from claimdesk.domain.claims import Claim, ClaimType, Debtor, Guarantor, LegalNature
from claimdesk.domain.contacts import Channel, ContactEntry, LegalEffect, LetterKind
from claimdesk.domain.instalments import Instalment, PlanKind
from claimdesk.storage.ledger import Ledger, LedgerError
from claimdesk.storage.migrate import build_old_ledger
from claimdesk.storage.migrations.m003_casework import CASEWORK_TABLES

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "ledger.sqlite3", operator="佐藤") as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        led.save_debtor(Debtor("D2", "鈴木 花子"))
        led.add_claim(Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 60000, date(2025, 6, 30)))
        led.add_claim(Claim("B", "D1", RENT.name, 2025, date(2025, 7, 1), 60000, date(2025, 7, 31)))
        led.add_claim(Claim("Z", "D2", RENT.name, 2025, date(2025, 6, 1), 10000, date(2025, 6, 30)))
        yield led


def letter(**kw):
    return ContactEntry("D1", ("A", "B"), date(2025, 7, 10), Channel.LETTER_OUT, "督促状を発送",
                        letter_kind=LetterKind.DEMAND, legal_effect=LegalEffect.DEMAND, **kw)


def fill(ledger):
    """One row in every casework table."""
    entry_id = ledger.casework.add_entry(letter())
    ledger.casework.add_promise(entry_id, date(2025, 7, 10), 30000, date(2025, 8, 31))
    plan_id = ledger.casework.add_plan(entry_id, PlanKind.PLEDGE, date(2025, 7, 10),
                             [Instalment(1, date(2025, 8, 31), 60000), Instalment(2, date(2025, 9, 30), 60000)])
    ledger.casework.cancel_plan(plan_id, date(2025, 8, 1), entry_id)
    return entry_id


def test_an_entry_round_trips_with_its_claims_and_who_wrote_it(ledger, tmp_path):
    entry_id = ledger.casework.add_entry(letter(document_hash="ab12", document_path="letters/1.pdf"))
    stored = ledger.casework.entry(entry_id)
    assert stored.claim_ids == ("A", "B") and stored.letter_kind is LetterKind.DEMAND
    assert (stored.operator, stored.document_hash, stored.document_path) == ("佐藤", "ab12", "letters/1.pdf")
    assert stored.entered_at.tzinfo is not None
    assert [e.entry_id for e in ledger.casework.entries_of_claim("B")] == [entry_id]
    # read back without the checks (ContactEntry.restore): every field must be there
    assert stored == ContactEntry(**stored.__dict__)


CHANGES = {"contact_entries": "summary = '書き換え'", "contact_entry_claims": "claim_id = 'B'",
           "promises": "amount = 1", "instalment_plans": "total = 1", "instalments": "amount = 1",
           "plan_cancellations": "cancelled_on = '2030-01-01'"}


def test_every_casework_table_is_covered():
    assert set(CHANGES) == set(CASEWORK_TABLES)


@pytest.mark.parametrize("table", CASEWORK_TABLES)
@pytest.mark.parametrize("verb", ["UPDATE {table} SET {change}", "DELETE FROM {table}"])
def test_casework_history_is_append_only_at_the_sql_level(ledger, tmp_path, table, verb):
    fill(ledger)
    raw = sqlite3.connect(tmp_path / "ledger.sqlite3")  # even a plain SQL tool cannot
    with pytest.raises(sqlite3.IntegrityError, match="追記のみ"):
        raw.execute(verb.format(table=table, change=CHANGES[table]))
    raw.close()
    assert ledger.casework.entry(1).summary == "督促状を発送"


def test_a_correction_must_stay_with_its_debtor_and_happen_once(ledger):
    original = ledger.casework.add_entry(letter())
    other = ContactEntry("D2", ("Z",), date(2025, 7, 11), Channel.PHONE, "訂正", corrects=original,
                         correction_reason="誤り")
    with pytest.raises(LedgerError, match="同じ債務者"):
        ledger.casework.add_entry(other)
    fixed = ContactEntry("D1", ("A",), date(2025, 7, 11), Channel.LETTER_OUT, "督促状を発送（Aのみ）",
                         corrects=original, correction_reason="Bは送付対象外")
    ledger.casework.add_entry(fixed)
    with pytest.raises(LedgerError, match="すでに訂正されています"):
        ledger.casework.add_entry(fixed)
    assert ledger.casework.correction_of(original) is not None


def test_a_return_must_point_at_a_letter_sent(ledger):
    call = ledger.casework.add_entry(ContactEntry("D1", ("A",), date(2025, 7, 10), Channel.PHONE, "電話"))
    back = ContactEntry("D1", ("A",), date(2025, 7, 20), Channel.LETTER_IN, "返戻", returned_letter_of=call)
    with pytest.raises(LedgerError, match="発送した文書"):
        ledger.casework.add_entry(back)


def test_an_entry_cannot_name_another_debtors_claim(ledger):
    with pytest.raises(LedgerError, match="債務者と債権の債務者が違います"):
        ledger.casework.add_entry(ContactEntry("D1", ("A", "Z"), date(2025, 7, 10), Channel.PHONE, "電話"))
    assert ledger.casework.entries_of_debtors(["D1", "D2"]) == []  # nothing half written


@pytest.mark.parametrize("sql,message", [
    ("INSERT INTO contact_entries (debtor_id, contact_date, channel, summary, decision, operator, entered_at)"
     " VALUES ('D1', '2025-07-10', 'internal', '徴収停止', 'collection_suspension', 'x', 'now')", "CHECK"),
    ("INSERT INTO contact_entries (debtor_id, contact_date, channel, summary, letter_kind, operator, entered_at)"
     " VALUES ('D1', '2025-07-10', 'phone', '電話', 'demand', 'x', 'now')", "CHECK"),
    ("INSERT INTO contact_entries (debtor_id, contact_date, channel, summary, operator, entered_at)"
     " VALUES ('D1', '2025-07-10', 'fax', 'x', 'x', 'now')", "CHECK"),
])
def test_sqlite_refuses_a_decision_without_approval_and_unknown_values(ledger, sql, message):
    with pytest.raises(sqlite3.IntegrityError, match=message):
        plain(ledger).execute(sql)


def test_plans_promises_and_heirs_read_back(ledger):
    entry_id = fill(ledger)
    (plan,) = ledger.casework.plans_of_debtors(["D1"])
    assert (plan.claim_ids, plan.total, plan.cancelled_on, plan.entry_id) == (("A", "B"), 120000, date(2025, 8, 1), entry_id)
    (promise,) = ledger.casework.promises_of_debtors(["D1"])
    assert (promise.amount, promise.due_on, promise.claim_ids) == (30000, date(2025, 8, 31), ("A", "B"))
    with pytest.raises(LedgerError, match="すでに取り消されています"):
        ledger.casework.cancel_plan(plan.plan_id, date(2025, 8, 2), entry_id)
    heir = ledger.casework.add_liable_party(Guarantor("A", "山田 一郎", relation="長男"), "heir")
    assert [(g.guarantor_id, role) for g, role in ledger.casework.liable_parties("A")] == [(heir, "heir")]


def test_entries_are_found_by_folded_words(ledger):
    ledger.casework.add_entry(ContactEntry("D1", ("A",), date(2025, 7, 10), Channel.PHONE, "本人と話した",
                                         reason="シゴトヲ失った", household="単身"))
    assert len(ledger.casework.search_entries("しごと")) == 1
    assert ledger.casework.search_entries("100%") == []


def test_an_older_ledger_is_upgraded_with_the_casework_tables(tmp_path):
    path = tmp_path / "old.sqlite3"
    build_old_ledger(path, stop_before="m003_casework")
    old = plain(path)
    old.execute("INSERT INTO claim_types (name, legal_nature, account, budget_section)"
                " VALUES ('x', 'private', 'a', 'b')")
    old.close()
    with Ledger.open(path) as led:
        assert led.backup_path is not None and "contact_entries" in plain(led).table_names()
        assert "role" in [c.name for c in plain(led)["guarantors"].columns]


# What the casework rules read (domain/case.py, case_class.py, worklist.py); everything else is text.
RULE_FIELDS = ("debtor_id", "claim_ids", "on", "at", "channel", "party", "liable_party_id", "next_action",
               "next_action_on", "legal_effect", "step_id", "letter_kind", "decision", "approved_on", "corrects",
               "retracted", "returned_letter_of", "entry_id", "entered_at")


def test_the_rules_only_read_has_every_field_the_rules_read_and_no_text(ledger):
    from datetime import time

    from claimdesk.domain.contacts import Decision, Party
    first = ledger.casework.add_entry(letter(reason="失念", household="単身", agreement="来月", contact_person="佐藤",
                                             next_action="電話", next_action_on=date(2025, 7, 20)))
    ledger.casework.add_entry(ContactEntry(
        "D1", ("B",), date(2025, 7, 12), Channel.PHONE, "訂正", at=time(10, 30), party=Party.FAMILY, party_name="妻",
        decision=Decision.COLLECTION_SUSPENSION, approver="課長", approved_on=date(2025, 7, 12), basis="地方自治法",
        corrects=first, correction_reason="日付誤り", checklist=("所得",), step_id="demand"))
    full = ledger.casework.entries_of_debtors(["D1", "D2"])
    lean = ledger.casework.entries_of_debtors(["D1", "D2"], rules_only=True)
    assert len(full) == len(lean) == 2
    for f, r in zip(full, lean):
        assert [getattr(f, k) for k in RULE_FIELDS] == [getattr(r, k) for k in RULE_FIELDS]
        assert (r.summary, r.reason, r.household, r.basis, r.approver, r.checklist) == ("", "", "", "", "", ())
    assert lean[0].next_action == "電話" and lean[1].at == time(10, 30) and lean[1].corrects == first
    assert set(RULE_FIELDS) | {"summary", "party_name", "contact_person", "reason", "household", "agreement",
                               "checklist", "document_hash", "document_path", "approver", "basis",
                               "correction_reason", "operator"} == set(full[0].__dict__) == set(lean[0].__dict__)


def test_instalments_read_back_equal_to_the_ones_written(ledger):
    entry_id = ledger.casework.add_entry(letter())
    written = [Instalment(1, date(2025, 8, 31), 60000), Instalment(2, date(2025, 9, 30), 60000)]
    ledger.casework.add_plan(entry_id, PlanKind.PLEDGE, date(2025, 7, 10), written)
    (plan,) = ledger.casework.plans_of_debtors(["D1"])
    assert list(plan.instalments) == written and plan.instalments[1].due_on == date(2025, 9, 30)
    with pytest.raises(AttributeError):  # still frozen
        plan.instalments[0].amount = 1  # type: ignore[misc]


def test_the_bulk_read_of_many_debtors_scans_the_log_and_finds_the_same_entries(ledger, monkeypatch):
    from claimdesk.storage import casework

    first = ledger.casework.add_entry(letter())
    ledger.casework.add_entry(ContactEntry("D2", ("Z",), date(2025, 7, 11), Channel.PHONE, "電話"))
    ledger.casework.add_entry(ContactEntry("D1", ("B",), date(2025, 7, 12), Channel.PHONE, "訂正", corrects=first,
                                           correction_reason="日付誤り"))
    sets = (("D1",), ("D1", "D2"), ())
    looked_up = {d: ledger.casework.entries_of_debtors(d, rules_only=True) for d in sets}
    monkeypatch.setattr(casework, "_SCAN_FROM", 1)  # as if the department had thousands of debtors in arrears
    for debtors in sets:
        scanned = ledger.casework.entries_of_debtors(debtors, rules_only=True)
        assert [e.__dict__ for e in scanned] == [e.__dict__ for e in looked_up[debtors]]
    assert [e.claim_ids for e in ledger.casework.entries_of_debtors(["D1"], rules_only=True)] == [("A", "B"), ("B",)]
