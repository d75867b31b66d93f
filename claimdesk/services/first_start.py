"""First start: the department and what every letter needs, set together or not at all."""

from __future__ import annotations

from collections.abc import Mapping

from ..domain.errors import Refusal
from ..storage.ledger import Ledger
from .department import check_department, get_department
from .letter_settings import REQUIRED, check_letter_settings, letter_settings, missing_settings, setting_name


def needs_first_start(ledger: Ledger) -> bool:
    """Whether the ledger still lacks its department or the settings letters need."""
    return not get_department(ledger).code or bool(missing_settings(letter_settings(ledger)))


def set_up(ledger: Ledger, code: str, name: str, letters: Mapping[str, str]) -> None:
    """Store the department and the letter essentials; a wrong one stores none of them."""
    dept = check_department(code, name)
    for key in REQUIRED:
        if not letters.get(key, "").strip():
            raise Refusal(key, "not_entered", label=setting_name(key))
    checked = check_letter_settings(ledger, letters)
    with ledger.atomic():
        ledger.set_setting("department_code", dept.code)
        ledger.set_setting("department_name", dept.name)
        for key, value in checked.items():
            ledger.set_setting(key, value)
