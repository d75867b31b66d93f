"""Fiscal years (年度, April to March), the closing period, and 和暦 dates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from .errors import REASONS, Refusal

# What a date or a 年度 as typed may be refused for. A reason about 和暦 itself writes its
# dates in 和暦 for either face (a str, not a date): that is what the clerk typed or must type.
REASONS.update({
    "no_wareki": "{day} は和暦で表せません（明治より前）",
    "no_such_era_year": "{era}{year}年 はありません",
    "before_era_start": "{text} は{era}の始まり（{era_start}）より前です",
    "other_era": "{text} は{wareki}です（元号が違います）",
    "date_unreadable": "日付として読めません（{text}）: 2026-04-01、令和8年4月1日、R8.4.1 の形で入力してください",
    "fiscal_year_unreadable": "年度として読めません（{text}）: 2026、令和8年度、R8 の形で入力してください",
    "fiscal_year_out_of_range": "年度が範囲外です（{text}）",
})


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: date


# Newest first: a date belongs to the first era that started on or before it.
ERAS = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("明治", "M", date(1868, 10, 23)),
)
_BY_NAME = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}


# --- fiscal year ---------------------------------------------------------------------

def fiscal_year_of(d: date) -> int:
    """The fiscal year (as the Western year it starts in) that contains `d`."""
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_start(fy: int) -> date:
    return date(fy, 4, 1)


def fiscal_year_end(fy: int) -> date:
    return date(fy + 1, 3, 31)


def closing_period_end(fy: int) -> date:
    """Last day the books of `fy` still receive (出納整理期間, to 5/31)."""
    return date(fy + 1, 5, 31)


def in_closing_period(d: date) -> bool:
    return d.month in (4, 5)


def default_accounting_year(event_date: date, claim_fiscal_year: int) -> int:
    """The fiscal year a money event belongs to (会計年度所属) unless a clerk overrides it.

    An event in April or May on a claim of an earlier year belongs to the previous
    fiscal year, whose books are still open in the closing period.
    """
    fy = fiscal_year_of(event_date)
    if in_closing_period(event_date) and claim_fiscal_year < fy:
        return fy - 1
    return fy


def check_as_of(fiscal_year: int, as_of: date) -> None:
    """The figures of a fiscal year can be taken inside the year or its closing period."""
    if not fiscal_year_start(fiscal_year) <= as_of <= closing_period_end(fiscal_year):
        raise Refusal("as_of", "as_of_outside_year", as_of=as_of, year=format_fiscal_year(fiscal_year),
                      start=fiscal_year_start(fiscal_year), end=closing_period_end(fiscal_year))


# --- 和暦 -------------------------------------------------------------------------------

def era_of(d: date) -> Era:
    for era in ERAS:
        if d >= era.start:
            return era
    # ISO as text: a face writing this date in 和暦 would only be refused again.
    raise Refusal(None, "no_wareki", day=d.isoformat())


def _year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


def format_wareki(d: date, *, western: bool = False) -> str:
    """date(2026, 4, 1) → '令和8年4月1日' ('令和元年' for year 1)."""
    era = era_of(d)
    text = f"{era.name}{_year_text(d.year - era.start.year + 1)}年{d.month}月{d.day}日"
    return f"{text}（{d.year}年）" if western else text


def format_wareki_time(moment: datetime, *, seconds: bool = False) -> str:
    """datetime(2026, 12, 3, 9, 5) → '令和8年12月3日 09:05', for when something was done."""
    return f"{format_wareki(moment.date())} {moment:%H:%M:%S}" if seconds else \
        f"{format_wareki(moment.date())} {moment:%H:%M}"


def format_wareki_short(d: date) -> str:
    """date(2026, 4, 1) → 'R8.4.1', for narrow table columns."""
    era = era_of(d)
    return f"{era.letter}{d.year - era.start.year + 1}.{d.month}.{d.day}"


def format_fiscal_year(fy: int) -> str:
    """2026 → '令和8年度'; 2019 → '令和元年度' (the year was renamed in May 2019)."""
    era = era_of(date(fy, 12, 31))
    return f"{era.name}{_year_text(fy - era.start.year + 1)}年度"


def _era_year(era_text: str, year_text: str) -> tuple[Era, int]:
    era = _BY_NAME[era_text.upper() if len(era_text) == 1 else era_text]
    n = 1 if year_text == "元" else int(year_text)
    if n < 1:
        raise Refusal(None, "no_such_era_year", era=era.name, year=year_text)
    return era, era.start.year + n - 1


_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_WAREKI = re.compile(
    r"(令和|平成|昭和|大正|明治|[RHSTMrhstm])\s*(元|\d{1,2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?"
)


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")


def parse_date(text: str | date) -> date:
    """Read a date as ISO, '2026/4/1', '2026年4月1日', '令和8年4月1日' or 'R8.4.1'."""
    if isinstance(text, date):
        return text
    s = _normalize(text)
    if not s:
        raise Refusal(None, "not_entered", label="日付")
    if m := _ISO.fullmatch(s):
        y, mo, d = (int(g) for g in m.groups())
        return _make_date(y, mo, d, text)
    if m := _WAREKI.fullmatch(s):
        era, year = _era_year(m.group(1), m.group(2))
        result = _make_date(year, int(m.group(3)), int(m.group(4)), text)
        if result < era.start:
            raise Refusal(None, "before_era_start", text=text, era=era.name, era_start=format_wareki(era.start))
        newer = [e for e in ERAS if e.start > era.start]
        if newer and result >= newer[-1].start:
            raise Refusal(None, "other_era", text=text, wareki=format_wareki(result))
        return result
    if re.fullmatch(r"\d{8}", s):
        return _make_date(int(s[:4]), int(s[4:6]), int(s[6:]), text)
    raise Refusal(None, "date_unreadable", text=text)


def _make_date(y: int, m: int, d: int, original: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise Refusal(None, "no_such_date", text=original) from None


_FY_WAREKI = re.compile(r"(令和|平成|昭和|[RHSrhs])\s*(元|\d{1,2})\s*(年度|年)?")
_FY_WESTERN = re.compile(r"(\d{4})\s*(年度)?")


def parse_fiscal_year(text: str | int) -> int:
    """Read a fiscal year: '2026', '2026年度', '令和8年度', 'R8' → 2026."""
    if isinstance(text, int) and not isinstance(text, bool):
        fy = text
    else:
        s = _normalize(str(text))
        if not s:
            raise Refusal(None, "not_entered", label="年度")
        if m := _FY_WESTERN.fullmatch(s):
            fy = int(m.group(1))
        elif m := _FY_WAREKI.fullmatch(s):
            _, fy = _era_year(m.group(1), m.group(2))
        else:
            raise Refusal(None, "fiscal_year_unreadable", text=text)
    if not 1900 <= fy <= 2200:
        raise Refusal(None, "fiscal_year_out_of_range", text=text)
    return fy
