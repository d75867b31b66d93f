"""The aggregate as data (`claimdesk-aggregate/1`): the summary's figures summed at each level.

A script should not have to re-add the ward tables from a printed page, so the CSV the
aggregator writes holds the sums behind every table, in exact yen, one row per fiscal
year, level, key and category. Every row keeps the summary's identities (the sums are
linear; rates are recomputed from the summed amounts). README.md describes the format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .summary import CATEGORIES, SummaryRow
from .ward_tables import Aggregate, Figures, total

SCHEMA = "claimdesk-aggregate/1"
COLUMNS = (
    "schema", "fiscal_year", "as_of", "level", "account", "budget_section", "claim_type", "legal_nature",
    "department_code", "department_name", "category", "assessed", "collected", "written_off",
    "refund_unpaid", "outstanding", "collection_rate", "delinquent_debtors", "target_rate",
)
_KEYS = ("account", "budget_section", "claim_type", "legal_nature", "department_code", "department_name")


def _key(*names: str) -> Callable[[SummaryRow], dict[str, str]]:
    return lambda r: {n: getattr(r, n) for n in names}


# level → the key columns it is summed by; in the order the file lists them
LEVELS: dict[str, Callable[[SummaryRow], dict[str, str]]] = {
    "ward": _key(),
    "account": _key("account"),
    "budget_section": _key("account", "budget_section"),
    "claim_type": _key("account", "budget_section", "claim_type"),
    "department": _key("department_code", "department_name"),
    "department_claim_type": _key("department_code", "department_name", "account", "budget_section",
                                  "claim_type", "legal_nature"),
}


@dataclass(frozen=True)
class LevelRow:
    """The figures of one key at one level, for one category of one fiscal year."""

    fiscal_year: int
    as_of: date
    level: str
    key: tuple[tuple[str, str], ...]  # (column, value) of the level's key columns
    category: str
    figures: Figures
    target_rate: Decimal | None = None

    def as_record(self) -> dict[str, str]:
        """The row as the CSV writes it."""
        rate, f, keys = self.figures.collection_rate, self.figures, dict(self.key)
        return {
            "schema": SCHEMA, "fiscal_year": str(self.fiscal_year), "as_of": self.as_of.isoformat(),
            "level": self.level, **{k: keys.get(k, "") for k in _KEYS}, "category": self.category,
            "assessed": str(f.assessed), "collected": str(f.collected), "written_off": str(f.written_off),
            "refund_unpaid": str(f.refund_unpaid), "outstanding": str(f.outstanding),
            "collection_rate": "" if rate is None else f"{rate:.1f}",
            "delinquent_debtors": str(f.delinquent_debtors),
            "target_rate": "" if self.target_rate is None else f"{self.target_rate:.1f}",
        }


def level_rows(agg: Aggregate) -> list[LevelRow]:
    """Every level's sums, fiscal years oldest first, levels as in LEVELS, keys sorted."""
    out = []
    for fy in agg.fiscal_years:
        rows, as_of = agg.rows(fy), agg.as_of(fy)
        for level, key_of in LEVELS.items():
            groups: dict[tuple[tuple[str, str], ...], list[SummaryRow]] = {}
            for r in rows:
                groups.setdefault(tuple(key_of(r).items()), []).append(r)
            for key in sorted(groups):
                for category in CATEGORIES:
                    part = [r for r in groups[key] if r.category == category]
                    # A target belongs to one department's claim type; sums have none.
                    target = part[0].target_rate if level == "department_claim_type" else None
                    out.append(LevelRow(fy, as_of, level, key, category, total(part), target))
    return out
