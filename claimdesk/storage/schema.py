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


CASEWORK_TABLES = ("contact_entries", "contact_entry_claims", "promises", "instalment_plans",
                   "instalments", "plan_cancellations")
_CHANNELS = "'phone', 'visit', 'counter', 'letter_out', 'letter_in', 'email', 'internal'"
_PARTIES = "'debtor', 'guarantor', 'heir', 'family', 'lawyer', 'agent', 'other', 'none'"
_EFFECTS = "'', 'acknowledgment', 'demand', 'reminder', 'negotiation', 'judgment', 'invocation'"
_LETTERS = ("'', 'demand', 'reminder', 'final_reminder', 'instalment_pledge', 'acknowledgment',"
            " 'guarantor', 'consultation'")
_DECISIONS = ("'', 'deferment', 'collection_suspension', 'enforcement_suspension', 'lawyer_referral',"
              " 'court_action', 'exemption', 'waiver', 'write_off'")


@MIGRATIONS()
def m003_casework(db: Database) -> None:
    """Casework: the contact log, promises, instalment plans; heirs beside guarantors.

    All of it is history, append-only like the money: a correction is a new entry that
    points at the one it replaces (`corrects`), a returned letter a new entry that points
    at the letter, a cancelled plan a row in plan_cancellations. An entry concerns one
    debtor and one or more of their claims (contact_entry_claims), because one call is
    often about a year of monthly rent. Promises and plans hang on the entry in which
    they were made, and so on its claims. Decisions that need approval are entries with
    the approver, the date and the basis, enforced by a CHECK.
    """
    run_script(
        db,
        f"""
        ALTER TABLE guarantors ADD COLUMN role TEXT NOT NULL DEFAULT 'guarantor'
            CHECK (role IN ('guarantor', 'heir'));
        -- Whether a debtor's address was changed since a letter came back.
        CREATE INDEX debtor_history_debtor ON debtor_history(debtor_id);

        CREATE TABLE contact_entries (
            id INTEGER PRIMARY KEY,
            debtor_id TEXT NOT NULL REFERENCES debtors(debtor_id),
            contact_date TEXT NOT NULL,
            contact_time TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL CHECK (channel IN ({_CHANNELS})),
            party TEXT NOT NULL DEFAULT 'debtor' CHECK (party IN ({_PARTIES})),
            party_name TEXT NOT NULL DEFAULT '',
            liable_party_id INTEGER REFERENCES guarantors(id),
            contact_person TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
            reason TEXT NOT NULL DEFAULT '',
            household TEXT NOT NULL DEFAULT '',
            agreement TEXT NOT NULL DEFAULT '',
            next_action TEXT NOT NULL DEFAULT '',
            next_action_on TEXT,
            legal_effect TEXT NOT NULL DEFAULT '' CHECK (legal_effect IN ({_EFFECTS})),
            step_id TEXT NOT NULL DEFAULT '',
            checklist TEXT NOT NULL DEFAULT '',
            letter_kind TEXT NOT NULL DEFAULT '' CHECK (letter_kind IN ({_LETTERS})),
            document_hash TEXT NOT NULL DEFAULT '',
            document_path TEXT NOT NULL DEFAULT '',
            decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ({_DECISIONS})),
            approver TEXT NOT NULL DEFAULT '',
            approved_on TEXT,
            basis TEXT NOT NULL DEFAULT '',
            corrects INTEGER UNIQUE REFERENCES contact_entries(id),
            retracted INTEGER NOT NULL DEFAULT 0 CHECK (retracted IN (0, 1)),
            correction_reason TEXT NOT NULL DEFAULT '',
            returned_letter_of INTEGER REFERENCES contact_entries(id),
            search_key TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL,
            CHECK (decision = '' OR (length(trim(approver)) > 0 AND approved_on IS NOT NULL
                                     AND length(trim(basis)) > 0)),
            CHECK (letter_kind = '' OR channel IN ('letter_out', 'letter_in')),
            CHECK (returned_letter_of IS NULL OR channel = 'letter_in'),
            CHECK (corrects IS NULL OR length(trim(correction_reason)) > 0)
        );
        CREATE INDEX contact_entries_debtor ON contact_entries(debtor_id, contact_date);
        CREATE INDEX contact_entries_next_action ON contact_entries(next_action_on)
            WHERE next_action_on IS NOT NULL;
        -- A correction stays with its debtor; a return points at a letter that was sent.
        CREATE TRIGGER contact_entries_links BEFORE INSERT ON contact_entries
        WHEN NEW.corrects IS NOT NULL OR NEW.returned_letter_of IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, '訂正する記録が同じ債務者の記録ではありません')
            WHERE NEW.corrects IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM contact_entries o WHERE o.id = NEW.corrects AND o.debtor_id = NEW.debtor_id);
            SELECT RAISE(ABORT, '返戻の記録が発送した文書を指していません')
            WHERE NEW.returned_letter_of IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM contact_entries o WHERE o.id = NEW.returned_letter_of
                AND o.channel = 'letter_out' AND o.debtor_id = NEW.debtor_id);
        END;

        CREATE TABLE contact_entry_claims (
            entry_id INTEGER NOT NULL REFERENCES contact_entries(id),
            claim_id TEXT NOT NULL REFERENCES claims(claim_id),
            PRIMARY KEY (entry_id, claim_id)
        ) WITHOUT ROWID;
        CREATE INDEX contact_entry_claims_claim ON contact_entry_claims(claim_id, entry_id);
        -- Only the entry's debtor's claims.
        CREATE TRIGGER contact_entry_claims_debtor BEFORE INSERT ON contact_entry_claims
        BEGIN
            SELECT RAISE(ABORT, '交渉記録の債務者と債権の債務者が違います')
            WHERE NOT EXISTS (
                SELECT 1 FROM contact_entries e JOIN claims c ON c.debtor_id = e.debtor_id
                WHERE e.id = NEW.entry_id AND c.claim_id = NEW.claim_id);
        END;

        CREATE TABLE promises (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES contact_entries(id),
            made_on TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            due_on TEXT NOT NULL CHECK (due_on >= made_on),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL
        );
        CREATE INDEX promises_entry ON promises(entry_id);

        CREATE TABLE instalment_plans (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL UNIQUE REFERENCES contact_entries(id),
            kind TEXT NOT NULL CHECK (kind IN ('pledge', 'deferment')),
            signed_on TEXT NOT NULL,
            total INTEGER NOT NULL CHECK (total > 0),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL
        );
        CREATE TABLE instalments (
            plan_id INTEGER NOT NULL REFERENCES instalment_plans(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            due_on TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            PRIMARY KEY (plan_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE plan_cancellations (
            plan_id INTEGER PRIMARY KEY REFERENCES instalment_plans(id),
            cancelled_on TEXT NOT NULL,
            entry_id INTEGER NOT NULL REFERENCES contact_entries(id),
            operator TEXT NOT NULL CHECK (length(operator) > 0),
            entered_at TEXT NOT NULL
        );
        """
        + "".join(append_only_triggers(t) for t in CASEWORK_TABLES),
    )
