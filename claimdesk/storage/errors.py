"""What storage refuses, in the ledger's own terms: no sqlite3 exception leaves the package."""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Callable
from typing import TypeVar

from ..domain.errors import ClaimDeskError


class LedgerError(ClaimDeskError):
    """A ledger operation refused: the message says why."""


class LedgerFileError(ClaimDeskError):
    """The file cannot be used as a ledger; the message says why and what to do."""


class LedgerBusyError(LedgerError):
    """Another program holds the ledger file locked for longer than we wait."""


class LedgerReadOnlyError(LedgerError):
    """The ledger file (or its folder) cannot be written."""


class LedgerFullError(LedgerError):
    """The disk holding the ledger is full."""


class LedgerDamagedError(LedgerError):
    """The ledger file cannot be read as a database any more."""


def integrity_message(e: sqlite3.IntegrityError) -> str:
    """A clerk's sentence for a constraint the records broke."""
    text = str(e)
    if "UNIQUE constraint failed: claims.claim_id" in text:
        return "債権番号が重複しています"
    if "UNIQUE constraint failed: debtors.debtor_id" in text:
        return "債務者番号が重複しています"
    if "UNIQUE constraint failed: money_events.reverses" in text:
        return "この取引はすでに取り消されています"
    if "FOREIGN KEY" in text:
        return "参照先（債務者・債権・債権名）が登録されていません"
    return f"台帳に記録できません: {text}"


def translated(e: sqlite3.Error) -> LedgerError:
    """The LedgerError for an error SQLite raised, named as a clerk can act on it."""
    text = str(e).lower()
    if isinstance(e, sqlite3.IntegrityError):
        return LedgerError(integrity_message(e))
    # On a disk with no room at all, SQLite cannot grow the -shm file and says "disk I/O
    # error" (SQLITE_IOERR_SHMSIZE) before it could say "full".
    if getattr(e, "sqlite_errorname", "") in ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE"):
        return LedgerFullError("ディスクに空きがないため台帳に書き込めません")
    if "unable to open database file" in text:
        return LedgerReadOnlyError("台帳ファイルを開けません（フォルダが読み取り専用か、書き込みの権限がないか、"
                                   "ネットワークの接続が切れています）")
    if "locked" in text or "busy" in text:
        return LedgerBusyError("台帳ファイルを他の人またはプログラムが使用中です。しばらくしてからもう一度操作してください")
    if "readonly" in text or "read-only" in text:
        return LedgerReadOnlyError("台帳ファイルに書き込めません（読み取り専用のファイルまたはフォルダ）")
    if "full" in text:
        return LedgerFullError("ディスクに空きがないため台帳に書き込めません")
    if "malformed" in text or "not a database" in text or "disk i/o" in text:
        return LedgerDamagedError(f"台帳ファイルが壊れているか読み込めません: {e}")
    return LedgerError(f"台帳を読み書きできません: {e}")


C = TypeVar("C", bound=type)


def speaks_ledger_errors(cls: C) -> C:
    """Class decorator: the class's public methods raise LedgerError, never sqlite3's errors."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(member) or inspect.isgeneratorfunction(member):
            continue
        setattr(cls, name, _translating(member))
    return cls


def _translating(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except sqlite3.Error as e:
            raise translated(e) from e
    return wrapper
