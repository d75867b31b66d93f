"""Ledger import (docs/exchange-format.md §2): every row checked first, then all or nothing."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TypeVar

from ..domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature, MoneyEvent, new_event
from ..domain.dates import fiscal_year_of, format_fiscal_year
from ..domain.errors import ClaimDeskError, InvalidValue, Refusal
from ..storage.ledger import Ledger, LedgerError
from .clock import today as clock_today
from .csvfiles import BAD, CsvTable, ImportProblem
from .gc_pause import cyclic_gc_paused
from .import_batches import EMPTY_SHA256, AlreadyImported, check_new_content, file_sha256
from .import_columns import (
    CLAIM_COLUMNS,
    CLAIM_TYPE_FIELDS,
    PARTICULARS,
    TRANSACTION_COLUMNS,
    parse_postal_code,
    signed_yen_cell,
    yen_cell,
)
from .import_direct_debits import ImportedDebits
from .import_overpayments import Receipts as _Receipts

__all__ = ["ImportFailed", "ImportProblem", "ImportResult", "earlier_import", "import_ledger",
           "parse_postal_code"]

T = TypeVar("T")
PROGRESS_STEP = 5000
EVENT_CHUNK = 20_000  # transactions checked, then written, at a time (memory: one chunk's events)


@dataclass(frozen=True)
class ImportResult:
    claims: int
    debtors_new: int
    debtors_updated: int
    claim_types_new: int
    events: int
    warnings: tuple[ImportProblem, ...] = ()  # taken, but to be looked at (過誤納)
    batch_id: int | None = None  # the import batch recorded (取込み番号)

    def counts(self) -> dict[str, int]:
        """The counts as the batch records them."""
        return {"claims": self.claims, "debtors_new": self.debtors_new, "debtors_updated": self.debtors_updated,
                "claim_types_new": self.claim_types_new, "events": self.events}


class ImportFailed(Refusal):
    """Nothing was imported; `problems` lists every reason, in file and line order."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("file", "import_failed", count=len(problems), first=problems[0] if problems else "")


def _same(a: object, b: object) -> bool:
    """Equal as a clerk reads them: 全角/半角 and runs of spaces do not matter."""
    if a == b:
        return True  # most rows repeat the text exactly: no need to fold it
    if isinstance(a, str) and isinstance(b, str):
        return _key(a) == _key(b)
    return a == b


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _shown(value: object) -> str:
    return value.label if isinstance(value, LegalNature) else str(value)


class _Plan:
    """What the import will write, built while every row is checked."""

    def __init__(self, ledger: Ledger, tick: Callable[[int], None], today):
        self.ledger, self.tick, self.today = ledger, tick, today
        self.stored: dict[str, Claim] = {}
        self.warnings: list[ImportProblem] = []
        # → (type, line of the file that defines it; None: the ledger's)
        self.types: dict[str, tuple[ClaimType, int | None]] = {_key(t.name): (t, None) for t in ledger.claim_types()}
        self.new_types: list[ClaimType] = []
        self.stored_debtors: dict[str, Debtor | None] = {}
        self.debtors: dict[str, tuple[Debtor, dict[str, int]]] = {}  # → (merged, attr → line)
        self.claim_lines: dict[str, int] = {}  # every claim id of the file, good or bad
        self.claims: dict[str, Claim] = {}
        self.event_rows = 0  # rows of the transactions file (not blank): its events, if all are good
        self.debits = ImportedDebits(ledger, today)

    # --- claims.csv ------------------------------------------------------------------

    def read_claims(self, t: CsvTable) -> None:
        for line, row in t.rows():
            self.tick(line)
            v = t.values(line, row)
            self._claim_id(t, line, v["claim_id"])
            self._debtor(t, line, v)
            self.debits.row(t, line, v)
            claim_type = self._claim_type(t, line, v)
            fields = ("claim_id", "debtor_id", "fiscal_year", "assessed_on", "amount", "due_date")
            if claim_type is None or any(v[f] is BAD for f in fields):
                continue
            try:
                claim = Claim(v["claim_id"], v["debtor_id"], claim_type.name, v["fiscal_year"],
                              v["assessed_on"], v["amount"], v["due_date"])
            except InvalidValue as e:
                t.report(line, e.field, e.reason)
                continue
            if v["fiscal_year"] > fiscal_year_of(v["assessed_on"]) + 1:
                # R99 reads as 2117: a typo, not a claim assessed a century early.
                t.report(line, "fiscal_year", f"年度 {format_fiscal_year(v['fiscal_year'])}（{v['fiscal_year']}）は"
                                              f"調定日 {v['assessed_on'].isoformat()} から見てありえない年度です")
                continue
            self.claims.setdefault(claim.claim_id, claim)
        for claim_id in self.ledger.existing_claim_ids(self.claim_lines):
            t.report(self.claim_lines[claim_id], "claim_id", f"債権番号 {claim_id} はすでに台帳にあります")

    def _claim_id(self, t: CsvTable, line: int, claim_id) -> None:
        if claim_id is BAD:
            return
        if claim_id in self.claim_lines:
            t.report(line, "claim_id", f"債権番号 {claim_id} は{self.claim_lines[claim_id]}行目と重複しています")
        else:
            self.claim_lines[claim_id] = line

    def _debtor(self, t: CsvTable, line: int, v: dict) -> None:
        debtor_id, name = v["debtor_id"], v["debtor_name"]
        if debtor_id is BAD or name is BAD:
            return
        if debtor_id not in self.stored_debtors:
            self.stored_debtors[debtor_id] = self.ledger.debtor(debtor_id)
        stored = self.stored_debtors[debtor_id]
        if stored is not None and not _same(stored.name, name):
            t.report(line, "debtor_name", f"債務者番号 {debtor_id} は台帳では「{stored.name}」です（この行は「{name}」）")
        given = {a: v[c] for a, c in PARTICULARS.items() if v[c] not in (None, BAD)}
        if debtor_id not in self.debtors:
            try:
                debtor = Debtor(debtor_id, name, **given)
            except InvalidValue as e:
                t.report(line, e.field, e.reason)
                return
            self.debtors[debtor_id] = (debtor, dict.fromkeys(["name", *given], line))
            return
        debtor, lines = self.debtors[debtor_id]
        columns = {"name": "debtor_name", **PARTICULARS}
        for attr, value in {"name": name, **given}.items():
            if attr not in lines:
                debtor, lines[attr] = replace(debtor, **{attr: value}), line
            elif not _same(getattr(debtor, attr), value):
                t.report(line, columns[attr], f"債務者番号 {debtor_id} の{lines[attr]}行目と違います"
                                              f"（{lines[attr]}行目は「{getattr(debtor, attr)}」）")
        self.debtors[debtor_id] = (debtor, lines)

    def _claim_type(self, t: CsvTable, line: int, v: dict) -> ClaimType | None:
        name = v["claim_type"]
        if name is BAD:
            return None
        known = self.types.get(_key(name))
        if known is None:
            if any(v[f] is BAD for f in CLAIM_TYPE_FIELDS):
                return None
            claim_type = ClaimType(name, *(v[f] for f in CLAIM_TYPE_FIELDS))
            self.types[_key(name)] = (claim_type, line)
            self.new_types.append(claim_type)
            return claim_type
        claim_type, defined = known
        where = "台帳" if defined is None else f"{defined}行目"
        ok = True
        for f in CLAIM_TYPE_FIELDS:
            if v[f] is not BAD and not _same(getattr(claim_type, f), v[f]):
                ok = False
                t.report(line, f, f"債権名「{claim_type.name}」は{where}で「{_shown(getattr(claim_type, f))}」です"
                                  f"（この行は「{_shown(v[f])}」）")
        return claim_type if ok else None

    # --- transactions.csv ------------------------------------------------------------

    def checked_events(self, t: CsvTable, tick: Callable[[int], None]) -> Iterator[tuple[int, MoneyEvent]]:
        """(line, event) of each good row, as read; a bad row is reported and left out.

        The events are not kept: the caller writes them a chunk at a time (`write`), so an
        import of a million rows never holds them all (issue 13).
        """
        stored = self.stored
        for line, row in t.rows():
            tick(line)
            v = t.values(line, row)
            signed = v["kind"] is EventKind.ADJUSTMENT or v["kind"] is BAD
            amount = t.value(line, row, "amount", signed_yen_cell if signed else yen_cell)
            claim_id = v["claim_id"]
            if claim_id is BAD:
                continue
            claim = self.claims.get(claim_id) or stored.get(claim_id)
            if claim is None:
                if claim_id not in self.claim_lines:
                    t.report(line, "claim_id", f"債権番号 {claim_id} は取込む債権にも台帳にもありません")
                continue
            if BAD in (v["date"], v["kind"], amount, v["method"], v["accounting_year"]):
                continue
            if v["date"] > self.today:
                t.report(line, "date", f"日付が今日（{self.today.isoformat()}）より後です。"
                                       "将来の日付の取引は取り込めません")
                continue
            try:
                event = new_event(claim, v["kind"], v["date"], amount, accounting_year=v["accounting_year"],
                                  method=v["method"] or "", note=v["note"] or "")
            except InvalidValue as e:
                t.report(line, e.field, e.reason)
                continue
            yield line, event

    def prepare_events(self, t: CsvTable) -> None:
        """Before the transactions are checked: the ledger's claims they refer to, and their rows."""
        self.stored = self._stored_claims(t)

    def _stored_claims(self, t: CsvTable) -> dict[str, Claim]:
        """The ledger's claims the transactions refer to, fetched in bulk."""
        wanted, self.event_rows = t.distinct_and_rows("claim_id")
        wanted -= self.claim_lines.keys()
        found = self.ledger.existing_claim_ids(wanted)
        if len(found) > 1000:
            return {c.claim_id: c for c in self.ledger.claims() if c.claim_id in found}
        return {c.claim_id: c for c in map(self.ledger.claim, found) if c is not None}

    # --- writing ---------------------------------------------------------------------

    def write(self, claims_table: CsvTable | None, events_table: CsvTable | None, batch: dict,
              tick: _Progress) -> ImportResult:
        """Write the checked claims, then check and write the transactions a chunk at a time,
        all in one transaction: a bad transaction row found on the way undoes everything."""
        new_debtors, changed = [], []
        for debtor_id, (debtor, _) in self.debtors.items():
            stored = self.stored_debtors[debtor_id]
            if stored is None:
                new_debtors.append(debtor)
                continue
            update = {a: getattr(debtor, a) for a in PARTICULARS
                      if getattr(debtor, a) and not _same(getattr(debtor, a), getattr(stored, a))}
            if update:
                changed.append(replace(stored, **update))
        tick.writing(len(new_debtors) + len(changed) + len(self.claims))
        # The events' count is the file's rows: all of them are written, or nothing is.
        result = ImportResult(len(self.claims), len(new_debtors), len(changed), len(self.new_types),
                              self.event_rows if events_table is not None else 0)
        with self.ledger.atomic():
            batch_id = self.ledger.imports.add(**batch, counts=result.counts())
            for claim_type in self.new_types:
                assert claims_table is not None  # only a claims file brings new claim types
                try:
                    self.ledger.add_claim_type(claim_type)
                except LedgerError as e:  # registered by another clerk since the check
                    claims_table.report(self.types[_key(claim_type.name)][1] or 1, "claim_type", str(e))
                    raise ImportFailed(claims_table.problems) from None
            try:
                self.ledger.add_debtors(tick.counted(new_debtors))
            except LedgerError:
                self._raise_where(claims_table)
                raise
            for debtor in tick.counted(changed):
                self.ledger.save_debtor(debtor)
            self.ledger.direct_debits.add(self.debits.new_entries())
            if claims_table is not None:
                try:
                    self.ledger.add_claims(tick.counted(self.claims.values()),
                                           source=f"import:{claims_table.path.name}", batch=batch_id)
                except LedgerError:
                    self._raise_where(claims_table)
                    raise
            warnings: list[ImportProblem] = []
            if events_table is not None:
                warnings = self._write_events(events_table, batch_id, tick)
            # Inside the transaction: a progress callback that cancels here still undoes it all.
            tick.finish()
        return replace(result, batch_id=batch_id, warnings=tuple(warnings))

    def _write_events(self, t: CsvTable, batch_id: int, tick: _Progress) -> list[ImportProblem]:
        """Check and write the transactions, EVENT_CHUNK at a time; their 過誤納 warnings."""
        receipts = _Receipts(self.claims, self.stored)
        written = 0
        events = self.checked_events(t, tick.events)
        while chunk := list(islice(events, EVENT_CHUNK)):
            if t.problems:
                continue  # nothing more is written; the rest is checked, to report every row
            ids = self.ledger.add_events((e for _, e in chunk), source=f"import:{t.path.name}", batch=batch_id)
            receipts.note(chunk, ids)
            written += len(chunk)
        if t.problems:
            raise ImportFailed(sorted(t.problems, key=lambda p: p.line))
        if written != self.event_rows:  # every row is an event or a problem: cannot happen
            raise ClaimDeskError(f"取引の件数が合いません（{written}件 / {self.event_rows}行）")
        return receipts.warnings(self.ledger, t.file, t.headers.get("amount", "amount"))

    def _raise_where(self, t: CsvTable | None) -> None:
        """A claim or debtor id taken since the check (another clerk's entry): FILE:LINE, as checked."""
        if t is None:  # transactions alone add no claims and no debtors
            return
        for claim_id in self.ledger.existing_claim_ids(self.claims):
            t.report(self.claim_lines[claim_id], "claim_id", f"債権番号 {claim_id} はすでに台帳にあります")
        for debtor_id, (_, lines) in self.debtors.items():
            if self.stored_debtors[debtor_id] is None and self.ledger.debtor(debtor_id) is not None:
                t.report(lines["name"], "debtor_id", f"債務者番号 {debtor_id} は取込みの間に台帳に登録されました。"
                                                     "もう一度取り込んでください")
        if t.problems:
            raise ImportFailed(sorted(t.problems, key=lambda p: p.line))


class _Progress:
    """Reports now and then, out of twice the files' lines: the claims' lines read, as many
    again written, then each transaction line twice (checked and written together)."""

    def __init__(self, callback: Callable[[int, int], None] | None, lines: int, claim_lines: int):
        self.callback, self.lines, self.total = callback, claim_lines, 2 * lines
        self.reported = self.written = 0
        self.to_write = 1

    def read(self, done: int) -> None:
        if done - self.reported >= PROGRESS_STEP:
            self._report(done)

    def writing(self, items: int) -> None:
        self.to_write = max(items, 1)

    def events(self, line: int) -> None:
        self.read(2 * self.lines + 2 * line)

    def counted(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            self.written += 1
            if self.written % PROGRESS_STEP == 0:
                self._report(self.lines + self.lines * self.written // self.to_write)
            yield item

    def finish(self) -> None:
        self._report(self.total)

    def _report(self, done: int) -> None:
        self.reported = done
        if self.callback is not None:
            self.callback(min(done, self.total), self.total)


def _tables(claims_path, transactions_path) -> tuple[CsvTable | None, CsvTable | None]:
    claims_table = CsvTable(claims_path, CLAIM_COLUMNS) if claims_path else None
    events_table = CsvTable(transactions_path, TRANSACTION_COLUMNS) if transactions_path else None
    return claims_table, events_table


def _compared(tables: list[CsvTable], hashes: dict[str, str]) -> dict[str, str]:
    """The files whose content must be new. A file of headers only says nothing new or old."""
    return {t.file: hashes[t.file] for t in tables if t.data_lines and t.file in hashes}


def earlier_import(ledger: Ledger, claims_path: str | Path | None,
                   transactions_path: str | Path | None = None) -> AlreadyImported | None:
    """Why importing these files would be refused as a repeat, or None (the window asks first)."""
    tables = [t for t in _tables(claims_path, transactions_path) if t is not None]
    try:
        check_new_content(ledger, _compared(tables, {t.file: file_sha256(t.path) for t in tables
                                                      if t.encoding is not None}), None)
    except AlreadyImported as repeat:
        return repeat
    return None


# Millions of short-lived rows, values and events, none in a cycle: the cycle collector
# walking the heap meanwhile was a tenth of a large import (gc_pause.py).
@cyclic_gc_paused()
def import_ledger(
    ledger: Ledger,
    claims_path: str | Path | None,
    transactions_path: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    today=None,
    *,
    again_reason: str | None = None,
) -> ImportResult:
    """Import claims (and their money events), or money events of the ledger's claims
    alone (`claims_path` None), into `ledger` as one batch: all rows, or none and ImportFailed. A file whose content was imported before is refused (AlreadyImported)
    unless `again_reason` says why it is imported again.

    Money dated after `today` (default clock.today()) is an error; a receipt beyond its
    claim's balance is taken and listed in the result's `warnings` (過誤納).
    """
    claims_table, events_table = _tables(claims_path, transactions_path)
    tables = [t for t in (claims_table, events_table) if t is not None]
    hashes = {t.file: file_sha256(t.path) for t in tables if t.encoding is not None}
    repeat = check_new_content(ledger, _compared(tables, hashes), again_reason)
    tick = _Progress(progress, sum(t.data_lines for t in tables), claims_table.data_lines if claims_table else 0)
    plan = _Plan(ledger, tick.read, today or clock_today())
    # The transactions are checked when both headers are right (then every row is reported).
    claims_usable = claims_table is None or claims_table.usable
    checked = events_table if claims_usable and events_table is not None and events_table.usable else None
    if claims_usable:
        if claims_table is not None:
            plan.read_claims(claims_table)
        if checked is not None:
            plan.prepare_events(checked)
    if any(t.problems for t in tables):
        if checked is not None:
            for _ in plan.checked_events(checked, tick.events):
                pass  # nothing will be written: every bad row is still reported
        raise ImportFailed([p for t in tables for p in sorted(t.problems, key=lambda p: p.line)])
    batch = {"claims_file": claims_table.path.name if claims_table else "",
             "claims_sha256": hashes.get(claims_table.file, "") if claims_table else EMPTY_SHA256,
             "transactions_file": events_table.path.name if events_table else "",
             "transactions_sha256": hashes.get(events_table.file, "") if events_table else "",
             "again_reason": (again_reason or "").strip() if repeat else ""}
    return plan.write(claims_table, events_table, batch, tick)
