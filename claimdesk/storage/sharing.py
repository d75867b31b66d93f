"""A ledger in a shared folder: which journal it can use, and who may write it.

SQLite documents WAL as unsafe on a network file system (its shared memory index needs
one machine), so a ledger on a share uses the rollback journal. And one ClaimDesk at a
time writes a ledger: the first takes `NAME.lock` beside it — an OS lock that dies with
its process, so a crashed holder blocks no one, plus who, where and since when, for
the message the second one shows when it opens the ledger read-only.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "ncpfs", "afs", "9p", "fuse.sshfs",
              "sshfs", "davfs", "fuse.davfs2", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs",
              "fuse.rclone", "fuse.s3fs", "virtiofs", "fuse.vmhgfs-fuse", "vboxsf", "drvfs"}


def mount_type(path: Path, mounts_text: str | None = None) -> str:
    """The file system type of the mount holding `path` (Linux, from /proc/mounts)."""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text()
        except OSError:
            return ""
    target = str(path.resolve() if path.exists() else path.parent.resolve())
    best, kind = "", ""
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def _windows_remote(path: Path) -> bool:
    text = str(path.resolve())
    if text.startswith("\\\\"):
        return True  # UNC path \\server\share
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE  # type: ignore[attr-defined]


def is_network_path(path: Path) -> bool:
    """Whether `path` lies on a network share (UNC / mapped drive; NFS, SMB, sshfs …)."""
    if os.environ.get("CLAIMDESK_ASSUME_NETWORK") == "1":  # for tests and for odd mounts
        return True
    if sys.platform == "win32":
        return _windows_remote(path)
    return mount_type(path) in NETWORK_FS


@dataclass(frozen=True)
class Holder:
    """Who holds a ledger for writing."""

    operator: str
    host: str
    pid: int
    since: str

    def text(self) -> str:
        """「山田（PC-12、プロセス 4711）が 2026-12-03 09:15 から使用中」."""
        since = self.since[:16].replace("T", " ")
        return f"{self.operator or '不明'}（{self.host or '不明な端末'}、プロセス {self.pid}）が {since} から使用中です。"


def lock_path(ledger: Path) -> Path:
    return ledger.with_name(ledger.name + ".lock")


def _try_os_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 1 << 20, os.SEEK_SET)  # a byte past the text, which others must read
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def read_holder(ledger: Path) -> Holder | None:
    """What the lock file says (None when empty or unreadable)."""
    try:
        data = json.loads(lock_path(ledger).read_text(encoding="utf-8") or "null")
        return Holder(str(data["operator"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


class WriterLock:
    """This process's claim to write one ledger; shared by every Ledger it opens on it."""

    _held: dict[str, WriterLock] = {}
    _guard = threading.Lock()  # the window's workers open ledgers from pool threads

    def __init__(self, key: str, fd: int, path: Path):
        self.key, self.fd, self.path, self.users = key, fd, path, 0

    @classmethod
    def acquire(cls, ledger: Path, operator: str) -> WriterLock | Holder:
        """Take the ledger for writing, or say who has it."""
        with cls._guard:
            return cls._acquire(ledger, operator)

    @classmethod
    def _acquire(cls, ledger: Path, operator: str) -> WriterLock | Holder:
        key = os.path.normcase(str(ledger.resolve()))
        lock = cls._held.get(key)
        if lock is None:
            path = lock_path(ledger)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
            if not _try_os_lock(fd):
                os.close(fd)
                return read_holder(ledger) or Holder("", "", 0, "")
            me = {"operator": operator, "host": socket.gethostname(), "pid": os.getpid(),
                  "since": datetime.now().astimezone().isoformat(timespec="seconds")}
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(me, ensure_ascii=False).encode())
            lock = cls._held[key] = cls(key, fd, path)
        lock.users += 1
        return lock

    def release(self) -> None:
        """One user less; the last one empties the file and lets the OS lock go."""
        with self._guard:
            self._release()

    def _release(self) -> None:
        self.users -= 1
        if self.users > 0:
            return
        self._held.pop(self.key, None)
        try:
            os.ftruncate(self.fd, 0)
        except OSError:
            pass
        os.close(self.fd)  # closing releases the OS lock
