"""The register's search index: every one- and two-character piece of each claim's text.

A search is a substring match on the claim id (as typed) and on the debtor's folded key
(number, name, kana, phone; domain/text.py). `LIKE '%…%'` reads every row for each
keystroke; SQLite's FTS5 `trigram` tokenizer cannot match fewer than three characters,
and clerks search as they type, one character at a time. So the index (the FTS5 table
`claim_search`, migration m010) holds, for each claim and each of the two texts, the
character pairs at every position and the last character alone, each written as hex
code points (six digits a character, which any FTS5 tokenizer keeps as one word):

- a term of two characters or more is the phrase of its pairs: consecutive positions
  in one text, so exactly the claims whose text contains the term;
- a term of one character is a prefix query on six digits, answered by FTS5's
  prefix index (`prefix='6'`): every pair that starts with it, or the last character.

The ledger indexes the claims it adds in one statement a batch (`index_new_claims`: a
trigger row by row cost four times as much, FTS5 writing at each statement's end, and
would break a plain SQL tool's INSERT, which lacks our SQL functions). Claims added
outside ClaimDesk are indexed when the ledger is next opened for writing; until then
`index_current` is False and the register scans instead. m010's trigger re-indexes a
debtor's claims when their key changes; it calls `search_grams` through the SQL function
registered on every connection (migrate.py), and a batch of new debtors turns it off
with `IndexSwitch` (they have no claims yet).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from contextlib import contextmanager
from functools import lru_cache

from ..domain.text import search_key

_HEX: dict[str, str] = {}  # character → its six hex digits, made once each


def _codes(text: str) -> list[str]:
    hex_of = _HEX
    return [hex_of.get(ch) or hex_of.setdefault(ch, f"{ord(ch):06x}") for ch in text]


@lru_cache(maxsize=4096)  # a debtor's key, once for each of their claims
def search_grams(text: str | None) -> str:
    """The index's words for a text: its pairs in order, then its last character."""
    codes = _codes(text or "")
    if not codes:
        return ""
    words = list(map(str.__add__, codes, codes[1:]))
    words.append(codes[-1])
    return " ".join(words)


def id_text(claim_id: str) -> str:
    """A claim id as the index holds it: ASCII case folded, as LIKE compared it."""
    return claim_id.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _term(text: str, column: str | None) -> str:
    codes = _codes(text)
    within = f"{{{column}}} : " if column else ""
    if len(codes) == 1:
        return f'{within}"{codes[0]}" *'
    return f'{within}"{" ".join(a + b for a, b in zip(codes, codes[1:]))}"'


def match_expression(text: str) -> str | None:
    """The FTS5 query for a register search, or None when the text searches for nothing."""
    key = search_key(text)
    if not key:
        return None
    typed = id_text(unicodedata.normalize("NFKC", text).strip())
    if typed == key:
        # The same term in both columns: one term over the table's two columns reads
        # each doclist once, where `{keys} : … OR {ids} : …` read them twice (a phrase
        # never spans two columns). Counting `D00` took 71 ms of CPU, now 39.
        return _term(key, None)
    terms = [_term(key, "keys")]
    if typed:
        terms.append(_term(typed, "ids"))
    return " OR ".join(terms)


class IndexSwitch:
    """SQL function `claimdesk_search_live()`: 1 while the triggers index each new row."""

    def __init__(self) -> None:
        self.live = 1

    def __call__(self) -> int:
        return self.live


INDEX_NEW_CLAIMS = """
INSERT INTO claim_search (rowid, ids, keys)
SELECT c.rowid, claimdesk_search_grams(claimdesk_id_text(c.claim_id)), claimdesk_search_grams(d.search_key)
FROM claims c JOIN debtors d ON d.debtor_id = c.debtor_id WHERE c.rowid > ?"""


def _last_indexed(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT rowid FROM claim_search ORDER BY rowid DESC LIMIT 1").fetchone()
    return row[0] if row else 0


def index_new_claims(conn: sqlite3.Connection) -> None:
    """Index every claim after the index's last one (claims only ever get larger rowids)."""
    conn.execute(INDEX_NEW_CLAIMS, [_last_indexed(conn)])


def index_current(conn: sqlite3.Connection) -> bool:
    """Whether every claim is in the index under its rowid: False after claims were added
    outside ClaimDesk, or after a VACUUM by another tool renumbered the claims (a table
    without an INTEGER PRIMARY KEY may get new rowids), seen on the last claim."""
    last = conn.execute("SELECT rowid, claim_id FROM claims ORDER BY rowid DESC LIMIT 1").fetchone()
    if last is None:
        return True
    row = conn.execute("SELECT ids FROM claim_search WHERE rowid = ?", [last[0]]).fetchone()
    return row is not None and row[0] == search_grams(id_text(last[1]))


def index_matches_its_claims(conn: sqlite3.Connection) -> bool:
    """Whether the index's last entry is its claim's (not so after a renumbering VACUUM)."""
    row = conn.execute("SELECT s.ids, c.claim_id FROM claim_search s JOIN claims c ON c.rowid = s.rowid"
                       " ORDER BY s.rowid DESC LIMIT 1").fetchone()
    last = _last_indexed(conn)
    return last == 0 or (row is not None and row[0] == search_grams(id_text(row[1])))


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Every claim indexed again (some 15 s of CPU on 200,000 claims)."""
    conn.execute("DELETE FROM claim_search")
    conn.execute(INDEX_NEW_CLAIMS, [0])


@contextmanager
def triggers_off(db):
    """The index's debtor trigger off while a batch of new debtors (no claims yet) is written."""
    switch = getattr(db, "search_switch", None)
    if switch is not None:
        switch.live = 0
    try:
        yield
    finally:
        if switch is not None:
            switch.live = 1


__all__ = ["triggers_off", "search_grams", "id_text", "match_expression", "IndexSwitch", "INDEX_NEW_CLAIMS",
           "index_new_claims", "index_current", "index_matches_its_claims", "rebuild_index"]
