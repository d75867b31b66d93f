"""Migration m011_receipts: 口座振替 registrations and the receipt files taken.

- direct_debits: each debtor's 口座振替 history; an entry is never changed, a new
  account or the end of one is a new entry, and the latest entry is in force.
- receipt_files: every 口座振替結果 or コンビニ receipt file taken, by its SHA-256 (one
  file is never taken twice), with its counts and totals and the import batch that holds
  its money events (so it can be reversed like an import).
- receipt_lines: what each line of such a file did: a receipt on a claim, a failed
  transfer (振替結果コード other than 0), or a コンビニ 確報 confirming a 速報 taken before.
All three are append-only.
- contact_entries.letter_kind also allows 'direct_debit' (口座振替のご案内), so that the
  letter is logged like every other one.
"""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, run_script


def m011_receipts(db: Database) -> None:
    """口座振替 registrations; receipt files and their lines."""
    run_script(
        db,
        """
        CREATE TABLE direct_debits (
            id INTEGER PRIMARY KEY,
            debtor_id TEXT NOT NULL REFERENCES debtors(debtor_id),
            bank_code TEXT NOT NULL CHECK (length(bank_code) = 4),
            branch_code TEXT NOT NULL CHECK (length(branch_code) = 3),
            account_type TEXT NOT NULL CHECK (account_type IN ('1', '2', '3', '4', '9')),
            account_number TEXT NOT NULL CHECK (length(account_number) = 7),
            holder_kana TEXT NOT NULL CHECK (length(holder_kana) BETWEEN 1 AND 30),
            customer_number TEXT NOT NULL CHECK (length(customer_number) BETWEEN 1 AND 20),
            starts_on TEXT NOT NULL,
            ends_on TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL
        );
        CREATE INDEX direct_debits_debtor ON direct_debits(debtor_id, id);
        CREATE INDEX direct_debits_customer ON direct_debits(customer_number);
        CREATE TABLE receipt_files (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            format TEXT NOT NULL CHECK (format IN ('zengin', 'cvs')),
            report TEXT NOT NULL DEFAULT '' CHECK (report IN ('', 'preliminary', 'final')),
            data_lines INTEGER NOT NULL,
            received INTEGER NOT NULL, received_amount INTEGER NOT NULL,
            failed INTEGER NOT NULL, failed_amount INTEGER NOT NULL,
            confirmed INTEGER NOT NULL, confirmed_amount INTEGER NOT NULL,
            import_batch INTEGER REFERENCES import_batches(id),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            taken_at TEXT NOT NULL
        );
        CREATE TABLE receipt_lines (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES receipt_files(id),
            line INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('received', 'failed', 'confirmed')),
            key TEXT NOT NULL,
            debtor_id TEXT NOT NULL REFERENCES debtors(debtor_id),
            claim_id TEXT REFERENCES claims(claim_id),
            paid_on TEXT NOT NULL,
            amount INTEGER NOT NULL,
            result_code TEXT NOT NULL DEFAULT '',
            store TEXT NOT NULL DEFAULT '',
            event_id INTEGER REFERENCES money_events(id)
        );
        CREATE INDEX receipt_lines_file ON receipt_lines(file_id, line);
        CREATE INDEX receipt_lines_key ON receipt_lines(key, outcome);
        CREATE INDEX receipt_lines_failed ON receipt_lines(debtor_id) WHERE outcome = 'failed';
        """
        + "".join(append_only_triggers(t) for t in ("direct_debits", "receipt_files", "receipt_lines")),
    )
    allow_letter_kind(db, "direct_debit")


def allow_letter_kind(db: Database, kind: str) -> None:
    """Widen contact_entries' CHECK on letter_kind by `kind`.

    SQLite cannot alter a CHECK; rebuilding the table would mean dropping its triggers
    and the foreign keys of five tables. A CHECK that allows more values changes nothing
    stored, which is the case SQLite documents as safe to make by editing the schema
    text (https://www.sqlite.org/lang_altertable.html, "otheralter"), with the schema
    version raised so every connection reads it again.
    """
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'contact_entries'").fetchone()
    if f"'{kind}'" in sql:
        return
    marker = "'consultation'"
    if sql.count(marker) != 1:
        raise ValueError("contact_entries: the letter_kind CHECK is not where expected")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'contact_entries'",
                   [sql.replace(marker, f"{marker}, '{kind}'")])
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
