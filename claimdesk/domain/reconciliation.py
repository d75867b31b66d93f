"""The reconciliation of receipt files (照合結果): each line's outcome and the files' totals,
as the window shows them and the reports print them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

FORMAT_LABELS = {"zengin": "口座振替結果（全銀）", "cvs": "コンビニ収納", "": "形式不明"}
REPORT_LABELS = {"": "", "preliminary": "速報", "final": "確報"}
OUTCOMES = ("received", "failed", "confirmed", "unmatched", "awaiting")
OUTCOME_LABELS = {"received": "収納", "failed": "振替不能", "confirmed": "確報（速報で収納済み）",
                  "unmatched": "照合できず", "awaiting": "確報未着（速報のみ）"}


@dataclass(frozen=True)
class Reconciled:
    """One line of a receipt file as the reconciliation report lists it."""

    file: str
    line: int
    outcome: str  # received, failed, confirmed, unmatched
    key: str  # customer number or 納付番号
    debtor_id: str = ""
    debtor_name: str = ""
    claim_ids: tuple[str, ...] = ()
    paid_on: date | None = None
    amount: int = 0
    reason: str = ""  # why failed or unmatched; where a コンビニ line was paid
    event_ids: tuple[int, ...] = ()
    code: str = ""  # 振替結果コード
    late_charge: int = 0  # of `amount`, the 延滞金 part of a store payment (not the claim's receipt)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


@dataclass(frozen=True)
class TakenFile:
    """A file checked (and taken, when `file_id` is set): the reconciliation report's part."""

    file: str
    format: str
    report: str
    paid_on: date | None
    lines: tuple[Reconciled, ...]
    file_id: int | None = None
    batch_id: int | None = None

    def count(self, outcome: str) -> tuple[int, int]:
        """(lines, yen) with this outcome."""
        chosen = [r for r in self.lines if r.outcome == outcome]
        return len(chosen), sum(r.amount for r in chosen)

    @property
    def kind_label(self) -> str:
        """口座振替結果（全銀）, コンビニ収納速報 …"""
        return FORMAT_LABELS[self.format] + REPORT_LABELS[self.report]

    @property
    def taken(self) -> bool:
        return self.file_id is not None


def totals(files: list[TakenFile]) -> dict[str, tuple[int, int]]:
    """outcome → (lines, yen) over all the files."""
    out = {}
    for outcome in OUTCOMES:
        counts = [f.count(outcome) for f in files]
        out[outcome] = (sum(c for c, _ in counts), sum(y for _, y in counts))
    return out
