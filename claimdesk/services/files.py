"""Writing files so that a reader never sees half of one, and copies that are checked."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import ClaimDeskError


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Write to a temporary file beside `path`, and put it in place only when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp makes the file private; an export is an ordinary file for others to read.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


PART_SUFFIX = ".part"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_copy(source: Path, target: Path, digest: str) -> bool:
    """Put a copy of `source` at `target` whose SHA-256 is `digest`; whether a file was written.

    The copy is written beside the target as NAME.part, synced, checked against the hash
    and only then renamed into place: the target is never half a file. An existing target
    is kept only if its hash matches; one that does not (damaged, or edited) is replaced.
    Leftover .part files of an earlier run that stopped midway are removed first.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f"*{PART_SUFFIX}"):
        leftover.unlink(missing_ok=True)
    if target.exists() and file_sha256(target) == digest:
        return False
    part = target.with_name(target.name + PART_SUFFIX)
    try:
        with open(source, "rb") as src, open(part, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        if file_sha256(part) != digest:
            raise ArchiveMismatch(f"文書の控えが元のPDFと一致しません（書込みの途中で変更されたか、ディスクの障害）: {target}")
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return True


class ArchiveMismatch(ClaimDeskError):
    """A copy did not come out as the original: nothing was logged."""
