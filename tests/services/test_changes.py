"""Change records: a page is concerned by the kinds it shows, on its claims or its debtor."""

from claimdesk.services.changes import ALL, EVERYTHING, NEW_DAY, Changes, Kind


def test_a_receipt_concerns_money_on_its_own_claim_only():
    receipt = Changes.of(Kind.MONEY, claims=["C1"])
    assert receipt.concerns(Kind.MONEY)  # a page about the whole ledger
    assert receipt.concerns(Kind.MONEY, Kind.CASEWORK, claims=["C1"])
    assert not receipt.concerns(Kind.MONEY, claims=["C2"])
    assert not receipt.concerns(Kind.CASEWORK, Kind.TARGETS)  # e.g. a page showing only casework


def test_a_debtor_page_is_concerned_by_its_debtor_or_its_claims():
    edit = Changes.of(Kind.DEBTOR, debtors=["D1"])
    assert edit.concerns(Kind.DEBTOR, claims=["C9"], debtor="D1")
    assert not edit.concerns(Kind.DEBTOR, claims=["C9"], debtor="D2")
    assert Changes.of(Kind.CASEWORK, claims=["C9"]).concerns(Kind.CASEWORK, claims=["C8", "C9"], debtor="D2")


def test_everything_names_all_claims_and_a_new_day_concerns_every_page():
    assert EVERYTHING.concerns(Kind.MONEY, claims=["anything"]) and "x" in EVERYTHING.claims
    assert Kind.DAY not in EVERYTHING.kinds
    assert NEW_DAY.concerns(Kind.TARGETS, claims=["C1"], debtor="D1")


def test_records_combine():
    both = Changes.of(Kind.MONEY, claims=["C1"]) | Changes.of(Kind.CASEWORK, claims=["C2"])
    assert both.kinds == {Kind.MONEY, Kind.CASEWORK} and both.claims == {"C1", "C2"}
    assert (both | Changes.of(Kind.REGISTER, claims=ALL)).claims is ALL


def test_a_write_says_what_it_changed_from_what_the_service_returned(ledger_file):
    """The window takes a dialog's change record from the service's result (changes_of)."""
    from datetime import date

    from claimdesk.domain.claims import Claim, Debtor, EventKind
    from claimdesk.domain.contacts import Channel, Decision
    from claimdesk.services import casework, entries
    from claimdesk.services.changes import changes_of
    from claimdesk.services.session import open_ledger

    today = date(2026, 11, 30)
    with open_ledger(ledger_file) as ledger:
        receipt = entries.record_event(ledger, "C1", EventKind.RECEIPT, date(2026, 11, 2), 1000, today=today)
        assert changes_of(receipt) == Changes.of(Kind.MONEY, claims=["C1"])
        call = casework.log_contact(ledger, ["C1", "C2"], Channel.PHONE, "電話した", on=today, today=today)
        assert changes_of(call) == Changes.of(Kind.CASEWORK, claims=["C1", "C2"])
        stop = casework.record_decision(ledger, "C2", Decision.COLLECTION_SUSPENSION, approver="課長",
                                        approved_on=today, basis="財産なし", on=today, today=today)
        assert changes_of(stop) == Changes.of(Kind.CASEWORK, Kind.MONEY, claims=["C2"])
        promise = casework.record_promise(ledger, "C1", 5000, date(2026, 12, 15), on=today, today=today)
        assert changes_of(promise) == Changes.of(Kind.CASEWORK, claims=["C1"])
        debtor = entries.add_debtor(ledger, Debtor("D2", "佐藤 花子", "サトウ ハナコ"))
        assert changes_of(debtor) == Changes.of(Kind.DEBTOR, debtors=["D2"])
        claim = entries.add_claim(ledger, Claim("C9", "D2", "区営住宅使用料", 2026, date(2026, 4, 1), 9000,
                                                date(2026, 4, 30)))
        assert changes_of(claim) == Changes.of(Kind.REGISTER, Kind.MONEY, claims=["C9"], debtors=["D2"])
    assert changes_of(None) is EVERYTHING  # nothing known: every page reads again
