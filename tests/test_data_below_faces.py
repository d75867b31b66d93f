"""Data below, words in the window (docs/architecture.md): checks the layers keep to it.

- Nothing takes dates back out of a finished sentence: no module rewrites or picks out
  dates found inside text with a regex (parsing one field as a date is fine: that
  matches the whole value). A contact entry's text is shown as written, never rewritten.
- Every refusal code raised anywhere has its plain words in `domain.errors.REASONS`, and
  each face words only codes that exist.
"""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from claimdesk.cli.texts import CLI_REASONS
from claimdesk.domain.errors import REASONS

PACKAGE = Path(__file__).resolve().parents[1] / "claimdesk"
# A date inside a sentence, and the date; and digits that are no date, which a pattern for
# runs of digits (keeping "2031-06-30" on one line, say) matches just as well.
SENTENCES = (("時効まで90日（2031-06-30）", "2031-06-30"), ("令和8年7月1日までに納付", "令和8年7月1日"),
             ("R8.7.1まで", "R8.7.1"))
NOT_DATES = ("電話 0312-3456-789 まで", "12.345.6789 件")
# Calls that find or rewrite what matches anywhere in a text (not a whole-value parse).
IN_TEXT = {"sub", "subn", "finditer", "findall", "split", "search"}


def _covers(compiled: re.Pattern[str], text: str, part: str) -> bool:
    start = text.index(part)
    return any(m.start() <= start and m.end() >= start + len(part) for m in compiled.finditer(text))


def _date_in_text(pattern: str) -> bool:
    """Whether `pattern` picks a date out of a longer text (and not just any run of digits)."""
    try:
        compiled = re.compile(pattern)
    except re.error:
        return False
    if any(_covers(compiled, text, text.strip(" 件まで電話")) for text in NOT_DATES):
        return False
    return any(_covers(compiled, text, day) and compiled.fullmatch(text) is None for text, day in SENTENCES)


def _dates_taken_out_of_text(path: Path) -> list[str]:
    """The date patterns `path` uses to find or rewrite dates inside a text."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    patterns: dict[str, str] = {}  # NAME = re.compile("…")
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "compile"
                and node.value.args and isinstance(node.value.args[0], ast.Constant)
                and isinstance(node.value.args[0].value, str)):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    patterns[target.id] = node.value.args[0].value
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in IN_TEXT):
            continue
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and receiver.id == "re" and node.args:
            first = node.args[0]
            pattern = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else \
                patterns.get(first.id) if isinstance(first, ast.Name) else None
        elif isinstance(receiver, ast.Name):
            pattern = patterns.get(receiver.id)
        else:
            pattern = None
        if pattern is not None and _date_in_text(pattern):
            found.append(pattern)
    return found


def test_the_check_finds_a_date_rewritten_inside_text(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('import re\n_ISO = re.compile(r"(\\d{4})-(\\d{2})-(\\d{2})")\n'
                      'def f(t): return _ISO.sub("x", t)\n'
                      'def g(t): return re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", t)\n', encoding="utf-8")
    assert _dates_taken_out_of_text(module) == [r"(\d{4})-(\d{2})-(\d{2})"]


@pytest.mark.parametrize("layer", ["domain", "storage", "services", "letters", "reports", "ui", "cli"])
def test_no_module_takes_dates_out_of_a_sentence(layer):
    offenders = {str(path.relative_to(PACKAGE)): found for path in sorted((PACKAGE / layer).rglob("*.py"))
                 if (found := _dates_taken_out_of_text(path))}
    assert offenders == {}


def _raised_codes() -> set[tuple[str, str]]:
    """(module, code) of every `Refusal(field, code, …)` and Refusal subclass's own code."""
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
                continue
            func = node.func
            is_refusal = isinstance(func, ast.Name) and func.id == "Refusal"
            is_super = (isinstance(func, ast.Attribute) and func.attr == "__init__"
                        and isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Name)
                        and func.value.func.id == "super")
            field = node.args[0]
            is_super = is_super and isinstance(field, ast.Constant) and isinstance(field.value, str)
            if is_refusal or is_super:
                codes.add((str(path.relative_to(PACKAGE)), node.args[1].value))
    return codes


def test_every_refusal_raised_has_its_plain_words(qapp):
    for module in pkgutil.walk_packages([str(PACKAGE)], "claimdesk."):  # some add to REASONS
        if module.name.split(".")[1] in ("domain", "services", "ui"):
            importlib.import_module(module.name)
    raised = _raised_codes()
    assert {"letters_refused", "letter_settings_missing", "import_failed", "aggregate_failed"} <= {c for _, c in raised}
    assert {(m, c) for m, c in raised if c not in REASONS} == set()


def test_each_face_words_only_known_codes(qapp):
    from claimdesk.ui.error_texts import _WINDOW_REASONS

    assert set(CLI_REASONS) <= set(REASONS) and set(_WINDOW_REASONS) <= set(REASONS)


def test_the_batch_and_file_refusals_are_refusals():
    from claimdesk.domain.errors import Refusal
    from claimdesk.services.aggregate import AggregateFailed
    from claimdesk.services.importer import ImportFailed
    from claimdesk.services.letter_settings import LetterSettingsMissing
    from claimdesk.services.letters import LettersRefused, NothingToSend
    from claimdesk.services.receipts import ReceiptsRefused

    for error in (AggregateFailed, ImportFailed, LetterSettingsMissing, LettersRefused, NothingToSend, ReceiptsRefused):
        assert issubclass(error, Refusal), error
