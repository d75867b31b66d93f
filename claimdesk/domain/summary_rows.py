"""One row of a standard summary (`claimdesk-summary/1`) read back: fields and identities.

Every field is checked as the contract writes it (no separators, no 円, ISO dates, rates
with one decimal), and each row's identities exactly, in yen (docs/exchange-format.md §1).
A wrong value is reported, never repaired: the finance department must not sum figures a
department did not send.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .cells import unescape_cell
from .dates import check_as_of
from .errors import REASONS, InvalidValue, Refusal
from .money import collection_rate
from .summary import CATEGORIES, COLUMN_LABELS, COLUMNS, SCHEMA, SummaryRow

NATURES = ("enforced_public", "public", "private")
AMOUNTS = ("assessed", "collected", "written_off", "refund_unpaid", "outstanding")
SUMMED = (*AMOUNTS, "delinquent_debtors")
_CODE = re.compile(r"[\x21-\x7e]+")
_INT = re.compile(r"-?(0|[1-9]\d*)")
# Excel, saving the file again, writes 57.0 as 57 and 2026-11-30 as 2026/11/30: the same
# value, accepted as such; the value itself is still checked exactly.
_RATE = re.compile(r"-?\d+(\.\d)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXCEL_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")

# Why one cell is not the contract's; a problem of the file names its column first.
REASONS.update({
    "cell_empty": "空です",
    "cell_not_code": "半角英数字と記号で、空白なしのはずです（{value!r}）",
    "cell_not_schema": "{schema} ではありません（{value!r}）",
    "cell_not_year": "西暦4桁の年度ではありません（{value!r}）",
    "cell_not_date": "YYYY-MM-DD の日付ではありません（{value!r}）",
    "cell_not_choice": "{choices} のいずれかです（{value!r}）",
    "cell_not_yen": "円単位の整数ではありません（{value!r}。桁区切りや円は付けません）",
    "cell_negative": "負の値です（{value}）",
    "cell_not_rate": "小数第1位までの百分率ではありません（{value!r}）",
    "cell_rate_range": "0.0〜100.0の範囲外です（{value}）",
})


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be merged, and where."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def column_label(column: str) -> str:
    """'outstanding' → 'outstanding（収入未済額）', as problems name a column."""
    return f"{column}（{COLUMN_LABELS[column]}）"


def header_problem(header: list[str]) -> str:
    """Why the header is not the contract's, or '' when it is."""
    if header == list(COLUMNS):
        return ""
    if set(header) & set(COLUMN_LABELS.values()):
        return "見出しが日本語です。標準様式（claimdesk-summary/1）の英語の列名のCSVを指定してください"
    if "level" in header and "schema" in header:
        return "集計結果のCSV（claimdesk-aggregate/1）です。各課の標準様式（claimdesk-summary/1）を指定してください"
    if not set(header) & set(COLUMNS):
        start = ",".join(header)[:40]
        return f"1行目が標準様式（claimdesk-summary/1）の見出しの行ではありません（{start}）"
    missing = [c for c in COLUMNS if c not in header]
    extra = [h for h in header if h not in COLUMNS]
    parts = []
    if missing:
        parts.append(f"列がありません: {', '.join(missing)}")
    if extra:
        parts.append(f"標準様式にない列です: {', '.join(extra)}")
    if not parts:
        parts.append("列の順序が標準様式と異なります")
    return "見出しの行が標準様式（claimdesk-summary/1）と異なります。" + "。".join(parts)


class ParsedRow:
    """One data row: the values that parsed, and what was wrong with the others."""

    def __init__(self, name: str, line: int):
        self.name, self.line = name, line
        # Each column's own type (str, int, date, Decimal), as its parser gave it.
        self.values: dict[str, Any] = {}
        self.problems: list[Problem] = []

    def fail(self, reason: str) -> None:
        self.problems.append(Problem(self.name, self.line, reason))

    @property
    def keyed(self) -> bool:
        """Whether the row can take part in the checks of its claim type's three rows."""
        return all(k in self.values for k in ("account", "budget_section", "claim_type", "category"))

    @classmethod
    def parse(cls, name: str, line: int, fields: list[str]) -> ParsedRow:
        """Check the fields of the row that starts at `line` of file `name`."""
        row = cls(name, line)
        if not any(f.strip() for f in fields):
            row.fail("空の行です")
            return row
        if len(fields) != len(COLUMNS):
            row.fail(f"列の数が{len(COLUMNS)}ではありません（{len(fields)}列）")
            return row
        raw = dict(zip(COLUMNS, fields))
        for column in COLUMNS:
            try:
                value = _FIELDS[column](raw[column])
            except InvalidValue as e:
                row.fail(f"{column_label(column)}: {e.reason}")
            else:
                row.values[column] = value
        row._check_identities()
        return row

    def _check_identities(self) -> None:
        v = self.values
        if "fiscal_year" in v and "as_of" in v:
            try:
                check_as_of(v["fiscal_year"], v["as_of"])
            except InvalidValue as e:
                self.fail(f"{column_label('as_of')}: {e.reason}")
        if all(a in v for a in AMOUNTS):
            expected = v["assessed"] - (v["collected"] + v["written_off"]) + v["refund_unpaid"]
            if v["outstanding"] != expected:
                self.fail(f"{column_label('outstanding')} {v['outstanding']} が 調定額−（収入済額＋不納欠損額）＋還付未済額 = "
                          f"{expected} と一致しません")
        if "assessed" in v and "collected" in v and "collection_rate" in v:
            given, expected = v["collection_rate"], collection_rate(v["collected"], v["assessed"])
            if expected is None and given is not None:
                self.fail(f"{column_label('collection_rate')}: 調定額が0のときは空にします（{given}）")
            elif expected is not None and given is None:
                self.fail(f"{column_label('collection_rate')}が空です（収入済額÷調定額 = {expected:.1f}）")
            elif given != expected:
                self.fail(f"{column_label('collection_rate')} {given} が 収入済額÷調定額 = {expected:.1f} と一致しません"
                          "（小数第2位を四捨五入）")

    def summary_row(self) -> SummaryRow:
        """The row as the summary's dataclass (only for a row without problems)."""
        v = self.values
        return SummaryRow(**{c: v[c] for c in COLUMNS if c != "collection_rate"})


def _text(value: str) -> str:
    if not value.strip():
        raise Refusal(None, "cell_empty")
    return unescape_cell(value)  # written with a leading ' if it would start a formula


def _code(value: str) -> str:
    if not _CODE.fullmatch(value):
        raise Refusal(None, "cell_not_code", value=value)
    return unescape_cell(value)


def _schema(value: str) -> str:
    if value != SCHEMA:
        raise Refusal(None, "cell_not_schema", schema=SCHEMA, value=value)
    return value


def _year(value: str) -> int:
    if not re.fullmatch(r"\d{4}", value):
        raise Refusal(None, "cell_not_year", value=value)
    return int(value)


def _date(value: str) -> date:
    try:
        if _DATE.fullmatch(value):
            return date.fromisoformat(value)
        if m := _EXCEL_DATE.fullmatch(value):
            return date(*map(int, m.groups()))
    except ValueError:
        pass
    raise Refusal(None, "cell_not_date", value=value)


def _choice(choices: Sequence[str]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in choices:
            raise Refusal(None, "cell_not_choice", choices=" / ".join(choices), value=value)
        return value
    return parse


def _integer(*, non_negative: bool) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not _INT.fullmatch(value):
            raise Refusal(None, "cell_not_yen", value=value)
        number = int(value)
        if non_negative and number < 0:
            raise Refusal(None, "cell_negative", value=value)
        return number
    return parse


def _rate(value: str) -> Decimal | None:
    if value == "":
        return None
    if not _RATE.fullmatch(value):
        raise Refusal(None, "cell_not_rate", value=value)
    return Decimal(value)


def _target(value: str) -> Decimal | None:
    rate = _rate(value)
    if rate is not None and not 0 <= rate <= 100:
        raise Refusal(None, "cell_rate_range", value=value)
    return rate


_FIELDS = {
    "schema": _schema, "department_code": _code, "department_name": _text, "fiscal_year": _year,
    "as_of": _date, "account": _text, "budget_section": _text, "claim_type": _text,
    "legal_nature": _choice(NATURES), "category": _choice(CATEGORIES),
    "assessed": _integer(non_negative=False), "collected": _integer(non_negative=False),
    "written_off": _integer(non_negative=False), "refund_unpaid": _integer(non_negative=True),
    "outstanding": _integer(non_negative=True), "collection_rate": _rate,
    "delinquent_debtors": _integer(non_negative=True), "target_rate": _target,
}
