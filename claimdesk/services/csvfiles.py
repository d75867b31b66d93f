"""Reading the import CSV files: encoding, header names, rows with their line numbers.

Files come from Excel on Japanese Windows (cp932) as often as from scripts (UTF-8), so
the encoding is detected, and headers may be the contract's English or Japanese names.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import InvalidValue

# utf-8-sig first: cp932 decodes many UTF-8 byte sequences into nonsense without error.
ENCODINGS = ("utf-8-sig", "cp932")
# Control characters (NUL, tab, line breaks, DEL, C1), a byte-order mark inside the text
# and the Unicode line separators have no place in a name, an address or an amount; they
# come from broken exports or from someone probing, and would end up in letters.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029\ufff9-\ufffb]")
# A free-text column (備考) may hold line breaks, as Excel writes them in a quoted cell.
_CONTROL_IN_LINES = re.compile("(?![\r\n])[\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029\ufff9-\ufffb]")
BAD: Any = object()  # a cell whose problem has been reported


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in an import file, where it is and why."""

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.column}: " if self.column else ""
        return f"{self.file}:{self.line}: {where}{self.reason}"


@dataclass(frozen=True)
class Column:
    """A column of an import file (docs/exchange-format.md §2)."""

    name: str
    ja: str
    required: bool = False
    parse: Callable[[str], Any] | None = str  # None: the caller parses it itself
    lines: bool = False  # free text that may span lines


def _header_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _scan(path: Path) -> tuple[str | None, int]:
    """The encoding the whole file decodes in, and its number of physical lines."""
    for encoding in ENCODINGS:
        lines, last = 0, ""
        try:
            with open(path, encoding=encoding, newline="") as f:
                while chunk := f.read(1 << 20):
                    lines += chunk.count("\n")
                    last = chunk[-1]
        except UnicodeDecodeError:
            continue
        return encoding, lines + (1 if last and last != "\n" else 0)
    return None, 0


class CsvTable:
    """One import file: its header checked and mapped to column names, its rows on demand."""

    def __init__(self, path: str | Path, columns: tuple[Column, ...]):
        self.path = Path(path)
        self.file = str(path)
        self.columns = {c.name: c for c in columns}
        self.problems: list[ImportProblem] = []
        self.headers: dict[str, str] = {}  # column name → header as written in the file
        self._order: list[str | None] = []
        self.encoding, lines = _scan(self.path)
        self.data_lines = max(lines - 1, 0)
        if self.encoding is None:
            self.report(1, None, "文字コードを判別できません。UTF-8 または Shift_JIS（cp932）で保存してください")
        else:
            self._read_header()

    @property
    def usable(self) -> bool:
        """Whether the rows can be checked (the file decodes and its header is right)."""
        return not self.problems

    def report(self, line: int, column: str | None, reason: str) -> None:
        """Record a problem; `column` is a column name, shown as the file's header says it."""
        shown = self.headers.get(column, column) if column else ""
        self.problems.append(ImportProblem(self.file, line, shown, reason))

    def _read_header(self) -> None:
        with open(self.path, encoding=self.encoding, newline="") as f:
            try:
                cells = next(csv.reader(f), [])
            except csv.Error as e:
                self.report(1, None, f"見出し行をCSVとして読めません（{e}）")
                return
        if not any(c.strip() for c in cells):
            self.report(1, None, "1行目に見出し（列名）がありません")
            return
        by_key = {_header_key(k): c.name for c in self.columns.values() for k in (c.name, c.ja)}
        for i, cell in enumerate(cells, 1):
            written = cell.strip().strip("\ufeff").strip()
            name = by_key.get(_header_key(written))
            self._order.append(name)
            if not written:
                self.problems.append(ImportProblem(self.file, 1, "", f"{i}列目の列名が空です"))
            elif name is None:
                allowed = "、".join(f"{c.name}/{c.ja}" for c in self.columns.values())
                self.problems.append(ImportProblem(
                    self.file, 1, written, f"不明な列です。使える列: {allowed}"))
            elif name in self.headers:
                self.problems.append(ImportProblem(
                    self.file, 1, written, f"列が重複しています（「{self.headers[name]}」と同じ列）"))
            else:
                self.headers[name] = written
        for c in self.columns.values():
            if c.required and c.name not in self.headers:
                self.report(1, None, f"必須の列「{c.ja}」（{c.name}）がありません")

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line where the row starts, column name → stripped cell) for each non-blank row."""
        with open(self.path, encoding=self.encoding, newline="") as f:
            reader = csv.reader(f)
            next(reader, None)
            end = reader.line_num
            # Rows are read only under a header without unknown columns: no None in _order.
            names = [str(name) for name in self._order]
            try:
                for cells in reader:
                    line, end = end + 1, reader.line_num
                    joined = "".join(cells)
                    if not joined.strip():
                        continue
                    if len(cells) != len(self._order):
                        self.report(line, None, f"項目の数が違います（見出しは{len(self._order)}列、"
                                                f"この行は{len(cells)}列）")
                        continue
                    row = dict(zip(names, map(str.strip, cells)))
                    # one search of the whole row finds nothing in almost every row; only a
                    # row with some control character is looked at cell by cell
                    if _CONTROL.search(joined) and self._has_control(line, row):
                        continue
                    yield line, row
            except csv.Error as e:
                self.report(end + 1, None, f"CSVとして読めません（{e}）。これより後の行は確認していません")

    def _has_control(self, line: int, row: dict[str, str]) -> bool:
        """Report each cell holding a control character; whether there was one."""
        found = False
        for name, text in row.items():
            if m := (_CONTROL_IN_LINES if self.columns[name].lines else _CONTROL).search(text):
                found = True
                self.report(line, name, f"制御文字（U+{ord(m.group()):04X}）が含まれています。"
                                        "削除してから保存し直してください")
        return found

    def distinct_and_rows(self, name: str) -> tuple[set[str], int]:
        """The non-empty values of one column and the number of rows that are not blank,
        read quietly ahead of the checking pass."""
        i = self._order.index(name) if name in self._order else None
        found, rows = set[str](), 0
        with open(self.path, encoding=self.encoding, newline="") as f:
            reader = csv.reader(f)
            next(reader, None)
            try:
                for cells in reader:
                    if "".join(cells).strip():
                        rows += 1
                        if i is not None and len(cells) > i:
                            found.add(cells[i].strip())
            except csv.Error:
                pass  # rows() reports it
        return found - {""}, rows

    def values(self, line: int, row: dict[str, str]) -> dict[str, Any]:
        """Every column parsed by its own parser: None when empty, BAD once reported."""
        # A million-row import calls this once a row: the common cases (text as it is, an
        # empty optional cell) are kept out of value()'s overhead.
        out: dict[str, Any] = {}
        for name, parse, required in self._parsed:
            text = row.get(name)
            if text and parse is str:
                out[name] = text
            elif text or required:
                out[name] = self.value(line, row, name, parse)
            else:
                out[name] = None
        return out

    @functools.cached_property
    def _parsed(self) -> tuple[tuple[str, Callable[[str], Any], bool], ...]:
        """(name, parser, required) of each column that is parsed, in the columns' order."""
        return tuple((c.name, c.parse, c.required) for c in self.columns.values() if c.parse is not None)

    def value(self, line: int, row: dict[str, str], name: str, parse: Callable[[str], Any]) -> Any:
        """One cell parsed, None when empty and optional, or BAD after reporting why."""
        text = row.get(name, "")
        if not text:
            if self.columns[name].required:
                self.report(line, name, f"{self.columns[name].ja}が入力されていません（必須）")
                return BAD
            return None
        try:
            return parse(text)
        except InvalidValue as e:
            self.report(line, name, e.reason)
            return BAD
