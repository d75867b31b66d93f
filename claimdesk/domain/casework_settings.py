"""The numbers casework runs on, as one validated value read from plain data.

Every number docs/domain.md gives (days, rates, thresholds) is a default that an ordinance
may change, so none is fixed in code: the defaults live in
`resources/settings/casework.toml`, a ledger overrides single values in its settings,
and `settings_from_mapping` checks the result, naming the key of any wrong value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .charges import PrivateChargeRules, PublicChargeRules, YearRates
from .enforcement import FollowUpDays
from .errors import REASONS, Refusal
from .instalments import InstalmentRules
from .limitation import LimitationRules
from .open_days import OpenDays, parse_closing_days

PREFIX = "casework"

# A value as the settings hold it is named by its repr (a string quoted, a list as a list).
REASONS.update({
    "setting_missing": "設定がありません",
    "setting_not_table": "表（セクション）である必要があります",
    "setting_not_integer": "整数で指定してください（{value}）",
    "setting_below_minimum": "{minimum}以上にしてください（{value}）",
    "setting_not_flag": "true か false で指定してください（{value}）",
    "setting_not_date": "日付（2020-04-01 の形）で指定してください（{value}）",
    "setting_not_mapping": "表（債権名 = 値）で指定してください",
    "setting_rate_not_number": "割合（%）を数値で指定してください（{value}）",
    "setting_rate_range": "割合は0〜100（%）で指定してください（{value}）",
    "setting_not_list": "[[{table}]] の一覧で指定してください",
    "setting_year_twice": "同じ年が2回あります",
})


@dataclass(frozen=True)
class CaseworkSettings:
    limitation: LimitationRules = LimitationRules()
    limitation_years_by_claim_type: Mapping[str, int] = field(default_factory=dict)
    enforcement_suspension_years: int = 3  # 執行停止が3年続くと消滅 (地方税法15条の7第4項)
    public_charges: PublicChargeRules = PublicChargeRules()
    private_charges: PrivateChargeRules = PrivateChargeRules()
    contract_rates: Mapping[str, Decimal] = field(default_factory=dict)  # claim type → % a year
    principal_first_by_claim_type: Mapping[str, bool] = field(default_factory=dict)
    instalments: InstalmentRules = InstalmentRules()
    promise_grace_days: int = 0
    urgent_days: int = 30  # the worklist puts limitation dates this close first
    follow_up: FollowUpDays = FollowUpDays()  # when 財産調査, 差押 and 執行停止 come back to the worklist
    open_days: OpenDays = OpenDays()  # deadlines on other days move to the next open one

    def limitation_years(self, claim_type: str) -> int:
        return self.limitation_years_by_claim_type.get(claim_type, self.limitation.years)

    def public_rules(self, claim_type: str) -> PublicChargeRules:
        first = self.principal_first_by_claim_type.get(claim_type)
        rules = self.public_charges
        return rules if first is None else replace(rules, principal_first=first)

    def private_rules(self, claim_type: str) -> PrivateChargeRules:
        first = self.principal_first_by_claim_type.get(claim_type)
        rules = self.private_charges
        return rules if first is None else replace(rules, principal_first=first)


class _Reader:
    """Typed access to nested plain data; errors name the dotted key."""

    def __init__(self, data: Mapping[str, Any], path: str = PREFIX):
        self.data, self.path = data, path

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise Refusal(f"{self.path}.{key}", "setting_missing")
        return self.data[key]

    def section(self, key: str) -> _Reader:
        value = self.data.get(key, {})
        if not isinstance(value, Mapping):
            raise Refusal(f"{self.path}.{key}", "setting_not_table")
        return _Reader(value, f"{self.path}.{key}")

    def integer(self, key: str, minimum: int = 0) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise Refusal(f"{self.path}.{key}", "setting_not_integer", value=repr(value))
        if value < minimum:
            raise Refusal(f"{self.path}.{key}", "setting_below_minimum", minimum=minimum, value=value)
        return value

    def rate(self, key: str, where: str | None = None) -> Decimal:
        return _rate(self._get(key), where or f"{self.path}.{key}")

    def flag(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            raise Refusal(f"{self.path}.{key}", "setting_not_flag", value=repr(value))
        return value

    def day(self, key: str) -> date:
        value = self._get(key)
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise Refusal(f"{self.path}.{key}", "setting_not_date", value=repr(value)) from None

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, Mapping):
            raise Refusal(f"{self.path}.{key}", "setting_not_mapping")
        return dict(value)


def _rate(value: Any, where: str) -> Decimal:
    """A percentage a year, given as text ('7.3') or a number; never a binary float inside."""
    if isinstance(value, bool):
        raise Refusal(where, "setting_rate_not_number", value=repr(value))
    try:
        rate = Decimal(str(value))
    except InvalidOperation:
        raise Refusal(where, "setting_rate_not_number", value=repr(value)) from None
    if not rate.is_finite() or not 0 <= rate <= 100:
        raise Refusal(where, "setting_rate_range", value=value)
    return rate


def settings_from_mapping(data: Mapping[str, Any]) -> CaseworkSettings:
    """Build and check the settings from plain data (the defaults file plus overrides)."""
    root = _Reader(data)
    lim = root.section("limitation")
    limitation = LimitationRules(
        years=lim.integer("years", 1), judgment_years=lim.integer("judgment_years", 1),
        demand_renewal_days=lim.integer("demand_renewal_days"),
        reminder_months=lim.integer("reminder_months"),
        negotiation_months=lim.integer("negotiation_months"),
        negotiation_max_years=lim.integer("negotiation_max_years"),
        warn_days=lim.integer("warn_days"),
    )
    by_type = lim.section("years_by_claim_type")
    years_by_type = {name: by_type.integer(name, 1) for name in by_type.data}

    charges = root.section("late_charge")
    pub = charges.section("public")
    special = pub.data.get("special", [])
    if not isinstance(special, list):
        raise Refusal(f"{pub.path}.special", "setting_not_list", table="late_charge.public.special")
    years = []
    for i, row in enumerate(special):
        r = _Reader(row if isinstance(row, Mapping) else {}, f"{pub.path}.special[{i}]")
        years.append(YearRates(r.integer("year", 1900), r.rate("low"), r.rate("high")))
    if len({y.year for y in years}) != len(years):
        raise Refusal(f"{pub.path}.special", "setting_year_twice")
    public = PublicChargeRules(
        base_low=pub.rate("base_low"), base_high=pub.rate("base_high"), special=tuple(years),
        switch_months=pub.integer("switch_months"), days_per_year=pub.integer("days_per_year", 1),
        principal_unit=pub.integer("principal_unit", 1), principal_minimum=pub.integer("principal_minimum"),
        total_unit=pub.integer("total_unit", 1), total_minimum=pub.integer("total_minimum"),
        principal_first=pub.flag("principal_first"),
    )
    priv = charges.section("private")
    private = PrivateChargeRules(
        legal_rate=priv.rate("legal_rate"), old_legal_rate=priv.rate("old_legal_rate"),
        old_rate_before=priv.day("old_rate_before"), days_per_year=priv.integer("days_per_year", 1),
        principal_first=priv.flag("principal_first"),
    )
    contract = charges.section("contract_rates")
    first = charges.section("principal_first_by_claim_type")

    cal = root.section("calendar")
    open_days = parse_closing_days(cal.data.get("closing_days", []), f"{cal.path}.closing_days")
    inst = root.section("instalments")
    work = root.section("worklist")
    return CaseworkSettings(
        limitation=limitation,
        limitation_years_by_claim_type=years_by_type,
        enforcement_suspension_years=lim.integer("enforcement_suspension_years", 1),
        public_charges=public,
        private_charges=private,
        contract_rates={name: contract.rate(name) for name in contract.data},
        principal_first_by_claim_type={name: first.flag(name) for name in first.data},
        instalments=InstalmentRules(inst.integer("missed_to_break", 1), inst.integer("grace_days"), open_days),
        promise_grace_days=root.section("promises").integer("grace_days"),
        urgent_days=work.integer("urgent_days"),
        follow_up=FollowUpDays(work.integer("answer_wait_days"), work.integer("seizure_check_days"),
                               work.integer("suspension_notice_days")),
        open_days=open_days,
    )
