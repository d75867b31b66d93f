"""The bulk assessment (本日の作業, case classes) gives each claim what it gets assessed alone."""

from datetime import date

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, Guarantor, LegalNature
from claimdesk.services import casework as cw
from claimdesk.services import entries
from claimdesk.services.case_loader import load_cases
from claimdesk.services.casework_settings import casework_settings, set_casework_setting
from claimdesk.services.procedures import load_procedures
from claimdesk.storage.ledger import Ledger

WELFARE = ClaimType("生活保護費返還金", LegalNature.PUBLIC, "一般会計", "諸収入")
CHILD = ClaimType("児童手当等返還金", LegalNature.PUBLIC, "一般会計", "諸収入")
RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
TODAY = date(2026, 6, 1)
DUE = date(2021, 6, 30)  # five years before 2026-06-30: the limitation is near


def test_claims_alike_but_for_what_the_rules_read_are_each_assessed_as_alone(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3", operator="佐藤") as led:
        for t in (WELFARE, CHILD, RENT):
            entries.add_claim_type(led, t)
        set_casework_setting(led, "limitation.years_by_claim_type", {CHILD.name: 10})
        entries.add_debtor(led, Debtor("D1", "山田 太郎"))
        # W and V: alike, nothing logged (they share one work-out); each other claim differs
        # from them in one thing the state depends on
        claims = {"W": WELFARE, "V": WELFARE, "G": WELFARE, "C": CHILD, "R": RENT, "K": WELFARE}
        for claim_id, kind in claims.items():
            entries.add_claim(led, Claim(claim_id, "D1", kind.name, 2021, date(2021, 6, 1), 80000, DUE))
        entries.add_claim(led, Claim("L", "D1", WELFARE.name, 2021, date(2021, 6, 1), 80000, date(2021, 7, 30)))
        cw.add_liable_party(led, "G", Guarantor("G", "山田 花子"))  # someone else is liable
        entries.record_event(led, "K", EventKind.RECEIPT, date(2025, 1, 10), 1000)  # a part payment
        settings, procedures = casework_settings(led), load_procedures(led)
        bulk = {c.line.claim_id: c for c in load_cases(led, TODAY, settings, procedures)}
        assert set(bulk) == {*claims, "L"}
        for claim_id, case in bulk.items():
            (alone,) = load_cases(led, TODAY, settings, procedures, claim_ids=[claim_id])
            assert (case.line, case.state, case.history) == (alone.line, alone.state, alone.history), claim_id
        assert bulk["W"].state is bulk["V"].state  # shared
        assert bulk["G"].state.has_liable_parties and not bulk["W"].state.has_liable_parties
        near = bulk["W"].state.limitation.limitation_date
        assert bulk["C"].state.limitation.limitation_date > near and bulk["K"].state.limitation.limitation_date > near
        assert bulk["L"].state.limitation.limitation_date > near
        assert bulk["R"].state.procedure is not bulk["W"].state.procedure
