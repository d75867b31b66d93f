"""Running sums on claims and a folded search key on debtors, for the register."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import run_script


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
