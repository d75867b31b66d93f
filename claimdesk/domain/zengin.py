"""The 全銀協 預金口座振替 result file (振替結果): 120-byte records, header 1, data 2,
trailer 8, end 9, JIS X 0201 (half-width kana, read as cp932). Layout in
docs/receipt-files.md §2, as the banks publish it (e.g. 北國銀行「預金口座振替レコード・フォーマット」,
宮崎銀行「ファイルレイアウトについて」).

Records may follow each other without a break or each end in CR LF (or LF, as a file
edited on another system does); a problem is reported at the record's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

RECORD = 120
TRANSFER_KIND = "91"  # 種別コード: 預金口座振替
RESULTS = {"0": "振替済", "1": "資金不足", "2": "預金取引なし", "3": "預金者の都合による振替停止",
           "4": "預金口座振替依頼書なし", "8": "委託者の都合による振替停止", "9": "その他"}

# (name, start (1-based), width) of each record, as the layout numbers them.
Layout = tuple[tuple[str, int, int], ...]
HEADER: Layout = (("kind", 1, 1), ("type_code", 2, 2), ("code_set", 4, 1), ("collector_code", 5, 10),
          ("collector_name", 15, 40), ("debit_day", 55, 4), ("bank_code", 59, 4), ("bank_name", 63, 15),
          ("branch_code", 78, 3), ("branch_name", 81, 15), ("account_type", 96, 1), ("account_number", 97, 7),
          ("dummy", 104, 17))
DATA: Layout = (("kind", 1, 1), ("bank_code", 2, 4), ("bank_name", 6, 15), ("branch_code", 21, 3),
        ("branch_name", 24, 15), ("dummy1", 39, 4), ("account_type", 43, 1), ("account_number", 44, 7),
        ("holder", 51, 30), ("amount", 81, 10), ("new_code", 91, 1), ("customer_number", 92, 20),
        ("result", 112, 1), ("dummy2", 113, 8))
TRAILER: Layout = (("kind", 1, 1), ("count", 2, 6), ("total", 8, 12), ("done_count", 20, 6), ("done_amount", 26, 12),
           ("failed_count", 38, 6), ("failed_amount", 44, 12), ("dummy", 56, 65))


def result_label(code: str) -> str:
    """振替結果コード in words."""
    return RESULTS.get(code, f"その他（コード {code}）")


@dataclass(frozen=True)
class Transfer:
    """One data record: what was to be debited from whom, and whether it was."""

    line: int
    bank_code: str
    branch_code: str
    account_type: str
    account_number: str
    holder: str
    amount: int
    customer_number: str  # as the record holds it, spaces stripped
    result: str

    @property
    def done(self) -> bool:
        """Only 振替結果コード 0 is money received."""
        return self.result == "0"


@dataclass(frozen=True)
class Totals:
    count: int
    total: int
    done_count: int
    done_amount: int
    failed_count: int
    failed_amount: int


@dataclass
class ZenginFile:
    """A result file read: its transfers, and every problem found (line, reason)."""

    collector_code: str = ""
    collector_name: str = ""
    debit_on: date | None = None
    transfers: list[Transfer] = field(default_factory=list)
    trailer_line: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)


def records(data: bytes) -> list[tuple[int, bytes]]:
    """(line, record) of a file of 120-byte records, with or without line breaks."""
    if b"\n" in data or b"\r" in data:
        lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        numbered = list(enumerate(lines, start=1))
        while numbered and not numbered[-1][1].strip(b" \x1a"):  # a last break, an MS-DOS EOF mark
            numbered.pop()
        return numbered
    data = data.rstrip(b"\x1a")
    return [(i // RECORD + 1, data[i:i + RECORD]) for i in range(0, len(data), RECORD)]


def fields(record: str, layout: Layout) -> dict[str, str]:
    """The record cut into the layout's fields."""
    return {name: record[start - 1:start - 1 + width] for name, start, width in layout}


def debit_date(mmdd: str, today: date) -> date:
    """The 引落日 the header gives as MMDD: the latest such day not after `today`."""
    month, day = int(mmdd[:2]), int(mmdd[2:])
    for year in range(today.year, today.year - 8, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise ValueError(mmdd)


def _number(values: dict[str, str], name: str, label: str, line: int, problems: list[tuple[int, str]]) -> int:
    text = values[name]
    if not (text.isascii() and text.isdigit()):
        problems.append((line, f"{label}が数字ではありません（「{text}」）"))
        return 0
    return int(text)


def read_zengin(data: bytes, today: date) -> ZenginFile:
    """Read a 振替結果 file; structure, fields and the trailer's count and totals are checked."""
    out = ZenginFile()
    problems = out.problems
    recs = records(data)
    kinds: list[tuple[int, str]] = []
    trailer: tuple[int, dict[str, str]] | None = None
    for line, raw in recs:
        try:
            text = raw.decode("cp932")
        except UnicodeDecodeError:
            problems.append((line, "JIS（半角カナ）で読めない文字があります"))
            continue
        if len(raw) != RECORD or len(text) != RECORD:
            problems.append((line, f"レコードの長さが{len(raw)}バイトです（120バイト・半角文字のみ）"))
            continue
        kind = text[0]
        kinds.append((line, kind))
        if kind == "1":
            _header(out, fields(text, HEADER), line, today)
        elif kind == "2":
            _transfer(out, fields(text, DATA), line)
        elif kind == "8":
            trailer = (line, fields(text, TRAILER))
        elif kind != "9":
            problems.append((line, f"データ区分「{kind}」は 1・2・8・9 のいずれかです"))
    _order(kinds, problems)
    if trailer is not None:
        out.trailer_line = trailer[0]
        _check_trailer(out, *trailer)
    return out


def _header(out: ZenginFile, v: dict[str, str], line: int, today: date) -> None:
    if v["type_code"] != TRANSFER_KIND:
        out.problems.append((line, f"種別コード「{v['type_code']}」は口座振替（91）ではありません"))
    if v["code_set"] != "0":
        out.problems.append((line, f"コード区分「{v['code_set']}」: JIS（0）のファイルだけを読めます"))
    out.collector_code, out.collector_name = v["collector_code"].strip(), v["collector_name"].strip()
    try:
        out.debit_on = debit_date(v["debit_day"], today)
    except ValueError:
        out.problems.append((line, f"引落日「{v['debit_day']}」が月日（MMDD）として読めません"))


def _transfer(out: ZenginFile, v: dict[str, str], line: int) -> None:
    problems = out.problems
    before = len(problems)
    amount = _number(v, "amount", "引落金額", line, problems)
    if v["result"] not in RESULTS and not v["result"].isdigit():
        problems.append((line, f"振替結果コード「{v['result']}」が読めません"))
    customer = v["customer_number"].strip()
    if not customer:
        problems.append((line, "顧客番号がありません"))
    if len(problems) == before:
        out.transfers.append(Transfer(line, v["bank_code"], v["branch_code"], v["account_type"],
                                      v["account_number"], v["holder"].rstrip(), amount, customer, v["result"]))


def _order(kinds: list[tuple[int, str]], problems: list[tuple[int, str]]) -> None:
    """One header first, data, one trailer, one end last."""
    sequence = "".join(k for _, k in kinds)
    if not sequence:
        problems.append((1, "レコードがありません（空のファイル）"))
        return
    if sequence[0] != "1":
        problems.append((kinds[0][0], "最初のレコードがヘッダー（データ区分 1）ではありません"))
    for (line, kind), (_, before) in zip(kinds[1:], kinds):
        if kind == "1" or (kind == "2" and before not in "12") or (kind == "8" and before not in "12") \
                or (kind == "9" and before != "8"):
            problems.append((line, f"データ区分 {kind} のレコードがこの位置にあります（ヘッダー・データ・トレーラー・エンドの順）"))
    if "8" not in sequence:
        problems.append((kinds[-1][0], "トレーラー・レコード（データ区分 8）がありません"))
    if sequence[-1] != "9":
        problems.append((kinds[-1][0], "エンド・レコード（データ区分 9）がありません"))


def _check_trailer(out: ZenginFile, line: int, v: dict[str, str]) -> None:
    problems = out.problems
    before = len(problems)
    stated = Totals(*(_number(v, name, label, line, problems) for name, label in (
        ("count", "合計件数"), ("total", "合計金額"), ("done_count", "振替済件数"), ("done_amount", "振替済金額"),
        ("failed_count", "振替不能件数"), ("failed_amount", "振替不能金額"))))
    if len(problems) > before or any(p[1].startswith(("引落金額", "振替結果", "顧客番号")) for p in problems):
        return  # the sums of unreadable records say nothing
    done = [t for t in out.transfers if t.done]
    failed = [t for t in out.transfers if not t.done]
    actual = Totals(len(out.transfers), sum(t.amount for t in out.transfers), len(done),
                    sum(t.amount for t in done), len(failed), sum(t.amount for t in failed))
    labels = {"count": ("合計件数", "件"), "total": ("合計金額", "円"), "done_count": ("振替済件数", "件"),
              "done_amount": ("振替済金額", "円"), "failed_count": ("振替不能件数", "件"),
              "failed_amount": ("振替不能金額", "円")}
    for name, (label, unit) in labels.items():
        if getattr(stated, name) != getattr(actual, name):
            problems.append((line, f"トレーラーの{label} {getattr(stated, name):,}{unit} がデータ・レコードの"
                                   f" {getattr(actual, name):,}{unit} と合いません"))
