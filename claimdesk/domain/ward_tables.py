"""The ward-wide tables of the plan document, from the checked department summaries.

Everything is summed in exact yen from the departments' rows; rates are recomputed from
the summed amounts (never averaged), and 滞納者数 are summed as the plan counts them (a
debtor of two departments counts in both). The 千円 view rounds each shown figure half
up on its own, totals included, so its parts need not add up; the tables say so.

With files of two fiscal years, the tables of 収入未済額 get a column per year (the
plan's comparison with the year before) and the rates a table per year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import partial
from operator import eq

from .aggregate import SummaryFile
from .budget_order import DEFAULT_ORDER, in_budget_order, ranked
from .dates import format_fiscal_year, format_wareki
from .money import collection_rate, format_amount, thousand_yen
from .summary import CATEGORIES, SummaryRow

ROUNDING_NOTE = "千円未満を四捨五入して表示しているため、内訳の計と合計が一致しない場合があります。"
DEBTORS_NOTE = "滞納者数は各課・各債権の人数の和です（複数の債権・区分にある者はそれぞれに数えます）。"


@dataclass(frozen=True)
class Figures:
    """The amounts of the standard summary, summed."""

    assessed: int = 0
    collected: int = 0
    written_off: int = 0
    refund_unpaid: int = 0
    outstanding: int = 0
    delinquent_debtors: int = 0

    @classmethod
    def of(cls, row: SummaryRow) -> Figures:
        return cls(row.assessed, row.collected, row.written_off, row.refund_unpaid, row.outstanding,
                   row.delinquent_debtors)

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(self.values(), other.values())))

    def values(self) -> tuple[int, ...]:
        return (self.assessed, self.collected, self.written_off, self.refund_unpaid, self.outstanding,
                self.delinquent_debtors)

    @property
    def collection_rate(self) -> Decimal | None:
        return collection_rate(self.collected, self.assessed)


def total(rows: Iterable[SummaryRow]) -> Figures:
    """The sum of `rows`' figures."""
    return sum((Figures.of(r) for r in rows), Figures())


@dataclass(frozen=True)
class Aggregate:
    """The checked files, merged: every department's rows, per fiscal year."""

    files: tuple[SummaryFile, ...]
    order: tuple[str, ...] = DEFAULT_ORDER  # the budget order of 会計, 款, 債権名 (budget_order.py)

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return tuple(sorted({f.fiscal_year for f in self.files}))

    def as_of(self, fiscal_year: int) -> date:
        return next(f.as_of for f in self.files if f.fiscal_year == fiscal_year)

    def rows(self, fiscal_year: int, category: str | None = None) -> list[SummaryRow]:
        """Every department's rows of the year (of one category, if given), in department order."""
        files = sorted((f for f in self.files if f.fiscal_year == fiscal_year), key=lambda f: f.department_code)
        return [r for f in files for r in f.rows if category is None or r.category == category]

    def period(self, fiscal_year: int) -> str:
        """'令和8年度（令和8年9月30日現在）'."""
        return f"{format_fiscal_year(fiscal_year)}（{format_wareki(self.as_of(fiscal_year))}現在）"


def merge(files: Sequence[SummaryFile], order: Sequence[str] = DEFAULT_ORDER) -> Aggregate:
    """The aggregate of files that passed `aggregate.validate`, its tables in budget `order`."""
    if not files:
        raise ValueError("no files to merge")
    return Aggregate(tuple(files), tuple(order))


# --- tables --------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text, yen, rate, count


@dataclass(frozen=True)
class TableRow:
    cells: tuple[object, ...]
    style: str = ""  # "", "subtotal" or "total"


@dataclass(frozen=True)
class WardTable:
    """A table as the outputs show it: yen columns hold int yen (or 千円 once converted)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    unit: str = "円"
    notes: tuple[str, ...] = field(default_factory=tuple)


def unit_text(table: WardTable) -> str:
    """'（単位：千円、％、人）' naming only the units the table uses."""
    kinds = {c.kind for c in table.columns}
    units = [u for k, u in (("yen", table.unit), ("rate", "％"), ("count", "人")) if k in kinds]
    return f"（単位：{'、'.join(units)}）" if units else ""


def format_cell(value: object, kind: str) -> str:
    """A cell as text: amounts with separators, rates with one decimal, '－' for none."""
    if value is None:
        return "－"
    if kind in ("yen", "count") and isinstance(value, int):
        return format_amount(value)
    if kind == "rate":
        return f"{value:.1f}"
    return str(value)


def in_thousand_yen(table: WardTable) -> WardTable:
    """The same table with every yen figure in 千円, rounded half up, and the plan's note."""
    yen = [c.kind == "yen" for c in table.columns]
    rows = tuple(TableRow(tuple(thousand_yen(v) if is_yen and isinstance(v, int) else v
                                for v, is_yen in zip(r.cells, yen)), r.style) for r in table.rows)
    return replace(table, key=table.key + "_k", rows=rows, unit="千円", notes=(ROUNDING_NOTE, *table.notes))


def _by(rows: Iterable[SummaryRow], key: Callable[[SummaryRow], tuple[str, ...]]) -> dict[tuple[str, ...], Figures]:
    sums: dict[tuple[str, ...], Figures] = defaultdict(Figures)
    for r in rows:
        sums[key(r)] = sums[key(r)] + Figures.of(r)
    return sums


def outstanding_by_account(agg: Aggregate) -> WardTable:
    """収入未済額 by 会計, a column per fiscal year (and the change, with two years)."""
    years = agg.fiscal_years
    per_year = {fy: _by(agg.rows(fy, "total"), lambda r: (r.account,)) for fy in years}
    accounts = [(a,) for a in ranked((k[0] for sums in per_year.values() for k in sums), agg.order)]
    columns = [Column("会計")] + [Column(f"{format_fiscal_year(fy)}\n（{format_wareki(agg.as_of(fy))}現在）", "yen")
                                for fy in years]
    if len(years) == 2:
        columns.append(Column("増減", "yen"))

    def cells(label: str, values: list[int | None]) -> tuple[object, ...]:
        known = [v or 0 for v in values]
        return (label, *values, *([known[1] - known[0]] if len(years) == 2 else []))

    rows = [TableRow(cells(a[0], [per_year[fy][a].outstanding if a in per_year[fy] else None for fy in years]))
            for a in accounts]
    rows.append(TableRow(cells("合計", [sum(f.outstanding for f in per_year[fy].values()) for fy in years]), "total"))
    return WardTable("by_account", "会計別 収入未済額", tuple(columns), tuple(rows))


def outstanding_by_claim_type(agg: Aggregate) -> WardTable:
    """収入未済額 by 会計 / 款 / 債権名 (現年分, 滞納繰越分, 計 per year), 会計 subtotals, a grand total."""
    years = agg.fiscal_years
    sums = {(fy, c): _by(agg.rows(fy, c), lambda r: (r.account, r.budget_section, r.claim_type))
            for fy in years for c in CATEGORIES}
    departments: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for fy in years:
        for r in agg.rows(fy, "total"):
            departments[(r.account, r.budget_section, r.claim_type)].add(r.department_name)
    keys = in_budget_order(departments, lambda k: k, agg.order)
    columns = [Column("会計"), Column("款"), Column("債権名"), Column("所管課")]
    short = {"current": "現年分", "carried": "滞納繰越分", "total": "計"}
    for fy in years:
        columns += [Column(f"{format_fiscal_year(fy)}\n{short[c]}", "yen") for c in CATEGORIES]

    def amounts(selected: Callable[[tuple[str, ...]], bool]) -> list[int | None]:
        out = []
        for fy in years:
            for c in CATEGORIES:
                found = [f.outstanding for k, f in sums[(fy, c)].items() if selected(k)]
                out.append(sum(found) if found else None)
        return out

    rows = []
    for account in dict.fromkeys(k[0] for k in keys):
        for key in (k for k in keys if k[0] == account):
            rows.append(TableRow((*key, "、".join(sorted(departments[key])), *amounts(partial(eq, key)))))
        rows.append(TableRow((f"{account} 計", "", "", "", *amounts(_in_account(account))), "subtotal"))
    rows.append(TableRow(("総計", "", "", "", *amounts(lambda k: True)), "total"))
    title = "会計・款・債権名別 収入未済額"
    notes = () if len(years) == 1 else (f"{agg.period(years[0])}と{agg.period(years[1])}の比較。",)
    return WardTable("by_claim_type", title, tuple(columns), tuple(rows), notes=notes)


def _in_account(account: str) -> Callable[[tuple[str, ...]], bool]:
    return lambda key: key[0] == account


def rates_by_department(agg: Aggregate, fiscal_year: int) -> WardTable:
    """収納率 by 所管課 and 債権名, with the targets, 所管課 totals and the ward's total."""
    columns = [Column("所管課"), Column("債権名")]
    for label in ("現年分", "滞納繰越分", "合計"):
        columns += [Column(f"{label}\n収納率（％）", "rate"), Column(f"{label}\n目標（％）", "rate")]
    columns += [Column("調定額\n（合計）", "yen"), Column("収入済額\n（合計）", "yen"), Column("滞納者数\n（合計）", "count")]
    rows: list[TableRow] = []
    by_dept: dict[tuple[str, str], list[SummaryRow]] = defaultdict(list)
    for r in agg.rows(fiscal_year):
        by_dept[(r.department_code, r.department_name)].append(r)

    def line(label: tuple[str, ...], rows_: list[SummaryRow], with_targets: bool, style: str = "") -> TableRow:
        cells: list[object] = [*label]
        for c in CATEGORIES:
            part = [r for r in rows_ if r.category == c]
            cells.append(total(part).collection_rate)
            cells.append(part[0].target_rate if with_targets and len(part) == 1 else None)
        t = total(r for r in rows_ if r.category == "total")
        return TableRow((*cells, t.assessed, t.collected, t.delinquent_debtors), style)

    for (_code, name), dept_rows in by_dept.items():
        claim_types = [r.claim_type for r in in_budget_order(
            (r for r in dept_rows if r.category == "total"),
            lambda r: (r.account, r.budget_section, r.claim_type), agg.order)]
        for ct in claim_types:
            rows.append(line((name, ct), [r for r in dept_rows if r.claim_type == ct], True))
        rows.append(line((name, "所管課計"), dept_rows, False, "subtotal"))
    rows.append(line(("区全体", ""), agg.rows(fiscal_year), False, "total"))
    return WardTable(f"rates_{fiscal_year}", f"所管課・債権名別 収納率　{agg.period(fiscal_year)}", tuple(columns),
                     tuple(rows), notes=("収納率は調定額と収入済額の合計から計算しています（各率の平均ではありません）。",
                                         DEBTORS_NOTE))


def ward_tables(agg: Aggregate) -> list[WardTable]:
    """Every table of the aggregate, in yen: 会計別, 債権名別, then the rates of each year."""
    return [outstanding_by_account(agg), outstanding_by_claim_type(agg),
            *(rates_by_department(agg, fy) for fy in reversed(agg.fiscal_years))]
