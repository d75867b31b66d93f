"""Casework settings: the shipped defaults, with the ledger's own values over them.

A ledger overrides one value at a time in its settings table: key
``casework.<section>.<name>`` (e.g. ``casework.limitation.warn_days``), value in JSON
(``90``, ``"2.4"``, ``true``, ``[{"year": 2027, "low": "2.9", "high": "9.2"}]``). Every
change is checked against the whole before it is stored, so a ledger never holds
settings that the worklist or the claim page would refuse.
"""

from __future__ import annotations

import copy
import functools
import json
import tomllib
from typing import Any

from ..bundled import settings_dir
from ..domain.casework_settings import PREFIX, CaseworkSettings, settings_from_mapping
from ..domain.errors import InvalidValue
from ..storage.ledger import Ledger


def defaults_path():
    return settings_dir() / "casework.toml"


def default_settings_data() -> dict[str, Any]:
    """The shipped defaults as plain data (a fresh copy: callers may change it)."""
    path = defaults_path()
    return copy.deepcopy(_read_defaults(str(path), path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=4)
def _read_defaults(path: str, mtime_ns: int) -> dict[str, Any]:
    # Read once per version of the file: letters ask for the settings claim by claim.
    with open(path, "rb") as f:
        return tomllib.load(f)


def _overrides(ledger: Ledger) -> dict[str, str]:
    return ledger.settings_with_prefix(PREFIX)


def _merged(overrides: dict[str, str]) -> dict[str, Any]:
    data = default_settings_data()
    for key, text in sorted(overrides.items()):
        parts = key.split(".")[1:]
        if not parts or not all(parts):
            raise InvalidValue("設定の名前が正しくありません", key)
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            raise InvalidValue(f"JSONとして読めません（{text}）", key) from None
        node = data
        for part in parts[:-1]:
            if not isinstance(node.get(part, {}), dict):
                raise InvalidValue("設定の名前が正しくありません", key)
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return data


def casework_settings(ledger: Ledger) -> CaseworkSettings:
    """The settings in force for this ledger."""
    path = defaults_path()
    return _settings(tuple(sorted(_overrides(ledger).items())), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _settings(overrides: tuple[tuple[str, str], ...], defaults_version: int) -> CaseworkSettings:
    # CaseworkSettings is immutable, so one value can serve every call with the same data.
    return settings_from_mapping(_merged(dict(overrides)))


def set_casework_setting(ledger: Ledger, key: str, value: Any) -> CaseworkSettings:
    """Override one value (None: back to the default); refused if the result is not valid."""
    if not key.startswith(PREFIX + "."):
        key = f"{PREFIX}.{key}"
    overrides = _overrides(ledger)
    if value is None:
        overrides.pop(key, None)
    else:
        overrides[key] = json.dumps(value, ensure_ascii=False)
    settings = settings_from_mapping(_merged(overrides))
    if value is None:
        ledger.delete_setting(key)
    else:
        ledger.set_setting(key, overrides[key])
    return settings


def casework_overrides(ledger: Ledger) -> dict[str, Any]:
    """The ledger's own values, by key (for showing what differs from the defaults)."""
    return {k: json.loads(v) for k, v in _overrides(ledger).items()}
