"""Department summaries (`claimdesk-summary/1`) read back and checked against the contract.

The finance department merges the files every department sends; one wrong file makes a
wrong ward total, so every file is checked in full before anything is merged, and every
problem is reported with its file and line (`FILE:LINE: reason`):

- the bytes: UTF-8 (a BOM as the contract writes it, or none), or the cp932 Excel writes
  when a department saved the file again; not an Excel book;
- the header: the contract's columns, in its order;
- each row: every field well-formed, and the identities of docs/exchange-format.md §1 exactly
  (outstanding = assessed − (collected + written_off) + refund_unpaid; the rate is
  round_half_up(100 × collected / assessed, 1), empty exactly when assessed is 0);
- each claim type: three rows current, carried, total in that order, the total equal to
  the sum of its parts (amounts and delinquent_debtors), claim types in the order of
  (account, budget_section, claim_type), none twice;
- each file: one department, fiscal year and as-of date throughout;
- across files (`check_together`): at most two fiscal years (the plan compares a year
  with the one before), one as-of date per fiscal year, each department at most once per
  fiscal year.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .dates import format_fiscal_year
from .summary import CATEGORIES, CATEGORY_LABELS, SummaryRow
from .summary_rows import SUMMED, ParsedRow, Problem, column_label, header_problem

MAX_FISCAL_YEARS = 2
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SummaryFile:
    """One department's summary for one fiscal year, as read; `lines[i]` is the line of `rows[i]`."""

    name: str
    rows: tuple[SummaryRow, ...]
    lines: tuple[int, ...]

    @property
    def department_code(self) -> str:
        return self.rows[0].department_code

    @property
    def department_name(self) -> str:
        return self.rows[0].department_name

    @property
    def fiscal_year(self) -> int:
        return self.rows[0].fiscal_year

    @property
    def as_of(self) -> date:
        return self.rows[0].as_of


def decode(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text, or why it is not the contract's UTF-8 CSV."""
    if not data:
        return None, [Problem(name, 1, "ファイルが空です")]
    if data.startswith(b"PK\x03\x04"):
        return None, [Problem(name, 1, "Excelブック（.xlsx）です。標準様式のCSVファイルを指定してください")]
    body = data.removeprefix(_BOM)
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as e:
        utf8_error = e
    # The file a department opened in Excel and saved again ("CSV (コンマ区切り)"): Shift_JIS
    # (cp932) without a BOM. Its figures are checked like any other's.
    try:
        return body.decode("cp932"), []
    except UnicodeDecodeError:
        line = body[: utf8_error.start].count(b"\n") + 1
        return None, [Problem(name, line, "UTF-8としてもShift_JISとしても読めない文字があります"
                                          "（標準様式はUTF-8（BOM付き）のCSVです）")]


def read_summary(name: str, data: bytes) -> tuple[SummaryFile | None, list[Problem]]:
    """Parse and check one file; the file is returned only when it has no problem at all."""
    parsed, problems = _read(name, data)
    return (parsed, []) if not problems else (None, problems)


def _read(name: str, data: bytes) -> tuple[SummaryFile | None, list[Problem]]:
    """The file's valid rows (None if there are none) and every problem found in it."""
    text, problems = decode(name, data)
    if text is None:
        return None, problems
    # newline="": the csv module itself tells CRLF ends from a line break inside a quoted field.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as e:
        return None, [Problem(name, 1, f"CSVとして読めません（{e}）")]
    if header is None:
        return None, [Problem(name, 1, "ファイルが空です")]
    if problem := header_problem(header):
        return None, [Problem(name, 1, problem)]

    rows: list[ParsedRow] = []
    start = 2
    try:
        for fields in reader:
            rows.append(ParsedRow.parse(name, start, fields))
            start = reader.line_num + 1
    except csv.Error as e:
        problems.append(Problem(name, start, f"CSVとして読めません（{e}）"))
    if not rows and not problems:
        return None, [Problem(name, 1, "データの行がありません（見出しの行だけです）")]
    for row in rows:
        problems += row.problems
    problems += _same_file_identity(name, rows)
    problems += _structure(name, [r for r in rows if r.keyed])
    valid = [r for r in rows if not r.problems]
    if not valid:
        return None, problems
    return SummaryFile(name, tuple(r.summary_row() for r in valid), tuple(r.line for r in valid)), problems


def _same_file_identity(name: str, rows: list[ParsedRow]) -> list[Problem]:
    """One department, fiscal year and date throughout a file: one problem per column that varies.

    (A file with two dates has one mistake, however many rows carry it.)
    """
    problems = []
    for column in ("department_code", "department_name", "fiscal_year", "as_of"):
        first = next((r for r in rows if column in r.values), None)
        if first is None:
            continue
        odd = [r for r in rows if column in r.values and r.values[column] != first.values[column]]
        if odd:
            others = f"。異なる行は{len(odd)}行（{odd[0].line}〜{odd[-1].line}行目）" if len(odd) > 1 else ""
            problems.append(Problem(name, odd[0].line, f"{column_label(column)}が{first.line}行目と異なります"
                                                       f"（{odd[0].values[column]} と {first.values[column]}）{others}"))
    return problems


def _structure(name: str, rows: list[ParsedRow]) -> list[Problem]:
    """Three rows per claim type in the contract's order, totals equal to their parts."""
    groups: list[list[ParsedRow]] = []
    for r in rows:
        if groups and _key(groups[-1][0]) == _key(r):
            groups[-1].append(r)
        else:
            groups.append([r])
    problems = []
    seen: dict[tuple[str, str, str], int] = {}
    latest: tuple[str, str, str] | None = None
    for group in groups:
        key, head = _key(group[0]), group[0]
        claim = f"債権名「{key[2]}」（{key[0]}・{key[1]}）"
        if key in seen:
            problems.append(Problem(name, head.line, f"{claim}の行が重複しています（{seen[key]}行目からの行と同じ債権名）"))
            continue
        seen[key] = head.line
        if latest is not None and key < latest:
            problems.append(Problem(name, head.line, f"{claim}の位置が違います。債権名は会計・款・債権名の順に並べます"))
        latest = max(key, latest) if latest is not None else key
        problems += _three_rows(name, claim, group)
    return problems


def _key(r: ParsedRow) -> tuple[str, str, str]:
    return (r.values["account"], r.values["budget_section"], r.values["claim_type"])


def _three_rows(name: str, claim: str, group: list[ParsedRow]) -> list[Problem]:
    categories = [r.values["category"] for r in group]
    for i, r in enumerate(group):
        if categories[i] in categories[:i]:
            return [Problem(name, r.line, f"{claim}の区分 {categories[i]}（{CATEGORY_LABELS[categories[i]]}）の行が重複しています")]
        if i >= len(CATEGORIES) or categories[i] != CATEGORIES[i]:
            expected = CATEGORIES[i] if i < len(CATEGORIES) else "なし"
            return [Problem(name, r.line, f"{claim}の区分の順序が違います（current, carried, total の順に3行。"
                                          f"ここは {expected} のはずが {categories[i]}）")]
    if len(group) < len(CATEGORIES):
        missing = ", ".join(CATEGORIES[len(group):])
        return [Problem(name, group[-1].line, f"{claim}の区分 {missing} の行がありません（3行で1組です）")]
    problems = []
    current, carried, total = group
    natures = {r.values.get("legal_nature") for r in group} - {None}
    if len(natures) > 1:
        problems.append(Problem(name, total.line, f"{claim}の legal_nature（債権の種類）が3行で異なります"))
    for column in SUMMED:
        values = [r.values.get(column) for r in group]
        if values[0] is None or values[1] is None or values[2] is None:
            continue  # already reported for its row
        if values[2] != values[0] + values[1]:
            problems.append(Problem(name, total.line, f"合計の {column_label(column)} {values[2]} が 現年分＋滞納繰越分 = "
                                                      f"{values[0]}＋{values[1]} = {values[0] + values[1]} と一致しません"))
    return problems


def check_together(files: Sequence[SummaryFile]) -> list[Problem]:
    """The rules across files: at most two fiscal years, one date per year, each department once per year."""
    problems = []
    years = sorted({f.fiscal_year for f in files})
    kept = years[-MAX_FISCAL_YEARS:]
    if len(years) > MAX_FISCAL_YEARS:
        listed = "・".join(format_fiscal_year(y) for y in years)
        for f in files:
            if f.fiscal_year not in kept:
                problems.append(Problem(f.name, f.lines[0], f"集計できる年度は{MAX_FISCAL_YEARS}つまでです（指定された年度: "
                                                            f"{listed}）。{format_fiscal_year(f.fiscal_year)}のファイルを外してください"))
    first_of_year: dict[int, SummaryFile] = {}
    department_seen: dict[tuple[int, str], SummaryFile] = {}
    for f in files:
        if f.fiscal_year not in kept:
            continue
        first = first_of_year.setdefault(f.fiscal_year, f)
        if f.as_of != first.as_of:
            problems.append(Problem(f.name, f.lines[0], f"基準日 {f.as_of.isoformat()} が同じ年度（{format_fiscal_year(f.fiscal_year)}）の "
                                                        f"{first.name} の基準日 {first.as_of.isoformat()} と異なります"))
        earlier = department_seen.setdefault((f.fiscal_year, f.department_code), f)
        if earlier is not f:
            problems.append(Problem(f.name, f.lines[0], f"所管課 {f.department_code}（{f.department_name}）の"
                                                        f"{format_fiscal_year(f.fiscal_year)}のファイルが重複しています（{earlier.name}）"))
    return problems


def validate(sources: Sequence[tuple[str, bytes]]) -> tuple[list[SummaryFile], list[Problem]]:
    """Read and check every file, then the files together; the files only if there is no problem.

    The files are checked together even when some have problems of their own (using
    their valid rows), so that one run reports everything there is to correct.
    """
    files, problems = [], []
    for name, data in sources:
        parsed, found = _read(name, data)
        problems += found
        if parsed is not None:
            files.append(parsed)
    problems += check_together(files)
    return (files, []) if not problems else ([], problems)
