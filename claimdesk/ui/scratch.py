"""Temporary folders the window makes for itself (letters rendered for their preview).

Each is removed as soon as what it was made for is over (the preview closed, the
rendering failed or was cancelled), and any still there when the main window closes
(a preview left open) goes then. A file another program still holds open (the PDF in
the system's viewer, on Windows) cannot be removed: it stays for the next try and for
the system's own clean-up of its temporary folder.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

_made: set[Path] = set()


def scratch_folder(prefix: str) -> Path:
    """A new empty temporary folder, remembered until removed."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    _made.add(folder)
    return folder


def remove_scratch(folder: Path) -> bool:
    """Remove `folder` and what is in it; whether it is gone."""
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        return False
    _made.discard(folder)
    return True


def remove_all_scratch() -> list[Path]:
    """Remove every folder still remembered (the window is closing); those that could not go."""
    return [folder for folder in sorted(_made) if not remove_scratch(folder)]
