"""The register's search index (storage/search.py), filled for the claims already there."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import run_script


def m010_search(db: Database) -> None:
    """FTS5 table `claim_search`: each claim's id and its debtor's key, as pairs of characters.

    Its rowid is the claim's rowid. The ledger indexes the claims it adds, each batch in
    one statement (storage/search.py); no trigger does it, so that a claim inserted by
    another SQL tool (which has none of ClaimDesk's SQL functions) is refused or taken
    as it was before this index, and the register searches such a ledger by scanning
    until it next opens it for writing. A trigger re-indexes each claim of a debtor whose
    key changes (name, kana, phone); the ledger's batch writes turn it off
    (`claimdesk_search_live()`). Claims are never deleted nor their id or debtor changed
    (m001), so no other trigger is needed. Filling it takes some 15 s of CPU on 200,000
    claims.
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
        CREATE TRIGGER debtors_search_on_key AFTER UPDATE OF search_key ON debtors
        WHEN NEW.search_key IS NOT OLD.search_key AND claimdesk_search_live()
        BEGIN
            UPDATE claim_search SET keys = claimdesk_search_grams(NEW.search_key)
            WHERE rowid IN (SELECT rowid FROM claims WHERE debtor_id = NEW.debtor_id);
        END;
        """,
    )
