"""The first schema: debtors, claim types, claims, guarantors and the append-only money events."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, run_script


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
