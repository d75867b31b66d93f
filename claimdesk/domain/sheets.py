"""個票: one claim type's 収納の現況（推移） over five fiscal years, with its target.

The figures are those of the standard summary (docs/exchange-format.md §1), taken once per
fiscal year. An earlier year is shown as closed, i.e. as of the end of its closing period
((FY+1)-05-31), the figures the settled accounts report; the chosen year as of the date
asked for. Should that date fall before an earlier year's closing period has ended (a
sheet of FY taken in April or May), that year is taken at the same date and marked as
not yet closed, so that no sheet shows money received after its own date.

Amounts are shown in 千円, each figure rounded half up by itself as the plan does, so
the parts need not add up to the shown totals; the sheet says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .casefile import ClassCount
from .claims import LegalNature
from .dates import closing_period_end, format_fiscal_year, format_wareki
from .money import thousand_yen
from .summary import CATEGORIES, SummaryRow
from .targets import SheetNotes, TargetSet

YEARS = 5
ROUNDING_NOTE = ("金額は千円単位で、千円未満を四捨五入して表示しています。"
                 "このため、内訳の計と合計が一致しない場合があります。")
FORMULA_NOTE = ("収入未済額＝調定額－（収入済額＋不納欠損額）＋還付未済額。"
                "収納率＝収入済額÷調定額（小数第2位を四捨五入）。"
                "滞納者数の合計は現年分と滞納繰越分の和です（両方にある者は両方に数えます）。")

# (field of SummaryRow, label, unit) in the order of the plan's table
ITEMS = (
    ("assessed", "調定額", "千円"),
    ("collected", "収入済額", "千円"),
    ("written_off", "不納欠損額", "千円"),
    ("outstanding", "収入未済額", "千円"),
    ("collection_rate", "収納率", "％"),
    ("target_rate", "目標収納率", "％"),
    ("delinquent_debtors", "滞納者数", "人"),
)
AMOUNT_ITEMS = ("assessed", "collected", "written_off", "outstanding")


@dataclass(frozen=True)
class Period:
    """The date one fiscal year of the sheet is taken at, and whether its books are closed."""

    fiscal_year: int
    as_of: date

    @property
    def closed(self) -> bool:
        return self.as_of >= closing_period_end(self.fiscal_year)


def periods(fiscal_year: int, as_of: date, years: int = YEARS) -> list[Period]:
    """The fiscal years of a sheet of FY as of D, oldest first (see the module's note)."""
    earlier = [Period(fy, min(closing_period_end(fy), as_of)) for fy in range(fiscal_year - years + 1, fiscal_year)]
    return [*earlier, Period(fiscal_year, as_of)]


@dataclass(frozen=True)
class TrendLine:
    """One line of the trend table: an item of one category over the years."""

    category: str
    item: str
    label: str
    unit: str
    values: tuple[int | Decimal | None, ...]  # per year: int (千円 or persons), or Decimal/None (rates)


@dataclass(frozen=True)
class ClaimTypeSheet:
    """Everything one 個票 shows."""

    claim_type: str
    account: str
    budget_section: str
    legal_nature: str
    department_name: str
    periods: tuple[Period, ...]
    rows: tuple[Mapping[str, SummaryRow], ...]  # per period: category → row
    target: TargetSet = field(default_factory=lambda: TargetSet("", 0))
    notes: SheetNotes | None = None  # 収納状況の説明, 取組みの検証, expected amounts
    classes: tuple[ClassCount, ...] = ()  # open claims and yen per case class on the sheet's date

    @property
    def fiscal_year(self) -> int:
        return self.periods[-1].fiscal_year

    @property
    def as_of(self) -> date:
        return self.periods[-1].as_of

    @property
    def nature_label(self) -> str:
        return LegalNature(self.legal_nature).label

    def latest(self, category: str) -> SummaryRow:
        return self.rows[-1][category]

    def rates(self, category: str) -> list[Decimal | None]:
        """The collection rate of `category` in each year, oldest first."""
        return [year[category].collection_rate for year in self.rows]


def build_sheets(
    periods_: Sequence[Period],
    summaries: Sequence[Sequence[SummaryRow]],
    targets: Mapping[str, TargetSet] | None = None,
    notes: Mapping[str, SheetNotes] | None = None,
    classes: Mapping[str, tuple[ClassCount, ...]] | None = None,
) -> list[ClaimTypeSheet]:
    """One sheet per claim type of the last summary, from the summaries of `periods_`."""
    if len(periods_) != len(summaries) or not periods_:
        raise ValueError("one summary per period is needed")
    by_year = [{(r.claim_type, r.category): r for r in rows} for rows in summaries]
    targets = targets or {}
    sheets = []
    for head in summaries[-1]:
        if head.category != "current":
            continue
        name = head.claim_type
        rows = tuple(
            {c: year.get((name, c)) or _zero(head, p, c) for c in CATEGORIES}
            for p, year in zip(periods_, by_year)
        )
        sheets.append(ClaimTypeSheet(
            claim_type=name, account=head.account, budget_section=head.budget_section,
            legal_nature=head.legal_nature, department_name=head.department_name,
            periods=tuple(periods_), rows=rows,
            target=targets.get(name) or TargetSet(name, periods_[-1].fiscal_year),
            notes=(notes or {}).get(name), classes=(classes or {}).get(name, ()),
        ))
    return sheets


def _zero(like: SummaryRow, period: Period, category: str) -> SummaryRow:
    """A claim type added after an earlier year: nothing to show there (rare; the ledger lists every type)."""
    return SummaryRow(like.department_code, like.department_name, period.fiscal_year, period.as_of,
                      like.account, like.budget_section, like.claim_type, like.legal_nature, category,
                      0, 0, 0, 0, 0, 0)


def trend_lines(sheet: ClaimTypeSheet) -> list[TrendLine]:
    """The trend table: per category, each item over the years (amounts in 千円)."""
    lines = []
    for category in CATEGORIES:
        for item, label, unit in ITEMS:
            values = []
            for year in sheet.rows:
                row = year[category]
                value = getattr(row, item)
                values.append(thousand_yen(value) if item in AMOUNT_ITEMS else value)
            lines.append(TrendLine(category, item, label, unit, tuple(values)))
    return lines


def period_note(periods_: Sequence[Period]) -> str:
    """Which date each year of the sheet is taken at, in words for the sheet."""
    earlier, last = list(periods_[:-1]), periods_[-1]
    closed = [p for p in earlier if p.closed]
    parts = []
    if closed:
        span = _span(closed)
        parts.append(f"{span}は出納整理期間の終了日（翌年度の5月31日）現在の確定値")
    for p in earlier:
        if not p.closed:
            parts.append(f"{format_fiscal_year(p.fiscal_year)}は{format_wareki(p.as_of)}現在（出納整理期間中）の数値")
    state = "の確定値" if last.closed else "の数値"
    parts.append(f"{format_fiscal_year(last.fiscal_year)}は{format_wareki(last.as_of)}現在{state}")
    return "、".join(parts) + "です。"


def _span(ps: Sequence[Period]) -> str:
    first, last = ps[0].fiscal_year, ps[-1].fiscal_year
    if first == last:
        return format_fiscal_year(first)
    return f"{format_fiscal_year(first)}〜{format_fiscal_year(last)}"
