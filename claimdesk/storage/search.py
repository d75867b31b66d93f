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

The triggers of m010 keep the index with the claims and the debtors' keys; they call
`search_grams` through the SQL function registered on every connection (migrate.py).
Row by row they cost some 130 µs a claim (FTS5 writes at each statement's end), so a
batch written by the ledger (an import, the demo) turns them off with `IndexSwitch` and
indexes its new claims in one statement after (`INDEX_NEW_CLAIMS`), four times faster.
"""

from __future__ import annotations

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


def _term(text: str, column: str) -> str:
    codes = _codes(text)
    if len(codes) == 1:
        return f'{{{column}}} : "{codes[0]}" *'
    return f'{{{column}}} : "{" ".join(a + b for a, b in zip(codes, codes[1:]))}"'


def match_expression(text: str) -> str | None:
    """The FTS5 query for a register search, or None when the text searches for nothing."""
    key = search_key(text)
    if not key:
        return None
    typed = id_text(unicodedata.normalize("NFKC", text).strip())
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


@contextmanager
def batch_indexed(db):
    """Triggers off while a batch is written; yields a function indexing the claims it added."""
    switch = getattr(db, "search_switch", None)
    before = db.conn.execute("SELECT coalesce(max(rowid), 0) FROM claims").fetchone()[0]
    if switch is not None:
        switch.live = 0
    try:
        yield lambda: db.conn.execute(INDEX_NEW_CLAIMS, [before])
    finally:
        if switch is not None:
            switch.live = 1


__all__ = ["batch_indexed", "search_grams", "id_text", "match_expression", "IndexSwitch", "INDEX_NEW_CLAIMS"]
