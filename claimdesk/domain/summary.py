"""The standard summary ``claimdesk-summary/1`` (docs/exchange-format.md §1).

The summary is computed in two steps so that storage can do the heavy part in SQL:
first each claim is reduced to its `ClaimFigures` for (FY, as-of) — sums of its events
by accounting-year bucket — then `standard_summary` classifies and adds them up.
`claim_figures` is the plain-Python reduction, the reference the SQL must agree with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .claims import Claim, ClaimType, EventKind, MoneyEvent
from .dates import check_as_of
from .money import Yen, collection_rate

SCHEMA = "claimdesk-summary/1"
CATEGORIES = ("current", "carried", "total")
CATEGORY_LABELS = {"current": "現年分", "carried": "滞納繰越分", "total": "合計"}

COLUMNS = (
    "schema", "department_code", "department_name", "fiscal_year", "as_of", "account",
    "budget_section", "claim_type", "legal_nature", "category", "assessed", "collected",
    "written_off", "refund_unpaid", "outstanding", "collection_rate", "delinquent_debtors",
    "target_rate",
)
COLUMN_LABELS = {
    "schema": "様式", "department_code": "所管課コード", "department_name": "所管課名",
    "fiscal_year": "年度", "as_of": "基準日", "account": "会計", "budget_section": "款",
    "claim_type": "債権名", "legal_nature": "債権の種類", "category": "区分",
    "assessed": "調定額", "collected": "収入済額", "written_off": "不納欠損額",
    "refund_unpaid": "還付未済額", "outstanding": "収入未済額", "collection_rate": "収納率（％）",
    "delinquent_debtors": "滞納者数", "target_rate": "目標収納率（％）",
}


@dataclass(frozen=True)
class ClaimFigures:
    """One claim reduced for fiscal year FY as of D (events dated after D left out)."""

    claim_type: str
    debtor_id: str
    fiscal_year: int
    due_date: date
    base: Yen  # the assessed amount, or 0 if assessed after D
    prior: Yen  # net effect on the balance of events accounted to years before FY
    adjusted: Yen  # adjustments accounted to FY
    received: Yen  # receipts accounted to FY
    refunded: Yen  # refunds accounted to FY
    written_off: Yen  # write-offs accounted to FY


def claim_figures(claim: Claim, events: Iterable[MoneyEvent], fiscal_year: int, as_of: date) -> ClaimFigures:
    """Reduce one claim and its events to the sums the summary needs."""
    prior = 0
    fy_sums = {kind: 0 for kind in EventKind}
    for e in events:
        if e.date > as_of:
            continue
        if e.accounting_year < fiscal_year:
            prior += e.effect
        elif e.accounting_year == fiscal_year:
            fy_sums[e.kind] += e.amount
    return ClaimFigures(
        claim_type=claim.claim_type,
        debtor_id=claim.debtor_id,
        fiscal_year=claim.fiscal_year,
        due_date=claim.due_date,
        base=claim.amount if claim.assessed_on <= as_of else 0,
        prior=prior,
        adjusted=fy_sums[EventKind.ADJUSTMENT],
        received=fy_sums[EventKind.RECEIPT],
        refunded=fy_sums[EventKind.REFUND],
        written_off=fy_sums[EventKind.WRITE_OFF],
    )


@dataclass(frozen=True)
class SummaryRow:
    """One row of the standard summary."""

    department_code: str
    department_name: str
    fiscal_year: int
    as_of: date
    account: str
    budget_section: str
    claim_type: str
    legal_nature: str
    category: str
    assessed: Yen
    collected: Yen
    written_off: Yen
    refund_unpaid: Yen
    outstanding: Yen
    delinquent_debtors: int
    target_rate: Decimal | None = None
    schema: str = SCHEMA

    @property
    def collection_rate(self) -> Decimal | None:
        return collection_rate(self.collected, self.assessed)

    def as_record(self) -> dict[str, str]:
        """The row as the CSV writes it: every value as text, rates with one decimal."""
        rate = self.collection_rate
        return {
            "schema": self.schema,
            "department_code": self.department_code,
            "department_name": self.department_name,
            "fiscal_year": str(self.fiscal_year),
            "as_of": self.as_of.isoformat(),
            "account": self.account,
            "budget_section": self.budget_section,
            "claim_type": self.claim_type,
            "legal_nature": self.legal_nature,
            "category": self.category,
            "assessed": str(self.assessed),
            "collected": str(self.collected),
            "written_off": str(self.written_off),
            "refund_unpaid": str(self.refund_unpaid),
            "outstanding": str(self.outstanding),
            "collection_rate": "" if rate is None else f"{rate:.1f}",
            "delinquent_debtors": str(self.delinquent_debtors),
            "target_rate": "" if self.target_rate is None else f"{self.target_rate:.1f}",
        }


class _Tally:
    __slots__ = ("assessed", "collected", "written_off", "outstanding", "refund_unpaid", "debtors")

    def __init__(self) -> None:
        self.assessed = self.collected = self.written_off = 0
        self.outstanding = self.refund_unpaid = 0
        self.debtors: set[str] = set()


def standard_summary(
    *,
    department_code: str,
    department_name: str,
    fiscal_year: int,
    as_of: date,
    claim_types: Iterable[ClaimType],
    figures: Iterable[ClaimFigures],
    targets: Mapping[tuple[str, str], Decimal] | None = None,
) -> list[SummaryRow]:
    """The summary rows for FY as of D: three per claim type, in the contract's order."""
    check_as_of(fiscal_year, as_of)
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for f in figures:
        if f.fiscal_year == fiscal_year:
            category = "current"
            assessed = f.base + f.adjusted
        elif f.fiscal_year < fiscal_year:
            carried_in = f.base + f.prior
            if carried_in <= 0:
                continue  # settled (or overpaid) at the close of FY-1: not carried
            category = "carried"
            assessed = carried_in + f.adjusted
        else:
            continue
        collected = f.received - f.refunded
        balance = assessed - collected - f.written_off
        t = tallies[(f.claim_type, category)]
        t.assessed += assessed
        t.collected += collected
        t.written_off += f.written_off
        if balance > 0:
            t.outstanding += balance
            if f.due_date < as_of:
                t.debtors.add(f.debtor_id)
        else:
            t.refund_unpaid += -balance

    totals = {key: (t.assessed, t.collected, t.written_off, t.refund_unpaid, t.outstanding, len(t.debtors))
              for key, t in tallies.items()}
    return summary_rows(department_code=department_code, department_name=department_name,
                        fiscal_year=fiscal_year, as_of=as_of, claim_types=claim_types, totals=totals,
                        targets=targets)


def summary_rows(
    *,
    department_code: str,
    department_name: str,
    fiscal_year: int,
    as_of: date,
    claim_types: Iterable[ClaimType],
    totals: Mapping[tuple[str, str], tuple[Yen, Yen, Yen, Yen, Yen, int]],
    targets: Mapping[tuple[str, str], Decimal] | None = None,
) -> list[SummaryRow]:
    """The rows from totals per (claim type, category): (assessed, collected, written off,
    refund unpaid, outstanding, delinquent debtors); three per claim type, in the contract's order."""
    targets = targets or {}
    rows: list[SummaryRow] = []
    none = (0, 0, 0, 0, 0, 0)
    for ct in sorted(claim_types, key=lambda c: c.sort_key):
        current = totals.get((ct.name, "current")) or none
        carried = totals.get((ct.name, "carried")) or none
        total = tuple(a + b for a, b in zip(current, carried))
        for category, (assessed, collected, written_off, refund_unpaid, outstanding, debtors) in (
                ("current", current), ("carried", carried), ("total", total)):
            rows.append(SummaryRow(
                department_code=department_code,
                department_name=department_name,
                fiscal_year=fiscal_year,
                as_of=as_of,
                account=ct.account,
                budget_section=ct.budget_section,
                claim_type=ct.name,
                legal_nature=ct.legal_nature.value,
                category=category,
                assessed=assessed,
                collected=collected,
                written_off=written_off,
                refund_unpaid=refund_unpaid,
                outstanding=outstanding,
                delinquent_debtors=debtors,
                target_rate=targets.get((ct.name, category)),
            ))
    return rows
