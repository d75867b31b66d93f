"""過誤納金 on 本日の作業: found through m017's partial index, the same claims as a full pass."""

from datetime import date

import pytest
from plain_sql import plain

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, MoneyEvent
from claimdesk.storage.ledger import Ledger

FEE = ClaimType("保育所保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")


def receipt(claim, on, amount, year=2026):
    return MoneyEvent(claim, EventKind.RECEIPT, on, amount, year, method="窓口")


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite3") as led:
        led.add_claim_type(FEE)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        led.add_claims([
            Claim("PAID", "D1", FEE.name, 2026, date(2026, 4, 1), 10000, date(2026, 4, 30)),
            Claim("OVER", "D1", FEE.name, 2026, date(2026, 4, 1), 10000, date(2026, 4, 30)),
            Claim("AHEAD", "D1", FEE.name, 2026, date(2026, 12, 20), 10000, date(2027, 1, 10)),  # assessed later
            Claim("OPEN", "D1", FEE.name, 2026, date(2026, 4, 1), 10000, date(2026, 4, 30)),
        ])
        for e in (receipt("PAID", date(2026, 4, 20), 10000), receipt("OVER", date(2026, 4, 20), 12000),
                  receipt("AHEAD", date(2026, 12, 1), 3000), receipt("OPEN", date(2026, 4, 20), 4000)):
            led.add_event(e)
        yield led


def _full_pass(led, day):
    """The same look-up without the index: every claim's balance on the day."""
    rows = plain(led).execute(
        "SELECT claim_id FROM claims WHERE (CASE WHEN assessed_on <= ? THEN amount ELSE 0 END)"
        " + adjusted - collected - written_off < 0 ORDER BY claim_id", [day.isoformat()]).fetchall()
    return [r[0] for r in rows]


def test_overpaid_claims_assessed_or_not_yet_are_found_as_a_full_pass_finds_them(led):
    day = date(2026, 12, 3)
    found = [o.claim_id for o in led.worklist.overpaid_claims(day)]
    assert found == _full_pass(led, day) == ["AHEAD", "OVER"]
    assert [o.balance for o in led.worklist.overpaid_claims(day)] == [-3000, -2000]
    # Once AHEAD is assessed (12-20) its 3,000 is a part payment: no longer overpaid.
    assert [o.claim_id for o in led.worklist.overpaid_claims(date(2026, 12, 20))] == ["OVER"]


def test_the_look_up_goes_through_the_partial_index():
    from claimdesk.storage.migrations.m017_overpaid import OVERPAID
    from claimdesk.storage.worklist import _MAY_BE_OVERPAID

    assert OVERPAID in _MAY_BE_OVERPAID  # the same text, or SQLite would not use the index


def test_sqlite_plans_the_look_up_with_the_index(led):
    from claimdesk.storage.worklist import _MAY_BE_OVERPAID

    plan = " ".join(str(r) for r in plain(led).execute(
        f"EXPLAIN QUERY PLAN SELECT claim_id FROM claims c WHERE {_MAY_BE_OVERPAID}", {"today": "2026-12-03"}))
    assert "claims_overpaid" in plan and "claims_due" in plan
