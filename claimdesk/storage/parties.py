"""Liable parties over time, and what a sent pledge printed (migration m009_parties).

A guarantor or an heir is added once (guarantors table) and ended once (liable_party_ends);
neither row is changed afterwards. The schedule printed on a 分納誓約書 is kept by the
letter's contact-log entry, so the signed copy can be recorded as printed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.instalments import Instalment
from ..domain.liable import Share
from .errors import LedgerError
from .operator import now_text
from .repository import Repository


@dataclass(frozen=True)
class PartyEnd:
    """When and why a guarantor or heir stopped being liable, and who took their place."""

    party_id: int
    ended_on: date
    reason: str
    replaced_by: int | None
    operator: str


class Parties(Repository):
    """Ends of liability, printed pledge schedules and signed returns of one ledger."""

    def roles(self, claim_id: str) -> dict[int, str]:
        """The role of each of the claim's liable parties (ended or not), by id."""
        return dict(self._db.execute("SELECT id, role FROM guarantors WHERE claim_id = ?", [claim_id]).fetchall())

    def claim_of(self, party_id: int) -> str | None:
        """The claim a guarantor or heir is liable for, or None if there is no such party."""
        row = self._db.execute("SELECT claim_id FROM guarantors WHERE id = ?", [party_id]).fetchone()
        return row[0] if row else None

    def end_party(self, party_id: int, ended_on: date, reason: str, replaced_by: int | None = None) -> None:
        """Record that a guarantor or heir is liable no more (once; a second end is refused)."""
        with self._db.atomic():
            try:
                self._db.execute(
                    "INSERT INTO liable_party_ends (party_id, ended_on, reason, replaced_by, operator, entered_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [party_id, ended_on.isoformat(), reason, replaced_by, self._operator, now_text()])
            except sqlite3.IntegrityError as err:
                if "UNIQUE" in str(err) or "PRIMARY KEY" in str(err):
                    raise LedgerError("この保証人・相続人はすでに終了を記録しています") from None
                raise LedgerError(f"台帳に記録できません: {err}") from None

    def ends(self, party_ids: Iterable[int]) -> dict[int, PartyEnd]:
        """The recorded ends of these parties, by party id."""
        ids = sorted(set(party_ids))
        out: dict[int, PartyEnd] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self._db.execute(
                    "SELECT party_id, ended_on, reason, replaced_by, operator FROM liable_party_ends"
                    f" WHERE party_id IN ({','.join('?' * len(chunk))})", chunk):
                out[r[0]] = PartyEnd(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4])
        return out

    def ended_before(self, claim_id: str, as_of: date) -> set[int]:
        """Ids of the claim's parties whose liability ended on or before `as_of`."""
        return {r[0] for r in self._db.execute(
            "SELECT e.party_id FROM liable_party_ends e JOIN guarantors g ON g.id = e.party_id"
            " WHERE g.claim_id = ? AND e.ended_on <= ?", [claim_id, as_of.isoformat()])}

    def add_share(self, party_id: int, share: Share) -> None:
        """Record an heir's 法定相続分 (m015_parties2); a later row replaces it, none is changed."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO heir_shares (party_id, numerator, denominator, operator, entered_at) VALUES (?, ?, ?, ?, ?)",
                [party_id, share.numerator, share.denominator, self._operator, now_text()])

    def shares(self, party_ids: Iterable[int]) -> dict[int, Share]:
        """The share in force (the newest recorded) of each of these heirs that has one."""
        ids = sorted(set(party_ids))
        out: dict[int, Share] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for party_id, n, d in self._db.execute(
                    "SELECT party_id, numerator, denominator FROM heir_shares"
                    f" WHERE party_id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk):
                out[party_id] = Share(n, d)
        return out

    def add_letter_schedule(self, entry_id: int, instalments: Sequence[Instalment]) -> None:
        """Keep the schedule printed on the pledge letter logged as `entry_id`."""
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT INTO letter_schedules (entry_id, seq, due_on, amount) VALUES (?, ?, ?, ?)",
                [(entry_id, i.seq, i.due_on.isoformat(), i.amount) for i in instalments])

    def letter_schedule(self, entry_id: int) -> list[Instalment]:
        """The schedule printed on the letter logged as `entry_id` (empty if none was kept)."""
        return [Instalment(s, date.fromisoformat(d), a) for s, d, a in self._db.execute(
            "SELECT seq, due_on, amount FROM letter_schedules WHERE entry_id = ? ORDER BY seq", [entry_id])]

    def add_signed_return(self, letter_entry_id: int, entry_id: int) -> None:
        """Tie the entry recording a signed copy to the letter it answers (once)."""
        with self._db.atomic():
            try:
                self._db.execute(
                    "INSERT INTO signed_returns (letter_entry_id, entry_id, operator, entered_at) VALUES (?, ?, ?, ?)",
                    [letter_entry_id, entry_id, self._operator, now_text()])
            except sqlite3.IntegrityError as err:
                if "UNIQUE" in str(err) or "PRIMARY KEY" in str(err):
                    raise LedgerError("この文書の署名済みの返送はすでに記録しています") from None
                raise LedgerError(f"台帳に記録できません: {err}") from None

    def signed_return_of(self, letter_entry_ids: Iterable[int]) -> dict[int, int]:
        """letter entry id → the entry recording its signed return, for those returned."""
        ids = sorted(set(letter_entry_ids))
        if not ids:
            return {}
        return dict(self._db.execute(
            f"SELECT letter_entry_id, entry_id FROM signed_returns WHERE letter_entry_id IN ({','.join('?' * len(ids))})",
            ids).fetchall())
