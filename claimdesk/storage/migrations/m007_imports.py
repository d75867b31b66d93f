"""Migration m007_imports: import batches, and nothing a clerk sees changes without a trace.

- Every import is a batch (files, SHA-256, counts, who, when); its claims and money events
  point at it, so the same content is recognised and a batch can be reversed as a whole.
  Batches and their reversals are append-only.
- The running sums on claims (m002) follow the money events and nothing else: a trigger
  refuses any value that is not the sum of the claim's events, so an `UPDATE claims SET
  collected = …` from any SQL tool fails instead of changing the register's balances.
- A claim type that has claims cannot be deleted (with foreign keys off, as in a plain
  sqlite3 session, the delete used to drop its claims from the summary silently).
- Claim types, guarantors and settings (the department, letter settings and procedures
  live there) keep every insert, change and delete in change_history: who, when, old → new.
  Who and when come from the row's changed_by/changed_at, which ClaimDesk stamps; a change
  that does not stamp them was made outside ClaimDesk and is recorded as such, at the
  database's own clock. ClaimDesk stamps changed_at with DELETE_STAMP before it deletes.
"""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, run_script

OUTSIDE = "（ClaimDesk外の変更）"
DELETE_STAMP = "delete "  # changed_at = 'delete ' || time: ClaimDesk is about to delete the row
AUDITED = {  # table → (key expression, content columns)
    "claim_types": ("id", ("name", "legal_nature", "account", "budget_section")),
    "guarantors": ("id", ("claim_id", "name", "kana", "postal_code", "address", "phone", "relation",
                          "role")),
    "settings": ("key", ("key", "value")),
}
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
_SUMS = {
    "adjusted": "kind = 'adjustment' THEN amount",
    "collected": "kind = 'receipt' THEN amount WHEN kind = 'refund' THEN -amount",
    "written_off": "kind = 'write_off' THEN amount",
}
# The three sums as the claim's events give them, in one pass over its events.
_EVENT_SUMS = ("(SELECT " + ", ".join(f"coalesce(sum(CASE WHEN {w} ELSE 0 END), 0)" for w in _SUMS.values())
               + " FROM money_events WHERE claim_id = NEW.claim_id)")


def _json(row: str, columns: tuple[str, ...]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in columns) + ")"


def _audit_triggers(table: str) -> str:
    key, columns = AUDITED[table]
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    stamped = "NEW.changed_at IS NOT OLD.changed_at AND NEW.changed_by <> ''"
    return f"""
    ALTER TABLE {table} ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE {table} ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
    CREATE TRIGGER {table}_history_insert AFTER INSERT ON {table}
    BEGIN
        INSERT INTO change_history (subject, key, action, old, new, changed_by, changed_at)
        VALUES ('{table}', NEW.{key}, 'insert', NULL, {_json('NEW', columns)},
            CASE WHEN NEW.changed_by <> '' THEN NEW.changed_by ELSE '{OUTSIDE}' END,
            CASE WHEN NEW.changed_at <> '' THEN NEW.changed_at ELSE {_NOW} END);
    END;
    CREATE TRIGGER {table}_history_update AFTER UPDATE ON {table} WHEN {changed}
    BEGIN
        INSERT INTO change_history (subject, key, action, old, new, changed_by, changed_at)
        VALUES ('{table}', NEW.{key}, 'update', {_json('OLD', columns)}, {_json('NEW', columns)},
            CASE WHEN {stamped} THEN NEW.changed_by ELSE '{OUTSIDE}' END,
            CASE WHEN {stamped} THEN NEW.changed_at ELSE {_NOW} END);
    END;
    CREATE TRIGGER {table}_history_delete AFTER DELETE ON {table}
    BEGIN
        INSERT INTO change_history (subject, key, action, old, new, changed_by, changed_at)
        VALUES ('{table}', OLD.{key}, 'delete', {_json('OLD', columns)}, NULL,
            CASE WHEN OLD.changed_at LIKE '{DELETE_STAMP}%' THEN OLD.changed_by ELSE '{OUTSIDE}' END,
            CASE WHEN OLD.changed_at LIKE '{DELETE_STAMP}%' THEN substr(OLD.changed_at, {len(DELETE_STAMP) + 1})
                 ELSE {_NOW} END);
    END;
    """


def m007_imports(db: Database) -> None:
    """Import batches and their reversals; guarded running sums; history of claim types,
    guarantors and settings."""
    sums_differ = f"(NEW.adjusted, NEW.collected, NEW.written_off) IS NOT {_EVENT_SUMS}"
    run_script(
        db,
        f"""
        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            claims_file TEXT NOT NULL,
            claims_sha256 TEXT NOT NULL CHECK (length(claims_sha256) = 64),
            transactions_file TEXT NOT NULL DEFAULT '',
            transactions_sha256 TEXT NOT NULL DEFAULT '',
            claims INTEGER NOT NULL, debtors_new INTEGER NOT NULL, debtors_updated INTEGER NOT NULL,
            claim_types_new INTEGER NOT NULL, events INTEGER NOT NULL,
            again_reason TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            imported_at TEXT NOT NULL
        );
        CREATE INDEX import_batches_claims_sha ON import_batches(claims_sha256);
        CREATE INDEX import_batches_transactions_sha ON import_batches(transactions_sha256);
        CREATE TABLE import_reversals (
            batch_id INTEGER PRIMARY KEY REFERENCES import_batches(id),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            events_reversed INTEGER NOT NULL,
            claims_cancelled INTEGER NOT NULL,
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            reversed_at TEXT NOT NULL
        );
        ALTER TABLE claims ADD COLUMN import_batch INTEGER REFERENCES import_batches(id);
        ALTER TABLE money_events ADD COLUMN import_batch INTEGER REFERENCES import_batches(id);
        CREATE INDEX claims_import_batch ON claims(import_batch) WHERE import_batch IS NOT NULL;
        CREATE INDEX money_events_import_batch ON money_events(import_batch) WHERE import_batch IS NOT NULL;
        CREATE TRIGGER claims_batch_fixed BEFORE UPDATE OF import_batch ON claims
        BEGIN SELECT RAISE(ABORT, '取込みの記録は変更できません'); END;

        -- debtor_history keeps the particulars a change replaced, with who made them; the
        -- row in force must say who made it too, also when that was not ClaimDesk.
        CREATE TRIGGER debtors_changed_outside AFTER UPDATE OF kind, name, kana, postal_code,
            address, phone, workplace, representative ON debtors
        WHEN NEW.changed_at IS OLD.changed_at
        BEGIN
            UPDATE debtors SET changed_by = '{OUTSIDE}', changed_at = {_NOW}
            WHERE debtor_id = NEW.debtor_id;
        END;

        CREATE TRIGGER claim_types_in_use BEFORE DELETE ON claim_types
        WHEN EXISTS (SELECT 1 FROM claims WHERE claim_type_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'この債権名には債権があるため削除できません'); END;

        CREATE TABLE change_history (
            id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            key TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            old TEXT,
            new TEXT,
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX change_history_subject ON change_history(subject, key, id);
        """
        + f"""
        CREATE TRIGGER claims_sums_only_from_events BEFORE UPDATE OF adjusted, collected, written_off
            ON claims WHEN {sums_differ}
        BEGIN SELECT RAISE(ABORT, '収納済額などの合計は取引の記録からだけ変わります。取引を入力してください'); END;
        CREATE TRIGGER claims_sums_start_at_zero BEFORE INSERT ON claims
        WHEN NEW.adjusted <> 0 OR NEW.collected <> 0 OR NEW.written_off <> 0
        BEGIN SELECT RAISE(ABORT, '収納済額などの合計は取引の記録からだけ変わります。取引を入力してください'); END;
        """
        + "".join(_audit_triggers(t) for t in AUDITED)
        + "".join(append_only_triggers(t) for t in ("import_batches", "import_reversals", "change_history")),
    )
