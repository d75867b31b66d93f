"""滞納処分 records and 生活困窮 referrals in SQLite (migrations.m012_enforcement), append-only.

Each record is written in one transaction with the contact entry it hangs on; the
claims a record concerns are its entry's (contact_entry_claims).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date

from ..domain.enforcement import (
    AssetInquiry,
    Enforcement,
    Referral,
    Seizure,
    SeizureEnd,
    Suspension,
    SuspensionGround,
    SuspensionLaw,
)
from .errors import LedgerError
from .operator import now_text
from .repository import Repository
from .rows import new_id

_CLAIMS = "(SELECT group_concat(claim_id, char(31)) FROM contact_entry_claims l WHERE l.entry_id = x.entry_id)"


def _ids(text: str | None) -> tuple[str, ...]:
    return tuple(sorted((text or "").split("\x1f"))) if text else ()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class EnforcementRecords(Repository):
    """財産調査・差押・執行停止 and referrals, each with the entry it was made in."""

    def _insert(self, sql: str, values: list) -> int:
        """Append one record (who and when added); returns its id."""
        with self._db.atomic():
            try:
                return new_id(self._db.conn.execute(sql, [*values, self._operator, now_text()]).lastrowid)
            except sqlite3.IntegrityError as err:
                if "UNIQUE" in str(err) or "PRIMARY KEY" in str(err):
                    raise LedgerError("この記録はすでにあります（1件の記録につき1回だけ記録できます）") from None
                raise LedgerError(f"台帳に記録できません: {err}") from None

    def add_inquiry(self, entry_id: int, asked_on: date, asked_of: str, subject: str) -> int:
        """A 財産調査 made in the entry; returns its id."""
        return self._insert("INSERT INTO asset_inquiries (entry_id, asked_on, asked_of, subject, operator,"
                            " entered_at) VALUES (?, ?, ?, ?, ?, ?)", [entry_id, asked_on.isoformat(), asked_of, subject])

    def answer_inquiry(self, inquiry_id: int, answered_on: date, answer: str) -> None:
        """The answer to an inquiry (once)."""
        self._insert("INSERT INTO asset_inquiry_answers (inquiry_id, answered_on, answer, operator, entered_at)"
                     " VALUES (?, ?, ?, ?, ?)", [inquiry_id, answered_on.isoformat(), answer])

    def add_seizure(self, entry_id: int, seized_on: date, property_: str, amount: int) -> int:
        """A 差押 made in the entry; returns its id."""
        return self._insert("INSERT INTO seizures (entry_id, seized_on, property, amount, operator, entered_at)"
                            " VALUES (?, ?, ?, ?, ?, ?)", [entry_id, seized_on.isoformat(), property_, amount])

    def end_seizure(self, seizure_id: int, ended_on: date, how: SeizureEnd, note: str = "") -> None:
        """The end of a seizure (once)."""
        self._insert("INSERT INTO seizure_ends (seizure_id, ended_on, how, note, operator, entered_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)", [seizure_id, ended_on.isoformat(), how.value, note])

    def add_suspension(self, entry_id: int, suspended_on: date, law: SuspensionLaw, ground: SuspensionGround,
                       immediate: bool) -> int:
        """A 執行停止 decided in the entry; returns its id."""
        return self._insert("INSERT INTO enforcement_suspensions (entry_id, suspended_on, law, ground, immediate,"
                            " operator, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [entry_id, suspended_on.isoformat(), law.value, ground.value, int(immediate)])

    def cancel_suspension(self, suspension_id: int, entry_id: int, cancelled_on: date) -> None:
        """執行停止の取消 made in the entry (once)."""
        self._insert("INSERT INTO suspension_cancellations (suspension_id, entry_id, cancelled_on, operator,"
                     " entered_at) VALUES (?, ?, ?, ?, ?)", [suspension_id, entry_id, cancelled_on.isoformat()])

    def add_referral(self, entry_id: int, referred_to: str) -> int:
        """A referral to 生活困窮者自立支援 or 法テラス made in the entry; returns its id."""
        return self._insert("INSERT INTO hardship_referrals (entry_id, referred_to, operator, entered_at)"
                            " VALUES (?, ?, ?, ?)", [entry_id, referred_to])

    def of_debtors(self, debtor_ids: Iterable[str]) -> dict[str, Enforcement]:
        """Every record of these debtors (retracted entries' too: the caller keeps the current)."""
        debtors = sorted(set(debtor_ids))
        if not debtors:
            return {}
        params = {"d": json.dumps(debtors)}
        where = "e.debtor_id IN (SELECT value FROM json_each(:d))"
        found: dict[str, dict[str, list]] = {}

        def add(debtor, kind, record):
            found.setdefault(debtor, {"i": [], "s": [], "x": []})[kind].append(record)

        conn = self._db.conn
        for r in conn.execute(f"""SELECT x.id, x.entry_id, e.debtor_id, x.asked_on, x.asked_of, x.subject,
                a.answered_on, a.answer, {_CLAIMS} FROM asset_inquiries x
                JOIN contact_entries e ON e.id = x.entry_id LEFT JOIN asset_inquiry_answers a ON a.inquiry_id = x.id
                WHERE {where} ORDER BY x.asked_on, x.id""", params):
            add(r[2], "i", AssetInquiry(_ids(r[8]), date.fromisoformat(r[3]), r[4], r[5], _day(r[6]), r[7] or "",
                                        r[0], r[1]))
        for r in conn.execute(f"""SELECT x.id, x.entry_id, e.debtor_id, x.seized_on, x.property, x.amount,
                n.ended_on, n.how, n.note, {_CLAIMS} FROM seizures x
                JOIN contact_entries e ON e.id = x.entry_id LEFT JOIN seizure_ends n ON n.seizure_id = x.id
                WHERE {where} ORDER BY x.seized_on, x.id""", params):
            add(r[2], "s", Seizure(_ids(r[9]), date.fromisoformat(r[3]), r[4], r[5], _day(r[6]),
                                   SeizureEnd(r[7]) if r[7] else None, r[8] or "", r[0], r[1]))
        # A cancellation counts only while its own entry stands (a retracted one undoes it).
        for r in conn.execute(f"""SELECT x.id, x.entry_id, e.debtor_id, x.suspended_on, x.law, x.ground,
                x.immediate, {_CLAIMS}, (SELECT group_concat(k.cancelled_on || ' ' || k.entry_id)
                    FROM suspension_cancellations k WHERE k.suspension_id = x.id)
                FROM enforcement_suspensions x JOIN contact_entries e ON e.id = x.entry_id
                WHERE {where} ORDER BY x.suspended_on, x.id""", params):
            cancels = tuple(sorted((date.fromisoformat(c[:10]), int(c[11:])) for c in r[8].split(","))) if r[8] else ()
            first = cancels[0] if cancels else (None, None)
            add(r[2], "x", Suspension(_ids(r[7]), date.fromisoformat(r[3]), SuspensionLaw(r[4]),
                                      SuspensionGround(r[5]), bool(r[6]), r[0], r[1], first[0], first[1], cancels))
        return {d: Enforcement(tuple(v["i"]), tuple(v["s"]), tuple(v["x"])) for d, v in found.items()}

    def debtors_with_records(self) -> set[str]:
        """Debtors with any 滞納処分 record or referral (the rest need no reads here)."""
        sql = """SELECT DISTINCT e.debtor_id FROM contact_entries e WHERE e.id IN (
                 SELECT entry_id FROM asset_inquiries UNION SELECT entry_id FROM seizures
                 UNION SELECT entry_id FROM enforcement_suspensions UNION SELECT entry_id FROM hardship_referrals)"""
        return {r[0] for r in self._db.conn.execute(sql)}

    def referrals_of_debtors(self, debtor_ids: Iterable[str]) -> list[Referral]:
        """The debtors' referrals, oldest first."""
        sql = f"""SELECT x.id, x.entry_id, e.debtor_id, e.contact_date, x.referred_to, {_CLAIMS}
                  FROM hardship_referrals x JOIN contact_entries e ON e.id = x.entry_id
                  WHERE e.debtor_id IN (SELECT value FROM json_each(:d)) ORDER BY e.contact_date, x.id"""
        return [Referral(r[0], r[1], r[2], _ids(r[5]), date.fromisoformat(r[3]), r[4])
                for r in self._db.conn.execute(sql, {"d": json.dumps(sorted(set(debtor_ids)))})]
