"""Forms (forms/*.txt): plain text a clerk edits in Notepad, checked when they are loaded.

A form is a header of `項目: 値` lines, a line `---`, then the body: each line a
paragraph, a blank line a gap, `@指示` lines for the parts drawn from the ledger (the
claims table, the instalment schedule, signature fields…), and `{項目名}` placeholders.
forms/README.md is the clerk's guide. Every mistake is reported as `FILE:LINE: what`,
all of them at once, so a form is fixed in one go rather than one error per try.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..bundled import forms_dir
from ..domain.claims import LegalNature
from ..domain.errors import ClaimDeskError
from ..domain.letters import LetterKind, parse_letter_kind
from .model import PLACEHOLDERS

# Directive → whether it takes text after it (True), may (None) or must not (False).
DIRECTIVES = {
    "記": False, "以上": False, "債権一覧": False, "分納計画": False, "問合せ": False,
    "小": False, "標準": False, "改ページ": False,
    "中央": True, "右": True, "見出し": True, "署名欄": None,
    # A paragraph printed only in the debtor's own letter, or only in one to an heir, and
    # the heir's share of the balance in words (printed only when recorded).
    "債務者あて": True, "相続人あて": True, "相続分": False,
}
CONDITIONAL = ("債務者あて", "相続人あて")
_HEADER_KEYS = ("種類", "表題", "対象", "宛先", "延滞金", "保証人写し", "写し注記")
_YES_NO = {"あり": True, "表示": True, "する": True, "なし": False, "表示しない": False, "しない": False}
_RECIPIENTS = {"債務者": False, "保証人": True}
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")

Parts = tuple[str, ...]  # literal, name, literal, name, …, literal


class TemplateError(ClaimDeskError):
    """One or more mistakes in forms; each line of the message is `FILE:LINE: what`."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Block:
    """A body line: a paragraph (directive ""), a gap ("空行") or an @directive."""

    directive: str
    parts: Parts
    line: int


@dataclass(frozen=True)
class LetterTemplate:
    """One form, parsed and checked."""

    name: str
    path: Path
    kind: LetterKind
    title: Parts
    natures: frozenset[LegalNature]
    to_guarantor: bool
    show_charges: bool
    guarantor_copy: bool
    copy_note: Parts
    body: tuple[Block, ...]

    @property
    def words_heirs(self) -> bool:
        """Whether the form has its own wording for a letter to an heir (@相続人あて)."""
        return any(b.directive == "相続人あて" for b in self.body)


def fill(parts: Parts, values: dict[str, str]) -> str:
    """The text of `parts` with each placeholder replaced by its value."""
    if len(parts) == 1:
        return parts[0]
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        out.append(values[parts[i]])
        out.append(parts[i + 1])
    return "".join(out)


def _parse_text(text: str, where: str, problems: list[str]) -> Parts:
    parts, literal, pos = [], [], 0
    for m in _FIELD.finditer(text):
        literal.append(text[pos:m.start()])
        pos = m.end()
        token = m.group()
        if token in ("{{", "}}"):
            literal.append(token[0])
        elif token == "{":
            problems.append(f"{where}: 「{{」が閉じていません（文字の {{ は {{{{ と書きます）")
        elif token == "}":
            problems.append(f"{where}: 対応する「{{」のない「}}」があります（文字の }} は }}}} と書きます）")
        else:
            name = m.group(1).strip()
            if name not in PLACEHOLDERS:
                problems.append(f"{where}: 不明な差し込み項目 {{{name}}}（使える項目は forms/README.md を参照）")
            parts.append("".join(literal))
            parts.append(name)
            literal = []
    literal.append(text[pos:])
    parts.append("".join(literal))
    return tuple(parts)


def parse_template(text: str, path: Path) -> LetterTemplate:
    """Parse and check one form; raises TemplateError naming every mistake."""
    problems: list[str] = []
    lines = text.lstrip("\ufeff").splitlines()
    header: dict[str, tuple[str, int]] = {}
    body_start = None
    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "---":
            body_start = n
            break
        key, sep, value = line.replace("：", ":").partition(":")
        key = key.strip()
        if not sep:
            problems.append(f"{path}:{n}: 「項目: 値」の形ではありません（本文の前には --- の行が必要です）")
        elif key not in _HEADER_KEYS:
            problems.append(f"{path}:{n}: 不明な項目「{key}」（{'、'.join(_HEADER_KEYS)} のいずれか）")
        elif key in header:
            problems.append(f"{path}:{n}: 項目「{key}」が2回あります")
        else:
            header[key] = (value.strip(), n)
    if body_start is None:
        problems.append(f"{path}:{len(lines)}: 本文の始まりを示す --- の行がありません")
        raise TemplateError(problems)

    def entry(key: str, default: str | None = None) -> tuple[str, int]:
        if key in header:
            return header[key]
        if default is None:
            problems.append(f"{path}:1: 項目「{key}」がありません")
            return "", 1
        return default, 1

    kind_text, kn = entry("種類")
    kind = None
    try:
        kind = parse_letter_kind(kind_text) if kind_text else None
    except ClaimDeskError:
        problems.append(f"{path}:{kn}: 種類「{kind_text}」が不明です（{', '.join(k.value for k in LetterKind)}）")
    title_text, tn = entry("表題")
    title = _parse_text(title_text, f"{path}:{tn}", problems)
    natures = set()
    natures_text, nn = entry("対象", "強制徴収公債権, 非強制徴収公債権, 私債権")
    for item in re.split(r"[,、，\s]+", natures_text):
        if item:
            try:
                natures.add(LegalNature.parse(item))
            except ClaimDeskError:
                problems.append(f"{path}:{nn}: 対象「{item}」が不明です（強制徴収公債権、非強制徴収公債権、私債権）")
    flags = {}
    for key, choices, default in (("宛先", _RECIPIENTS, "債務者"), ("延滞金", _YES_NO, "なし"),
                                  ("保証人写し", _YES_NO, "なし")):
        text, ln = entry(key, default)
        if text not in choices:
            problems.append(f"{path}:{ln}: {key}「{text}」は {'、'.join(choices)} のいずれかにしてください")
        flags[key] = choices.get(text, False)
    note_text, noten = entry("写し注記", "")
    copy_note = _parse_text(note_text, f"{path}:{noten}", problems)
    if flags["保証人写し"] and not note_text:
        problems.append(f"{path}:{noten}: 保証人写し: あり には 写し注記 が必要です")

    body = _parse_body(lines[body_start:], body_start + 1, path, problems)
    if problems:
        raise TemplateError(problems)
    assert kind is not None  # a missing or unknown kind is among the problems
    return LetterTemplate(path.stem, path, kind, title, frozenset(natures), flags["宛先"],
                          flags["延滞金"], flags["保証人写し"], copy_note, tuple(body))


def _parse_body(lines: list[str], first: int, path: Path, problems: list[str]) -> list[Block]:
    body = []
    for n, raw in enumerate(lines, start=first):
        line = raw.rstrip()
        where = f"{path}:{n}"
        if line.startswith("#"):
            continue
        if not line.strip():
            body.append(Block("空行", ("",), n))
            continue
        if line.startswith(("@", "＠")):
            name, _, arg = line[1:].replace("\u3000", " ", 1).partition(" ")
            arg = arg.strip()
            if name in CONDITIONAL:  # a paragraph: its leading 全角空白 (the indent) is kept
                arg = line[1 + len(name) + 1:].rstrip()
            wants = DIRECTIVES.get(name, "unknown")
            if wants == "unknown":
                problems.append(f"{where}: 不明な指示 @{name}（{'、'.join('@' + d for d in DIRECTIVES)} のいずれか）")
            elif wants is True and not arg:
                problems.append(f"{where}: @{name} の後に文字が必要です")
            elif wants is False and arg:
                problems.append(f"{where}: @{name} の後には何も書けません（{arg}）")
            body.append(Block(name, _parse_text(arg, where, problems), n))
            continue
        body.append(Block("", _parse_text(line, where, problems), n))
    while body and body[-1].directive == "空行":
        body.pop()
    return body


def load_template(path: Path) -> LetterTemplate:
    """Read and check one form file (UTF-8, with or without BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError([f"{path}:1: 文字コードが UTF-8 ではありません（メモ帳では UTF-8 で保存してください）"]) from None
    return parse_template(text, Path(path))


class Forms:
    """The forms of every kind, found by kind and legal nature."""

    def __init__(self, templates: list[LetterTemplate]):
        self.templates = templates

    def for_claim(self, kind: LetterKind, nature: LegalNature) -> LetterTemplate:
        """The form of `kind` for a claim of `nature`."""
        for t in self.templates:
            if t.kind is kind and nature in t.natures:
                return t
        raise ClaimDeskError(f"{kind.label}（{nature.label}）の書式が forms にありません")

    def kinds(self) -> set[LetterKind]:
        return {t.kind for t in self.templates}


def load_forms(*folders: Path | None) -> Forms:
    """Every *.txt form; a file in an earlier folder replaces the same-named one in later ones."""
    chosen: dict[str, Path] = {}
    for folder in reversed([f for f in folders if f] or [forms_dir()]):
        for path in sorted(Path(folder).glob("*.txt")):
            chosen[path.name] = path
    problems, templates = [], []
    for path in chosen.values():
        try:
            templates.append(load_template(path))
        except TemplateError as e:
            problems.extend(e.problems)
    seen: dict[tuple, Path] = {}
    for t in templates:
        for nature in t.natures:
            other = seen.setdefault((t.kind, nature), t.path)
            if other != t.path:
                problems.append(f"{t.path}:1: {t.kind.label}（{nature.label}）の書式が {other.name} と重複しています")
    if problems:
        raise TemplateError(problems)
    return Forms(templates)
