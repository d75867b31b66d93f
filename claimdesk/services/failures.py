"""Conditions of files a clerk can act on — disk full, read-only — named in Japanese.

The command line prints the message as its one line (exit 2) and the window shows it in a
box, instead of 「予期しないエラー」 and a traceback: these are not bugs but the state of
a disk or a folder's permissions. (The ledger's own — full, read-only, busy — come as
storage's LedgerError kinds, already in Japanese.)
"""

from __future__ import annotations

import errno

_FILE = {
    errno.ENOSPC: "ディスクの空き容量が足りないため、書き込めません",
    errno.EDQUOT: "ディスクの使用量の上限に達したため、書き込めません",
    errno.EROFS: "読み取り専用の場所のため、書き込めません",
    errno.EACCES: "アクセスの権限がありません（読み取り専用のファイルまたはフォルダ）",
    errno.EPERM: "アクセスの権限がありません（読み取り専用のファイルまたはフォルダ）",
    errno.ENOENT: "ファイルまたはフォルダがありません",
    errno.EISDIR: "ファイルではなくフォルダです",
    errno.ENOTDIR: "フォルダがありません",
    errno.EIO: "読み書きに失敗しました（ディスクまたはネットワークの障害）",
}


def _os_error(error: BaseException) -> OSError | None:
    """The OSError behind `error` (XlsxWriter wraps it in FileCreateError)."""
    if isinstance(error, OSError):
        return error
    inner = error.args[0] if error.args else None
    return inner if type(error).__name__ == "FileCreateError" and isinstance(inner, OSError) else None


def describe_failure(error: BaseException) -> str | None:
    """A clerk's message for a full disk, a read-only place, a busy ledger; None otherwise."""
    os_error = _os_error(error)
    if os_error is None:
        return None
    where = f": {os_error.filename}" if os_error.filename else ""
    what = _FILE.get(os_error.errno or 0)
    if what is None:
        return f"ファイルを読み書きできません{where}（{os_error.strerror or os_error}）"
    return f"{what}{where}。ファイルは作成・変更していません" if os_error.errno in (
        errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM) else f"{what}{where}"
