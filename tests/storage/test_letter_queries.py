"""The overdue claims letters start from: the SQL agrees with balance_on, claim by claim."""

from datetime import date

import pytest

from claimdesk.domain.claims import balance_on
from claimdesk.services.demo import fill_demo
from claimdesk.storage.ledger import Ledger


@pytest.fixture(scope="module")
def demo():
    led = Ledger.memory()
    fill_demo(led, "small", today=date(2026, 11, 30))
    return led


@pytest.mark.parametrize("as_of", [date(2023, 3, 31), date(2024, 5, 31), date(2026, 11, 30)])
def test_overdue_claims_match_the_domain_balance(demo, as_of):
    expected = {}
    for c in demo.claims():
        owed = balance_on(c, demo.events(c.claim_id), as_of).owed
        if c.due_date < as_of and owed > 0:
            expected[c.claim_id] = (c.due_date, owed, bool(demo.guarantors(c.claim_id)))
    found = {o.claim_id: (o.due_date, o.owed, o.has_guarantor) for o in demo.letters.overdue_claims(as_of)}
    assert found == expected and found
