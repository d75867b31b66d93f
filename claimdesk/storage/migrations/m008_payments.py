"""Migration m008_payments: the 納付番号 of each claim and the 納付書 printed for it.

- payment_claim_numbers gives every claim a serial (its 納付番号's first 9 digits) the
  moment the claim is recorded, by trigger, so the number is known before any slip is
  printed and printing writes nothing. Claims already in the ledger get theirs here, in
  claim-id order. The serial is the table's INTEGER PRIMARY KEY (kept by VACUUM, unlike
  a rowid) and is never reused: the table is append-only.
- payment_slips records each 納付書 sent: number, claim, issue, dates, principal, late
  charge, amount, the barcode's 44 digits (or NULL), the kept PDF and the contact-log
  entry. A number names one slip forever: append-only, and the number must carry its
  claim's serial and issue.
"""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, run_script


def m008_payments(db: Database) -> None:
    """Claims' payment serials and the 納付書 sent."""
    run_script(
        db,
        """
        CREATE TABLE payment_claim_numbers (
            serial INTEGER PRIMARY KEY CHECK (serial BETWEEN 1 AND 999999999),
            claim_id TEXT NOT NULL UNIQUE REFERENCES claims(claim_id)
        );
        INSERT INTO payment_claim_numbers (claim_id) SELECT claim_id FROM claims ORDER BY claim_id;
        CREATE TRIGGER claims_payment_serial AFTER INSERT ON claims
        BEGIN INSERT INTO payment_claim_numbers (claim_id) VALUES (NEW.claim_id); END;

        CREATE TABLE payment_slips (
            number TEXT PRIMARY KEY CHECK (length(number) = 12 AND number NOT GLOB '*[^0-9]*'),
            claim_id TEXT NOT NULL REFERENCES claims(claim_id),
            issue INTEGER NOT NULL CHECK (issue BETWEEN 1 AND 99),
            issued_on TEXT NOT NULL,
            deadline TEXT NOT NULL CHECK (deadline >= issued_on),
            principal INTEGER NOT NULL CHECK (principal >= 0),
            late_charge INTEGER NOT NULL CHECK (late_charge >= 0),
            amount INTEGER NOT NULL CHECK (amount = principal + late_charge AND amount > 0),
            barcode TEXT CHECK (barcode IS NULL OR (length(barcode) = 44 AND barcode NOT GLOB '*[^0-9]*')),
            batch_path TEXT NOT NULL DEFAULT '',
            batch_hash TEXT NOT NULL DEFAULT '',
            letter_entry INTEGER REFERENCES contact_entries(id),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            recorded_at TEXT NOT NULL,
            UNIQUE (claim_id, issue)
        );
        CREATE INDEX payment_slips_claim ON payment_slips(claim_id, issue);
        -- The number is the claim's serial and the issue (its check digit is the domain's).
        CREATE TRIGGER payment_slips_number_matches BEFORE INSERT ON payment_slips
        BEGIN
            SELECT RAISE(ABORT, '納付番号が債権と発行回数に合いません')
            WHERE NOT EXISTS (
                SELECT 1 FROM payment_claim_numbers p
                WHERE p.claim_id = NEW.claim_id AND p.serial = CAST(substr(NEW.number, 1, 9) AS INTEGER))
               OR CAST(substr(NEW.number, 10, 2) AS INTEGER) <> NEW.issue;
        END;
        """
        + append_only_triggers("payment_claim_numbers")
        + append_only_triggers("payment_slips"),
    )
