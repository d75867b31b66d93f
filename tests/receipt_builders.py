"""Receipt files built by their published layouts, field by field (docs/receipt-files.md):
全銀協 口座振替結果 (120-byte records in JIS X 0201 / cp932) and コンビニ receipt data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


def n(value: int | str, width: int) -> str:
    """An N field: digits, right-aligned, zero-filled."""
    text = str(value)
    assert text.isdigit() and len(text) <= width, (value, width)
    return text.zfill(width)


def c(text: str, width: int) -> str:
    """A C field: half-width characters, left-aligned, space-filled (width in bytes)."""
    assert len(text.encode("cp932")) <= width, (text, width)
    return text + " " * (width - len(text.encode("cp932")))


@dataclass
class Line:
    customer: str
    amount: int
    result: str = "0"
    holder: str = "ﾔﾏﾀﾞ ﾀﾛｳ"
    bank: str = "0001"
    branch: str = "001"
    account: str = "1234567"


def header(debit_on: date, collector: str = "ﾐﾄﾞﾘｸ", code: str = "91") -> str:
    return ("1" + code + "0" + n(1234567890, 10) + c(collector, 40) + f"{debit_on:%m%d}" + "0001"
            + c("ﾐｽﾞﾎ", 15) + "100" + c("ﾎﾝﾃﾝ", 15) + "1" + n(7654321, 7) + c("", 17))


def data(line: Line) -> str:
    return ("2" + line.bank + c("ﾐｽﾞﾎ", 15) + line.branch + c("ﾎﾝﾃﾝ", 15) + c("", 4) + "1" + line.account
            + c(line.holder, 30) + n(line.amount, 10) + "0" + n(line.customer, 20) + line.result + c("", 8))


def trailer(lines: list[Line], count: int | None = None, total: int | None = None) -> str:
    done = [x for x in lines if x.result == "0"]
    failed = [x for x in lines if x.result != "0"]
    return ("8" + n(len(lines) if count is None else count, 6)
            + n(sum(x.amount for x in lines) if total is None else total, 12)
            + n(len(done), 6) + n(sum(x.amount for x in done), 12)
            + n(len(failed), 6) + n(sum(x.amount for x in failed), 12) + c("", 65))


def zengin_file(path: Path, debit_on: date, lines: list[Line], *, count: int | None = None,
                total: int | None = None, breaks: bool = True) -> Path:
    """A 振替結果 file; `count`/`total` put other figures in the trailer."""
    records = [header(debit_on), *(data(x) for x in lines), trailer(lines, count, total), "9" + c("", 119)]
    for r in records:
        assert len(r.encode("cp932")) == 120, (len(r.encode("cp932")), r)
    path.write_bytes(("\r\n" if breaks else "").join(records).encode("cp932") + (b"\r\n" if breaks else b""))
    return path


@dataclass
class StoreLine:
    barcode: str
    amount: int | None = None  # the barcode's amount unless given
    paid_on: date = date(2026, 6, 20)
    store: str = "ｾﾌﾞﾝｲﾚﾌﾞﾝ ﾐﾄﾞﾘ店"


def cvs_file(path: Path, lines: list[StoreLine], *, report: str = "1", company: str = "912345",
             count: int | None = None, total: int | None = None, encoding: str = "cp932") -> Path:
    """A コンビニ receipt file (速報 report=1, 確報 report=2) by ClaimDesk's layout."""
    amounts = [x.amount if x.amount is not None else int(x.barcode[37:43]) for x in lines]
    rows = [f"1,{report},20260630,{company}"]
    rows += [f"2,{x.paid_on:%Y%m%d},1015,{x.store},{x.barcode},{a}" for x, a in zip(lines, amounts)]
    rows += [f"8,{len(lines) if count is None else count},{sum(amounts) if total is None else total}", "9"]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    return path
