"""Backups of the ledger: made by hand or automatically, rotated, listed, restored.

Automatic backups are made by the window on the first open of each day and when it
closes, never from a ledger that failed its check (a damaged copy must not rotate good
ones away). They live in `backups/` beside the ledger or in the folder the department
sets (ledger setting backup_folder, e.g. its file server).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.backups import DEFAULT_KEEP, backup_stamp, to_keep
from ..domain.errors import REASONS, ClaimDeskError, Refusal
from ..domain.integrity import Problem, ProblemKind
from ..storage.backup import LedgerInUse, RestoreRefused, backup_facts, restore_ledger
from ..storage.ledger import Ledger, LedgerError

SETTING_FOLDER = "backup_folder"
SETTING_RESTORED_AT = "restored_at"
KINDS = {"auto": "自動", "manual": "手動"}

REASONS.update({
    # The field's name leads, as the command line has always written it (no option to name).
    "backup_folder_unwritable": "バックアップフォルダ: 書き込めません（{error}）: {folder}",
    "keep_count_unknown": "バックアップの保存数にない項目です（{key}）",
    "keep_count_below_one": "1以上の整数にしてください（{count}）",
})


class RestoreFailed(ClaimDeskError):
    """A restore refused; `problems` lists what the check of the backup found."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class BackupEntry:
    """One backup file as the list shows it."""

    path: Path
    taken_at: datetime
    kind: str           # auto / manual
    size: int
    newest_entry: str   # the newest money event or contact entry it holds ('' if none)


def _file(ledger: Ledger) -> Path:
    """The ledger's file: backups are of a ledger on disk, never of one in memory."""
    assert ledger.path is not None, "a ledger in memory has no backups"
    return ledger.path


def backup_folder(ledger: Ledger) -> Path:
    """Where this ledger's backups go."""
    try:
        chosen = ledger.setting(SETTING_FOLDER).strip()
    except LedgerError:  # a damaged ledger: its backups are where they always were
        chosen = ""
    return Path(chosen) if chosen else _file(ledger).parent / "backups"


def chosen_backup_folder(ledger: Ledger) -> str:
    """The folder the department chose ('' when backups go beside the ledger)."""
    return ledger.setting(SETTING_FOLDER).strip()


def set_backup_folder(ledger: Ledger, folder: str) -> Path:
    """Choose where backups go ('' for backups/ beside the ledger); the folder must be writable."""
    target = check_backup_folder(ledger, folder)
    ledger.set_setting(SETTING_FOLDER, folder.strip())
    return target


def check_backup_folder(ledger: Ledger, folder: str) -> Path:
    """The folder backups would go to ('' for backups/ beside the ledger), tried for writing.

    A folder not there yet is not made (the first backup makes it, storage/backup.py):
    checking a setting the clerk may still cancel must leave nothing behind. Its nearest
    existing parent is tried instead."""
    folder = folder.strip()
    target = Path(folder) if folder else _file(ledger).parent / "backups"
    there = next((p for p in (target, *target.parents) if p.exists()), None)
    try:
        if there is None or not there.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        with tempfile.TemporaryFile(dir=there, prefix=".claimdesk-write-test"):
            pass
    except OSError as e:
        raise Refusal(None, "backup_folder_unwritable", error=e.strerror or str(e), folder=str(target)) from None
    return target


def keep_counts(ledger: Ledger) -> dict[str, int]:
    """The rotation's counts (settings backup_keep_daily/weekly/monthly)."""
    counts = {}
    for key, default in DEFAULT_KEEP.items():
        try:
            counts[key] = max(1, int(ledger.setting(f"backup_keep_{key}", str(default))))
        except (ValueError, LedgerError):
            counts[key] = default
    return counts


def set_keep_counts(ledger: Ledger, counts: dict[str, int]) -> dict[str, int]:
    """Store how many daily, weekly and monthly automatic backups the rotation keeps (1 or more)."""
    for key, count in counts.items():
        if key not in DEFAULT_KEEP:
            raise Refusal(f"backup_keep_{key}", "keep_count_unknown", key=key)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise Refusal(f"backup_keep_{key}", "keep_count_below_one", count=count)
    with ledger.atomic():
        for key, count in counts.items():
            ledger.set_setting(f"backup_keep_{key}", str(count))
    return keep_counts(ledger)


def _name(ledger_path: Path, kind: str, now: datetime) -> str:
    return f"{ledger_path.stem}.{kind}-{now:%Y%m%d-%H%M%S}{ledger_path.suffix}"


def make_backup(ledger: Ledger, output: Path | None = None, *, kind: str = "manual",
                now: datetime | None = None) -> Path:
    """A consistent copy of the ledger: at `output`, or in the backup folder."""
    if ledger.path is None:
        raise ClaimDeskError("メモリ上の台帳はバックアップできません")
    now = now or datetime.now()
    target = Path(output) if output else backup_folder(ledger) / _name(ledger.path, kind, now)
    if target.resolve() == ledger.path.resolve():
        raise ClaimDeskError(f"バックアップの出力先が台帳そのものです: {target}")
    return ledger.backup_to(target)


def _files(folder: Path, ledger_path: Path) -> list[tuple[Path, datetime, str]]:
    found = []
    for path in folder.glob(f"{ledger_path.stem}.*{ledger_path.suffix}"):
        kind = path.name[len(ledger_path.stem) + 1:].split("-", 1)[0]
        stamp = backup_stamp(path.name)
        if kind in KINDS and stamp is not None:
            found.append((path, stamp, kind))
    return sorted(found, key=lambda f: f[1], reverse=True)


def rotate(ledger: Ledger) -> list[Path]:
    """Delete the automatic backups the rotation no longer keeps; returns them."""
    files = [(p, t) for p, t, kind in _files(backup_folder(ledger), _file(ledger)) if kind == "auto"]
    keep = to_keep((t for _, t in files), **keep_counts(ledger))
    gone = []
    for path, stamp in files:
        if stamp not in keep:
            path.unlink(missing_ok=True)
            gone.append(path)
    return gone


def auto_backup(ledger: Ledger, moment: str, now: datetime | None = None) -> Path | None:
    """The window's backup on open (first of the day) or close; None when none is due."""
    if ledger.path is None or ledger.read_only_reason:
        return None
    now = now or datetime.now()
    if moment == "open" and any(kind == "auto" and t.date() == now.date()
                                for _, t, kind in _files(backup_folder(ledger), _file(ledger))):
        return None
    made = make_backup(ledger, kind="auto", now=now)
    rotate(ledger)
    return made


def list_backups(ledger: Ledger) -> list[BackupEntry]:
    """The ledger's backups, newest first, with what each holds."""
    entries = []
    for path, stamp, kind in _files(backup_folder(ledger), _file(ledger)):
        facts = backup_facts(path)
        entries.append(BackupEntry(path, stamp, kind, facts.size, facts.newest_entry))
    return entries


def restore(ledger_path: Path, backup: Path, operator: str, now: datetime | None = None) -> Path | None:
    """Check `backup` and put it in place of the ledger; returns where the old ledger was kept."""
    if not Path(backup).exists():
        raise RestoreFailed(f"バックアップファイルがありません: {backup}")
    if Path(backup).resolve() == Path(ledger_path).resolve():
        raise RestoreFailed("復元するファイルが台帳そのものです")
    now = now or datetime.now()
    try:
        kept = restore_ledger(Path(ledger_path), Path(backup), operator, now)
    except RestoreRefused as refused:
        raise RestoreFailed(f"このバックアップは点検で問題が見つかったため復元しません。台帳は変更していません: {backup}",
                            refused.problems) from None
    except LedgerInUse as busy:
        raise RestoreFailed(f"台帳が使用中のため復元できません。{busy}") from None
    with Ledger.open(ledger_path, operator=operator, create=False) as restored:
        # Backups taken before this moment may hold history the restored ledger never had.
        restored.set_setting(SETTING_RESTORED_AT, f"{now:%Y%m%d-%H%M%S}")
    return kept


def newest_good_backup(ledger: Ledger) -> BackupEntry | None:
    """The newest backup that passes the check a restore makes (None if there is none)."""
    from ..storage.backup import scratch_dir, verified_copy

    for entry in list_backups(ledger):
        with scratch_dir(entry.path.parent) as work:
            copy, problems = verified_copy(entry.path, Path(work))
        if copy is not None and not problems:
            return entry
    return None


def check_ledger(ledger: Ledger) -> list[Problem]:
    """Everything `claimdesk check` reports, plus: is the newest backup's history still here?

    A backup's chain head anchors the chain: history cut off at the end (rows and their
    chain entries deleted together) leaves no trace inside the ledger, but the backup
    remembers an entry the ledger no longer has.
    """
    problems = ledger.check_all()
    if problems or ledger.path is None:
        return problems
    restored_at = backup_stamp(ledger.setting(SETTING_RESTORED_AT)) or datetime.min
    newer = [path for path, stamp, _ in _files(backup_folder(ledger), _file(ledger)) if stamp > restored_at]
    for path in newer[:1]:
        head = backup_facts(path).chain_head
        if head is not None and not ledger.has_chain_entry(*head):
            problems.append(Problem(ProblemKind.CHAIN_BROKEN, "chain", str(head[0]),
                                    f"バックアップ {path.name} にある連番 {head[0]} の記録が台帳にありません"))
    return problems


__all__ = ["BackupEntry", "RestoreFailed", "auto_backup", "backup_folder", "check_backup_folder", "check_ledger", "chosen_backup_folder", "list_backups",
           "make_backup", "newest_good_backup", "restore", "rotate", "set_keep_counts"]
