"""Late charges (docs/domain.md §5): 延滞金 on public claims, 遅延損害金 on private ones.

The rates and rounding come in as data (`PublicChargeRules`, `PrivateChargeRules`), read
from the settings, because each ordinance and each year's 特例基準割合 sets them. Amounts
are computed exactly (`Fraction`) and cut to whole yen only where the rules say so.

Over time the principal changes: a receipt lowers it from the day after it is paid (the
day of payment still counts, 地方税法: 納付の日まで); an increase by 調定増減 counts from
its date, a reduction from the start (it corrects an amount that was never owed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .claims import Claim, EventKind, LegalNature, MoneyEvent
from .money import Yen
from .periods import period_end
from .text import Phrase


@dataclass(frozen=True)
class YearRates:
    """The special rates (特例) of one calendar year, percent a year."""

    year: int
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class PublicChargeRules:
    """延滞金: two rates switching `switch_months` after the due date, tax-style rounding."""

    base_low: Decimal = Decimal("7.3")  # 本則
    base_high: Decimal = Decimal("14.6")
    special: tuple[YearRates, ...] = ()
    switch_months: int = 1
    days_per_year: int = 365  # even in leap years
    principal_unit: Yen = 1000  # the base is cut to this unit …
    principal_minimum: Yen = 2000  # … and below this there is no charge
    total_unit: Yen = 100
    total_minimum: Yen = 1000
    principal_first: bool = True

    def rates(self, year: int) -> tuple[Decimal, Decimal, bool]:
        """(low, high, known?) for a calendar year: the special rates, or 本則.

        A year before the table begins is 本則 as the law had it (the 特例 began in
        平成12年); a year missing inside or after the table is not known: 本則 is used
        and the caller says so.
        """
        for r in self.special:
            if r.year == year:
                return r.low, r.high, True
        first = min((r.year for r in self.special), default=None)
        return self.base_low, self.base_high, first is not None and year < first


@dataclass(frozen=True)
class PrivateChargeRules:
    """遅延損害金 at the statutory rate fixed when default began, unless a contract sets one."""

    legal_rate: Decimal = Decimal("3")
    old_legal_rate: Decimal = Decimal("5")  # defaults that began before …
    old_rate_before: date = date(2020, 4, 1)  # … the 2020 civil code reform
    days_per_year: int = 365
    principal_first: bool = False  # 民法489条: costs, then interest, then principal


@dataclass(frozen=True)
class ChargeSegment:
    """Days at one principal and one rate."""

    start: date
    end: date  # inclusive
    principal: Yen  # the base the charge is reckoned on (after any cut to 1,000円)
    rate: Decimal
    amount: Yen  # the segment's charge, cut to the yen

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class LateCharge:
    """The late charge of a claim as of a day."""

    name: str  # 延滞金 or 遅延損害金
    as_of: date
    amount: Yen  # accrued from the day after the due date to `as_of`
    paid: Yen  # covered by receipts applied to charges first
    segments: tuple[ChargeSegment, ...]
    notes: tuple[Phrase, ...]  # their dates left for each face to write

    @property
    def outstanding(self) -> Yen:
        return max(self.amount - self.paid, 0)


def _changes(due_date: date, events: Iterable[MoneyEvent], as_of: date) -> tuple[Yen, dict[date, list[Yen]]]:
    """(retroactive reduction, {date: (receipts, other change)}) netted per day."""
    retro = 0
    by_day: defaultdict[date, list[Yen]] = defaultdict(lambda: [0, 0])
    for e in events:
        if e.date > as_of:
            continue
        if e.kind is EventKind.ADJUSTMENT and e.amount < 0 and e.reverses is None:
            retro += e.amount
        elif e.kind is EventKind.RECEIPT:
            by_day[e.date][0] += e.amount  # a reversal (negative, same day) nets out
        else:
            by_day[e.date][1] += e.effect
    return retro, by_day


# One piece of the walk: (start, end, base, rate, exact charge, principal).
_Piece = tuple[date, date, Yen, Decimal, Fraction, Yen]


def _accrue(amount: Yen, due_date: date, events: Iterable[MoneyEvent], as_of: date,
            rate_of: Callable[[date], Decimal], cuts: set[date], base_of: Callable[[Yen], Yen],
            principal_first: bool, days_per_year: int) -> tuple[list[_Piece], Yen]:
    """Walk the days after the due date: [(start, end, base, rate, exact charge, principal)], paid."""
    retro, by_day = _changes(due_date, events, as_of)
    principal = amount + retro
    start = due_date + timedelta(days=1)
    for day in sorted(d for d in by_day if d < start):  # paid or changed before default
        principal += by_day[day][1] - by_day[day][0]
    bounds = sorted({d + timedelta(days=1) for d in by_day if start <= d < as_of}
                    | {c for c in cuts if start < c <= as_of} | {as_of + timedelta(days=1)})
    unpaid, paid = Fraction(0), 0
    pieces: list[_Piece] = []
    a = start
    for b in bounds:
        if b <= a:
            continue
        base, rate = base_of(principal), rate_of(a)
        exact = Fraction(base) * Fraction(rate) * (b - a).days / (100 * days_per_year)
        pieces.append((a, b - timedelta(days=1), base, rate, exact, principal))
        unpaid += exact
        receipts, other = by_day.get(b - timedelta(days=1), (0, 0))
        to_charges = 0 if principal_first else min(max(receipts, 0), int(unpaid))
        unpaid -= to_charges
        paid += to_charges
        principal += other - (receipts - to_charges)
        a = b
    return pieces, paid


def public_late_charge(amount: Yen, due_date: date, events: Iterable[MoneyEvent], as_of: date,
                       rules: PublicChargeRules = PublicChargeRules()) -> LateCharge:
    """延滞金 from the day after the due date to `as_of` (inclusive) with tax-style rounding."""
    # "納期限の翌日から1月を経過する日まで": the period of 民法143条 counted from the due date.
    low_until = period_end(due_date, months=rules.switch_months)
    cuts = {low_until + timedelta(days=1)} | {date(y, 1, 1) for y in range(due_date.year + 1, as_of.year + 1)}
    missing: set[int] = set()

    def rate_of(day: date) -> Decimal:
        low, high, special = rules.rates(day.year)
        if not special:
            missing.add(day.year)
        return low if day <= low_until else high

    def base_of(principal: Yen) -> Yen:
        if principal < rules.principal_minimum:
            return 0
        return principal // rules.principal_unit * rules.principal_unit

    pieces, paid = _accrue(amount, due_date, events, as_of, rate_of, cuts, base_of,
                           rules.principal_first, rules.days_per_year)
    segments = tuple(ChargeSegment(a, b, base, rate, int(exact))
                     for a, b, base, rate, exact, _ in pieces if base > 0)
    total = sum(s.amount for s in segments) // rules.total_unit * rules.total_unit
    notes = [Phrase.of(f"{y}年の特例の割合が設定にないため本則（{rules.base_low}%・{rules.base_high}%）で計算")
             for y in sorted(missing)]
    if any(0 < principal < rules.principal_minimum for *_, principal in pieces):
        notes.append(Phrase.of(f"計算の基礎となる額が{rules.principal_minimum:,}円未満の期間は延滞金なし"))
    if 0 < total < rules.total_minimum or (total == 0 and segments):
        notes.append(Phrase.of(f"{rules.total_minimum:,}円未満のため延滞金なし"))
        total = 0
    return LateCharge("延滞金", as_of, total, min(paid, total), segments, tuple(notes))


def private_default_interest(amount: Yen, due_date: date, events: Iterable[MoneyEvent], as_of: date,
                             rules: PrivateChargeRules = PrivateChargeRules(),
                             contract_rate: Decimal | None = None) -> LateCharge:
    """遅延損害金 from the day after the due date to `as_of`, cut to the yen only at the end."""
    default_began = due_date + timedelta(days=1)
    if contract_rate is not None:
        rate, why = contract_rate, Phrase.of(f"約定利率 年{contract_rate}%")
    elif default_began < rules.old_rate_before:
        rate, why = rules.old_legal_rate, Phrase.of(f"法定利率 年{rules.old_legal_rate}%（{{before}}前に遅滞）",
                                                    before=rules.old_rate_before)
    else:
        rate, why = rules.legal_rate, Phrase.of(f"法定利率 年{rules.legal_rate}%")
    pieces, paid = _accrue(amount, due_date, events, as_of, lambda _: rate, set(),
                           lambda p: max(p, 0), rules.principal_first, rules.days_per_year)
    exact_total = sum((piece[4] for piece in pieces), Fraction(0))
    segments = tuple(ChargeSegment(a, b, base, r, int(exact))
                     for a, b, base, r, exact, _ in pieces if base > 0)
    total = int(exact_total)
    return LateCharge("遅延損害金", as_of, total, min(paid, total), segments, (why,))


def late_charge(nature: LegalNature, amount: Yen, due_date: date, events: Iterable[MoneyEvent],
                as_of: date, public_rules: PublicChargeRules, private_rules: PrivateChargeRules,
                contract_rate: Decimal | None = None) -> LateCharge:
    """The claim's late charge by its legal kind."""
    if as_of <= due_date:
        name = "遅延損害金" if nature is LegalNature.PRIVATE else "延滞金"
        return LateCharge(name, as_of, 0, 0, (), (Phrase.of("納期限前"),))
    if nature is LegalNature.PRIVATE:
        return private_default_interest(amount, due_date, events, as_of, private_rules, contract_rate)
    return public_late_charge(amount, due_date, events, as_of, public_rules)


def late_charge_with_parts_paid(nature: LegalNature, claim: Claim, events: Iterable[MoneyEvent], as_of: date,
                                public_rules: PublicChargeRules, private_rules: PrivateChargeRules,
                                contract_rate: Decimal | None, paid_apart: Iterable[tuple[date, Yen]]) -> LateCharge:
    """The late charge, counting the 延滞金 parts of store payments (`paid_apart`: (day, yen)).

    Such a part is kept on its receipt line, not as a money event. Where payments go to
    charges first (遅延損害金, 民法489条) the walk itself must see the whole payment, or it
    would take the charge out of the principal part; else the parts are simply paid.
    """
    apart = [(day, yen) for day, yen in paid_apart if day <= as_of]
    rules_first = private_rules.principal_first if nature is LegalNature.PRIVATE else public_rules.principal_first
    charges_first = not rules_first
    if charges_first and apart:
        events = [*events, *(MoneyEvent(claim.claim_id, EventKind.RECEIPT, day, yen, claim.fiscal_year)
                             for day, yen in apart)]
    charge = late_charge(nature, claim.amount, claim.due_date, events, as_of, public_rules, private_rules,
                         contract_rate)
    paid = sum(yen for _, yen in apart)
    if charges_first or not paid:
        return charge
    return replace(charge, paid=min(charge.paid + paid, charge.amount))
