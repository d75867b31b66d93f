"""The 延滞金 part of a コンビニ receipt, kept beside the line that took it."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import run_script


def m014_receipts2(db: Database) -> None:
    """receipt_lines.late_charge: the 延滞金 (遅延損害金) part of a store payment, in yen.

    A 納付書 asks the balance plus the late charge as of its 納付期限; the store takes the
    sum in one payment. The principal part is the claim's receipt (a money event); the
    late-charge part is no part of the claim's 調定 and is kept here, on the line that
    took it, so that the claim's late charge shows it as paid and the reconciliation
    shows it apart. Adding a column with a default changes no row already written, so
    the append-only triggers stand as they are.
    """
    run_script(db, "ALTER TABLE receipt_lines ADD COLUMN late_charge INTEGER NOT NULL DEFAULT 0"
                   " CHECK (late_charge >= 0);")
