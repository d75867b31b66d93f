"""The window's own command lines, read without building the whole parser (start-up).

`claimdesk`, `claimdesk --db PATH` and `claimdesk --demo` open the window: the clerk's
desktop icon starts it so. Building the parser of every sub-command imports their
modules and the casework rules behind them (~0.1 s, a third of a bare Qt window's
start), so these few exact forms are read here; anything else (a sub-command, --help,
an abbreviated or misspelt option, a missing value) goes to the full parser, which
reads these forms to the same result.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def window_args(argv: list[str]) -> argparse.Namespace | None:
    """The parsed arguments when `argv` only opens the window; None for the full parser."""
    read: dict[str, object] = {"command": None, "demo": False}  # --db: absent unless given
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--demo":
            read["demo"] = True
        elif word == "--db" and rest and rest[0] and not rest[0].startswith("-"):
            read["db"] = Path(rest.pop(0))
        elif word.startswith("--db=") and len(word) > len("--db="):
            read["db"] = Path(word[len("--db="):])
        else:
            return None
    return argparse.Namespace(**read)


__all__ = ["window_args"]
