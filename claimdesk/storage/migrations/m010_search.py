"""The register's search index (storage/search.py), filled for the claims already there."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import run_script


def m010_search(db: Database) -> None:
    """FTS5 table `claim_search`: each claim's id and its debtor's key, as pairs of characters.

    Its rowid is the claim's rowid. Triggers keep it: a new claim is indexed with its
    debtor's key, a debtor whose key changes (name, kana, phone) is re-indexed in each
    of their claims. Claims are never deleted nor their id or debtor changed (m001), so
    no other trigger is needed. The ledger's batch writes turn the triggers off
    (`claimdesk_search_live()`) and index the batch at once (storage/search.py). Filling
    it takes some 15 s of CPU on 200,000 claims.
    """
    run_script(
        db,
        """
        CREATE VIRTUAL TABLE claim_search USING fts5(
            ids, keys, tokenize = 'unicode61', prefix = '6', detail = 'full');
        INSERT INTO claim_search (rowid, ids, keys)
            SELECT c.rowid, claimdesk_search_grams(claimdesk_id_text(c.claim_id)),
                claimdesk_search_grams(d.search_key)
            FROM claims c JOIN debtors d ON d.debtor_id = c.debtor_id;
        CREATE TRIGGER claims_search_on_insert AFTER INSERT ON claims WHEN claimdesk_search_live()
        BEGIN
            INSERT INTO claim_search (rowid, ids, keys)
            VALUES (NEW.rowid, claimdesk_search_grams(claimdesk_id_text(NEW.claim_id)),
                claimdesk_search_grams((SELECT search_key FROM debtors WHERE debtor_id = NEW.debtor_id)));
        END;
        CREATE TRIGGER debtors_search_on_key AFTER UPDATE OF search_key ON debtors
        WHEN NEW.search_key IS NOT OLD.search_key AND claimdesk_search_live()
        BEGIN
            UPDATE claim_search SET keys = claimdesk_search_grams(NEW.search_key)
            WHERE rowid IN (SELECT rowid FROM claims WHERE debtor_id = NEW.debtor_id);
        END;
        """,
    )
