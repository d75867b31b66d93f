"""The demo's claims, kind by kind: rent, school lunch, nursery, loans, 返還金, permits.

A mixin of demo_builder.Builder (which holds the debtors, the months and the random source):
each maker invents one household's or one company's claims of its kind, across the
fiscal years, and hands each to `settle` for its money.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from ..domain.claims import Claim, Guarantor
from ..domain.dates import fiscal_year_of
from . import demo_people as people
from .demo_profiles import Who

FISCAL_YEARS = 5
_NURSERY_FEES = [4_500, 9_000, 16_500, 24_000, 31_000, 38_500, 45_000, 52_500, 58_000]


class ClaimMakers:
    """Makers of claims, one per kind; `claim` counts them against the kind's share."""

    # The state and the helpers of demo_builder.Builder, which mixes these makers in.
    rng: random.Random
    rnd: Callable[[], float]
    today: date
    T: int  # today's ordinal
    origin: int  # the first fiscal year's 1 April, as an ordinal
    days: list[date]
    months: list[tuple[int, date, date]]  # (fiscal year, first day, last day)
    fy_now: int
    first_fy: int
    code: str  # the kind being made, its claim type, and its share
    type_name: str
    target: int
    made: int
    seq: dict[tuple[str, int], int]
    claims: list[Claim]
    guarantors: list[Guarantor]
    sureties: Sequence[tuple[Any, ...]]  # the guarantors of the contract being made
    tenants: list[Who]
    contracts: dict[str, list[tuple[int, int]]]

    def pick(self, seq: Sequence[Any]) -> Any:
        raise NotImplementedError

    def debtor(self, method_kind: str, *, address: Any = None, corporate: bool = False) -> Who:
        raise NotImplementedError

    def guarantors_of(self, who: Who, n: int) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def settle(self, c: Claim, who: Who, schedule: list[tuple[int, int]]) -> None:
        raise NotImplementedError

    # --- claims ------------------------------------------------------------------------

    def claim(self, who, fy: int, assessed_on: date, amount: int, due: date,
              cause: str) -> Claim | None:
        """A new claim of the current type, or None once the type has its share."""
        if self.made >= self.target:
            return None
        key = (self.code, fy)
        n = self.seq[key] = self.seq.get(key, 0) + 1
        c = Claim(f"{self.code}{fy}-{n:06d}", who.debtor_id, self.type_name, fy, assessed_on,
                  amount, due, cause)
        self.claims.append(c)
        self.made += 1
        for g in self.sureties:
            self.guarantors.append(Guarantor(c.claim_id, *g))
        return c

    def run_of_months(self, months, mean: float, cap: int) -> list:
        """A tenancy, or a child's years at school or nursery: half of them go on today."""
        length = min(cap, len(months), 1 + int(self.rng.expovariate(1 / mean)))
        if self.rnd() < 0.5:
            return months[len(months) - length:]
        start = int(self.rnd() * (len(months) - length + 1))
        return months[start:start + length]

    def rent(self) -> None:
        rnd = self.rnd
        town, postal = self.pick(people.TOWNS)
        room = f"区営{town}住宅{1 + int(rnd() * 4)}号棟{1 + int(rnd() * 5)}0{1 + int(rnd() * 9)}号室"
        place = f"{people.WARD}{town}{1 + int(rnd() * 4)}-{1 + int(rnd() * 20)}-1 {room}"
        who = self.debtor("monthly", address=(postal, place))
        self.tenants.append(who)
        if rnd() < 0.35:
            self.sureties = self.guarantors_of(who, 1)
        rent, fy_rent = 0, None
        for fy, first, last in self.run_of_months(self.months, 14, 60):
            if fy != fy_rent:  # income is re-assessed every April
                change = self.rng.randrange(-30, 31) * 100
                rent = max(5000, rent + change) if rent else self.rng.randrange(150, 780) * 100
                fy_rent = fy
            c = self.claim(who, fy, first, rent, last, f"{room} {first.year}年{first.month}月分")
            if c is None:
                return
            self.settle(c, who, [(last.toordinal(), rent)])

    def lunch(self) -> None:
        who = self.reuse_tenant() or self.debtor("monthly")
        town = self.pick(people.TOWNS)[0]
        school, fee = ((f"区立{town}小学校", self.rng.randrange(430, 490) * 10) if self.rnd() < 0.65
                       else (f"区立{town}中学校", self.rng.randrange(520, 575) * 10))
        if self.rnd() < 0.2:
            fee *= 2  # two children
        months = [m for m in self.months if m[1].month != 8]
        for fy, first, last in self.run_of_months(months, 12, 60):
            c = self.claim(who, fy, first, fee, last, f"{school} {first.year}年{first.month}月分")
            if c is None:
                return
            self.settle(c, who, [(last.toordinal(), fee)])

    def nursery(self) -> None:
        who = self.reuse_tenant() or self.debtor("monthly")
        level = int(self.rnd() * len(_NURSERY_FEES))
        nursery = f"区立{self.pick(people.TOWNS)[0]}保育園"
        for fy, first, last in self.run_of_months(self.months, 12, 36):
            if first.month == 9 and self.rnd() < 0.3:  # new tax year, new fee level
                level = max(0, min(len(_NURSERY_FEES) - 1, level + self.pick((-1, 1))))
            fee = _NURSERY_FEES[level]
            c = self.claim(who, fy, first, fee, last, f"{nursery} {first.year}年{first.month}月分")
            if c is None:
                return
            self.settle(c, who, [(last.toordinal(), fee)])

    def loan(self) -> None:
        """One claim a fiscal year (年額調定), repaid by monthly instalments on the 27th."""
        who = self.debtor("monthly")
        self.sureties = self.guarantors_of(who, 1 if self.rnd() < 0.75 else 2)
        monthly = self.pick((6_000, 8_000, 10_000, 12_000, 15_000, 20_000))
        start = self.first_fy if self.rnd() < 0.5 else self.first_fy + int(self.rnd() * FISCAL_YEARS)
        end = self.fy_now if self.rnd() < 0.7 else start + int(self.rnd() * (self.fy_now - start + 1))
        for fy in range(start, end + 1):
            c = self.claim(who, fy, date(fy, 4, 1), monthly * 12, date(fy + 1, 3, 31),
                           f"奨学資金返還金 {fy}年度分（月賦）")
            if c is None:
                return
            schedule = [(date(fy + (m < 4), m, 27).toordinal(), monthly)
                        for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
            self.settle(c, who, schedule)

    def one_off_date(self) -> tuple[date, date]:
        assessed = self.days[int(self.rnd() * (self.T - self.origin + 1))]
        due = date(assessed.year + (assessed.month >= 11), (assessed.month + 1) % 12 + 1, 1) - timedelta(1)
        return assessed, due

    def welfare(self) -> None:
        """生活保護法63条返還金: often repaid in small monthly instalments (分納)."""
        who = self.reuse_tenant(0.2) or self.debtor("one_off")
        for _ in range(2 if self.rnd() < 0.1 else 1):
            assessed, due = self.one_off_date()
            amount = int(min(2_000_000, max(10_000, self.rng.lognormvariate(11.9, 0.9))))
            cause = self.pick(("年金の遡及受給による返還金（生活保護法第63条）",
                               "土地の売却収入による返還金（生活保護法第63条）",
                               "交通事故の損害賠償金の受領による返還金（生活保護法第63条）",
                               "生命保険の解約返戻金による返還金（生活保護法第63条）"))
            c = self.claim(who, fiscal_year_of(assessed), assessed, amount, due, cause)
            if c is None:
                return
            schedule = [(due.toordinal(), amount)]
            if self.rnd() < 0.6:  # an instalment plan (分納誓約)
                piece = max(self.pick((3_000, 5_000, 10_000, 20_000, 30_000)), -(-amount // 72000) * 1000)
                n, rest = divmod(amount, piece)
                schedule = [(due.toordinal() + 30 * k, piece) for k in range(n)]
                if rest:
                    schedule.append((due.toordinal() + 30 * n, rest))
                if len(schedule) > 1:
                    self.contracts[c.claim_id] = schedule  # signed when assessed: demo_casework.py
            self.settle(c, who, schedule)

    def allowance(self) -> None:
        """児童手当等返還金: benefits paid after the right ended, paid back at once or in a few parts."""
        who = self.debtor("one_off")
        assessed, due = self.one_off_date()
        months = 1 + int(self.rnd() * 8)
        amount = self.pick((5_000, 10_000, 10_000, 15_000, 30_000)) * months
        c = self.claim(who, fiscal_year_of(assessed), assessed, amount, due,
                       f"児童手当の過払いによる返還金（{months}か月分）")
        if c is not None:
            n = 1 if self.rnd() < 0.75 else 2 + int(self.rnd() * 3)
            part = amount // n
            schedule = [(due.toordinal() + 30 * k, part + (amount - part * n if k == n - 1 else 0))
                        for k in range(n)]
            if n > 1:
                self.contracts[c.claim_id] = schedule
            self.settle(c, who, schedule)

    def premises(self) -> None:
        """行政財産目的外使用料: a yearly fee per permit, paid on a payment slip."""
        who = self.debtor("corporate", corporate=True)
        for _ in range(1 + int(self.rnd() * 3)):
            use = f"{self.pick(people.USES)}（{self.pick(people.TOWNS)[0]}{self.pick(people.SITES)}）"
            fee = self.rng.randrange(12_000, 600_000)
            start = self.first_fy if self.rnd() < 0.6 else self.first_fy + int(self.rnd() * FISCAL_YEARS)
            for fy in range(start, self.fy_now + 1):
                assessed = min(self.today, date(fy, 4, 1 + int(self.rnd() * 10)))
                c = self.claim(who, fy, assessed, fee, assessed + timedelta(30), f"{use} {fy}年度分")
                if c is None:
                    return
                self.settle(c, who, [(c.due_date.toordinal(), fee)])

    def reuse_tenant(self, chance: float = 0.15):
        """A household already on the ledger (a tenant whose child also eats school lunch)."""
        if self.tenants and self.rnd() < chance:
            return self.pick(self.tenants)
        return None
