"""The shipped files are found through the package, never relative to the source tree."""

import re
from pathlib import Path

from claimdesk import bundled

PACKAGE = Path(__file__).resolve().parents[1] / "claimdesk"


def test_every_bundled_folder_holds_its_files():
    assert {p.name for p in bundled.fonts_dir().glob("*.ttf")} == {"ipaexg.ttf", "ipaexm.ttf"}
    assert {p.stem for p in bundled.procedures_dir().glob("*.toml")} == {"public", "enforced_public", "private"}
    assert (bundled.settings_dir() / "casework.toml").is_file()
    assert (bundled.forms_dir() / "README.md").is_file()
    assert len(list(bundled.forms_dir().glob("*.txt"))) >= 8


def test_no_module_locates_files_from_its_own_path():
    # A wheel has no resources/ next to claimdesk/: every lookup goes through bundled.py.
    pattern = re.compile(r"__file__|parents\[|\"(resources|forms)\"\s*[/)]")
    offenders = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
                 for path in PACKAGE.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line) and not line.lstrip().startswith("#")]
    assert offenders == []
