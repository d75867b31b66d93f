"""Casework settings: the shipped defaults, with the ledger's own values over them.

A ledger overrides one value at a time in its settings table: key
``casework.<section>.<name>`` (e.g. ``casework.limitation.warn_days``), value in JSON
(``90``, ``"2.4"``, ``true``, ``[{"year": 2027, "low": "2.9", "high": "9.2"}]`` — dated rows
add to the shipped years). Every
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
from ..domain.errors import REASONS, Refusal
from ..storage.ledger import Ledger

REASONS.update({
    "setting_name_wrong": "設定の名前が正しくありません",
    "setting_not_json": "JSONとして読めません（{text}）",
})


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
            raise Refusal(key, "setting_name_wrong")
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            raise Refusal(key, "setting_not_json", text=text) from None
        node = data
        for part in parts[:-1]:
            if not isinstance(node.get(part, {}), dict):
                raise Refusal(key, "setting_name_wrong")
            node = node.setdefault(part, {})
        node[parts[-1]] = _by_year(node.get(parts[-1]), value)
    return data


def _by_year(shipped: Any, value: Any) -> Any:
    """A ledger's rates by year add to (or correct) the shipped years rather than replace them.

    So a department adds next year's 延滞金 rates as one entry, and the shipped table still
    covers every year since 2000.
    """
    def dated(rows):
        return isinstance(rows, list) and all(isinstance(r, dict) and "year" in r for r in rows)

    if not (dated(shipped) and dated(value)):
        return value
    years = {r["year"]: r for r in shipped} | {r["year"]: r for r in value}
    return [years[y] for y in sorted(years, key=str)]


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


def casework_settings_listing(ledger: Ledger) -> list[tuple[str, Any, bool]]:
    """Every casework setting in force: (key, value, the ledger's own?), in the file's order."""
    overrides = _overrides(ledger)
    rows: list[tuple[str, Any, bool]] = []

    def walk(node: dict[str, Any], shipped: dict[str, Any], path: str) -> None:
        for name, value in node.items():
            key = f"{path}.{name}"
            # A section of the file is walked; a table the clerk fills (claim type → value,
            # empty as shipped) is one value.
            if isinstance(value, dict) and isinstance(shipped.get(name), dict) and shipped[name]:
                walk(value, shipped[name], key)
            else:
                rows.append((key, value, key in overrides))

    walk(_merged(overrides), default_settings_data(), PREFIX)
    return rows


def set_casework_settings(ledger: Ledger, values: dict[str, str]) -> CaseworkSettings:
    """Set several values given as text (JSON; plain text is a string; '' back to the default).

    All are checked together first, so a wrong one stores none of them.
    """
    parsed = check_casework_settings(ledger, values)
    settings = casework_settings(ledger)
    for key, value in parsed.items():
        settings = set_casework_setting(ledger, key, value)
    return settings


def check_casework_settings(ledger: Ledger, values: dict[str, str]) -> dict[str, Any]:
    """The values as they would be stored (None: back to the default), nothing stored.

    InvalidValue names the key of a wrong value; the window checks as the clerk types.
    """
    parsed: dict[str, Any] = {}
    for key, text in values.items():
        full = key if key.startswith(PREFIX + ".") else f"{PREFIX}.{key}"
        text = text.strip()
        try:
            parsed[full] = json.loads(text) if text else None
        except json.JSONDecodeError:
            parsed[full] = text
    overrides = _overrides(ledger)
    for key, value in parsed.items():
        if value is None:
            overrides.pop(key, None)
        else:
            overrides[key] = json.dumps(value, ensure_ascii=False)
    settings_from_mapping(_merged(overrides))
    return parsed
