"""What storage refuses, in the ledger's own terms: no sqlite3 exception leaves the package."""

from __future__ import annotations

import sqlite3

from ..domain.errors import ClaimDeskError


class LedgerError(ClaimDeskError):
    """A ledger operation refused: the message says why."""


class LedgerFileError(ClaimDeskError):
    """The file cannot be used as a ledger; the message says why and what to do."""


def integrity_message(e: sqlite3.IntegrityError) -> str:
    """A clerk's sentence for a constraint the records broke."""
    text = str(e)
    if "UNIQUE constraint failed: claims.claim_id" in text:
        return "債権番号が重複しています"
    if "UNIQUE constraint failed: money_events.reverses" in text:
        return "この取引はすでに取り消されています"
    if "FOREIGN KEY" in text:
        return "参照先（債務者・債権・債権名）が登録されていません"
    return f"台帳に記録できません: {text}"
