"""Gathering claims' histories for the casework rules, in a few queries for many claims.

Shared by the claim page (one claim) and the worklist (every claim that may need
work): the same history gives the same stage, the same dates and the same items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime, timedelta

from ..domain.case import CaseHistory, CaseState, assess_case, claim_limitation
from ..domain.case_class import CaseClass, case_class
from ..domain.casework_settings import CaseworkSettings
from ..domain.claims import LegalNature
from ..domain.contacts import LogView, resolve_log
from ..domain.enforcement import Enforcement
from ..domain.instalments import Payment, PlanState, plan_state
from ..domain.limitation import Limitation, LimitationState, earliest_limitation_date
from ..domain.procedure import Procedure
from ..domain.promises import PromiseState, promise_states
from ..domain.worklist import ClaimLine
from ..storage.casework_bulk import ArrangementRead, LogScan, PlanHead
from ..storage.ledger import Ledger
from ..storage.worklist import Candidate
from .gc_pause import cyclic_gc_paused

# Named claims from this many on are read like the worklist's (the 個票's class table):
# the log read whole, beside the candidates, rather than looked up debtor by debtor.
_SCAN_FROM_CLAIMS = 1000


class LoadedCase:
    """A claim assessed: its line (with its class), its state, and the history they rest on.

    A bare claim (nothing in its history but a due date and a balance: most of the
    worklist's) shares its state with the others alike (`bare`); its history is made
    only if asked for, from its candidate row.
    """

    __slots__ = ("line", "state", "debtor_changed_at", "_history", "_candidate")

    def __init__(self, line: ClaimLine, history: CaseHistory | None, state: CaseState,
                 debtor_changed_at: datetime | None, candidate: Candidate | None = None):
        assert (history is None) != (candidate is None)
        self.line, self.state, self.debtor_changed_at = line, state, debtor_changed_at
        self._history, self._candidate = history, candidate

    @property
    def bare(self) -> bool:
        """Nothing logged, paid, arranged or enforced: its items are those of its state alone."""
        return self._candidate is not None

    @property
    def history(self) -> CaseHistory:
        if self._history is None:
            c = self._candidate
            assert c is not None
            self._history = CaseHistory(c.claim_id, c.claim_type, c.legal_nature, c.due_date, c.balance,
                                        c.written_off, c.receipts, _EMPTY, has_liable_parties=c.has_liable_parties)
        return self._history


def load_cases(ledger: Ledger, today: date, settings: CaseworkSettings,
               procedures: dict[LegalNature, Procedure], *, claim_ids: Collection[str] | None = None,
               claim_type: str | None = None, legal_nature: LegalNature | None = None,
               rules_only: bool | None = None) -> list[LoadedCase]:
    """Each claim that may need work on `today` (or each named claim), assessed.

    `rules_only` (the default without `claim_ids`): the bulk reads, for the states, classes
    and items only — the log without its free texts, receipts only of claims whose
    limitation they can bring near (`_payments_matter_until`), and of the plans only each
    claim's latest (the one its state reads; `history.plans` holds no other). Named
    claims are otherwise read whole, as the claim page and the 経過記録書 show them; give
    `rules_only=True` for named claims only counted or classed (the 個票's class table).
    """
    if rules_only is None:
        rules_only = claim_ids is None
    with cyclic_gc_paused():
        return _load_cases(ledger, today, settings, procedures, claim_ids, claim_type, legal_nature, rules_only)


def load_classes(ledger: Ledger, today: date, settings: CaseworkSettings,
                 procedures: dict[LegalNature, Procedure], claim_ids: Collection[str],
                 scan: LogScan | None = None) -> list[ClaimLine]:
    """The named claims' lines with their case class on `today` (the 個票's class table).

    The bulk reads, and each claim assessed without its procedure's steps, which no class
    reads (`assess_case(steps=False)`): only the lines leave here, not those partial states.
    `scan`: the log's read begun by the caller before it knew the claims (taken, or stopped).
    """
    with cyclic_gc_paused():
        return [case.line for case in _load_cases(ledger, today, settings, procedures, claim_ids, None, None,
                                                  True, steps=False, scan=scan)]


def _load_cases(ledger, today, settings, procedures, claim_ids, claim_type, legal_nature,
                rules_only: bool, steps: bool = True, scan: LogScan | None = None) -> list[LoadedCase]:
    horizon = _payments_matter_until(today, settings) if rules_only else None
    # Many claims' rules read most of the log: its rows are read beside the candidates
    # (SQL both, on the two cores at once), whichever debtors turn out to be wanted.
    if scan is None and rules_only and (claim_ids is None or len(claim_ids) >= _SCAN_FROM_CLAIMS):
        scan = ledger.casework.log_scan_started()
    arranged: ArrangementRead | None = None
    try:
        found = ledger.worklist.candidates(today, claim_ids=claim_ids, claim_type=claim_type,
                                           legal_nature=legal_nature, receipts_due_by=horizon)
        # Most debtors in arrears have no casework yet: read entries, promises and plans only
        # for those that have some.
        debtors = {c.debtor_id for c in found} & (
            scan.debtors() if scan is not None else ledger.casework.debtors_with_entries())
        ids = {c.claim_id for c in found}
        # Their promises and plans are read beside the log's entries made meanwhile.
        arranged = ledger.casework.arrangements_started(debtors) if scan is not None and debtors else None
        # (the rules read each claim's part of its debtor's log: entries about other claims may be left out)
        logs = _logs(ledger, debtors, rules_only=rules_only, naming=ids if rules_only else None, scan=scan)
        # The candidates' receipts, where read, are the arrangements' too (the same SQL, the same day).
        read = {c.claim_id: c.receipts for c in found if horizon is None or c.due_date <= horizon}
        promises, plans = _arrangements(ledger, debtors, today, settings, ids, read, latest_plans=rules_only,
                                        arranged=arranged)
    finally:
        for pending in (scan, arranged):
            if pending is not None:
                pending.abandon()  # (taken already, unless something failed: then stopped)
    records, referrals = _enforcement(ledger, debtors, today)
    cases: list[LoadedCase] = []
    memo: dict[object, CaseState] = {}  # shared by claims with a bare history (assess_case)
    # Most candidates have nothing but a due date (no log, receipts, arrangement or record):
    # their state and class are worked out once for each combination of what they depend on.
    bare: dict[tuple, tuple[CaseState, CaseClass | None]] = {}
    for c in found:
        key = None
        if (c.balance > 0 and not c.receipts and c.debtor_id not in logs and c.debtor_id not in records
                and c.claim_id not in promises and c.claim_id not in plans):
            key = (c.legal_nature, c.claim_type, c.due_date, c.has_liable_parties)  # all such a state reads
            alike = bare.get(key)
            if alike is not None:  # (the first of its kind is assessed below, from its history)
                line = ClaimLine(c.claim_id, c.debtor_id, c.debtor_name, c.claim_type, c.legal_nature, c.balance,
                                 alike[1])
                cases.append(LoadedCase(line, None, alike[0], c.debtor_changed_at, c))
                continue
        log = logs[c.debtor_id].for_claim(c.claim_id) if c.debtor_id in logs else _EMPTY
        enforcement, referred_on = _NONE, None
        if c.debtor_id in records:
            current = {e.entry_id for e in log.current if e.entry_id is not None}
            enforcement = records[c.debtor_id].for_claim(c.claim_id, current)
            referred_on = max((r.on for r in referrals.get(c.debtor_id, ())
                               if c.claim_id in r.claim_ids and r.entry_id in current), default=None)
        claim_promises, claim_plans = promises.get(c.claim_id, ()), plans.get(c.claim_id, ())
        history = CaseHistory(c.claim_id, c.claim_type, c.legal_nature, c.due_date, c.balance, c.written_off,
                              c.receipts, log, tuple(claim_promises), tuple(claim_plans), c.has_liable_parties,
                              enforcement, referred_on)
        state = assess_case(history, procedures[c.legal_nature], settings, today, memo, steps=steps)
        cls = case_class(history, state, today)
        if key is not None:
            bare[key] = (state, cls)
        line = ClaimLine(c.claim_id, c.debtor_id, c.debtor_name, c.claim_type, c.legal_nature, c.balance, cls)
        cases.append(LoadedCase(line, history, state, c.debtor_changed_at))
    return cases


_EMPTY = LogView((), {}, {})
_NONE = Enforcement()


def _enforcement(ledger: Ledger, debtors: set[str], today: date) -> tuple[dict[str, Enforcement], dict]:
    """滞納処分 records (as they stood on `today`) and referrals of the debtors that have any."""
    debtors = debtors & ledger.enforcement.debtors_with_records()
    if not debtors:
        return {}, {}
    records = {d: e.as_of(today) for d, e in ledger.enforcement.of_debtors(debtors).items()}
    referrals: dict[str, list] = defaultdict(list)
    for r in ledger.enforcement.referrals_of_debtors(debtors):
        if r.on <= today:
            referrals[r.debtor_id].append(r)
        records.setdefault(r.debtor_id, _NONE)
    return records, referrals


def load_limitations(ledger: Ledger, today: date, settings: CaseworkSettings,
                     claim_ids) -> dict[str, tuple[Limitation, LimitationState]]:
    """Only the limitation of each named claim: what a page of the register needs."""
    found = ledger.worklist.candidates(today, claim_ids=claim_ids)
    debtors = ledger.casework.debtors_with_entries(among={c.debtor_id for c in found})
    logs = _logs(ledger, debtors, rules_only=True)  # only the limitation is wanted
    records, _ = _enforcement(ledger, debtors, today)
    result = {}
    for c in found:
        log = logs[c.debtor_id].for_claim(c.claim_id) if c.debtor_id in logs else _EMPTY
        enforcement = _NONE
        if c.debtor_id in records:
            enforcement = records[c.debtor_id].for_claim(c.claim_id, {e.entry_id for e in log.current if e.entry_id is not None})
        history = CaseHistory(c.claim_id, c.claim_type, c.legal_nature, c.due_date, c.balance, c.written_off,
                              c.receipts, log, enforcement=enforcement)
        lim = claim_limitation(history, settings, today)
        result[c.claim_id] = (lim, lim.state(today, settings.limitation.warn_days))
    return result


def _payments_matter_until(today: date, settings: CaseworkSettings) -> date:
    """The latest due date for which payments can bring the limitation within the warning.

    A claim due later cannot reach its limitation date within `warn_days`, whatever
    was paid (`earliest_limitation_date`), so the worklist skips reading its receipts:
    its limitation is only known to be far off. The claim page always reads them all.
    """
    years = min([settings.limitation.years, *settings.limitation_years_by_claim_type.values()])
    warned_until = today + timedelta(days=settings.limitation.warn_days)
    # Step past the first due date whose earliest limitation date is beyond the warning
    # (a loop, not arithmetic: periods end at month ends in ways no subtraction undoes).
    # The loop starts a month early, where the earliest date is surely within the warning.
    due = date(warned_until.year - years, warned_until.month, 1) - timedelta(days=31)
    while earliest_limitation_date(due, years) <= warned_until:
        due += timedelta(days=1)
    return due - timedelta(days=1)


def _logs(ledger: Ledger, debtors: set[str], rules_only: bool = False,
          naming: set[str] | None = None, scan: LogScan | None = None) -> dict[str, LogView]:
    """Each debtor's log, corrections applied (a correction may change an entry's claims);
    with `naming`, only for those claims' `for_claim` (see `entries_of_debtors`)."""
    by_debtor = defaultdict(list)
    for e in ledger.casework.entries_of_debtors(debtors, rules_only=rules_only, naming=naming, scan=scan):
        by_debtor[e.debtor_id].append(e)
    return {d: resolve_log(entries) for d, entries in by_debtor.items()}


def _arrangements(ledger: Ledger, debtors: set[str], today: date, settings: CaseworkSettings,
                  claim_ids: set[str], read: dict[str, tuple[Payment, ...]] | None = None,
                  latest_plans: bool = False, arranged: ArrangementRead | None = None,
                  ) -> tuple[dict[str, list[PromiseState]], dict[str, list[PlanState]]]:
    """Promises and plans of `claim_ids` by claim, matched against the receipts of every
    claim they cover (`read`: receipts to `today` already read, by claim; the others are
    read here). `latest_plans`: of each claim only the plan its state reads, the latest.

    Only what these claims show is worked out: a plan on none of them is not read, and
    the promises of a debtor only if one is on them (a debtor's promises share its
    receipts, so those are worked out together).
    """
    promises = arranged.promises() if arranged is not None else ledger.casework.promises_of_debtors(debtors)
    promising = {p.debtor_id for p in promises if not claim_ids.isdisjoint(p.claim_ids)}
    promises = [p for p in promises if p.debtor_id in promising]
    heads = arranged.plan_heads() if arranged is not None else ledger.casework.plan_heads_of_debtors(debtors)
    if not promises and not heads:
        return {}, {}
    signed_on = defaultdict(list)  # by debtor: every plan supersedes a promise made before it
    for head in heads:
        signed_on[head.debtor_id].append(head.signed_on)
    plans = ledger.casework.plans_by_id(_plans_wanted(heads, claim_ids, latest_plans))
    since: dict[str, date] = {}  # by claim: the first day a receipt can count for one of them
    made = [*((p.made_on, p.claim_ids) for p in promises), *((p.signed_on, p.claim_ids) for p in plans)]
    for made_on, claims in made:
        for c in claims:
            if c not in since or made_on < since[c]:
                since[c] = made_on
    read = read or {}
    paid = {c: read[c] for c in since if c in read}
    paid.update(ledger.worklist.receipts_of({c: d for c, d in since.items() if c not in paid}, today))
    by_claim_promises: dict[str, list[PromiseState]] = defaultdict(list)
    by_claim_plans: dict[str, list[PlanState]] = defaultdict(list)
    promised = defaultdict(list)  # by debtor
    for p in promises:
        promised[p.debtor_id].append(p)
    for debtor, own in promised.items():
        signed = signed_on.get(debtor, [])
        payments = [x for c in {c for p in own for c in p.claim_ids} for x in paid.get(c, ())]
        for kept in promise_states(own, payments, today, settings.promise_grace_days, signed):
            for claim_id in kept.promise.claim_ids:
                by_claim_promises[claim_id].append(kept)
    for plan in plans:
        payments = [x for c in plan.claim_ids for x in paid.get(c, ())]
        state = plan_state(plan, payments, today, settings.instalments)
        for claim_id in plan.claim_ids:
            by_claim_plans[claim_id].append(state)
    return by_claim_promises, by_claim_plans


def _plans_wanted(heads: list[PlanHead], claim_ids: set[str], latest: bool) -> set[int]:
    """The plans on any of `claim_ids` (`latest`: only the latest of each, as assess_case picks it)."""
    if not latest:
        return {h.plan_id for h in heads if not claim_ids.isdisjoint(h.claim_ids)}
    newest: dict[str, PlanHead] = {}
    for h in heads:  # in id order: of two signed the same day the later id wins, as in assess_case
        for claim_id in h.claim_ids:
            if claim_id in claim_ids:
                known = newest.get(claim_id)
                if known is None or known.signed_on <= h.signed_on:
                    newest[claim_id] = h
    return {h.plan_id for h in newest.values()}
