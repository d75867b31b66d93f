"""The collection procedures: ClaimDesk's defaults, or the department's own copy.

Where a department's copy lives: in the ledger's settings (key ``procedure.<legal
nature>``, the TOML text as written), not in a folder beside the ledger file. The steps
are part of how the department works its claims; kept in the ledger they travel with
it, are in every backup, and a transfer does not lose them. A copy is checked before it
is stored (`import_procedure`), so a mistyped file never reaches the ledger; the shipped
files in ``resources/procedures/`` are used for any kind the department has not changed.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from ..bundled import procedures_dir
from ..domain.claims import LegalNature
from ..domain.procedure import Procedure, ProcedureError, parse_procedure
from ..storage.ledger import Ledger

__all__ = ["ProcedureError", "load_procedures", "load_procedure", "import_procedure", "parse_procedure_file",
           "export_procedures", "reset_procedure", "procedure_text", "is_department_copy",
           "default_procedure_path"]

SETTING = "procedure.{}"


def default_procedure_path(nature: LegalNature) -> Path:
    """The shipped definition of one legal nature."""
    return procedures_dir() / f"{nature.value}.toml"


@functools.lru_cache(maxsize=32)
def parse_procedure_text(text: str, source: str, nature: LegalNature | None = None) -> Procedure:
    """Read and check a definition; a `ProcedureError` names `source` and the entry.

    Cached on the text: a `Procedure` is immutable, and the claim page and the letters
    ask for the steps claim by claim.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ProcedureError(f"{source}: TOMLの書式が正しくありません: {e}") from None
    return parse_procedure(data, source, nature)


def _stored(ledger: Ledger, nature: LegalNature) -> str:
    return ledger.setting(SETTING.format(nature.value))


def _source(ledger: Ledger, nature: LegalNature) -> str:
    name = ledger.path.name if ledger.path else "メモリ上の台帳"
    return f"台帳の設定 {SETTING.format(nature.value)}（{name}）"


def is_department_copy(ledger: Ledger, nature: LegalNature) -> bool:
    """Whether the department uses its own steps for this kind of claim."""
    return bool(_stored(ledger, nature).strip())


def procedure_text(ledger: Ledger, nature: LegalNature) -> str:
    """The TOML text in force: the department's copy, else the shipped file."""
    return _stored(ledger, nature) or default_procedure_path(nature).read_text(encoding="utf-8")


def load_procedure(ledger: Ledger, nature: LegalNature) -> Procedure:
    """The steps in force for one legal nature, checked."""
    if is_department_copy(ledger, nature):
        return parse_procedure_text(_stored(ledger, nature), _source(ledger, nature), nature)
    path = default_procedure_path(nature)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ProcedureError(f"{path}: 手順ファイルを読めません: {e.strerror or e}") from None
    return parse_procedure_text(text, str(path), nature)


def load_procedures(ledger: Ledger) -> dict[LegalNature, Procedure]:
    """The steps in force for every legal nature."""
    return {nature: load_procedure(ledger, nature) for nature in LegalNature}


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ProcedureError(f"{path}: UTF-8 で保存してください") from None


def parse_procedure_file(path: str | Path) -> Procedure:
    """Check a department's file without storing it."""
    path = Path(path)
    return parse_procedure_text(_read(path), str(path))


def import_procedure(ledger: Ledger, path: str | Path) -> Procedure:
    """Check a department's file and store it as the steps of the kind it declares."""
    path = Path(path)
    text = _read(path)
    procedure = parse_procedure_text(text, str(path))
    ledger.set_setting(SETTING.format(procedure.legal_nature.value), text.lstrip("\ufeff"))
    return procedure


def reset_procedure(ledger: Ledger, nature: LegalNature) -> Procedure:
    """Go back to the shipped steps for one legal nature."""
    ledger.set_setting(SETTING.format(nature.value), "")
    return load_procedure(ledger, nature)


def export_procedures(ledger: Ledger, folder: str | Path) -> list[Path]:
    """Write the steps in force, one `<legal nature>.toml` per kind, for editing."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for nature in LegalNature:
        target = folder / f"{nature.value}.toml"
        target.write_text(procedure_text(ledger, nature), encoding="utf-8")
        written.append(target)
    return written
