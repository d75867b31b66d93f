"""Migration m009_parties: liable parties that end, pledges' printed schedules, SMS.

- A guarantor or an heir is no longer liable from a day (released, replaced, renounced
  the inheritance): a row in `liable_party_ends`, append-only, naming the party who took
  their place if any. The party's row in `guarantors` stays as it was, so the contact log
  that names them still reads true.
- The schedule printed on a 分納誓約書 that was sent (`letter_schedules`, by the
  letter-out entry), so that the pledge received back signed is recorded as printed and
  not typed in again; `signed_returns` ties the signed copy's entry to the letter it
  answers, once.
- SMS is a contact channel (the plan introduces SMS 催告). The channel list is a CHECK on
  contact_entries; widening an IN list is a change every existing row already passes,
  which SQLite allows by rewriting the table's SQL (sqlite.org/lang_altertable.html §7),
  rather than copying a table that other tables, triggers and the hash chain point at.
"""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, rewrite_table_sql, run_script

PARTY_TABLES = ("liable_party_ends", "letter_schedules", "signed_returns")
_OLD_CHANNELS = "'email', 'internal'"
_NEW_CHANNELS = "'email', 'internal', 'sms'"


def m009_parties(db: Database) -> None:
    """Ends of liability, printed schedules, signed returns; SMS as a channel."""
    rewrite_table_sql(db, "contact_entries", _OLD_CHANNELS, _NEW_CHANNELS)
    run_script(
        db,
        """
        CREATE TABLE liable_party_ends (
            party_id INTEGER PRIMARY KEY REFERENCES guarantors(id),
            ended_on TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            replaced_by INTEGER REFERENCES guarantors(id),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL,
            CHECK (replaced_by IS NULL OR replaced_by <> party_id)
        );
        CREATE TABLE letter_schedules (
            entry_id INTEGER NOT NULL REFERENCES contact_entries(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            due_on TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            PRIMARY KEY (entry_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE signed_returns (
            letter_entry_id INTEGER PRIMARY KEY REFERENCES contact_entries(id),
            entry_id INTEGER NOT NULL UNIQUE REFERENCES contact_entries(id),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL
        );
        """
        + "".join(append_only_triggers(t) for t in PARTY_TABLES),
    )
