"""目標収納率: the target collection rate of a claim type, per fiscal year and category.

The plan demands that every target state its basis (根拠) in words, and the actions
planned to reach it (docs/domain.md §10). A department sets, per claim type and fiscal year,
up to three rates (現年分, 滞納繰越分, 合計) under one basis and one set of actions; the
ledger keeps one entry per category, append-only, the newest entry in force. An entry
without a rate withdraws the target of its category (a rate entered by mistake).

Rates are percent with one decimal, as `Decimal`; the ledger keeps them as integer
tenths of a percent, so no float ever touches a rate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .errors import REASONS, Refusal
from .summary import CATEGORIES, CATEGORY_LABELS

MAX_BASIS = 2000  # characters: a few paragraphs; the 個票 has room for no more
MAX_ACTIONS = 2000
_RATE = re.compile(r"\d{1,3}(\.\d)?")

REASONS.update({
    "rate_type": "目標収納率は文字列または Decimal で指定してください",
    "rate_range": "目標収納率は0.0〜100.0の範囲で、小数第1位まで入力してください（{value}）",
    "rate_not_number": "目標収納率を数値で入力してください（{value}）",
    "rate_over_100": "目標収納率は100.0以下で入力してください（{value}）",
    "unknown_category": "区分が正しくありません（{categories}）",
    "too_long_named": "{label}は{limit}文字以内で入力してください",
    "too_long": "{limit}文字以内で入力してください",
    "basis_required": "目標収納率の根拠を入力してください（重点プランでは根拠の明示が必要です）",
    "amount_not_negative_yen": "金額は0円以上の整数で入力してください",
})


@dataclass(frozen=True)
class Target:
    """One entry: the target rate of (claim type, fiscal year, category); rate None withdraws it."""

    claim_type: str
    fiscal_year: int
    category: str
    rate: Decimal | None
    basis: str
    actions: str = ""
    entered_by: str = ""
    entered_at: str = ""


@dataclass(frozen=True)
class TargetSet:
    """What a department states for one claim type and fiscal year: rates, basis, actions."""

    claim_type: str
    fiscal_year: int
    rates: Mapping[str, Decimal] = field(default_factory=dict)  # only categories with a target
    basis: str = ""
    actions: str = ""
    entered_by: str = ""
    entered_at: str = ""

    def rate(self, category: str) -> Decimal | None:
        return self.rates.get(category)

    @property
    def is_set(self) -> bool:
        return bool(self.rates)


def parse_rate(value: str | int | Decimal | None, field_name: str = "rate") -> Decimal | None:
    """Read a rate in percent as a clerk types it ('95.5', '９５．５％'); empty → None.

    More than one decimal is refused rather than rounded: a target is a decision, and a
    silently changed decision is a wrong one.
    """
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise Refusal(field_name, "rate_type")
    if isinstance(value, Decimal):
        try:
            exact = value.is_finite() and value == value.quantize(Decimal("0.1"))
        except InvalidOperation:  # too many digits to quantize: far out of range anyway
            exact = False
        if not exact:
            raise Refusal(field_name, "rate_range", value=value)
        text = f"{value:.1f}"
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("%").strip()
    if text == "":
        return None
    if not _RATE.fullmatch(text):
        try:
            Decimal(text)
        except InvalidOperation:
            raise Refusal(field_name, "rate_not_number", value=value) from None
        raise Refusal(field_name, "rate_range", value=value)
    rate = Decimal(text).quantize(Decimal("0.1"))
    if rate > 100:
        raise Refusal(field_name, "rate_over_100", value=value)
    return rate


def rate_to_tenths(rate: Decimal) -> int:
    """95.5 → 955, as the ledger stores it."""
    return int(rate * 10)


def tenths_to_rate(tenths: int) -> Decimal:
    """955 → Decimal('95.5')."""
    return (Decimal(tenths) / 10).quantize(Decimal("0.1"))


def format_rate(rate: Decimal | None, none: str = "") -> str:
    """Decimal('95.5') → '95.5'; None → `none`."""
    return none if rate is None else f"{rate:.1f}"


def changes(
    claim_type: str,
    fiscal_year: int,
    in_force: Mapping[str, Target],
    rates: Mapping[str, str | Decimal | None],
    basis: str,
    actions: str = "",
) -> list[Target]:
    """The entries to append so that `rates`, `basis` and `actions` are in force.

    `in_force` holds the newest entry per category (withdrawn ones included). Only what
    differs is written; clearing a rate that was set withdraws it. The basis is required
    whenever anything is written: a withdrawal, too, must say why.
    """
    basis, actions = (basis or "").strip(), (actions or "").strip()
    unknown = set(rates) - set(CATEGORIES)
    if unknown:
        raise Refusal("category", "unknown_category", categories=", ".join(sorted(unknown)))
    if len(basis) > MAX_BASIS:
        raise Refusal("basis", "too_long_named", label="根拠", limit=MAX_BASIS)
    if len(actions) > MAX_ACTIONS:
        raise Refusal("actions", "too_long_named", label="取組内容", limit=MAX_ACTIONS)
    wanted = {c: parse_rate(rates.get(c), c) for c in CATEGORIES}
    entries = []
    for category in CATEGORIES:
        rate, old = wanted[category], in_force.get(category)
        if old is None or old.rate is None:
            if rate is None:
                continue  # no target before, none now
        elif (old.rate, old.basis, old.actions) == (rate, basis, actions):
            continue
        entries.append(Target(claim_type, fiscal_year, category, rate, basis, actions))
    if entries and not basis:
        raise Refusal("basis", "basis_required")
    return entries


def target_set(claim_type: str, fiscal_year: int, entries: Iterable[Target]) -> TargetSet:
    """The set in force for one claim type from its newest entry per category."""
    live = sorted((e for e in entries if e.rate is not None), key=lambda e: CATEGORIES.index(e.category))
    if not live:
        return TargetSet(claim_type, fiscal_year)
    newest = max(live, key=lambda e: e.entered_at)
    return TargetSet(
        claim_type,
        fiscal_year,
        {e.category: e.rate for e in live if e.rate is not None},
        _joined(live, "basis"),
        _joined(live, "actions"),
        newest.entered_by,
        newest.entered_at,
    )


def _joined(entries: list[Target], name: str) -> str:
    """One text when the categories share it (as `changes` writes them), else each labelled."""
    texts = {getattr(e, name) for e in entries}
    if len(texts) <= 1:
        return texts.pop() if texts else ""
    return "\n".join(f"{CATEGORY_LABELS[e.category]}: {getattr(e, name)}" for e in entries if getattr(e, name))


@dataclass(frozen=True)
class SheetNotes:
    """What the plan's 個票 says in words beside the figures, per claim type and fiscal year.

    収納状況に関する説明 for 現年分 and 滞納繰越分, 滞納整理に関する取組みの検証 (how the last
    plan's actions worked), and the target's expected 収入額 and 収入未済額 per category
    (int yen; None where not stated). The newest entry is in force, like the targets.
    """

    claim_type: str
    fiscal_year: int
    explanation_current: str = ""
    explanation_carried: str = ""
    review: str = ""
    expected_collected: Mapping[str, int] = field(default_factory=dict)
    expected_outstanding: Mapping[str, int] = field(default_factory=dict)
    entered_by: str = ""
    entered_at: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.explanation_current or self.explanation_carried or self.review
                    or self.expected_collected or self.expected_outstanding)


MAX_NOTE = 2000


def sheet_notes(claim_type: str, fiscal_year: int, *, explanation_current: str = "", explanation_carried: str = "",
                review: str = "", expected_collected: Mapping[str, int | None] | None = None,
                expected_outstanding: Mapping[str, int | None] | None = None) -> SheetNotes:
    """Checked notes: texts of at most MAX_NOTE characters, amounts whole yen of 0 or more."""
    texts = {"explanation_current": explanation_current, "explanation_carried": explanation_carried,
             "review": review}
    for name, text in texts.items():
        if len((text or "").strip()) > MAX_NOTE:
            raise Refusal(name, "too_long", limit=MAX_NOTE)
    amounts = {}
    for name, given in (("expected_collected", expected_collected), ("expected_outstanding", expected_outstanding)):
        kept = {}
        for category, value in (given or {}).items():
            if category not in CATEGORIES:
                raise Refusal(name, "unknown_category", categories=category)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise Refusal(f"{name}_{category}", "amount_not_negative_yen")
            kept[category] = value
        amounts[name] = kept
    return SheetNotes(claim_type, fiscal_year, (explanation_current or "").strip(),
                      (explanation_carried or "").strip(), (review or "").strip(),
                      amounts["expected_collected"], amounts["expected_outstanding"])
