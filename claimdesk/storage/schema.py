"""The ledger's schema, built only through migrations.

Each migration is a function registered on `MIGRATIONS`; once released it is never
edited, only followed by a new one. History tables are append-only: triggers refuse
UPDATE and DELETE, so no code path (ours or a clerk's SQL tool) can rewrite money.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

MIGRATION_SET = "claimdesk"
MIGRATIONS = Migrations(MIGRATION_SET)

APPEND_ONLY_TABLES = ("money_events",)


def append_only_triggers(table: str) -> str:
    """SQL for the triggers that make `table` append-only."""
    message = f"{table} は追記のみです。訂正は取消の記録を追加してください"
    return f"""
    CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, '{message}'); END;
    CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
    BEGIN SELECT RAISE(ABORT, '{message}'); END;
    """


def run_script(db: Database, script: str) -> None:
    """Run SQL statements one by one, inside the caller's transaction.

    (sqlite3's executescript commits first, which would break a migration's atomicity.)
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")


@MIGRATIONS()
def m001_ledger(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE debtors (
            debtor_id TEXT PRIMARY KEY CHECK (length(trim(debtor_id)) > 0),
            kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'corporation')),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kana TEXT NOT NULL DEFAULT '',
            postal_code TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            workplace TEXT NOT NULL DEFAULT '',
            representative TEXT NOT NULL DEFAULT '',
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );

        -- Every change of a debtor's particulars keeps the earlier version.
        CREATE TABLE debtor_history (
            id INTEGER PRIMARY KEY,
            debtor_id TEXT NOT NULL REFERENCES debtors(debtor_id),
            kind TEXT NOT NULL, name TEXT NOT NULL, kana TEXT NOT NULL,
            postal_code TEXT NOT NULL, address TEXT NOT NULL, phone TEXT NOT NULL,
            workplace TEXT NOT NULL, representative TEXT NOT NULL,
            changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
        );
        CREATE TRIGGER debtors_keep_history BEFORE UPDATE ON debtors
        BEGIN
            INSERT INTO debtor_history (debtor_id, kind, name, kana, postal_code, address,
                phone, workplace, representative, changed_by, changed_at)
            VALUES (OLD.debtor_id, OLD.kind, OLD.name, OLD.kana, OLD.postal_code,
                OLD.address, OLD.phone, OLD.workplace, OLD.representative,
                OLD.changed_by, OLD.changed_at);
        END;
        CREATE TRIGGER debtors_no_delete BEFORE DELETE ON debtors
        BEGIN SELECT RAISE(ABORT, '債務者は削除できません'); END;

        CREATE TABLE claim_types (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            legal_nature TEXT NOT NULL CHECK (legal_nature IN ('enforced_public', 'public', 'private')),
            account TEXT NOT NULL CHECK (length(trim(account)) > 0),
            budget_section TEXT NOT NULL CHECK (length(trim(budget_section)) > 0)
        );

        CREATE TABLE claims (
            claim_id TEXT PRIMARY KEY CHECK (length(trim(claim_id)) > 0),
            debtor_id TEXT NOT NULL REFERENCES debtors(debtor_id),
            claim_type_id INTEGER NOT NULL REFERENCES claim_types(id),
            fiscal_year INTEGER NOT NULL,
            assessed_on TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            due_date TEXT NOT NULL CHECK (due_date >= assessed_on),
            cause TEXT NOT NULL DEFAULT '',
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX claims_debtor ON claims(debtor_id);
        CREATE INDEX claims_type_year ON claims(claim_type_id, fiscal_year);
        -- What was assessed is changed by adjustments (調定増減), never in place.
        CREATE TRIGGER claims_fixed_facts BEFORE UPDATE OF claim_id, debtor_id,
            claim_type_id, fiscal_year, assessed_on, amount, due_date ON claims
        BEGIN SELECT RAISE(ABORT, '調定の内容は変更できません。調定増減を記録してください'); END;
        CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims
        BEGIN SELECT RAISE(ABORT, '債権は削除できません'); END;

        CREATE TABLE guarantors (
            id INTEGER PRIMARY KEY,
            claim_id TEXT NOT NULL REFERENCES claims(claim_id),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kana TEXT NOT NULL DEFAULT '',
            postal_code TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            relation TEXT NOT NULL DEFAULT '',
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL
        );
        CREATE INDEX guarantors_claim ON guarantors(claim_id);

        CREATE TABLE money_events (
            id INTEGER PRIMARY KEY,
            claim_id TEXT NOT NULL REFERENCES claims(claim_id),
            kind TEXT NOT NULL CHECK (kind IN ('receipt', 'refund', 'write_off', 'adjustment')),
            date TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount <> 0),
            accounting_year INTEGER NOT NULL,
            accounting_year_overridden INTEGER NOT NULL DEFAULT 0
                CHECK (accounting_year_overridden IN (0, 1)),
            method TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            reverses INTEGER UNIQUE REFERENCES money_events(id),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            -- Only adjustments and reversals carry a negative amount.
            CHECK (amount > 0 OR kind = 'adjustment' OR reverses IS NOT NULL)
        );
        CREATE INDEX money_events_claim ON money_events(claim_id, date);
        -- A reversal cancels exactly one ordinary event of its claim, amount for amount.
        CREATE TRIGGER money_events_reversal_matches BEFORE INSERT ON money_events
        WHEN NEW.reverses IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, '取消の記録が元の取引と一致しません')
            WHERE NOT EXISTS (
                SELECT 1 FROM money_events o
                WHERE o.id = NEW.reverses AND o.claim_id = NEW.claim_id
                  AND o.kind = NEW.kind AND o.amount = -NEW.amount
                  AND o.reverses IS NULL);
        END;
        """
        + append_only_triggers("money_events"),
    )


def known_migrations() -> list[str]:
    """Names of the migrations this version of ClaimDesk knows, in order."""
    return [m.name for m in MIGRATIONS._migrations]


@MIGRATIONS()
def m002_register_columns(db: Database) -> None:
    """What the claim register sorts and searches on, kept by SQLite itself.

    Each claim carries the running sums of its money events (updated by a trigger on
    every new event, so no code path can forget them), and each debtor a folded search
    key (kana in any form, no spaces). History of a debtor's particulars is kept only
    when the particulars change, not when the key is refreshed.
    """
    run_script(
        db,
        """
        ALTER TABLE claims ADD COLUMN adjusted INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE claims ADD COLUMN collected INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE claims ADD COLUMN written_off INTEGER NOT NULL DEFAULT 0;
        UPDATE claims SET
            adjusted = coalesce((SELECT sum(amount) FROM money_events e
                WHERE e.claim_id = claims.claim_id AND kind = 'adjustment'), 0),
            collected = coalesce((SELECT sum(CASE kind WHEN 'receipt' THEN amount ELSE -amount END)
                FROM money_events e WHERE e.claim_id = claims.claim_id
                AND kind IN ('receipt', 'refund')), 0),
            written_off = coalesce((SELECT sum(amount) FROM money_events e
                WHERE e.claim_id = claims.claim_id AND kind = 'write_off'), 0);
        CREATE TRIGGER money_events_running_sums AFTER INSERT ON money_events
        BEGIN
            UPDATE claims SET
                adjusted = adjusted + CASE NEW.kind WHEN 'adjustment' THEN NEW.amount ELSE 0 END,
                collected = collected + CASE NEW.kind WHEN 'receipt' THEN NEW.amount
                                                      WHEN 'refund' THEN -NEW.amount ELSE 0 END,
                written_off = written_off + CASE NEW.kind WHEN 'write_off' THEN NEW.amount ELSE 0 END
            WHERE claim_id = NEW.claim_id;
        END;

        ALTER TABLE debtors ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
        DROP TRIGGER debtors_keep_history;
        CREATE TRIGGER debtors_keep_history BEFORE UPDATE OF kind, name, kana, postal_code,
            address, phone, workplace, representative ON debtors
        BEGIN
            INSERT INTO debtor_history (debtor_id, kind, name, kana, postal_code, address,
                phone, workplace, representative, changed_by, changed_at)
            VALUES (OLD.debtor_id, OLD.kind, OLD.name, OLD.kana, OLD.postal_code,
                OLD.address, OLD.phone, OLD.workplace, OLD.representative,
                OLD.changed_by, OLD.changed_at);
        END;
        CREATE TRIGGER debtors_search_key_on_insert AFTER INSERT ON debtors
        BEGIN
            UPDATE debtors SET search_key = claimdesk_search_key(NEW.debtor_id, NEW.name, NEW.kana, NEW.phone)
            WHERE debtor_id = NEW.debtor_id;
        END;
        CREATE TRIGGER debtors_search_key_on_update AFTER UPDATE OF name, kana, phone ON debtors
        BEGIN
            UPDATE debtors SET search_key = claimdesk_search_key(NEW.debtor_id, NEW.name, NEW.kana, NEW.phone)
            WHERE debtor_id = NEW.debtor_id;
        END;
        UPDATE debtors SET search_key = claimdesk_search_key(debtor_id, name, kana, phone);
        CREATE INDEX claims_due ON claims(due_date);
        """,
    )


@MIGRATIONS()
def m004_targets(db: Database) -> None:
    """目標収納率 per claim type, fiscal year and category, with its basis and actions.

    Append-only like the money: a target is a decision the department must be able to
    show later, so a change is a new entry and the newest entry per key is in force. A
    rate is kept in integer tenths of a percent (955 = 95.5 %); an entry without a rate
    withdraws the target. The basis is required: the plan demands it be stated.
    """
    run_script(
        db,
        """
        CREATE TABLE targets (
            id INTEGER PRIMARY KEY,
            claim_type_id INTEGER NOT NULL REFERENCES claim_types(id),
            fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 9999),
            category TEXT NOT NULL CHECK (category IN ('current', 'carried', 'total')),
            rate_tenths INTEGER CHECK (typeof(rate_tenths) IN ('integer', 'null')
                AND rate_tenths BETWEEN 0 AND 1000),
            basis TEXT NOT NULL CHECK (length(trim(basis)) > 0),
            actions TEXT NOT NULL DEFAULT '',
            entered_by TEXT NOT NULL CHECK (length(entered_by) > 0),
            entered_at TEXT NOT NULL
        );
        CREATE INDEX targets_key ON targets(fiscal_year, claim_type_id, category, id);
        """
        + append_only_triggers("targets"),
    )
