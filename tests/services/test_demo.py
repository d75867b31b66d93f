"""The demo ledger: plausible, deterministic, and true to the rules of money and summary."""

from collections import Counter
from datetime import date

import pytest

from claimdesk.domain.claims import PAYMENT_METHODS, EventKind, LegalNature
from claimdesk.domain.dates import closing_period_end, default_accounting_year
from claimdesk.domain.errors import ClaimDeskError
from claimdesk.domain.summary import claim_figures, standard_summary
from claimdesk.services.demo import SIZES, fill_demo
from claimdesk.services.department import get_department, set_department
from claimdesk.storage.ledger import Ledger

TODAY = date(2026, 11, 30)  # in FY2026: the demo covers FY2022 … FY2026
FISCAL_YEARS = range(2022, 2027)
TIMESTAMPS = {"entered_at", "changed_at"}  # when the rows were written, not what they say


def _fill(path, seed=2026, **kw):
    ledger = Ledger.open(path, operator="デモ担当")
    return ledger, fill_demo(ledger, "small", seed=seed, today=TODAY, **kw)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ledger, result = _fill(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    yield ledger, result
    ledger.close()


def _contents(ledger: Ledger) -> dict[str, list[tuple]]:
    """Every table's rows, without the columns that record when they were written."""
    out = {}
    for table in ("settings", "claim_types", "debtors", "claims", "guarantors", "money_events"):
        columns = [c.name for c in ledger.db[table].columns if c.name not in TIMESTAMPS]
        out[table] = ledger.db.execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
    return out


def test_counts_are_in_range(demo):
    ledger, result = demo
    assert result.claims == SIZES["small"] == ledger.claim_count()
    assert 100 <= result.debtors <= 250 and result.debtors == ledger.debtor_count()
    assert 2_000 <= result.events <= 6_000 and result.events == ledger.event_count()
    assert result.claim_types == len(ledger.claim_types()) == 7
    # every debtor owes something; guarantors stand only for rent and loans
    assert ledger.db.execute(
        "SELECT count(*) FROM debtors WHERE debtor_id NOT IN (SELECT debtor_id FROM claims)"
    ).fetchone()[0] == 0
    guaranteed = {r[0] for r in ledger.db.execute(
        "SELECT DISTINCT t.name FROM guarantors g JOIN claims c USING (claim_id)"
        " JOIN claim_types t ON t.id = c.claim_type_id")}
    assert guaranteed == {"区営住宅使用料", "奨学資金等貸付金返還金"}


def test_same_seed_and_date_give_the_same_ledger(tmp_path):
    a, _ = _fill(tmp_path / "a.sqlite3")
    b, _ = _fill(tmp_path / "b.sqlite3")
    c, _ = _fill(tmp_path / "c.sqlite3", seed=7)
    assert _contents(a) == _contents(b)
    assert _contents(a)["claims"] != _contents(c)["claims"]


def test_claim_types_have_their_legal_nature_and_budget_place(demo):
    ledger, _ = demo
    types = {ct.name: (ct.legal_nature, ct.account, ct.budget_section) for ct in ledger.claim_types()}
    assert types["区営住宅使用料"] == (LegalNature.PRIVATE, "一般会計", "使用料及手数料")
    assert types["学校給食費"][0] is LegalNature.PRIVATE
    assert types["奨学資金等貸付金返還金"] == (LegalNature.PRIVATE, "一般会計", "諸収入")
    assert types["生活保護費返還金"] == (LegalNature.PUBLIC, "一般会計", "諸収入")
    assert types["保育園保育料"] == (LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
    assert {nature for nature, _, _ in types.values()} == set(LegalNature)
    used = {r[0] for r in ledger.db.execute(
        "SELECT DISTINCT t.legal_nature FROM claims c JOIN claim_types t ON t.id = c.claim_type_id")}
    assert used == {n.value for n in LegalNature}


def test_debtors_look_like_a_ward_s(demo):
    ledger, _ = demo
    rows = ledger.db.execute("SELECT kind, name, kana, postal_code, representative FROM debtors").fetchall()
    assert all(" " in name and " " in kana for kind, name, kana, _, _ in rows if kind == "person")
    assert all(len(p) == 8 and p[3] == "-" and (p[:3] + p[4:]).isdigit() for *_, p, _ in rows)
    corporations = [r for r in rows if r[0] == "corporation"]
    assert corporations and all(r[4] for r in corporations)


def test_five_fiscal_years_end_with_today_s(demo):
    ledger, _ = demo
    years = {r[0] for r in ledger.db.execute("SELECT DISTINCT fiscal_year FROM claims")}
    assert years == set(FISCAL_YEARS)
    assert ledger.db.execute("SELECT max(assessed_on) FROM claims").fetchone()[0] <= TODAY.isoformat()


def test_no_event_before_its_assessment_or_after_today(demo):
    ledger, _ = demo
    early, late = ledger.db.execute(
        "SELECT sum(e.date < c.assessed_on), sum(e.date > ?)"
        " FROM money_events e JOIN claims c USING (claim_id)", [TODAY.isoformat()]).fetchone()
    assert (early, late) == (0, 0)


def test_every_kind_of_event_happens(demo):
    ledger, _ = demo
    kinds = Counter(r[0] for r in ledger.db.execute("SELECT kind FROM money_events"))
    assert all(kinds[k.value] > 0 for k in EventKind)
    assert kinds["receipt"] > 10 * (kinds["refund"] + kinds["write_off"] + kinds["adjustment"])
    reversals = ledger.db.execute(
        "SELECT r.kind, r.amount, r.date, o.kind, o.amount, o.date, r.note FROM money_events r"
        " JOIN money_events o ON o.id = r.reverses").fetchall()
    assert reversals
    assert all(rk == ok and ra == -oa and rd == od and note for rk, ra, rd, ok, oa, od, note in reversals)
    signs = ledger.db.execute(
        "SELECT sum(amount > 0), sum(amount < 0) FROM money_events WHERE kind = 'adjustment'").fetchone()
    assert signs[0] > 0 and signs[1] > 0
    methods = {r[0] for r in ledger.db.execute(
        "SELECT DISTINCT method FROM money_events WHERE kind = 'receipt'")}
    assert methods <= set(PAYMENT_METHODS) and len(methods) >= 5
    assert ledger.db.execute(
        "SELECT count(*) FROM money_events WHERE kind = 'write_off' AND note = ''").fetchone()[0] == 0


def test_accounting_years_follow_the_rules(demo):
    ledger, _ = demo
    overridden = 0
    rows = ledger.db.execute(
        "SELECT e.date, c.fiscal_year, e.accounting_year, e.accounting_year_overridden"
        " FROM money_events e JOIN claims c USING (claim_id)").fetchall()
    for day, claim_year, year, override in rows:
        default = default_accounting_year(date.fromisoformat(day), claim_year)
        if override:
            overridden += 1
            assert year != default and claim_year <= year <= default + 1
        else:
            assert year == default
    assert overridden > 0
    closing = ledger.db.execute(
        "SELECT count(*) FROM money_events e JOIN claims c USING (claim_id) WHERE e.kind = 'receipt'"
        " AND substr(e.date, 6, 2) IN ('04', '05') AND e.accounting_year < substr(e.date, 1, 4)"
    ).fetchone()[0]
    assert closing > 0  # receipts in the closing period (出納整理期間) of the year before


def test_refuses_a_ledger_that_has_claims(demo):
    ledger, result = demo
    with pytest.raises(ClaimDeskError, match="空の台帳"):
        fill_demo(ledger, "small", today=TODAY)
    assert ledger.claim_count() == result.claims and ledger.event_count() == result.events


def test_refuses_an_unknown_size(tmp_path):
    with Ledger.open(tmp_path / "x.sqlite3") as ledger, pytest.raises(ClaimDeskError):
        fill_demo(ledger, "huge", today=TODAY)


def test_keeps_a_department_already_set_and_reports_progress(tmp_path):
    ledger = Ledger.open(tmp_path / "x.sqlite3")
    set_department(ledger, "JUTAKU01", "住宅課")
    reports = []
    fill_demo(ledger, "small", today=TODAY, progress=lambda done, total: reports.append((done, total)))
    assert get_department(ledger).code == "JUTAKU01"
    assert reports[-1] == (SIZES["small"], SIZES["small"])
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    ledger.close()


def test_a_stop_asked_for_at_a_progress_report_leaves_the_ledger_empty(tmp_path):
    class Stop(Exception):
        pass

    def stop(done, total):
        raise Stop

    with Ledger.open(tmp_path / "x.sqlite3") as ledger:
        with pytest.raises(Stop):
            fill_demo(ledger, "small", today=TODAY, progress=stop)
        assert (ledger.claim_count(), ledger.debtor_count(), ledger.claim_types()) == (0, 0, [])
        assert get_department(ledger).code == ""


def test_sets_the_demo_department_when_none(demo):
    assert get_department(demo[0]).code == "DEMO01"


@pytest.mark.parametrize("fy", FISCAL_YEARS)
def test_summary_identity_holds_for_every_year(demo, fy):
    ledger, _ = demo
    as_of = min(TODAY, closing_period_end(fy))
    rows = standard_summary(
        department_code="DEMO01", department_name="デモ", fiscal_year=fy, as_of=as_of,
        claim_types=ledger.claim_types(), figures=ledger.summary_figures(fy, as_of))
    assert len(rows) == 3 * 7
    for r in rows:
        assert r.outstanding - r.refund_unpaid == r.assessed - r.collected - r.written_off
        assert r.outstanding >= 0 and r.refund_unpaid >= 0
    totals = [r for r in rows if r.category == "total"]
    assert sum(r.assessed for r in totals) > 0 and sum(r.collected for r in totals) > 0
    if fy > FISCAL_YEARS[0]:
        assert sum(r.assessed for r in rows if r.category == "carried") > 0


# In the closing period of FY2024; and in the middle of FY2026, with claims assessed after it.
@pytest.mark.parametrize("fy,as_of", [(2024, date(2025, 4, 30)), (2026, date(2026, 9, 15))])
def test_summary_figures_in_sql_equal_the_domain_reference(demo, fy, as_of):
    ledger, _ = demo
    expected = Counter(
        claim_figures(c, ledger.events(c.claim_id), fy, as_of)
        for c in ledger.claims() if c.fiscal_year <= fy)
    assert Counter(ledger.summary_figures(fy, as_of)) == expected
    # the pair is worth testing: events after it are left out, earlier years carried in
    assert ledger.db.execute(
        "SELECT count(*) FROM money_events e JOIN claims c USING (claim_id)"
        " WHERE c.fiscal_year <= ? AND e.date > ?", [fy, as_of.isoformat()]).fetchone()[0] > 0
    assert any(f.received for f in expected) and any(f.prior for f in expected)
    if fy == 2026:
        assert any(f.base == 0 for f in expected)  # assessed after as_of: not yet counted
