"""個票 data: which date each of the five years is taken at, and 千円 rounded half up."""

from datetime import date
from decimal import Decimal

from claimdesk.domain.sheets import build_sheets, period_note, periods, trend_lines
from claimdesk.domain.summary import SummaryRow
from claimdesk.domain.targets import TargetSet

RENT = "区営住宅使用料"


def test_earlier_years_are_closed_the_chosen_year_is_as_of():
    ps = periods(2026, date(2026, 9, 30))
    assert [(p.fiscal_year, p.as_of, p.closed) for p in ps] == [
        (2022, date(2023, 5, 31), True), (2023, date(2024, 5, 31), True), (2024, date(2025, 5, 31), True),
        (2025, date(2026, 5, 31), True), (2026, date(2026, 9, 30), False),
    ]
    assert period_note(ps) == ("令和4年度〜令和7年度は出納整理期間の終了日（翌年度の5月31日）現在の確定値、"
                               "令和8年度は令和8年9月30日現在の数値です。")


def test_a_year_still_in_its_closing_period_is_taken_at_the_same_date():
    ps = periods(2026, date(2026, 5, 15))
    assert (ps[-2].fiscal_year, ps[-2].as_of, ps[-2].closed) == (2025, date(2026, 5, 15), False)
    assert "令和7年度は令和8年5月15日現在（出納整理期間中）の数値" in period_note(ps)


def test_a_closed_chosen_year_says_so():
    assert period_note(periods(2025, date(2026, 5, 31))).endswith("令和7年度は令和8年5月31日現在の確定値です。")


def row(fy, category, assessed, collected, written_off=0, refund_unpaid=0, debtors=0, target=None):
    outstanding = assessed - collected - written_off + refund_unpaid
    return SummaryRow("JUTAKU", "住宅課", fy, date(fy + 1, 5, 31), "一般会計", "使用料及手数料", RENT,
                      "private", category, assessed, collected, written_off, refund_unpaid, outstanding,
                      debtors, None if target is None else Decimal(target))


def summary(fy, current, carried, **kw):
    total = tuple(a + b for a, b in zip(current, carried))
    return [row(fy, "current", *current), row(fy, "carried", *carried), row(fy, "total", *total, **kw)]


def test_amounts_are_shown_in_thousand_yen_rounded_half_up():
    ps = periods(2026, date(2026, 9, 30))
    # 1,500円 → 2千円 and 2,500円 → 3千円 (half up, not to even); 1,499円 → 1千円.
    summaries = [summary(p.fiscal_year, (1500, 1499), (2500, 0)) for p in ps]
    summaries[-1] = summary(2026, (1500, 1499), (2500, 0), target="90.0")
    (sheet,) = build_sheets(ps, summaries, {RENT: TargetSet(RENT, 2026, {"total": Decimal("90.0")}, "根拠")})
    lines = {(ln.category, ln.item): ln.values for ln in trend_lines(sheet)}
    assert lines[("current", "assessed")] == (2,) * 5
    assert lines[("current", "collected")] == (1,) * 5
    assert lines[("carried", "assessed")] == (3,) * 5
    assert lines[("total", "assessed")] == (4,) * 5  # 4,000円: not 2 + 3
    assert lines[("current", "collection_rate")] == (Decimal("99.9"),) * 5
    assert lines[("carried", "collection_rate")] == (Decimal("0.0"),) * 5
    assert lines[("total", "target_rate")] == (None,) * 4 + (Decimal("90.0"),)
    assert sheet.target.rate("total") == Decimal("90.0")
    assert [ln.label for ln in trend_lines(sheet)[:7]] == [
        "調定額", "収入済額", "不納欠損額", "収入未済額", "収納率", "目標収納率", "滞納者数"]


def test_a_claim_type_missing_in_an_earlier_year_shows_zeros():
    ps = periods(2026, date(2026, 9, 30))
    summaries = [[] for _ in ps[:-1]] + [summary(2026, (1000, 500), (0, 0))]
    (sheet,) = build_sheets(ps, summaries)
    assert sheet.rates("current") == [None] * 4 + [Decimal("50.0")]
    assert not sheet.target.is_set
