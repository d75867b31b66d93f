"""経過記録書 (one debtor, for a lawyer or a 支払督促) and 引継書 (the department, for a successor).

Both gather plain data (domain/casefile.py) as of a day and hand it to a renderer in
reports/, inside `atomic_output`, so a reader never sees half a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.case_class import CaseClass, case_class, limitation_ahead_from
from ..domain.casefile import (
    CaseFile,
    ClaimFile,
    ClassCount,
    Handover,
    LiablePerson,
    OpenCase,
    RunningPlan,
    TargetStanding,
    count_classes,
)
from ..domain.claims import EventKind
from ..domain.contacts import resolve_log
from ..domain.dates import fiscal_year_of
from ..domain.errors import REASONS, Refusal
from ..domain.instalments import PlanState, PlanStatus
from ..domain.periods import period_end
from ..domain.summary import CATEGORY_LABELS
from ..storage.ledger import Ledger
from .case_loader import load_cases, load_classes
from .casework_settings import casework_settings
from .casework_view import late_charge, liable_parties
from .department import get_department
from .files import atomic_output
from .procedures import load_procedures
from .refusals import unknown_debtor, wrong_output
from .summary_export import build_summary
from .targets import target_sets

REASONS.update({"no_claims_as_of": "債務者 {debtor_id} には{as_of}現在の債権がありません"})


def debtor_casefile(ledger: Ledger, debtor_id: str, as_of: date) -> CaseFile:
    """The 経過記録書 of one debtor as of `as_of`: history after that day is left out."""
    debtor = ledger.debtor(debtor_id)
    if debtor is None:
        raise unknown_debtor(debtor_id)
    claims = [c for c in ledger.claims(debtor_id) if c.assessed_on <= as_of]
    if not claims:
        raise Refusal("debtor_id", "no_claims_as_of", debtor_id=debtor_id, as_of=as_of)
    settings = casework_settings(ledger)
    cases = {c.line.claim_id: c for c in load_cases(ledger, as_of, settings, load_procedures(ledger),
                                                     claim_ids=[c.claim_id for c in claims])}
    files = []
    for claim in claims:
        case = cases[claim.claim_id]
        events = tuple(e for e in ledger.events(claim.claim_id) if e.date <= as_of)
        adjusted = sum(e.amount for e in events if e.kind is EventKind.ADJUSTMENT)
        collected = sum(e.amount for e in events if e.kind is EventKind.RECEIPT)
        state = case.state
        files.append(ClaimFile(
            claim=claim, legal_nature_label=case.line.legal_nature.label, assessed=claim.amount + adjusted,
            collected=collected, balance=case.history.balance, late_charge=late_charge(ledger, claim.claim_id, as_of),
            stage=state.stage, case_class=case_class(case.history, state, as_of), limitation=state.limitation,
            extinguished_on=state.extinguished_on, extinguished_by=state.extinguished_by, events=events,
            promises=case.history.promises, plans=case.history.plans, enforcement=case.history.enforcement))
    log = resolve_log(e for e in ledger.casework.entries_of_debtors([debtor_id]) if e.on <= as_of)
    liable = tuple(LiablePerson(p.kind_label, p.name, p.address, p.phone, p.relation, p.claim_id)
                   for c in claims for p in liable_parties(ledger, c.claim_id))
    return CaseFile(get_department(ledger).name, as_of, debtor, liable, tuple(files),
                    tuple(reversed(log.current)), {k: v.on for k, v in log.returned.items() if k is not None}, ledger.operator)


def export_casefile(ledger: Ledger, debtor_id: str, as_of: date, output: str | Path) -> CaseFile:
    """Write the debtor's 経過記録書 to `output` (.pdf)."""
    output = _pdf(output)
    data = debtor_casefile(ledger, debtor_id, as_of)
    from ..reports.casefile_pdf import write_casefile_pdf

    with atomic_output(output) as tmp:
        write_casefile_pdf(data, tmp)
    return data


def handover(ledger: Ledger, as_of: date) -> Handover:
    """The 引継書 as of `as_of`: open cases by stage, limitation within 12 months, plans, classes, targets."""
    settings = casework_settings(ledger)
    cases = load_cases(ledger, as_of, settings, load_procedures(ledger))
    horizon = period_end(as_of, months=12)
    open_cases: list[OpenCase] = []
    pairs: list[tuple[CaseClass | None, int]] = []
    plans: dict[int | None, tuple[str, PlanState]] = {}
    plan_claims: dict[int | None, list[str]] = {}  # plan id → its claims among the open ones, gathered in the one pass
    for case in cases:
        state, line = case.state, case.line
        if line.balance <= 0:
            continue
        cls = case_class(case.history, state, as_of)
        pairs.append((cls, line.balance))
        step = state.next_step
        open_cases.append(OpenCase(
            line.claim_id, line.debtor_id, line.debtor_name, line.claim_type, line.balance, state.stage, cls,
            step.step.title if step else "", step.due_on if step else None, step.deadline if step else None,
            state.limitation.limitation_date, state.limitation.basis))
        plan = state.plan
        if plan is not None and plan.status is PlanStatus.ACTIVE:
            plans.setdefault(plan.plan_id, (line.debtor_name, plan))
            plan_claims.setdefault(plan.plan_id, []).append(line.claim_id)
    # Open claims not yet due and without casework are in the procedure: 回収.
    for _, balance, _ in ledger.worklist.quiet_open_balances(as_of):
        pairs.append((CaseClass.COLLECT, balance))
    near = sorted((c for c in open_cases if c.limitation_date is not None and as_of <= c.limitation_date <= horizon),
                  key=lambda c: (c.limitation_date, c.claim_id))
    fy = fiscal_year_of(as_of)
    running = tuple(RunningPlan(name, tuple(sorted(plan_claims[plan_id])), plan)
                    for plan_id, (name, plan) in sorted(plans.items(), key=lambda p: (p[1][1].signed_on, p[0] or 0)))
    return Handover(get_department(ledger).name, as_of, fy, tuple(open_cases), tuple(near), running,
                    count_classes(pairs), tuple(_standing(ledger, fy, as_of)))


def class_counts(ledger: Ledger, as_of: date) -> dict[str, tuple[ClassCount, ...]]:
    """Open claims and yen per case class on `as_of`, by claim type (the 個票's table).

    Only claims whose class can be other than 回収 are assessed (those named in the contact
    log, or whose limitation may have passed: most of a large ledger's 200,000 are neither);
    the rest are counted in SQL (`class_table_parts`), by the rules of domain/case_class.py.
    """
    settings = casework_settings(ledger)
    years = min([settings.limitation.years, *settings.limitation_years_by_claim_type.values()])
    # The log the assessed claims read is read beside the SQL that tells which they are.
    scan = ledger.casework.log_scan_started()
    try:
        certain, uncertain = ledger.worklist.class_table_parts(as_of, limitation_ahead_from(as_of, years))
        # (load_classes keeps the collector paused until its cases are let go: only lines leave it)
        lines = load_classes(ledger, as_of, settings, load_procedures(ledger), uncertain, scan) if uncertain else []
    finally:
        scan.abandon()
    pairs: dict[str, list] = {}
    for line in lines:
        if line.balance > 0:
            pairs.setdefault(line.claim_type, []).append((line.case_class, line.balance))
    result = {}
    for claim_type in dict.fromkeys([*certain, *pairs]):
        count, balance = certain.get(claim_type, (0, 0))
        result[claim_type] = count_classes(pairs.get(claim_type, ()), collect=(count, balance))
    return result


def _standing(ledger: Ledger, fy: int, as_of: date) -> list[TargetStanding]:
    targets = {t.claim_type: t for t in target_sets(ledger, fy)}
    rows = []
    for row in build_summary(ledger, fy, as_of):
        target = targets.get(row.claim_type)
        rows.append(TargetStanding(row.claim_type, CATEGORY_LABELS[row.category],
                                   target.rate(row.category) if target else None, row.collection_rate,
                                   row.assessed, row.collected, row.outstanding))
    return rows


def export_handover(ledger: Ledger, as_of: date, output: str | Path) -> Handover:
    """Write the department's 引継書 to `output` (.pdf)."""
    output = _pdf(output)
    data = handover(ledger, as_of)
    from ..reports.handover_pdf import write_handover_pdf

    with atomic_output(output) as tmp:
        write_handover_pdf(data, tmp)
    return data


def _pdf(output: str | Path) -> Path:
    output = Path(output)
    if output.suffix.lower() != ".pdf":
        raise wrong_output(output, ".pdf")
    return output
