"""Taking receipt files (口座振替結果, コンビニ 速報/確報; docs/receipt-files.md): every line
matched to its claim first, then the files' receipts written as money events of one
import batch (reversible like an import), or nothing and every reason `FILE:LINE: reason`.

The same content is never taken twice (its SHA-256 is kept in the receipt-file log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..domain.claims import MoneyEvent
from ..domain.errors import REASONS, Refusal
from ..domain.reconciliation import TakenFile
from ..storage.ledger import Ledger
from ..storage.receipt_files import LineRecord
from .clock import today as clock_today
from .csvfiles import ImportProblem
from .files import file_sha256
from .import_batches import EMPTY_SHA256
from .receipt_plan import FilePlan
from .receipts_cvs import awaiting_lines, plan_cvs
from .receipts_zengin import plan_zengin

FORMATS = ("zengin", "cvs")

REASONS.update({
    "receipt_format_unknown": "形式「{format}」は zengin・cvs のいずれかです",
    # The headline; each face lists the problems (the `problems` of the refusal) its own way.
    "receipts_refused": "収納データの取込みを中止しました: {count}件の誤りがあります。台帳は変更していません。",
})


class ReceiptsRefused(Refusal):
    """Nothing was taken: `problems` lists every reason; `files` the reconciliation as checked."""

    def __init__(self, problems: list[ImportProblem], files: list[TakenFile]):
        self.problems, self.files = problems, files
        super().__init__("files", "receipts_refused", count=len(problems), first=problems[0] if problems else "")


def detect_format(data: bytes) -> str | None:
    """'zengin' for a 全銀協 振替結果 file, 'cvs' for a コンビニ receipt CSV, None otherwise."""
    from ..domain.zengin import records

    first = records(data)[0][1] if data.strip() else b""
    if first[:3] == b"191":
        return "zengin"
    if first[:2] in (b"1,", b'"1') or first.startswith(b"\xef\xbb\xbf1,"):
        return "cvs"
    return None


def check_receipt_files(ledger: Ledger, paths: list[str | Path], format: str | None = None,
                        today: date | None = None) -> list[FilePlan]:
    """Read and match every file; nothing is written. Each plan lists its problems."""
    if format is not None and format not in FORMATS:
        raise Refusal("format", "receipt_format_unknown", format=format)
    today = today or clock_today()
    plans: list[FilePlan] = []
    readable: list[tuple[FilePlan, bytes]] = []
    seen: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        plan = FilePlan(path, format or "")
        plans.append(plan)
        try:
            data = path.read_bytes()
        except OSError as e:
            plan.problem(1, f"ファイルを読めません（{e.strerror or e}）")
            continue
        plan.sha256 = file_sha256(path)
        if plan.sha256 in seen:
            plan.problem(1, f"{seen[plan.sha256].name} と同じ内容です（同じファイルは1回だけ取り込めます）")
            continue
        seen[plan.sha256] = path
        if (taken := ledger.receipt_files.with_content(plan.sha256)) is not None:
            plan.problem(1, f"この内容は {taken.taken_at:%Y-%m-%d %H:%M} に取り込み済みです"
                            f"（{taken.file}、{taken.operator}、取込み番号 {taken.import_batch or 'なし'}）")
            continue
        plan.format = format or detect_format(data) or ""
        if not plan.format:
            plan.problem(1, "形式を判別できません（全銀協の口座振替結果・コンビニ収納データのいずれでもありません）")
            continue
        readable.append((plan, data))
    # 速報 before 確報, in whatever order the files were given: a 確報 of a 速報 taken in the
    # same run then confirms it instead of being a second receipt.
    earlier: dict[str, list[LineRecord]] = {}
    for plan, data in sorted(readable, key=lambda pair: _report_order(pair[0].format, pair[1])):
        if plan.format == "zengin":
            plan_zengin(ledger, plan, data, today)
        else:
            plan_cvs(ledger, plan, data, today, earlier)
    stores = [p for p in plans if p.format == "cvs"]
    if stores:  # taking store files is when the 速報 still waiting for their 確報 are shown
        keys = {r.key for p in stores for r in p.lines}
        stores[-1].lines.extend(awaiting_lines(ledger, today, keys))
    return plans


def _report_order(format: str, data: bytes) -> int:
    """0 for a 全銀 file or a コンビニ 速報, 1 for a コンビニ 確報 (its header's データ種別 2)."""
    if format != "cvs":
        return 0
    head = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].replace(b'"', b"").split(b",")
    return 1 if len(head) > 1 and head[1].strip() == b"2" else 0


def take_receipt_files(ledger: Ledger, paths: list[str | Path], format: str | None = None,
                       today: date | None = None,
                       progress: Callable[[int, int], None] | None = None) -> list[TakenFile]:
    """Take the files' receipts into the ledger: all files, or none and ReceiptsRefused."""
    plans = check_receipt_files(ledger, paths, format, today)
    problems = [p for plan in plans for p in sorted(plan.problems, key=lambda p: p.line)]
    if problems:
        raise ReceiptsRefused(problems, [_checked(p) for p in plans])
    taken: list[TakenFile] = []
    with ledger.atomic():
        for i, plan in enumerate(plans):
            taken.append(_write(ledger, plan))
            if progress is not None:
                progress(i + 1, len(plans))
    return taken


def _checked(plan: FilePlan) -> TakenFile:
    return TakenFile(plan.file, plan.format, plan.report, plan.paid_on, tuple(plan.lines))


def _write(ledger: Ledger, plan: FilePlan) -> TakenFile:
    batch_id = None
    lines = list(plan.lines)
    written: dict[int, MoneyEvent] = {}  # id → the event as written
    if plan.events:
        counts = {"claims": 0, "debtors_new": 0, "debtors_updated": 0, "claim_types_new": 0,
                  "events": len(plan.events)}
        batch_id = ledger.imports.add(claims_file="", claims_sha256=EMPTY_SHA256, transactions_file=plan.file,
                                      transactions_sha256=plan.sha256, counts=counts)
        ids = ledger.add_events([e for _, e in plan.events], source=f"receipts:{plan.file}", batch=batch_id)
        for (index, event), event_id in zip(plan.events, ids):
            lines[index] = replace(lines[index], event_ids=lines[index].event_ids + (event_id,))
            written[event_id] = event
    records = []
    for r in lines:
        if r.outcome == "received":
            for i, event_id in enumerate(r.event_ids):
                event = written[event_id]
                records.append(LineRecord(r.line, "received", r.key, r.debtor_id, event.claim_id, event.date,
                                          event.amount, "0" if plan.format == "zengin" else "", r.reason, event_id,
                                          r.late_charge if i == 0 else 0))
        elif r.outcome in ("failed", "confirmed"):
            assert r.paid_on is not None  # set on every matched line
            records.append(LineRecord(r.line, r.outcome, r.key, r.debtor_id, r.claim_ids[0] if r.claim_ids else None,
                                      r.paid_on, r.amount, r.code,
                                      "" if r.outcome == "failed" else r.reason))
    counts = {"data_lines": sum(r.outcome != "awaiting" for r in lines)}  # awaiting: lines of earlier files
    for outcome in ("received", "failed", "confirmed"):
        counts[outcome], counts[f"{outcome}_amount"] = plan.count(outcome)
    file_id = ledger.receipt_files.add(plan.file, plan.sha256, plan.format, plan.report, counts, batch_id, records)
    return TakenFile(plan.file, plan.format, plan.report, plan.paid_on, tuple(lines), file_id, batch_id)
