"""Pausing Python's cycle collector while bulk work makes many short-lived objects.

The worklist makes a few hundred thousand tuples and records, an import of a million
transactions a few million; reference counting frees them, but the cycle collector
walks the whole heap again and again meanwhile (0.6–2.6 s of 2–5 s of the worklist on
the large demo with casework; 4–6 s of 41 s of a 200,000-claim, 1,000,000-event import).
Nothing made there forms a cycle, and collection resumes as soon as the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """The cycle collector paused for the block (left paused if it already was)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
