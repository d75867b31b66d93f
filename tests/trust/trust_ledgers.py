"""A ledger file with one department, claim type, debtor and claim, as the trust tests need."""

from datetime import date

from claimdesk.domain.claims import Claim, ClaimType, Debtor, LegalNature
from claimdesk.services.department import set_department
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")


def one_claim_ledger(path, *, department="住宅課", claim_type=RENT, assessed_on=date(2026, 4, 1)) -> Ledger:
    """An open ledger at `path` holding claim A (12,000円, FY2026) of debtor D1; close it."""
    led = Ledger.open(path)
    set_department(led, "K01", department)
    led.add_claim_type(claim_type)
    led.save_debtor(Debtor("D1", "山田 太郎"))
    led.add_claim(Claim("A", "D1", claim_type.name, 2026, assessed_on, 12000, date(2026, assessed_on.month, 30)))
    return led
