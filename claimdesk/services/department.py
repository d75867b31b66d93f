"""The department a ledger belongs to (所管課), shown in every export."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.errors import REASONS, Refusal
from ..storage.ledger import Ledger

REASONS.update({"department_code_form": "所管課コードは半角英数字と記号で、空白なしで入力してください"})

_CODE = re.compile(r"[\x21-\x7e]+")


@dataclass(frozen=True)
class Department:
    code: str
    name: str


def get_department(ledger: Ledger) -> Department:
    return Department(ledger.setting("department_code"), ledger.setting("department_name"))


def check_department(code: str, name: str) -> Department:
    """The department as it would be stored; a Refusal (field code / name) if not valid."""
    code, name = code.strip(), name.strip()
    if not code:
        raise Refusal("code", "not_entered", label="所管課コード")
    if not _CODE.fullmatch(code):
        raise Refusal("code", "department_code_form")
    if not name:
        raise Refusal("name", "not_entered", label="所管課名")
    return Department(code, name)


def set_department(ledger: Ledger, code: str, name: str) -> Department:
    """Set the department's code (ASCII, no spaces) and name."""
    dept = check_department(code, name)
    with ledger.atomic():
        ledger.set_setting("department_code", dept.code)
        ledger.set_setting("department_name", dept.name)
    return dept


def require_department(ledger: Ledger) -> Department:
    """The department, or a refusal (`department_unset`) each face phrases with how to set it."""
    dept = get_department(ledger)
    if not dept.code or not dept.name:
        raise Refusal("department", "department_unset")
    return dept
