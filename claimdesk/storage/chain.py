"""The hash chain over the ledger's history: tamper evidence for rows written once.

Every row of an append-only table gets an entry in `chain` (migrations m006_integrity
and m013_chain; chain_tables names the tables):
the SHA-256 of its content (table, key, every column) and a hash over that and the
previous entry's hash. An edit made behind ClaimDesk's back shows up in `verify_chain`:
a changed row no longer matches its content hash, a deleted row has an entry but no
row, a row added by another tool has no entry, and a removed or altered chain entry
breaks the hash of the one after it.

Why a trigger rather than Python at insert: the trigger runs inside the write
transaction of whichever connection inserts, so two ClaimDesk processes writing one
ledger still chain in one order (SQLite lets one writer at a time), and no code path
can forget it. A tool without ClaimDesk's SQL functions cannot insert into these
tables at all ("no such function"), which is the point.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from hashlib import sha256

from ..domain.integrity import Problem, ProblemKind
from .chain_tables import CHAINED, M006_CHAINED, Chained

CHAIN_TRIGGERS = tuple(f"{c.name}_chain" for c in CHAINED)


def content_hash(table: str, key, content: str) -> bytes:
    """SHA-256 of one row: its table, key and columns (as SQLite's json_array gives them)."""
    return hashlib.sha256(f"{table}\x1f{key}\x1f{content}".encode()).digest()


def chain_hash(previous: bytes, content: bytes) -> bytes:
    """The chain entry's hash: over the previous entry's hash and this row's content hash."""
    return hashlib.sha256(previous + content).digest()


def _as_bytes(value) -> bytes:
    # A hash stored as anything but a BLOB was written by hand: hash what is there.
    if isinstance(value, bytes):
        return value
    return b"" if value is None else str(value).encode()


def _chain_entry(previous, table: str, key, content: str) -> bytes:
    # One call per row from the trigger: both hashes, content's first (32 + 32 bytes).
    # Inlined (content_hash, chain_hash): this runs for every history row written.
    ch = sha256(f"{table}\x1f{key}\x1f{content}".encode()).digest()
    return ch + sha256((previous if type(previous) is bytes else _as_bytes(previous)) + ch).digest()


def register_functions(conn: sqlite3.Connection) -> None:
    """Give a connection the SQL functions the chain triggers and checks call."""
    conn.create_function("claimdesk_content_hash", 3, content_hash, deterministic=True)
    conn.create_function("claimdesk_chain_entry", 4, _chain_entry, deterministic=True)


# Hashes are 32-byte BLOBs (not hex): the chain has a row for every history row.
CHAIN_TABLE_SQL = """
CREATE TABLE chain (
    seq INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_key TEXT NOT NULL,
    content_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
"""


def chain_trigger_sql(c: Chained) -> str:
    """The AFTER INSERT trigger that chains each new row of `c.table` (as `c.name`)."""
    return f"""
    CREATE TRIGGER {c.name}_chain AFTER INSERT ON {c.table}
    BEGIN
        INSERT INTO chain (tbl, row_key, content_hash, hash)
        SELECT '{c.name}', {c.key_sql('NEW.')}, substr(x, 1, 32), substr(x, 33, 32)
        FROM (SELECT claimdesk_chain_entry((SELECT hash FROM chain ORDER BY seq DESC LIMIT 1),
                '{c.name}', {c.key_sql('NEW.')}, {c.content_sql('NEW.')}) AS x);
    END;
    """


def chain_existing_rows(conn: sqlite3.Connection, tables: Iterable[Chained] = M006_CHAINED) -> int:
    """Chain every row already in `tables` (a ledger older than their migration); returns how many."""
    previous = conn.execute("SELECT hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    previous = previous[0] if previous else b""
    count = 0
    for c in tables:
        rows = conn.execute(f"SELECT {c.key_sql()}, {c.content_sql()} FROM {c.table}"
                            f" ORDER BY {', '.join(c.key)}").fetchall()
        entries = []
        for key, content in rows:
            ch = content_hash(c.name, key, content)
            previous = chain_hash(previous, ch)
            entries.append((c.name, str(key), ch, previous))
        conn.executemany("INSERT INTO chain (tbl, row_key, content_hash, hash) VALUES (?,?,?,?)", entries)
        count += len(entries)
    return count


def seal_existing_rows(conn: sqlite3.Connection, tables: Iterable[Chained], migration: str, sealed_at: str) -> int:
    """Chain the rows already in `tables` at an upgrade and record the sealing in `chain_seals`.

    Those rows are chained when the migration runs, not when written: the seal (itself a
    chained row) says so, with the range of entries. Nothing there yet: no seal.
    """
    tables = tuple(tables)
    before = chain_head(conn)
    rows = chain_existing_rows(conn, tables)
    if rows:
        after = chain_head(conn)
        assert after is not None
        conn.execute("INSERT INTO chain_seals (migration, tables, first_seq, last_seq, rows, sealed_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)",
                     [migration, ",".join(c.name for c in tables if c.table != "chain_seals"),
                      before[0] + 1 if before else 1, after[0], rows, sealed_at])
    return rows


def chain_head(conn: sqlite3.Connection) -> tuple[int, bytes] | None:
    """The newest chain entry (seq, hash), or None for an empty chain."""
    row = conn.execute("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else (row[0], row[1])


def verify_chain(conn: sqlite3.Connection) -> list[Problem]:
    """Every row against its chain entry, and every entry against the one before it."""
    problems: list[Problem] = []
    current: dict[str, dict[str, bytes]] = {}
    tables = {c.name: c.table for c in CHAINED}  # a later version's entries report its table
    for c in CHAINED:
        current[c.name] = {
            str(key): ch for key, ch in conn.execute(
                f"SELECT {c.key_sql()}, claimdesk_content_hash('{c.name}', {c.key_sql()}, {c.content_sql()})"
                f" FROM {c.table}")
        }
    previous = b""
    for seq, table, key, stored_content, stored_hash in conn.execute(
            "SELECT seq, tbl, row_key, content_hash, hash FROM chain ORDER BY seq"):
        stored_content, stored_hash = _as_bytes(stored_content), _as_bytes(stored_hash)
        if chain_hash(previous, stored_content) != stored_hash:
            problems.append(Problem(ProblemKind.CHAIN_BROKEN, tables.get(table, table), key,
                                    f"連番 {seq}（{table} {key}）の前後"))
        previous = stored_hash
        rows = current.get(table)
        if rows is None:
            continue
        found = rows.pop(key, None)
        if found is None:
            problems.append(Problem(ProblemKind.ROW_DELETED, tables[table], key))
        elif found != stored_content:
            problems.append(Problem(ProblemKind.ROW_CHANGED, tables[table], key))
    for name, rows in current.items():
        problems.extend(Problem(ProblemKind.ROW_UNCHAINED, tables[name], key) for key in rows)
    return _once(problems) + slip_serial_problems(conn)


def _once(problems: list[Problem]) -> list[Problem]:
    """Each finding once: a row deleted or added shows in both its versions' entries."""
    return list(dict.fromkeys(problems))


# A slip's number is its claim's serial and the issue (m008); the slip is chained, the
# serial is not (chain_tables says why), so a serial moved to another claim shows here.
_SLIP_SERIALS_SQL = """
SELECT DISTINCT s.claim_id FROM payment_slips s
LEFT JOIN payment_claim_numbers p ON p.claim_id = s.claim_id
WHERE p.serial IS NOT CAST(substr(s.number, 1, 9) AS INTEGER)
ORDER BY s.claim_id
"""


def slip_serial_problems(conn: sqlite3.Connection) -> list[Problem]:
    """Claims whose 納付番号 serial no longer matches the number on a 納付書 sent for them."""
    return [Problem(ProblemKind.ROW_CHANGED, "payment_claim_numbers", claim_id)
            for (claim_id,) in conn.execute(_SLIP_SERIALS_SQL)]
