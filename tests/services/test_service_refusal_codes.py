"""Services and the window refuse with codes (docs/architecture.md): no sentence built as an
InvalidValue, every code raised has its plain words, and no code is registered twice."""

import ast
import importlib
import pkgutil
from pathlib import Path

from claimdesk.domain.errors import REASONS

PACKAGE = Path(__file__).resolve().parents[2] / "claimdesk"
LAYERS = ("services", "ui")


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _name(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def _sentences(path: Path) -> list[int]:
    """The lines where `path` builds an InvalidValue, or declares a class that is one without a code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and _name(node.func) == "InvalidValue":
            found.append(node.lineno)
        if isinstance(node, ast.ClassDef) and any(_name(b) == "InvalidValue" for b in node.bases):
            found.append(node.lineno)
    return found


def _codes(path: Path) -> set[str]:
    """The literal codes of `Refusal(field, "code", …)` and of a Refusal subclass's `super().__init__`."""
    codes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            continue
        func = node.func
        is_super = (isinstance(func, ast.Attribute) and func.attr == "__init__" and isinstance(func.value, ast.Call)
                    and _name(func.value.func) == "super" and isinstance(node.args[0], ast.Constant))
        if _name(func) == "Refusal" or is_super:
            codes.add(node.args[1].value)
    return codes


def _registered(path: Path) -> list[str]:
    """The codes `path` registers: keys of the REASONS literal and of `REASONS.update({…})`."""
    keys = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        literal = None
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            literal = node.value if any(_name(t) == "REASONS" for t in targets) else None
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
              and _name(node.func.value) == "REASONS" and node.args and isinstance(node.args[0], ast.Dict)):
            literal = node.args[0]
        if literal is not None:
            keys += [k.value for k in literal.keys if isinstance(k, ast.Constant)]
    return keys


def test_the_check_finds_a_sentence_raised_as_an_invalid_value(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from claimdesk.domain import errors\n"
                      "def f(x):\n    raise errors.InvalidValue(f'{x} はありません', 'x')\n"
                      "class Late(InvalidValue):\n    pass\n"
                      "def g():\n    raise Refusal('x', 'x_unknown', x=1)\n", encoding="utf-8")
    assert sorted(_sentences(module)) == [3, 4]
    assert _codes(module) == {"x_unknown"}


def test_services_and_the_window_raise_no_sentence():
    offenders = {str(p.relative_to(PACKAGE)): lines for layer in LAYERS for p in _modules(layer)
                 if (lines := _sentences(p))}
    assert offenders == {}


def test_every_code_services_and_the_window_raise_has_its_plain_words(qapp):
    for layer in LAYERS:  # each module registers the codes it raises
        for module in pkgutil.walk_packages([str(PACKAGE / layer)], f"claimdesk.{layer}."):
            importlib.import_module(module.name)
    raised = {(str(p.relative_to(PACKAGE)), code) for layer in LAYERS for p in _modules(layer) for code in _codes(p)}
    assert len(raised) > 100
    assert {(m, c) for m, c in raised if c not in REASONS} == set()


def test_no_code_is_registered_twice():
    """Modules register their codes next to where they raise them: two with one name would
    silently give one of them the other's words."""
    where: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for code in _registered(path):
            where.setdefault(code, []).append(str(path.relative_to(PACKAGE)))
    assert len(where) > 100
    assert {code: paths for code, paths in where.items() if len(paths) > 1} == {}
