"""Saving several settings as one change: every part kept, or none.

The 設定 dialog stores each tab through its own service; a refusal in a later tab must
not leave the earlier tabs stored (a department half changed is worse than none).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..storage.ledger import Ledger


class _Undo(Exception):
    """A part refused: leave the transaction so that every write in it is undone."""


def save_all_or_none(ledger: Ledger, parts: Sequence[Callable[[], bool]]) -> int | None:
    """Run `parts` in one transaction; the index of the first that refuses (False, all undone), else None.

    An error raised by a part or by the commit (locked, read-only, disk full) undoes
    everything too, and reaches the caller as it is.
    """
    refused: int | None = None
    try:
        with ledger.atomic():
            for i, part in enumerate(parts):
                if not part():
                    refused = i
                    raise _Undo
    except _Undo:
        pass
    return refused
