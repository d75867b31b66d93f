"""電話催告: the day's call list from the worklist, saved as xlsx, each call logged in one go.

A step of the procedure is a call when its file gives it a `script` (what to say); a
clerk's own next action that says 電話 (「再度電話」) is a call too, with the script of the
kind's call step. The list has one row per debtor (one call covers all their claims at that step), with the
phone number from the register and the balance of the claims concerned. Logging a
call that reached the debtor completes the step; any other result is a phone entry
that leaves the step due, so the debtor stays on tomorrow's list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from ..domain.calls import CallResult, CallRow, CallStep
from ..domain.contacts import Channel, ContactEntry
from ..domain.errors import REASONS, Refusal
from ..domain.procedure import Procedure
from ..domain.worklist import WorkItem, WorkKind
from ..reports.call_list_xlsx import write_call_list_xlsx
from ..storage.ledger import Ledger
from .clock import today as clock_today
from .contact_log import complete_step, log_contact
from .files import atomic_output
from .procedures import load_procedures
from .refusals import wrong_output
from .worklist import WorklistFilter, worklist

REASONS.update({"call_result_unknown": "通話の結果を選んでください（{result}）"})


def calls_from_items(ledger: Ledger, items: Iterable[WorkItem], procedures: dict) -> list[CallRow]:
    """The calls among worklist items (steps with a script), one row per debtor, in the items' order."""
    steps = {(n, s.id): s for n, p in procedures.items() for s in p.steps if s.script}
    call_step = {n: next((s for s in p.steps if s.script), None) for n, p in procedures.items()}
    rows: dict[str, dict] = {}
    for item in items:
        c = item.claim
        step = steps.get((c.legal_nature, item.step_id)) if item.kind is WorkKind.STEP else None
        follow_up = item.kind is WorkKind.NEXT_ACTION and "電話" in item.title
        if step is None and not follow_up:
            continue
        shown = step or call_step.get(c.legal_nature)
        row = rows.setdefault(c.debtor_id, {"name": c.debtor_name, "claims": {}, "steps": {}, "step": shown,
                                            "title": item.title if step is None else ""})
        row["step"] = row["step"] or shown
        row["claims"].setdefault(c.claim_id, c.balance)
        if step is not None and c.claim_id not in row["steps"].get((c.legal_nature, step.id), []):
            row["steps"].setdefault((c.legal_nature, step.id), []).append(c.claim_id)
    out = []
    for debtor_id, row in rows.items():
        debtor = ledger.debtor(debtor_id)
        out.append(CallRow(
            debtor_id, row["name"], debtor.phone if debtor else "", tuple(row["claims"]),
            sum(row["claims"].values()), row["step"].title if row["step"] else row["title"],
            row["step"].script if row["step"] else "",
            tuple(CallStep(n, s, tuple(ids)) for (n, s), ids in row["steps"].items())))
    return out


def call_list(ledger: Ledger, as_of: date | None = None,
              procedures: dict[object, Procedure] | None = None) -> list[CallRow]:
    """Today's (or `as_of`'s) calls, most urgent first."""
    built = worklist(ledger, as_of, WorklistFilter(kinds=frozenset({WorkKind.STEP, WorkKind.NEXT_ACTION})))
    return calls_from_items(ledger, built.items, procedures or load_procedures(ledger))


def log_call(ledger: Ledger, row: CallRow, result: CallResult | str, *, note: str = "",
             today: date | None = None) -> list[ContactEntry]:
    """Log one call of the list: the step done if the debtor was reached, else a try."""
    try:
        result = CallResult(result)
    except ValueError:
        raise Refusal("result", "call_result_unknown", result=str(result)) from None
    today = today or clock_today()
    summary = f"電話催告: {result.label}" + (f"（{note.strip()}）" if note.strip() else "")
    with ledger.atomic():
        if result is CallResult.REACHED and row.steps:
            return [complete_step(ledger, list(s.claim_ids), s.step_id, on=today, summary=summary,
                                  channel=Channel.PHONE, today=today) for s in row.steps]
        return [log_contact(ledger, list(row.claim_ids), Channel.PHONE, summary, on=today,
                            party=result.party, today=today)]


def save_call_list(rows: Sequence[CallRow], path: str | Path, as_of: date) -> Path:
    """The list as an Excel book, for a clerk who calls from paper; written whole or not at all."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise wrong_output(path, ".xlsx")
    with atomic_output(path) as tmp:
        write_call_list_xlsx(rows, tmp, as_of)
    return path
