"""納付書 as the ledger keeps them (migration m008_payments): claims' serials and the slips sent.

Owned by a `Ledger` as `ledger.payments`. The receipts side finds a slip by its 納付番号
(`slip`); the letters side asks which number the next slip of a claim gets
(`next_numbers`) and records the slips of a batch once it is confirmed (`record_slips`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ..domain.errors import REASONS, InvalidValue, Refusal
from ..domain.payment_slips import PaymentSlip, number_parts, parse_payment_number, payment_number
from .operator import now_text
from .repository import Repository

_COLUMNS = ("number", "claim_id", "issue", "issued_on", "deadline", "principal", "late_charge", "amount",
            "barcode", "batch_path", "batch_hash", "letter_entry", "operator", "recorded_at")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM payment_slips"
_CHUNK = 500  # claim ids per IN (…) list, under SQLite's smallest variable limit

REASONS.update({
    "slip_twice_in_batch": "納付番号 {number} の納付書が別の内容で2枚あります",
    "number_not_of_issue": "納付番号 {number} は{issue}回目の納付書の番号ではありません",
    "slip_recorded_otherwise": "納付番号 {number} の納付書は、別の内容ですでに記録されています"
                               "（{issued_on} 発行、{amount:,}円）。納付書を作り直してください",
})


def _slip(r) -> PaymentSlip:
    return PaymentSlip(number=r[0], claim_id=r[1], issue=r[2], issued_on=date.fromisoformat(r[3]),
                       deadline=date.fromisoformat(r[4]), principal=r[5], late_charge=r[6], barcode=r[8],
                       batch_path=r[9], batch_hash=r[10], letter_entry=r[11], recorded_by=r[12],
                       recorded_at=r[13])


def _same(a: PaymentSlip, b: PaymentSlip) -> bool:
    keys = ("number", "claim_id", "issue", "issued_on", "deadline", "principal", "late_charge", "barcode")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


class Payments(Repository):
    """The 納付番号 of claims and the 納付書 recorded."""

    def claim_serial(self, claim_id: str) -> int | None:
        """The claim's serial (the first 9 digits of its 納付番号), or None if no such claim."""
        row = self._db.execute("SELECT serial FROM payment_claim_numbers WHERE claim_id = ?", [claim_id]).fetchone()
        return None if row is None else row[0]

    def next_numbers(self, claim_ids: Sequence[str]) -> dict[str, tuple[str, int]]:
        """claim id → (納付番号, issue) the next slip of that claim gets; unknown claims are left out.

        Printing the same claim again before a slip is recorded gives the same number:
        the number belongs to the claim and issue, not to a print run.
        """
        out: dict[str, tuple[str, int]] = {}
        ids = list(dict.fromkeys(claim_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            rows = self._db.execute(
                "SELECT p.claim_id, p.serial, coalesce(max(s.issue), 0) + 1 FROM payment_claim_numbers p"
                " LEFT JOIN payment_slips s ON s.claim_id = p.claim_id"
                f" WHERE p.claim_id IN ({','.join('?' * len(chunk))}) GROUP BY p.claim_id", chunk)
            for claim_id, serial, issue in rows:
                out[claim_id] = (payment_number(serial, issue), issue)
        return out

    def record_slips(self, slips: Iterable[PaymentSlip], *, skip_taken: bool = False) -> int:
        """Record printed slips (all or none); returns how many were new.

        A slip recorded before with the same content is not recorded again (a batch
        confirmed in two goes); the same number with other content is refused, naming it —
        or, with `skip_taken`, left unrecorded (see `taken`).
        """
        unique: dict[str, PaymentSlip] = {}  # a slip enclosed twice (with a guarantor's copy) is one slip
        for s in slips:
            if s.number in unique and not _same(unique[s.number], s):
                raise Refusal("payment_number", "slip_twice_in_batch", number=s.printed_number)
            unique.setdefault(s.number, s)
        new = []
        for s in unique.values():
            parse_payment_number(s.number)
            if number_parts(s.number)[1] != s.issue:
                raise Refusal("payment_number", "number_not_of_issue", number=s.number, issue=s.issue)
            old = self.slip(s.number)
            if old is None:
                new.append(s)
            elif not _same(old, s) and not skip_taken:
                raise Refusal("payment_number", "slip_recorded_otherwise", number=s.printed_number,
                              issued_on=old.issued_on, amount=old.amount)
        stamp = now_text()
        with self._db.atomic():
            for s in new:
                self._db.execute(
                    f"INSERT INTO payment_slips ({', '.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
                    [s.number, s.claim_id, s.issue, s.issued_on.isoformat(), s.deadline.isoformat(), s.principal,
                     s.late_charge, s.amount, s.barcode, s.batch_path, s.batch_hash, s.letter_entry,
                     self._operator, stamp])
        return len(new)

    def taken(self, slips: Iterable[PaymentSlip]) -> list[PaymentSlip]:
        """Those of `slips` whose number is already recorded for a slip with other content."""
        out = []
        for s in slips:
            old = self.slip(s.number)
            if old is not None and not _same(old, s):
                out.append(s)
        return out

    def slip(self, number: str) -> PaymentSlip | None:
        """The slip with this 納付番号 (12 digits; hyphens allowed), or None if none was recorded."""
        try:
            number = parse_payment_number(number)
        except InvalidValue:
            return None
        row = self._db.execute(_SELECT + " WHERE number = ?", [number]).fetchone()
        return None if row is None else _slip(row)

    def slips(self, claim_id: str) -> list[PaymentSlip]:
        """The claim's recorded slips, first issue first."""
        return [_slip(r) for r in self._db.execute(_SELECT + " WHERE claim_id = ? ORDER BY issue", [claim_id])]
