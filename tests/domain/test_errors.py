"""Refusals are data: a field, a reason code and its parameters; the plain text names no option."""

import ast
import re
from pathlib import Path

import pytest

from claimdesk.domain.errors import REASONS, InvalidValue, Refusal

PACKAGE = Path(__file__).resolve().parents[2] / "claimdesk"
OPTION = re.compile(r"(?<![\w-])--[a-z]")  # --code, --due; not an SQL comment's "-- "


def test_a_refusal_carries_field_code_and_params():
    r = Refusal("due", "no_step_uses_kind", kind="督促状")
    assert (r.field, r.code, r.params) == ("due", "no_step_uses_kind", {"kind": "督促状"})
    assert isinstance(r, InvalidValue) and r.reason == "督促状を使う手順はありません。債権を指定してください"
    assert str(r) == "due: 督促状を使う手順はありません。債権を指定してください"
    assert r.for_field("other") is r


@pytest.mark.parametrize("code", sorted(REASONS))
def test_plain_reasons_name_no_command_line_option(code):
    assert not OPTION.search(REASONS[code]) and "claimdesk " not in REASONS[code]


@pytest.mark.parametrize("layer", ["domain", "storage", "services", "letters", "reports"])
def test_no_text_below_the_faces_names_a_command_line_option(layer):
    for path in (PACKAGE / layer).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not OPTION.search(node.value), (path, node.value)


def test_a_refusal_without_a_field_takes_the_one_it_is_given():
    r = Refusal(None, "claims_or_due")
    assert str(r) == REASONS["claims_or_due"]
    named = r.for_field("claims")
    assert (named.field, named.code, named.params) == ("claims", "claims_or_due", {})
    assert isinstance(named, Refusal)


def test_the_command_line_writes_a_fieldless_refusal_without_a_field():
    from claimdesk.cli.texts import error_text

    assert error_text(Refusal(None, "claims_or_due")) == "債権番号か --due のどちらか一方を指定してください"
