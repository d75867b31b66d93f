"""What a receipt file will write, built while its lines are matched: the lines as the
reconciliation report lists them, the money events, the problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.claims import EventKind, MoneyEvent, new_event
from ..domain.reconciliation import Reconciled
from .csvfiles import ImportProblem


@dataclass
class FilePlan:
    """What one file will write, built while its lines are checked."""

    path: Path
    format: str
    sha256: str = ""
    report: str = ""  # cvs: preliminary (速報) or final (確報)
    paid_on: date | None = None  # zengin: the 引落日
    lines: list[Reconciled] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    events: list[tuple[int, MoneyEvent]] = field(default_factory=list)  # (index in lines, event)

    @property
    def file(self) -> str:
        return self.path.name

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(ImportProblem(str(self.path), line, "", reason))

    def refuse(self, line: Reconciled, reason: str) -> None:
        """The line cannot be taken: listed as unmatched, with its reason as a problem."""
        self.lines.append(Reconciled(line.file, line.line, "unmatched", line.key, line.debtor_id, line.debtor_name,
                                     line.claim_ids, line.paid_on, line.amount, reason, code=line.code))
        self.problem(line.line, reason)

    def count(self, outcome: str) -> tuple[int, int]:
        """(lines, yen) with this outcome."""
        chosen = [r for r in self.lines if r.outcome == outcome]
        return len(chosen), sum(r.amount for r in chosen)



def receipt_event(claim, on: date, amount: int, method: str, note: str) -> MoneyEvent:
    """A receipt of a file as a money event of the claim."""
    return new_event(claim, EventKind.RECEIPT, on, amount, method=method, note=note)
