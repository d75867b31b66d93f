"""コンビニ receipt data (速報 / 確報) as ClaimDesk reads it (docs/receipt-files.md §3):
comma-separated records, each led by its データ区分 like the 全銀協 files —

    1,データ種別(1 速報 / 2 確報),作成日 YYYYMMDD,請求書発行企業コード(6)
    2,収納日 YYYYMMDD,収納時刻 HHMM,店舗,バーコード情報(44),金額
    8,件数,合計金額
    9

The barcode digits are the GS1-128 code the store scanned (domain.cvs_barcode), which
carries the 納付番号 in its free field. Payment agents deliver this content in layouts
of their own; a layout is mapped onto this one before it is taken.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from .cvs_barcode import CvsCode, parse_cvs_code
from .errors import InvalidValue

REPORTS = {"1": "preliminary", "2": "final"}


@dataclass(frozen=True)
class StoreReceipt:
    """One data record: a slip paid at a store."""

    line: int
    paid_on: date
    store: str
    code: CvsCode
    amount: int


@dataclass
class CvsFile:
    report: str = ""  # preliminary (速報) or final (確報)
    company_code: str = ""
    receipts: list[StoreReceipt] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _text(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _day(text: str) -> date:
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def read_cvs(data: bytes, today: date) -> CvsFile:
    """Read a コンビニ receipt file; structure, fields and the trailer's count and total are checked."""
    out = CvsFile()
    text = _text(data)
    if text is None:
        out.problems.append((1, "文字コードを判別できません（UTF-8 または Shift_JIS）"))
        return out
    kinds: list[str] = []
    trailer: tuple[int, list[str]] | None = None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            line = reader.line_num
            cells = [c.strip() for c in cells]
            if not any(cells):
                continue
            kinds.append(cells[0])
            if cells[0] == "1":
                _header(out, cells, line)
            elif cells[0] == "2":
                _receipt(out, cells, line, today)
            elif cells[0] == "8":
                trailer = (line, cells)
            elif cells[0] != "9":
                out.problems.append((line, f"データ区分「{cells[0]}」は 1・2・8・9 のいずれかです"))
    except csv.Error as e:
        out.problems.append((reader.line_num, f"CSVとして読めません（{e}）"))
    sequence = "".join(k[:1] for k in kinds)
    if not sequence.startswith("1") or sequence.count("1") != 1:
        out.problems.append((1, "ヘッダー（データ区分 1）が先頭に1つ必要です"))
    if trailer is None or not sequence.endswith("89"):
        out.problems.append((reader.line_num or 1, "トレーラー（8）とエンド（9）が最後に必要です"))
    if trailer is not None:
        _check_trailer(out, *trailer)
    return out


def _header(out: CvsFile, cells: list[str], line: int) -> None:
    if len(cells) != 4:
        out.problems.append((line, f"ヘッダーの項目の数が{len(cells)}です（4項目）"))
        return
    if cells[1] not in REPORTS:
        out.problems.append((line, f"データ種別「{cells[1]}」は 1（速報）か 2（確報）です"))
    out.report = REPORTS.get(cells[1], "")
    out.company_code = cells[3]


def _receipt(out: CvsFile, cells: list[str], line: int, today: date) -> None:
    if len(cells) != 6:
        out.problems.append((line, f"データの項目の数が{len(cells)}です（6項目）"))
        return
    try:
        paid_on = _day(cells[1])
    except ValueError:
        out.problems.append((line, f"収納日「{cells[1]}」が日付（YYYYMMDD）として読めません"))
        return
    if paid_on > today:
        out.problems.append((line, f"収納日 {paid_on.isoformat()} が今日より後です"))
        return
    try:
        code = parse_cvs_code(cells[4])
    except InvalidValue as e:
        out.problems.append((line, e.reason))
        return
    if not cells[5].isdigit():
        out.problems.append((line, f"金額「{cells[5]}」が数字ではありません"))
        return
    amount = int(cells[5])
    if out.company_code and code.company_code != out.company_code:
        out.problems.append((line, f"バーコードの企業コード {code.company_code} がヘッダーの {out.company_code} と違います"))
        return
    if amount != code.amount:
        out.problems.append((line, f"金額 {amount:,}円 がバーコードの金額 {code.amount:,}円 と違います"))
        return
    out.receipts.append(StoreReceipt(line, paid_on, cells[3], code, amount))


def _check_trailer(out: CvsFile, line: int, cells: list[str]) -> None:
    if len(cells) != 3 or not (cells[1].isdigit() and cells[2].isdigit()):
        out.problems.append((line, "トレーラーは「8,件数,合計金額」です"))
        return
    if out.problems:
        return  # the sums of unreadable records say nothing
    count, total = int(cells[1]), int(cells[2])
    if count != len(out.receipts):
        out.problems.append((line, f"トレーラーの件数 {count:,}件 がデータの {len(out.receipts):,}件 と合いません"))
    if total != sum(r.amount for r in out.receipts):
        out.problems.append((line, f"トレーラーの合計金額 {total:,}円 がデータの"
                                   f" {sum(r.amount for r in out.receipts):,}円 と合いません"))
