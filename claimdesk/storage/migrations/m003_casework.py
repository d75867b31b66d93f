"""Casework: the contact log, promises and instalment plans, all append-only."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, run_script

CASEWORK_TABLES = ("contact_entries", "contact_entry_claims", "promises", "instalment_plans",
                   "instalments", "plan_cancellations")
_CHANNELS = "'phone', 'visit', 'counter', 'letter_out', 'letter_in', 'email', 'internal'"
_PARTIES = "'debtor', 'guarantor', 'heir', 'family', 'lawyer', 'agent', 'other', 'none'"
_EFFECTS = "'', 'acknowledgment', 'demand', 'reminder', 'negotiation', 'judgment', 'invocation'"
_LETTERS = ("'', 'demand', 'reminder', 'final_reminder', 'instalment_pledge', 'acknowledgment',"
            " 'guarantor', 'consultation'")
_DECISIONS = ("'', 'deferment', 'collection_suspension', 'enforcement_suspension', 'lawyer_referral',"
              " 'court_action', 'exemption', 'waiver', 'write_off'")


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
