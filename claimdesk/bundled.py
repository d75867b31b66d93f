"""Where the files shipped with ClaimDesk are: fonts, procedures, settings, forms, translations.

The one place that answers it. The repository keeps them at its top (resources/, forms/),
where clerks and maintainers edit them; setup.py maps them into the package as
claimdesk.resources and claimdesk.forms, so importlib.resources finds them the same way in
an editable install, an installed wheel and the PyInstaller build (packaging/claimdesk.spec
collects them under claimdesk/ in the frozen folder). Nothing may locate them relative to
the source tree: a wheel has no source tree.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    # reportlab and Qt want file names, so the bundle must be real files on disk: it is in
    # every way ClaimDesk is installed (never a zipped egg).
    return Path(str(files(package)))


def resources_dir() -> Path:
    """The bundled resources folder (fonts/, procedures/, settings/, translations/)."""
    return _folder("claimdesk.resources")


def fonts_dir() -> Path:
    """The IPAex fonts used by letters, reports and the window."""
    return resources_dir() / "fonts"


def procedures_dir() -> Path:
    """The default collection procedures, one <nature>.toml per legal nature."""
    return resources_dir() / "procedures"


def settings_dir() -> Path:
    """The default settings files (casework.toml)."""
    return resources_dir() / "settings"


def translations_dir() -> Path:
    """ClaimDesk's own Qt translations (claimdesk_ja.qm), if any are shipped."""
    return resources_dir() / "translations"


def forms_dir() -> Path:
    """The bundled letter forms (*.txt); a department's own folder takes precedence."""
    return _folder("claimdesk.forms")


def manual_dir() -> Path:
    """The clerks' manual (index.html and its images/), opened by ヘルプ → 操作マニュアル."""
    return _folder("claimdesk.manual")
