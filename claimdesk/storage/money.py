"""Money events (receipts, refunds, write-offs, adjustments): appended, never changed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from ..domain.claims import EventKind, MoneyEvent
from ..domain.summary import ClaimFigures
from .connection import LedgerDatabase
from .operator import now_text
from .pending_totals import PendingTotals
from .period_totals import prepare, summary_totals
from .repository import Repository
from .rows import insert_rows
from .summary import summary_figures
from .summary_years import Totals

_EVENT_COLUMNS = ("claim_id", "kind", "date", "amount", "accounting_year",
                  "accounting_year_overridden", "method", "note", "reverses", "operator",
                  "entered_at", "source", "import_batch")


class Money(Repository):
    """Money events, append-only, and the summary's sums."""

    _EVENT_SELECT = (
        "SELECT claim_id, kind, date, amount, accounting_year, accounting_year_overridden,"
        " method, note, reverses, id, operator, entered_at FROM money_events"
    )

    @staticmethod
    def _event(r) -> MoneyEvent:
        return MoneyEvent(r[0], EventKind(r[1]), date.fromisoformat(r[2]), r[3], r[4], bool(r[5]),
                          r[6], r[7], r[8], r[9], r[10], datetime.fromisoformat(r[11]))

    def events(self, claim_id: str) -> list[MoneyEvent]:
        """The claim's money events, oldest first (by date, then as entered)."""
        rows = self._db.execute(
            self._EVENT_SELECT + " WHERE claim_id = ? ORDER BY date, id", [claim_id]).fetchall()
        return [self._event(r) for r in rows]

    def events_in_order(self, claim_ids: Iterable[str]) -> Iterator[tuple[str, int, MoneyEvent]]:
        """(claim id, event id, event) of these claims, claim by claim, each by date then as entered."""
        sql = (self._EVENT_SELECT + " WHERE claim_id IN (SELECT value FROM json_each(?))"
               " ORDER BY claim_id, date, id")
        for r in self._db.execute(sql, [json.dumps(sorted(set(claim_ids)))]):
            yield r[0], r[9], self._event(r)

    def event(self, event_id: int) -> MoneyEvent | None:
        """The money event with this id, or None."""
        row = self._db.execute(self._EVENT_SELECT + " WHERE id = ?", [event_id]).fetchone()
        return None if row is None else self._event(row)

    def is_reversed(self, event_id: int) -> bool:
        """Whether a reversal of this event was recorded."""
        return self._db.execute(
            "SELECT 1 FROM money_events WHERE reverses = ?", [event_id]).fetchone() is not None

    def add_events(self, events: Iterable[MoneyEvent], *, source: str = "",
                   batch: int | None = None) -> list[int]:
        """Append money events; returns their ids. Nothing is written if one is refused."""
        who, when = self._operator, now_text()
        rows = ((e.claim_id, e.kind.value, e.date.isoformat(), e.amount, e.accounting_year,
                 int(e.accounting_year_overridden), e.method, e.note, e.reverses, who, when, source, batch)
                for e in events)
        with self._db.atomic():
            return insert_rows(self._db.conn, "money_events", _EVENT_COLUMNS, rows)

    def add_event(self, event: MoneyEvent) -> MoneyEvent:
        """Append one money event; returns it as recorded."""
        (event_id,) = self.add_events([event])
        recorded = self.event(event_id)
        assert recorded is not None  # just written, in this connection
        return recorded

    def event_count(self) -> int:
        """How many money events the ledger holds."""
        return self._db.execute("SELECT count(*) FROM money_events").fetchone()[0]

    def summary_figures(self, fiscal_year: int, as_of: date) -> Iterator[ClaimFigures]:
        """Every claim FY's summary counts (not those settled before it) as `ClaimFigures`, one SQL pass."""
        return summary_figures(self._db.conn, fiscal_year, as_of)

    def summary_totals(self, periods, today: date | None = None) -> list[dict[tuple[str, str], Totals]]:
        """The summary's totals per (claim type, category) for each (FY, as of): closed years
        stored in the ledger read, the rest in one SQL pass; with `today`, closed ones stored."""
        assert isinstance(self._db, LedgerDatabase)  # as Ledger makes every repository
        return summary_totals(self._db, periods, today)

    def summary_totals_started(self, periods, today: date | None = None) -> PendingTotals:
        """`summary_totals` begun in a thread on a connection of its own (PendingTotals)."""
        assert isinstance(self._db, LedgerDatabase)
        return PendingTotals(self._db, periods, today)

    def prepare_summary_totals(self, periods, today: date) -> bool:
        """Sum and keep now what `summary_totals` of these periods could keep (period_totals.prepare)."""
        assert isinstance(self._db, LedgerDatabase)
        return prepare(self._db, periods, today)
