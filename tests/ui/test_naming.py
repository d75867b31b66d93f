"""One naming style in claimdesk/ui: snake_case for our own names, Qt's camelCase only
where a method overrides (or reimplements) one that a Qt base class already has."""

import ast
import importlib
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "claimdesk" / "ui"
CAMEL = re.compile(r"^_*[a-z]+[A-Z]")


def _qt_names(cls: type) -> set[str]:
    return {name for base in cls.__mro__ if base.__module__.startswith("PySide6") for name in dir(base)}


def camel_case_names_of_our_own() -> list[str]:
    """'module:Class.method' for every camelCase def in claimdesk/ui that no Qt base class has."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        module_name = "claimdesk." + ".".join(path.relative_to(UI.parent).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = None
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and CAMEL.match(node.name):
                found.append(f"{module_name}:{node.name}")
            if not isinstance(node, ast.ClassDef):
                continue
            defs = [d.name for d in node.body if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and CAMEL.match(d.name)]
            if not defs:
                continue
            module = module or importlib.import_module(module_name)
            qt = _qt_names(getattr(module, node.name))
            found += [f"{module_name}:{node.name}.{name}" for name in defs if name not in qt]
    return found


def test_our_own_methods_in_the_ui_are_snake_case():
    assert camel_case_names_of_our_own() == []


def test_an_own_camel_case_method_is_told_from_a_qt_override():
    from PySide6.QtWidgets import QLineEdit

    class Field(QLineEdit):
        def set_date(self, d):  # ours: would be set_date
            pass

        def keyPressEvent(self, event):  # Qt's
            pass

    qt = _qt_names(Field)
    assert "keyPressEvent" in qt and "setDate" not in qt
