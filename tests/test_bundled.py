"""The shipped files are found through the package, never relative to the source tree."""

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

from claimdesk import bundled

PACKAGE = Path(__file__).resolve().parents[1] / "claimdesk"


def test_every_bundled_folder_holds_its_files():
    assert {p.name for p in bundled.fonts_dir().glob("*.ttf")} == {"ipaexg.ttf", "ipaexm.ttf"}
    assert {p.stem for p in bundled.procedures_dir().glob("*.toml")} == {"public", "enforced_public", "private"}
    assert (bundled.settings_dir() / "casework.toml").is_file()
    assert (bundled.forms_dir() / "README.md").is_file()
    assert len(list(bundled.forms_dir().glob("*.txt"))) >= 8
    assert (bundled.manual_dir() / "index.html").is_file()
    assert len(list((bundled.manual_dir() / "images").glob("*.png"))) >= 6


def test_no_module_locates_files_from_its_own_path():
    # A wheel has no resources/ next to claimdesk/: every lookup goes through bundled.py.
    pattern = re.compile(r"__file__|parents\[|\"(resources|forms)\"\s*[/)]")
    offenders = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
                 for path in PACKAGE.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line) and not line.lstrip().startswith("#")]
    assert offenders == []


ROOT = PACKAGE.parent


def _package_data() -> dict:
    """setup.py's package_data, read without running setup()."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    call = next(node for node in ast.walk(tree) if isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "setup")
    return ast.literal_eval(next(k.value for k in call.keywords if k.arg == "package_data"))


@pytest.mark.parametrize("package, folder", [("claimdesk.resources", "resources"), ("claimdesk.forms", "forms"),
                                             ("claimdesk.manual", "docs/manual")])
def test_every_file_in_the_bundled_folders_is_installed(package, folder):
    # A file no pattern names would be missing from the wheel and the installer alone.
    patterns = _package_data()[package]
    files = [p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*")
             if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts]
    assert files
    assert [str(f) for f in files if not any(fnmatch(str(f), pattern) for pattern in patterns)] == []
