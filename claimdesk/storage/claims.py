"""Claim types, the claims assessed (調定) under them and the claims' guarantors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from ..domain.claims import Claim, ClaimType, Guarantor, LegalNature
from .errors import LedgerError, integrity_message
from .operator import now_text, stamp_text
from .repository import Repository
from .rows import insert_rows, new_id
from .search import index_new_claims

_GUARANTOR_COLUMNS = ("claim_id", "name", "kana", "postal_code", "address", "phone", "relation",
                      "entered_by", "entered_at", "changed_by", "changed_at")


class Claims(Repository):
    """Claim types, claims and their guarantors."""

    def claim_types(self) -> list[ClaimType]:
        """Every claim type, by account, budget section and name."""
        rows = self._db.execute(
            "SELECT name, legal_nature, account, budget_section FROM claim_types"
            " ORDER BY account, budget_section, name"
        ).fetchall()
        return [ClaimType(r[0], LegalNature(r[1]), r[2], r[3]) for r in rows]

    def claim_type(self, name: str) -> ClaimType | None:
        """The claim type of that name, or None."""
        return next((ct for ct in self.claim_types() if ct.name == name), None)

    def add_claim_type(self, claim_type: ClaimType) -> None:
        """Register a claim type; a name in use is refused."""
        if self.claim_type(claim_type.name) is not None:
            raise LedgerError(f"債権名「{claim_type.name}」はすでにあります")
        with self._db.atomic():
            self._db.table("claim_types").insert({
                "name": claim_type.name, "legal_nature": claim_type.legal_nature.value,
                "account": claim_type.account, "budget_section": claim_type.budget_section,
                "changed_by": self._operator, "changed_at": stamp_text(),
            })

    def _claim_type_ids(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT name, id FROM claim_types").fetchall())

    _CLAIM_SELECT = (
        "SELECT c.claim_id, c.debtor_id, t.name, c.fiscal_year, c.assessed_on, c.amount,"
        " c.due_date, c.cause FROM claims c JOIN claim_types t ON t.id = c.claim_type_id"
    )

    @staticmethod
    def _claim(row) -> Claim:
        return Claim(row[0], row[1], row[2], row[3], date.fromisoformat(row[4]), row[5],
                     date.fromisoformat(row[6]), row[7])

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None."""
        row = self._db.execute(self._CLAIM_SELECT + " WHERE c.claim_id = ?", [claim_id]).fetchone()
        return None if row is None else self._claim(row)

    def claims(self, debtor_id: str | None = None) -> list[Claim]:
        """Every claim (of one debtor, if given), by claim id."""
        if debtor_id is None:
            rows = self._db.execute(self._CLAIM_SELECT + " ORDER BY c.claim_id").fetchall()
        else:
            rows = self._db.execute(
                self._CLAIM_SELECT + " WHERE c.debtor_id = ? ORDER BY c.claim_id", [debtor_id]
            ).fetchall()
        return [self._claim(r) for r in rows]

    def existing_claim_ids(self, claim_ids: Iterable[str]) -> set[str]:
        """Which of these claim ids the ledger already holds."""
        ids = list(claim_ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(
                f"SELECT claim_id FROM claims WHERE claim_id IN ({marks})", chunk))
        return found

    def claim_count(self) -> int:
        """How many claims the ledger holds."""
        return self._db.execute("SELECT count(*) FROM claims").fetchone()[0]

    def add_claims(self, claims: Iterable[Claim], *, source: str = "", batch: int | None = None) -> int:
        """Record new claims (their debtor and claim type must exist); returns how many."""
        type_ids = self._claim_type_ids()
        who, when = self._operator, now_text()
        rows = []
        for c in claims:
            if c.claim_type not in type_ids:
                raise LedgerError(f"債権名「{c.claim_type}」が登録されていません")
            rows.append((c.claim_id, c.debtor_id, type_ids[c.claim_type], c.fiscal_year,
                         c.assessed_on.isoformat(), c.amount, c.due_date.isoformat(), c.cause,
                         who, when, source, batch))
        with self._db.atomic():
            try:
                self._db.conn.executemany(
                    "INSERT INTO claims (claim_id, debtor_id, claim_type_id, fiscal_year,"
                    " assessed_on, amount, due_date, cause, entered_by, entered_at, source, import_batch)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
            except sqlite3.IntegrityError as e:
                raise LedgerError(integrity_message(e)) from None
            index_new_claims(self._db.conn)  # the register's search index (m010), in one statement
        return len(rows)

    def add_claim(self, claim: Claim) -> None:
        """Record one new claim."""
        self.add_claims([claim])

    def add_guarantor(self, g: Guarantor) -> int:
        """Record a guarantor of a claim; returns its id."""
        with self._db.atomic():
            return new_id(self._db.table("guarantors").insert({
                "claim_id": g.claim_id, "name": g.name, "kana": g.kana,
                "postal_code": g.postal_code, "address": g.address, "phone": g.phone,
                "relation": g.relation, "entered_by": self._operator, "entered_at": now_text(),
                "changed_by": self._operator, "changed_at": stamp_text(),
            }).last_pk)

    def add_guarantors(self, guarantors: Iterable[Guarantor]) -> int:
        """Record many guarantors at once (a demo or an import); returns how many."""
        who, when = self._operator, now_text()
        rows = ((g.claim_id, g.name, g.kana, g.postal_code, g.address, g.phone, g.relation, who, when,
                 who, stamp_text()) for g in guarantors)
        with self._db.atomic():
            return len(insert_rows(self._db.conn, "guarantors", _GUARANTOR_COLUMNS, rows))

    def guarantors(self, claim_id: str, as_of: date | None = None) -> list[Guarantor]:
        """The claim's guarantors and heirs, oldest first; with `as_of`, those still liable that day."""
        still = "" if as_of is None else (
            " AND NOT EXISTS (SELECT 1 FROM liable_party_ends e WHERE e.party_id = guarantors.id"
            " AND e.ended_on <= ?)")
        rows = self._db.execute(
            "SELECT claim_id, name, kana, postal_code, address, phone, relation, id"
            f" FROM guarantors WHERE claim_id = ?{still} ORDER BY id",
            [claim_id] + ([] if as_of is None else [as_of.isoformat()])).fetchall()
        return [Guarantor(*r) for r in rows]
