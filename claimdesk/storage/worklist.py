"""The worklist's reads: which claims can need work, and their receipts, in a few queries.

Only a claim that still owes something can need work, and only once it is past its due
date or has casework logged; SQL narrows 200,000 claims to those before any Python runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from ..domain.claims import LegalNature
from ..domain.instalments import Payment
from .as_of import late_param, owed_sql, written_off_sql
from .migrations.m017_overpaid import OVERPAID
from .repository import Repository

_BALANCE = owed_sql()  # on :today: a worklist for a past day takes that day's balances
_WRITTEN_OFF = written_off_sql()
# The same when no event is dated after the day (:late is 0, the rule): the running sums.
_BALANCE_NOW, _WRITTEN_OFF_NOW = owed_sql(late=False), written_off_sql(late=False)
_NATURES = {n.value: n for n in LegalNature}  # a look-up: calling the enum costs ~1 µs a row
# With no event after the day, a claim's balance is below zero only if it is assessed and
# overpaid by its running sums (m017's partial index, the same condition) or not assessed
# yet on the day (then not due either: due_date >= assessed_on, the due date's index).
_MAY_BE_OVERPAID = f"""c.claim_id IN (SELECT claim_id FROM claims WHERE {OVERPAID}
    UNION ALL SELECT claim_id FROM claims WHERE due_date > :today AND assessed_on > :today)"""


class Candidate(NamedTuple):
    """A claim that may need work (a tuple: the worklist makes some 20,000 at a time)."""

    claim_id: str
    debtor_id: str
    debtor_name: str
    claim_type: str
    legal_nature: LegalNature
    due_date: date
    balance: int
    written_off: int
    has_liable_parties: bool
    debtor_changed_at: datetime | None  # when the debtor's particulars were last changed, if ever
    receipts: tuple[Payment, ...]  # netted per day: a reversal carries its original's date


def _where(claim_ids, claim_type, legal_nature, balance: str = _BALANCE) -> tuple[str, dict]:
    params: dict = {}
    if claim_ids is not None:  # named claims, whatever they owe (the claim page)
        clauses = ["c.claim_id IN (SELECT value FROM json_each(:ids))"]
        params["ids"] = json.dumps(sorted(set(claim_ids)))
    else:
        # "+due_date": most claims are past due, so a scan beats the due-date index.
        clauses = [f"{balance} > 0", "(+c.due_date < :today OR EXISTS"
                   " (SELECT 1 FROM contact_entry_claims l WHERE l.claim_id = c.claim_id))"]
    return _narrowed(clauses, params, claim_type, legal_nature)


def _narrowed(clauses: list[str], params: dict, claim_type, legal_nature) -> tuple[str, dict]:
    """The clauses joined, narrowed to a claim type and a legal nature when given."""
    if claim_type:
        clauses.append("t.name = :claim_type")
        params["claim_type"] = claim_type
    if legal_nature:
        clauses.append("t.legal_nature = :nature")
        params["nature"] = legal_nature.value
    return " AND ".join(clauses), params


_RECEIPTS = """(SELECT group_concat(date || ' ' || paid) FROM (
    SELECT date, sum(amount) AS paid FROM money_events m
    WHERE m.claim_id = {claim} AND m.kind = 'receipt' AND m.date <= :today{since}
    GROUP BY date HAVING sum(amount) > 0 ORDER BY date))"""


def _parse(claim_id: str, text: str | None) -> tuple[Payment, ...]:
    if not text:
        return ()
    fromiso = date.fromisoformat
    return tuple(Payment(fromiso(item[:10]), int(item[11:]), claim_id) for item in text.split(","))


class WorklistQueries(Repository):
    """The worklist's reads: candidates and their receipts."""

    def candidates(self, today: date, *, claim_ids=None, claim_type: str | None = None,
                   legal_nature: LegalNature | None = None,
                   receipts_due_by: date | None = None) -> list[Candidate]:
        """Claims that may need work on `today` (or those named), with their receipts.

        `receipts_due_by`: read receipts only for claims due on or before that day (the
        others get none); reading every receipt is the costliest part of the worklist.
        """
        late = late_param(self._db.conn, today)
        balance, written_off = (_BALANCE, _WRITTEN_OFF) if late else (_BALANCE_NOW, _WRITTEN_OFF_NOW)
        where, params = _where(claim_ids, claim_type, legal_nature, balance)
        params["today"] = today.isoformat()
        params["late"] = late
        params["receipts_due_by"] = (receipts_due_by or date.max).isoformat()
        sql = f"""
            SELECT c.claim_id, c.debtor_id, d.name, t.name, t.legal_nature, c.due_date, {balance},
                {written_off}, EXISTS (SELECT 1 FROM guarantors g WHERE g.claim_id = c.claim_id AND NOT EXISTS (
                    SELECT 1 FROM liable_party_ends x WHERE x.party_id = g.id AND x.ended_on <= :today)),
                CASE WHEN EXISTS (SELECT 1 FROM debtor_history h WHERE h.debtor_id = d.debtor_id)
                     THEN d.changed_at END,
                CASE WHEN c.due_date <= :receipts_due_by THEN {_RECEIPTS.format(claim="c.claim_id", since="")} END
            FROM claims c JOIN claim_types t ON t.id = c.claim_type_id
            JOIN debtors d ON d.debtor_id = c.debtor_id
            WHERE {where}"""
        fromiso = date.fromisoformat
        nature = _NATURES.__getitem__
        return [Candidate(r[0], r[1], r[2], r[3], nature(r[4]), fromiso(r[5]), r[6], r[7], bool(r[8]),
                          datetime.fromisoformat(r[9]) if r[9] else None, _parse(r[0], r[10]) if r[10] else ())
                for r in self._db.conn.execute(sql, params)]

    def quiet_open_balances(self, today: date) -> list[tuple[str, int, str]]:
        """(claim id, balance, claim type) of the open claims that are not candidates: not yet due, no casework."""
        sql = f"""SELECT c.claim_id, {_BALANCE}, (SELECT name FROM claim_types t WHERE t.id = c.claim_type_id)
                  FROM claims c WHERE {_BALANCE} > 0 AND c.due_date >= :today
                  AND NOT EXISTS (SELECT 1 FROM contact_entry_claims l WHERE l.claim_id = c.claim_id)"""
        return [(r[0], r[1], r[2]) for r in self._db.conn.execute(sql, {"today": today.isoformat(),
                                                          "late": late_param(self._db.conn, today)})]

    def class_table_parts(self, today: date, limitation_ahead_from: date
                          ) -> tuple[dict[str, tuple[int, int]], list[str]]:
        """The open claims of the 個票's class table on `today`, split: per claim type the
        count and yen of those certainly 回収, and the ids of the rest (to be assessed).

        Certainly 回収: due on or after `limitation_ahead_from` (its limitation ahead, however
        it was paid) with no contact entry naming it. The rules read only the entries naming
        a claim (`LogView.for_claim`), and its promises, plans, 滞納処分 records and referrals
        all hang on such entries: a claim named in none has no casework of its own, whatever
        its debtor's other claims have. (Not yet due is a case of this: the day is before today.)
        """
        late = late_param(self._db.conn, today)
        balance = _BALANCE if late else _BALANCE_NOW
        params = {"today": today.isoformat(), "ahead_from": min(limitation_ahead_from, today).isoformat(),
                  "late": late}
        # Each open claim's `certain` worked out once: grouped on, selected and tested in the
        # CASE, the flattened query made its look-up three times. LIMIT -1 keeps the
        # subquery from being flattened (MATERIALIZED would need SQLite 3.35).
        sql = f"""
            SELECT (SELECT name FROM claim_types t WHERE t.id = claim_type_id), certain, count(*), sum(balance),
                CASE WHEN NOT certain THEN json_group_array(claim_id) END
            FROM (SELECT c.claim_id, c.claim_type_id, {balance} AS balance,
                    c.due_date >= :ahead_from
                        AND NOT EXISTS (SELECT 1 FROM contact_entry_claims l WHERE l.claim_id = c.claim_id)
                        AS certain
                  FROM claims c WHERE {balance} > 0 LIMIT -1)
            GROUP BY claim_type_id, certain"""
        certain: dict[str, tuple[int, int]] = {}
        uncertain: list[str] = []
        for name, is_certain, count, yen, ids in self._db.conn.execute(sql, params):
            if is_certain:
                certain[name] = (count, yen)
            else:
                uncertain += json.loads(ids)
        return certain, uncertain

    def receipts_of(self, since: dict[str, date], today: date) -> dict[str, tuple[Payment, ...]]:
        """Receipts of the given claims, each from its day in `since` up to `today` (for plans and
        promises over several claims: a receipt before the arrangement was made counts for none)."""
        sql = f"""SELECT s.key, {_RECEIPTS.format(claim="s.key", since=" AND m.date >= s.value")}
                  FROM json_each(:since) s"""
        since_text = json.dumps({claim_id: day.isoformat() for claim_id, day in sorted(since.items())})
        rows = self._db.conn.execute(sql, {"since": since_text, "today": today.isoformat()})
        return {claim_id: _parse(claim_id, text) for claim_id, text in rows}

    def overpaid_claims(self, today: date, *, claim_type: str | None = None,
                        legal_nature: LegalNature | None = None, claim_ids=None) -> list[Overpaid]:
        """Claims whose balance on `today` is negative: 過誤納金 still to be refunded (of `claim_ids` if given)."""
        clauses = [f"{_BALANCE} < 0"]
        params: dict = {"today": today.isoformat(), "late": late_param(self._db.conn, today)}
        if not params["late"]:  # the day's figures are the running sums: the few that can be, by index
            clauses.append(_MAY_BE_OVERPAID)
        if claim_ids is not None:
            clauses.append("c.claim_id IN (SELECT value FROM json_each(:ids))")
            params["ids"] = json.dumps(sorted(set(claim_ids)))
        where, params = _narrowed(clauses, params, claim_type, legal_nature)
        sql = f"""
            SELECT c.claim_id, c.debtor_id, d.name, t.name, t.legal_nature, {_BALANCE},
                (SELECT max(m.date) FROM money_events m WHERE m.claim_id = c.claim_id
                 AND m.kind = 'receipt' AND m.date <= :today)
            FROM claims c JOIN claim_types t ON t.id = c.claim_type_id JOIN debtors d ON d.debtor_id = c.debtor_id
            WHERE {where}
            ORDER BY c.claim_id"""
        return [Overpaid(r[0], r[1], r[2], r[3], LegalNature(r[4]), r[5],
                         date.fromisoformat(r[6]) if r[6] else today)
                for r in self._db.conn.execute(sql, params)]

    def failed_transfers(self, today: date, *, claim_type: str | None = None,
                         legal_nature: LegalNature | None = None,
                         claim_ids: Iterable[str] | None = None) -> list[FailedTransfer]:
        """Claims still owing whose latest 口座振替 failed (振替不能) by `today`, with no
        receipt on the claim and no contact entry about the claim since (of `claim_ids` if
        given). A contact about the debtor's other claims does not follow this one up."""
        named = [] if claim_ids is None else ["c.claim_id IN (SELECT value FROM json_each(:ids))"]
        params: dict = {"today": today.isoformat(), "late": late_param(self._db.conn, today)}
        if claim_ids is not None:
            params["ids"] = json.dumps(sorted(set(claim_ids)))
        where, params = _narrowed(
            [*named, f"{_BALANCE} > 0", "l.outcome = 'failed'", "l.paid_on <= :today",
             "l.id = (SELECT max(k.id) FROM receipt_lines k WHERE k.claim_id = l.claim_id AND k.outcome = 'failed'"
             " AND k.paid_on <= :today)",
             "NOT EXISTS (SELECT 1 FROM money_events m WHERE m.claim_id = c.claim_id AND m.kind = 'receipt'"
             " AND m.date >= l.paid_on AND m.date <= :today)",
             "NOT EXISTS (SELECT 1 FROM contact_entry_claims ec JOIN contact_entries e ON e.id = ec.entry_id"
             " WHERE ec.claim_id = c.claim_id AND e.contact_date >= l.paid_on AND e.contact_date <= :today)"],
            params, claim_type, legal_nature)
        sql = f"""
            SELECT c.claim_id, c.debtor_id, d.name, t.name, t.legal_nature, {_BALANCE}, l.paid_on, l.amount,
                l.result_code
            FROM receipt_lines l JOIN claims c ON c.claim_id = l.claim_id
            JOIN claim_types t ON t.id = c.claim_type_id JOIN debtors d ON d.debtor_id = c.debtor_id
            WHERE {where}
            ORDER BY l.paid_on, c.claim_id"""
        return [FailedTransfer(r[0], r[1], r[2], r[3], LegalNature(r[4]), r[5], date.fromisoformat(r[6]), r[7], r[8])
                for r in self._db.conn.execute(sql, params)]


    def awaiting_final(self, today: date, paid_by: date, *, claim_type: str | None = None,
                       legal_nature: LegalNature | None = None,
                       claim_ids: Iterable[str] | None = None) -> list[AwaitingFinal]:
        """コンビニ 速報 receipts paid on or before `paid_by` whose 確報 has not come by `today`."""
        named = [] if claim_ids is None else ["c.claim_id IN (SELECT value FROM json_each(:ids))"]
        params: dict = {"today": today.isoformat(), "paid_by": paid_by.isoformat(),
                        "late": late_param(self._db.conn, today)}
        if claim_ids is not None:
            params["ids"] = json.dumps(sorted(set(claim_ids)))
        where, params = _narrowed([*named, "1"], params, claim_type, legal_nature)
        return [AwaitingFinal(r[0], r[1], r[2], r[3], LegalNature(r[4]), r[5], date.fromisoformat(r[6]), r[7], r[8],
                              r[9], r[10])
                for r in self._db.conn.execute(awaiting_final_sql(where), params)]

@dataclass(frozen=True)
class ClaimHead:
    """What every extra worklist row shows of its claim (services make a ClaimLine of it)."""

    claim_id: str
    debtor_id: str
    debtor_name: str
    claim_type: str
    legal_nature: LegalNature
    balance: int  # on the day; negative for 過誤納金 held (Overpaid)


@dataclass(frozen=True)
class Overpaid(ClaimHead):
    since: date  # the latest receipt by then (the one that overpaid, or after)


@dataclass(frozen=True)
class FailedTransfer(ClaimHead):
    """A claim whose 口座振替 failed and that nothing has followed up yet."""

    failed_on: date
    amount: int
    result_code: str


@dataclass(frozen=True)
class AwaitingFinal(ClaimHead):
    """A コンビニ 速報 receipt whose 確報 has not come (docs/receipt-files.md §3)."""

    paid_on: date
    amount: int  # what the store took (the slip's amount)
    number: str  # the 納付番号
    file: str
    line: int


def awaiting_final_sql(where: str) -> str:
    """Receipt lines of 速報 files, still standing, with no 確報 line of the same 納付番号 since."""
    return f"""
        SELECT c.claim_id, c.debtor_id, d.name, t.name, t.legal_nature, {_BALANCE}, l.paid_on,
            l.amount + l.late_charge, l.key, f.file, l.line
        FROM receipt_lines l JOIN receipt_files f ON f.id = l.file_id
        JOIN claims c ON c.claim_id = l.claim_id
        JOIN claim_types t ON t.id = c.claim_type_id JOIN debtors d ON d.debtor_id = c.debtor_id
        WHERE f.format = 'cvs' AND f.report = 'preliminary' AND l.outcome = 'received'
            AND l.paid_on <= :paid_by AND l.paid_on <= :today
            AND NOT EXISTS (SELECT 1 FROM money_events r WHERE r.reverses = l.event_id)
            AND NOT EXISTS (SELECT 1 FROM receipt_lines k JOIN receipt_files g ON g.id = k.file_id
                            WHERE k.key = l.key AND g.report = 'final' AND g.id > f.id)
            AND {where}
        ORDER BY l.paid_on, l.key"""
