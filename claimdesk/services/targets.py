"""Setting and reading 目標収納率: what the targets dialog, the CLI and the reports share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from ..domain.errors import Refusal
from ..domain.targets import SheetNotes, Target, TargetSet, changes, sheet_notes, target_set
from ..storage.ledger import Ledger, LedgerError
from .refusals import attributed


def target_sets(ledger: Ledger, fiscal_year: int) -> list[TargetSet]:
    """One set per claim type of the ledger (empty where none is set), in the summary's order."""
    by_type: dict[str, list[Target]] = defaultdict(list)
    for entry in ledger.targets.in_force(fiscal_year):
        by_type[entry.claim_type].append(entry)
    return [target_set(ct.name, fiscal_year, by_type.get(ct.name, ())) for ct in ledger.claim_types()]


def target_rates(ledger: Ledger, fiscal_year: int) -> dict[tuple[str, str], Decimal]:
    """The rates in force per (claim type, category), as the standard summary takes them."""
    return {
        (entry.claim_type, entry.category): entry.rate
        for entry in ledger.targets.in_force(fiscal_year)
        if entry.rate is not None
    }


def set_targets(
    ledger: Ledger,
    claim_type: str,
    fiscal_year: int,
    rates: Mapping[str, str | Decimal | None],
    basis: str,
    actions: str = "",
) -> list[Target]:
    """Put `rates` (per category; None or '' for none), `basis` and `actions` in force.

    Returns the entries written (none if nothing changed). The basis is required.
    """
    if ledger.claim_type(claim_type) is None:
        raise LedgerError(f"債権名「{claim_type}」が登録されていません")
    in_force = {e.category: e for e in ledger.targets.in_force(fiscal_year) if e.claim_type == claim_type}
    entries = changes(claim_type, fiscal_year, in_force, rates, basis, actions)
    if entries:
        ledger.targets.append(entries)
    return entries


def history(ledger: Ledger, fiscal_year: int, claim_type: str | None = None) -> list[Target]:
    """Every entry of the fiscal year, oldest first: who set which target, when, and why."""
    return ledger.targets.history(fiscal_year, claim_type)


def amend_targets(
    ledger: Ledger,
    claim_type: str,
    fiscal_year: int,
    rates: Mapping[str, str | Decimal | None],
    basis: str,
    actions: str | None = None,
) -> list[Target]:
    """Like `set_targets`, but categories missing from `rates` (and actions if None) stay as they are.

    For the command line, where a clerk names only what changes.
    """
    current = next((s for s in target_sets(ledger, fiscal_year) if s.claim_type == claim_type), None)
    kept: dict[str, str | Decimal | None] = dict(current.rates) if current else {}
    kept.update(rates)
    if actions is None:
        actions = current.actions if current else ""
    return set_targets(ledger, claim_type, fiscal_year, kept, basis, actions)


def save_targets(
    ledger: Ledger,
    fiscal_year: int,
    wanted: Sequence[tuple[str, Mapping[str, str | Decimal | None], str, str]],
) -> list[Target]:
    """Several claim types at once, all or none: (claim type, rates, basis, actions) each.

    A refusal names the claim type as its field, so a form can show it on that row.
    """
    by_type: dict[str, dict[str, Target]] = defaultdict(dict)
    for entry in ledger.targets.in_force(fiscal_year):
        by_type[entry.claim_type][entry.category] = entry
    known = {ct.name for ct in ledger.claim_types()}
    entries: list[Target] = []
    for claim_type, rates, basis, actions in wanted:
        if claim_type not in known:
            raise LedgerError(f"債権名「{claim_type}」が登録されていません")
        try:
            entries += changes(claim_type, fiscal_year, by_type[claim_type], rates, basis, actions)
        except Refusal as e:
            raise attributed(e, claim_type) from None
    if entries:
        ledger.targets.append(entries)
    return entries


def set_sheet_notes(ledger: Ledger, claim_type: str, fiscal_year: int, **notes) -> SheetNotes:
    """Put the 個票's words and the target's expected amounts in force for one claim type and year.

    `notes`: explanation_current, explanation_carried, review, expected_collected and
    expected_outstanding (category → yen). Every call writes a new entry (the history stays).
    """
    if ledger.claim_type(claim_type) is None:
        raise LedgerError(f"債権名「{claim_type}」が登録されていません")
    entry = sheet_notes(claim_type, fiscal_year, **notes)
    ledger.sheet_notes.append(entry)
    return ledger.sheet_notes.in_force(fiscal_year)[claim_type]


def sheet_notes_of(ledger: Ledger, fiscal_year: int) -> dict[str, SheetNotes]:
    """The notes in force per claim type for the fiscal year (absent where none were entered)."""
    return ledger.sheet_notes.in_force(fiscal_year)
