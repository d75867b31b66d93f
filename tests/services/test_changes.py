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
