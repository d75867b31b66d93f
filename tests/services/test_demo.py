"""The demo ledger: plausible, deterministic, and true to the rules of money and summary."""

from collections import Counter
from datetime import date, timedelta

import pytest
from plain_sql import plain

from claimdesk.domain.claims import PAYMENT_METHODS, EventKind, LegalNature
from claimdesk.domain.contacts import ALLOWED_DECISIONS
from claimdesk.domain.dates import closing_period_end, default_accounting_year
from claimdesk.domain.errors import ClaimDeskError
from claimdesk.domain.summary import claim_figures, standard_summary
from claimdesk.services import casework as cw
from claimdesk.services.demo import SIZES, fill_demo
from claimdesk.services.department import get_department, set_department
from claimdesk.services.worklist import worklist
from claimdesk.storage.ledger import Ledger
from claimdesk.storage.migrations.m003_casework import CASEWORK_TABLES

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
    for table in ("settings", "claim_types", "debtors", "claims", "guarantors", "money_events", *CASEWORK_TABLES):
        columns = [c.name for c in plain(ledger)[table].columns if c.name not in TIMESTAMPS]
        order = "rowid" if plain(ledger)[table].use_rowid else ", ".join(plain(ledger)[table].pks)
        out[table] = plain(ledger).execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
    return out


def test_counts_are_in_range(demo):
    ledger, result = demo
    assert result.claims == SIZES["small"] == ledger.claim_count()
    assert 100 <= result.debtors <= 250 and result.debtors == ledger.debtor_count()
    assert 2_000 <= result.events <= 6_000 and result.events == ledger.event_count()
    assert result.claim_types == len(ledger.claim_types()) == 7
    # every debtor owes something; guarantors stand only for rent and loans
    assert plain(ledger).execute(
        "SELECT count(*) FROM debtors WHERE debtor_id NOT IN (SELECT debtor_id FROM claims)"
    ).fetchone()[0] == 0
    guaranteed = {r[0] for r in plain(ledger).execute(
        "SELECT DISTINCT t.name FROM guarantors g JOIN claims c USING (claim_id)"
        " JOIN claim_types t ON t.id = c.claim_type_id")}
    assert guaranteed == {"区営住宅使用料", "奨学資金等貸付金返還金"}


def test_same_seed_and_date_give_the_same_ledger(tmp_path):
    a, _ = _fill(tmp_path / "a.sqlite3")
    b, _ = _fill(tmp_path / "b.sqlite3")
    c, _ = _fill(tmp_path / "c.sqlite3", seed=7)
    assert _contents(a) == _contents(b)
    assert _contents(a)["claims"] != _contents(c)["claims"]
    assert _contents(a)["contact_entries"] and _contents(a)["contact_entries"] != _contents(c)["contact_entries"]


def test_claim_types_have_their_legal_nature_and_budget_place(demo):
    ledger, _ = demo
    types = {ct.name: (ct.legal_nature, ct.account, ct.budget_section) for ct in ledger.claim_types()}
    assert types["区営住宅使用料"] == (LegalNature.PRIVATE, "一般会計", "使用料及手数料")
    assert types["学校給食費"][0] is LegalNature.PRIVATE
    assert types["奨学資金等貸付金返還金"] == (LegalNature.PRIVATE, "一般会計", "諸収入")
    assert types["生活保護費返還金"] == (LegalNature.PUBLIC, "一般会計", "諸収入")
    assert types["保育園保育料"] == (LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")
    assert {nature for nature, _, _ in types.values()} == set(LegalNature)
    used = {r[0] for r in plain(ledger).execute(
        "SELECT DISTINCT t.legal_nature FROM claims c JOIN claim_types t ON t.id = c.claim_type_id")}
    assert used == {n.value for n in LegalNature}


def test_debtors_look_like_a_ward_s(demo):
    ledger, _ = demo
    rows = plain(ledger).execute("SELECT kind, name, kana, postal_code, representative FROM debtors").fetchall()
    assert all(" " in name and " " in kana for kind, name, kana, _, _ in rows if kind == "person")
    assert all(len(p) == 8 and p[3] == "-" and (p[:3] + p[4:]).isdigit() for *_, p, _ in rows)
    corporations = [r for r in rows if r[0] == "corporation"]
    assert corporations and all(r[4] for r in corporations)


def test_five_fiscal_years_end_with_today_s(demo):
    ledger, _ = demo
    years = {r[0] for r in plain(ledger).execute("SELECT DISTINCT fiscal_year FROM claims")}
    assert years == set(FISCAL_YEARS)
    assert plain(ledger).execute("SELECT max(assessed_on) FROM claims").fetchone()[0] <= TODAY.isoformat()


def test_no_event_before_its_assessment_or_after_today(demo):
    ledger, _ = demo
    early, late = plain(ledger).execute(
        "SELECT sum(e.date < c.assessed_on), sum(e.date > ?)"
        " FROM money_events e JOIN claims c USING (claim_id)", [TODAY.isoformat()]).fetchone()
    assert (early, late) == (0, 0)


def test_every_kind_of_event_happens(demo):
    ledger, _ = demo
    kinds = Counter(r[0] for r in plain(ledger).execute("SELECT kind FROM money_events"))
    assert all(kinds[k.value] > 0 for k in EventKind)
    assert kinds["receipt"] > 10 * (kinds["refund"] + kinds["write_off"] + kinds["adjustment"])
    reversals = plain(ledger).execute(
        "SELECT r.kind, r.amount, r.date, o.kind, o.amount, o.date, r.note FROM money_events r"
        " JOIN money_events o ON o.id = r.reverses").fetchall()
    assert reversals
    assert all(rk == ok and ra == -oa and rd == od and note for rk, ra, rd, ok, oa, od, note in reversals)
    signs = plain(ledger).execute(
        "SELECT sum(amount > 0), sum(amount < 0) FROM money_events WHERE kind = 'adjustment'").fetchone()
    assert signs[0] > 0 and signs[1] > 0
    methods = {r[0] for r in plain(ledger).execute(
        "SELECT DISTINCT method FROM money_events WHERE kind = 'receipt'")}
    assert methods <= set(PAYMENT_METHODS) and len(methods) >= 5
    assert plain(ledger).execute(
        "SELECT count(*) FROM money_events WHERE kind = 'write_off' AND note = ''").fetchone()[0] == 0


def test_accounting_years_follow_the_rules(demo):
    ledger, _ = demo
    overridden = 0
    rows = plain(ledger).execute(
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
    closing = plain(ledger).execute(
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
    every = [claim_figures(c, ledger.events(c.claim_id), fy, as_of) for c in ledger.claims() if c.fiscal_year <= fy]
    # the claims of earlier years settled before FY are left out: the summary does not carry them
    expected = Counter(f for f in every if f.fiscal_year == fy or f.base + f.prior > 0)
    assert len(expected) < len(every)
    assert Counter(ledger.summary_figures(fy, as_of)) == expected
    # the pair is worth testing: events after it are left out, earlier years carried in
    assert plain(ledger).execute(
        "SELECT count(*) FROM money_events e JOIN claims c USING (claim_id)"
        " WHERE c.fiscal_year <= ? AND e.date > ?", [fy, as_of.isoformat()]).fetchone()[0] > 0
    assert any(f.received for f in expected) and any(f.prior for f in expected)
    if fy == 2026:
        assert any(f.base == 0 for f in expected)  # assessed after as_of: not yet counted


# --- the casework ---------------------------------------------------------------------

def test_the_casework_counts_are_reported(demo):
    ledger, result = demo
    assert result.contact_entries == plain(ledger).execute("SELECT count(*) FROM contact_entries").fetchone()[0]
    assert 200 <= result.contact_entries <= 1000  # for 600 claims, about 50 of them in arrears today


def test_every_entry_is_dated_between_its_claims_assessment_and_today(demo):
    ledger, _ = demo
    rows = plain(ledger).execute(
        "SELECT e.contact_date, c.assessed_on, e.next_action_on, p.made_on, p.due_on, x.signed_on"
        " FROM contact_entries e JOIN contact_entry_claims l ON l.entry_id = e.id"
        " JOIN claims c ON c.claim_id = l.claim_id LEFT JOIN promises p ON p.entry_id = e.id"
        " LEFT JOIN instalment_plans x ON x.entry_id = e.id").fetchall()
    assert rows
    for on, assessed, _, made, _, signed in rows:
        assert assessed <= on <= TODAY.isoformat()
        assert made in (None, on) and signed in (None, on)


def test_some_of_each_kind_of_entry(demo):
    ledger, _ = demo
    kinds = Counter(plain(ledger).execute(
        "SELECT channel || '/' || letter_kind || '/' || decision || '/' || party FROM contact_entries"
        " WHERE returned_letter_of IS NULL").fetchall())
    kinds = Counter({k[0]: n for k, n in kinds.items()})
    for kind in ("letter_out/demand//debtor", "letter_out/reminder//debtor", "letter_out/reminder//guarantor",
                 "letter_out/final_reminder//debtor", "letter_out/consultation//debtor",
                 "letter_out/guarantor//guarantor", "letter_in/instalment_pledge//debtor", "phone///debtor",
                 "phone///family", "visit///debtor", "counter///debtor", "internal//lawyer_referral/none",
                 "internal//waiver/none", "internal//write_off/none"):
        assert kinds[kind] > 0, kind
    assert kinds["letter_out/demand//debtor"] == max(kinds.values())  # the 督促状 is the commonest
    # the 督促状 counts as the 督促: its legal effect is the demand; a copy to a guarantor has none
    effects = dict(plain(ledger).execute(
        "SELECT party || '/' || letter_kind, group_concat(DISTINCT legal_effect) FROM contact_entries"
        " WHERE channel = 'letter_out' GROUP BY 1").fetchall())
    assert effects["debtor/demand"] == "demand" and effects["debtor/reminder"] == "reminder"
    assert effects["guarantor/reminder"] == "" and effects["guarantor/guarantor"] == ""
    # calls with what the debtor said; returned letters; decisions with their approver
    assert plain(ledger).execute("SELECT count(*) FROM contact_entries WHERE reason <> '' AND household <> ''"
                             ).fetchone()[0] > 5
    assert plain(ledger).execute("SELECT count(*) FROM contact_entries WHERE returned_letter_of IS NOT NULL"
                             ).fetchone()[0] > 0
    assert plain(ledger).execute("SELECT count(*) FROM contact_entries WHERE decision <> '' AND approver LIKE '%課長%'"
                             ).fetchone()[0] > 0
    assert plain(ledger).execute("SELECT count(*) FROM contact_entries WHERE summary GLOB '*.[0-9]円*'"
                             ).fetchone()[0] == 0  # amounts in yen, as the clerk writes them


def _receipts(ledger, entry_id, start, end) -> int:
    """Net receipts on the claims of an entry from `start` to `end` (both included)."""
    return plain(ledger).execute(
        "SELECT coalesce(sum(m.amount), 0) FROM money_events m JOIN contact_entry_claims l USING (claim_id)"
        " WHERE l.entry_id = ? AND m.kind = 'receipt' AND m.date BETWEEN ? AND ?", [entry_id, start, end]
    ).fetchone()[0]


def test_promises_are_kept_or_broken_as_the_receipts_show(demo):
    ledger, _ = demo
    seen, states = set(), Counter()
    for (claim_id,) in plain(ledger).execute(
            "SELECT DISTINCT l.claim_id FROM promises p JOIN contact_entry_claims l USING (entry_id)").fetchall():
        for state in cw.claim_casework(ledger, claim_id, TODAY).promises:
            p = state.promise
            if p.promise_id in seen:
                continue
            seen.add(p.promise_id)
            states[state.status] += 1
            paid = _receipts(ledger, p.entry_id, p.made_on.isoformat(), p.due_on.isoformat())
            if state.status is cw.PromiseStatus.KEPT:  # a receipt by its date really paid it
                assert paid >= p.amount
            else:
                assert state.status is cw.PromiseStatus.BROKEN and paid < p.amount  # none superseded
    assert states[cw.PromiseStatus.KEPT] > 5 and states[cw.PromiseStatus.BROKEN] > 5


def test_instalment_plans_follow_the_receipts(demo):
    ledger, _ = demo
    states, seen = Counter(), set()
    for (claim_id,) in plain(ledger).execute(
            "SELECT DISTINCT l.claim_id FROM instalment_plans p JOIN contact_entry_claims l USING (entry_id)"):
        for plan in cw.claim_casework(ledger, claim_id, TODAY).plans:
            if plan.plan_id in seen:
                continue
            seen.add(plan.plan_id)
            states[plan.status] += 1
            assert plan.lines[0].instalment.due_on >= plan.signed_on
            if plan.status is cw.PlanStatus.BROKEN:  # broken by two misses (the default clause)
                assert sum(line.missed for line in plan.lines) >= 2
            if plan.status is cw.PlanStatus.COMPLETED:
                assert plan.paid == plan.total
    assert {cw.PlanStatus.ACTIVE, cw.PlanStatus.COMPLETED, cw.PlanStatus.BROKEN} <= set(states)
    totals = plain(ledger).execute("SELECT p.total, sum(i.amount) FROM instalment_plans p"
                               " JOIN instalments i ON i.plan_id = p.id GROUP BY p.id").fetchall()
    assert all(total == parts for total, parts in totals)


def test_every_write_off_was_decided_and_decisions_suit_the_claim(demo):
    ledger, _ = demo
    written_off = plain(ledger).execute("SELECT claim_id, date FROM money_events WHERE kind = 'write_off'").fetchall()
    assert written_off
    for claim_id, day in written_off:
        assert plain(ledger).execute(
            "SELECT count(*) FROM contact_entries e JOIN contact_entry_claims l ON l.entry_id = e.id"
            " WHERE l.claim_id = ? AND e.decision = 'write_off' AND e.contact_date = ?", [claim_id, day]
        ).fetchone()[0] == 1
    for decision, nature in plain(ledger).execute(
            "SELECT DISTINCT e.decision, t.legal_nature FROM contact_entries e"
            " JOIN contact_entry_claims l ON l.entry_id = e.id JOIN claims c ON c.claim_id = l.claim_id"
            " JOIN claim_types t ON t.id = c.claim_type_id WHERE e.decision <> ''"):
        assert cw.Decision(decision) in ALLOWED_DECISIONS[LegalNature(nature)]


def test_the_worklist_has_a_believable_mix(demo):
    """A department that sends its 督促状 on time: a few forgotten, the rest of its work spread out."""
    ledger, _ = demo
    items = worklist(ledger, TODAY).items
    in_arrears = plain(ledger).execute(
        "SELECT count(*) FROM claims WHERE due_date < ? AND amount + adjusted - collected - written_off > 0",
        [TODAY.isoformat()]).fetchone()[0]
    demands = [i for i in items if i.step_id == "demand"]
    assert 0 < len(demands) < in_arrears / 5
    assert any(i.urgency is cw.Urgency.OVERDUE for i in demands)
    kinds = {i.kind for i in items}
    assert {cw.WorkKind.STEP, cw.WorkKind.INSTALMENT_MISSED, cw.WorkKind.PROMISE_BROKEN,
            cw.WorkKind.LETTER_RETURNED} <= kinds
    assert len({i.step_id for i in items if i.kind is cw.WorkKind.STEP}) >= 3  # 督促, 催告, 納付相談 …
    assert len(items) < in_arrears


def test_a_casework_share_logs_every_nth_debtor_and_leaves_the_money_alone(demo, tmp_path, monkeypatch):
    """The large demo logs one debtor in five (CASEWORK_SHARE); the money is the same either way."""
    from claimdesk.services import demo as demo_module

    full, _ = demo
    monkeypatch.setitem(demo_module.CASEWORK_SHARE, "small", 0.2)
    ledger, result = _fill(tmp_path / "share.sqlite3")
    try:
        logged = {r[0] for r in plain(ledger).execute("SELECT DISTINCT debtor_id FROM contact_entries")}
        assert logged and all(int(d[1:]) % 5 == 0 for d in logged)
        everyone = {r[0] for r in plain(full).execute("SELECT DISTINCT debtor_id FROM contact_entries")}
        assert len(logged) < len(everyone) / 3 and 0 < result.contact_entries
        mine, theirs = _contents(ledger), _contents(full)
        for table in ("debtors", "claims", "guarantors", "money_events"):
            assert mine[table] == theirs[table], table
    finally:
        ledger.close()


@pytest.mark.parametrize("fy,as_of", [(2026, TODAY), (2025, date(2026, 5, 31)), (2026, date(2026, 4, 1))])
def test_the_individual_sheets_totals_in_one_pass_equal_the_summary_to_the_yen(demo, fy, as_of):
    """storage/summary_years.py sums five years at once; each must be the standard summary."""
    from claimdesk.domain.sheets import periods
    from claimdesk.domain.summary import summary_rows
    from claimdesk.services.summary_export import build_summary

    ledger, _ = demo
    chosen = periods(fy, as_of)
    totals = ledger.summary_totals([(p.fiscal_year, p.as_of) for p in chosen])
    dept = get_department(ledger)
    assert sum(bool(year) for year in totals) >= 4  # (FY2021 is before the demo's first year)
    for period, year in zip(chosen, totals):
        rows = summary_rows(department_code=dept.code, department_name=dept.name, fiscal_year=period.fiscal_year,
                            as_of=period.as_of, claim_types=ledger.claim_types(), totals=year)
        assert rows == build_summary(ledger, period.fiscal_year, period.as_of)


def test_each_suspension_the_demo_decides_is_a_record_as_the_window_makes(demo):
    from claimdesk.domain.contacts import Decision
    from claimdesk.domain.enforcement import SuspensionGround
    from claimdesk.services.enforcement import enforcement_of

    ledger, _ = demo
    decided = plain(ledger.path).execute(
        "SELECT e.id, e.contact_date, min(c.claim_id) FROM contact_entries e"
        " JOIN contact_entry_claims c ON c.entry_id = e.id WHERE e.decision = ? GROUP BY e.id",
        [Decision.ENFORCEMENT_SUSPENSION.value]).fetchall()
    assert decided  # the small demo suspends some enforced claims without property
    for entry_id, on, claim_id in decided:
        (s,) = enforcement_of(ledger, claim_id).suspensions
        assert (s.entry_id, s.suspended_on.isoformat(), s.ground) == (entry_id, on, SuspensionGround.NO_PROPERTY)
        # extinguished at once where the money wrote the claim off for it, else the day after
        # three years run (the first day not counted: 2025-05-08 → 2028-05-09)
        gone = s.suspended_on if s.immediate else s.suspended_on.replace(year=s.suspended_on.year + 3) + timedelta(1)
        assert s.extinguishes_on() == gone
