"""Frozen dataclasses made in bulk: from a dict of every field, without `__init__`.

A frozen dataclass's `__init__` sets each field through `object.__setattr__`, which the
bulk paths (a million events checked by an import, tens of thousands of log entries and
instalments read for 本日の作業) felt. Values given here must be checked already (or read
back from the ledger, checked when written); every field must be there.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


def made_from_fields(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of `cls` whose attributes are `fields` (the dict becomes its own)."""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", fields)
    return made
