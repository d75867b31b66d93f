"""Below the faces a refusal is a code with data (docs/architecture.md "Data below, words in the window").

The domain, storage and the command line raise `Refusal(field, code, **params)`, never an
`InvalidValue` holding a finished sentence; every code they raise has its plain words in
`REASONS`, given the parameters those words name; and no code is given two wordings.
"""

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import claimdesk
from claimdesk.domain.errors import REASONS

PACKAGE = Path(claimdesk.__file__).resolve().parent
LAYERS = ("domain", "storage", "cli")
# The class itself (and its `for_field`) is where an InvalidValue may still be made.
ALLOWED = {"domain/errors.py"}


def _modules(layers=LAYERS):
    for layer in layers:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            yield str(path.relative_to(PACKAGE)), ast.parse(path.read_text(encoding="utf-8"))


def _called(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _invalid_values(tree) -> list[int]:
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and _called(n) == "InvalidValue"]


def _refusals(tree):
    """(line, code, keyword names or None when a ** passes more) of each Refusal(…) with a literal code."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _called(node) == "Refusal"):
            continue
        code = node.args[1] if len(node.args) >= 2 else next((k.value for k in node.keywords if k.arg == "code"), None)
        if isinstance(code, ast.Constant) and isinstance(code.value, str):
            names = {k.arg for k in node.keywords if k.arg != "code"}
            yield node.lineno, code.value, None if None in names else names


def _import_all():
    """Import every module of the layers: each registers the codes it raises. The services
    too: a command may raise a code its service registers (cli/parties.py's party_unknown),
    and without them this test passed only when the services' tests had run first."""
    for layer in (*LAYERS, "services"):
        package = importlib.import_module(f"claimdesk.{layer}")
        for module in pkgutil.walk_packages(package.__path__, f"claimdesk.{layer}."):
            importlib.import_module(module.name)


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_check_finds_a_sentence_raised_as_an_invalid_value():
    tree = ast.parse('raise InvalidValue("空です")\nraise errors.InvalidValue(f"{x}", "f")\nraise Refusal(None, "c")')
    assert _invalid_values(tree) == [1, 2]
    assert list(_refusals(ast.parse('Refusal("f", "c", a=1)\nRefusal(None, code="d", **more)'))) == [
        (1, "c", {"a"}), (2, "d", None)]
    assert _fields("{a} は{b:,}円（{c!r}）") == {"a", "b", "c"}


def test_no_sentence_is_raised_as_an_invalid_value():
    found = {path: lines for path, tree in _modules() if path not in ALLOWED and (lines := _invalid_values(tree))}
    assert found == {}


def test_every_code_raised_has_its_words_and_their_parameters():
    _import_all()
    unknown, missing = [], []
    for path, tree in _modules():
        for line, code, given in _refusals(tree):
            if code not in REASONS:
                unknown.append(f"{path}:{line}: {code}")
            elif given is not None and not _fields(REASONS[code]) <= given:
                missing.append(f"{path}:{line}: {code} needs {sorted(_fields(REASONS[code]) - given)}")
    assert unknown == [] and missing == []


def _registered(tree):
    """(code, words) of the REASONS literal and of each REASONS.update({…}) in a module."""
    for node in ast.walk(tree):
        value = None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "REASONS":
            value = node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
              and isinstance(node.func.value, ast.Name) and node.func.value.id == "REASONS" and node.args):
            value = node.args[0]
        if isinstance(value, ast.Dict):
            for key, words in zip(value.keys, value.values):
                if isinstance(key, ast.Constant):
                    yield key.value, ast.literal_eval(words)


def test_no_code_is_given_two_wordings():
    # A second REASONS.update of a code silently replaces the first's words for every module.
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path, tree in _modules(sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")):
        for code, words in _registered(tree):
            if code in seen and seen[code][1] != words:
                clashes.append((code, seen[code][0], path))
            seen.setdefault(code, (path, words))
    assert clashes == [] and len(seen) > 100
