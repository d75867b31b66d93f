"""Merging department summaries: every rule of the contract checked, sums exact in yen."""

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from claimdesk.domain.aggregate import read_summary, validate
from claimdesk.domain.summary import COLUMNS, SummaryRow
from claimdesk.domain.ward_levels import level_rows
from claimdesk.domain.ward_tables import (
    in_thousand_yen,
    merge,
    outstanding_by_account,
    outstanding_by_claim_type,
    rates_by_department,
)

AS_OF = date(2026, 9, 30)
GENERAL, NHI, CARE = "一般会計", "国民健康保険事業会計", "介護保険事業会計"


def rows_of(code, name, claim_types, fy=2026, as_of=AS_OF):
    """Three rows per (account, section, claim type, current figures, carried figures)."""
    rows = []
    for account, section, claim_type, nature, current, carried, target in claim_types:
        parts = []
        for category, (assessed, collected, written_off, refund_unpaid, debtors) in (
                ("current", current), ("carried", carried)):
            parts.append(SummaryRow(code, name, fy, as_of, account, section, claim_type, nature, category,
                                    assessed, collected, written_off, refund_unpaid,
                                    assessed - collected - written_off + refund_unpaid, debtors))
        a, b = parts
        total = replace(a, category="total", target_rate=None if target is None else Decimal(target),
                        **{k: getattr(a, k) + getattr(b, k) for k in (
                            "assessed", "collected", "written_off", "refund_unpaid", "outstanding",
                            "delinquent_debtors")})
        rows += [a, b, total]
    return rows


def csv_bytes(rows, *, bom=True, header=COLUMNS, newline="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    for r in rows:
        rec = r.as_record() if isinstance(r, SummaryRow) else r
        w.writerow([rec[c] for c in COLUMNS] if isinstance(rec, dict) else rec)
    return (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8")


HOUSING = rows_of("JUTAKU01", "住宅課", [
    (GENERAL, "使用料及手数料", "区営住宅使用料", "private", (12_345_678, 12_001_001, 0, 1_823, 2), (3_210_987, 901_234, 123_456, 0, 41), "91.5"),
])
NHI_ROWS = rows_of("HOKEN01", "保険年金課", [
    (NHI, "国民健康保険料", "国民健康保険料", "enforced_public", (987_654_321, 901_234_567, 0, 55_555, 1204), (123_456_789, 30_000_001, 7_654_321, 0, 833), None),
])
CARE_ROWS = rows_of("KAIGO01", "介護保険課", [
    (GENERAL, "諸収入", "介護給付費返還金", "public", (1_500, 0, 0, 0, 1), (0, 0, 0, 0, 0), None),
    (CARE, "保険料", "介護保険料", "enforced_public", (456_789_012, 450_000_000, 0, 9_999, 300), (20_000_000, 5_000_000, 1_000_000, 0, 99), "97.0"),
])
SOURCES = [("jutaku.csv", csv_bytes(HOUSING)), ("hoken.csv", csv_bytes(NHI_ROWS)), ("kaigo.csv", csv_bytes(CARE_ROWS))]


def merged():
    files, problems = validate(SOURCES)
    assert problems == []
    return merge(files)


def test_three_departments_add_up_exactly_in_yen():
    agg = merged()
    every = HOUSING + NHI_ROWS + CARE_ROWS
    totals = [r for r in every if r.category == "total"]
    ward = {(lr.level, lr.category): lr.figures for lr in level_rows(agg) if lr.level == "ward"}
    for category in ("current", "carried", "total"):
        part = [r for r in every if r.category == category]
        for name in ("assessed", "collected", "written_off", "refund_unpaid", "outstanding", "delinquent_debtors"):
            assert getattr(ward[("ward", category)], name) == sum(getattr(r, name) for r in part)
    by_account = outstanding_by_account(agg)
    assert [r.cells for r in by_account.rows] == [
        (GENERAL, sum(r.outstanding for r in totals if r.account == GENERAL)),
        # 一般会計 first, then as first seen (HOKEN01's rows before KAIGO01's): budget order
        (NHI, sum(r.outstanding for r in totals if r.account == NHI)),
        (CARE, sum(r.outstanding for r in totals if r.account == CARE)),
        ("合計", sum(r.outstanding for r in totals)),
    ]
    # by hand: 346,500 + 2,186,297 + 86,475,309 + 85,802,467 + 1,500 + 6,799,011 + 14,000,000
    assert by_account.rows[-1].cells[1] == 195_611_084
    # recomputed from the summed amounts: 1,399,136,803 / 1,603,458,287 = 87.257… %
    assert str(ward[("ward", "total")].collection_rate) == "87.3"


def test_the_breakdown_has_subtotals_per_account_and_a_grand_total():
    table = outstanding_by_claim_type(merged())
    cells = [r.cells for r in table.rows]
    assert [c[:4] for c in cells] == [
        (GENERAL, "使用料及手数料", "区営住宅使用料", "住宅課"),
        (GENERAL, "諸収入", "介護給付費返還金", "介護保険課"),
        (f"{GENERAL} 計", "", "", ""),
        (NHI, "国民健康保険料", "国民健康保険料", "保険年金課"),
        (f"{NHI} 計", "", "", ""),
        (CARE, "保険料", "介護保険料", "介護保険課"),
        (f"{CARE} 計", "", "", ""),
        ("総計", "", "", ""),
    ]
    assert cells[2][4:] == (346_500 + 1_500, 2_186_297, 346_500 + 1_500 + 2_186_297)
    assert [r.style for r in table.rows].count("subtotal") == 3 and table.rows[-1].style == "total"
    assert cells[-1][6] == outstanding_by_account(merged()).rows[-1].cells[1]


def test_thousand_yen_is_rounded_half_up_each_figure_by_itself():
    table = in_thousand_yen(outstanding_by_claim_type(merged()))
    by_name = {r.cells[2]: r.cells for r in table.rows}
    assert by_name["介護給付費返還金"][4:] == (2, 0, 2)  # 1,500円 → 2千円 (half up, not to even)
    # 346,500 → 347 (to even would give 346); 2,186,297 → 2,186; their total 2,532,797 → 2,533, not 347 + 2,186
    assert by_name["区営住宅使用料"][4:] == (347, 2_186, 2_533)
    assert table.unit == "千円" and "四捨五入" in table.notes[0]


def test_rates_per_department_with_targets_and_totals():
    table = rates_by_department(merged(), 2026)
    rows = {(r.cells[0], r.cells[1]): r.cells for r in table.rows}
    housing = rows[("住宅課", "区営住宅使用料")]
    assert housing[2] == Decimal("97.2") and housing[3] is None  # 12,001,001 / 12,345,678
    assert housing[6] == Decimal("82.9") and housing[7] == Decimal("91.5")
    care = rows[("介護保険課", "所管課計")]
    assert care[6] == Decimal("95.4")  # (0 + 455,000,000) / (1,500 + 476,789,012)
    assert rows[("介護保険課", "介護給付費返還金")][4] is None  # nothing carried: no rate
    assert table.rows[-1].cells[0] == "区全体" and table.rows[-1].style == "total"


def test_files_without_bom_and_with_lf_are_read_too():
    files, problems = validate([("a.csv", csv_bytes(HOUSING, bom=False, newline="\n"))])
    assert problems == [] and files[0].department_code == "JUTAKU01"


def test_two_fiscal_years_give_a_column_each():
    earlier = rows_of("JUTAKU01", "住宅課", [
        (GENERAL, "使用料及手数料", "区営住宅使用料", "private", (1000, 400, 0, 0, 1), (0, 0, 0, 0, 0), None),
    ], fy=2025, as_of=date(2026, 5, 31))
    files, problems = validate([*SOURCES, ("jutaku-2025.csv", csv_bytes(earlier))])
    assert problems == []
    agg = merge(files)
    assert agg.fiscal_years == (2025, 2026)
    table = outstanding_by_account(agg)
    assert [c.label for c in table.columns] == [
        "会計", "令和7年度\n（令和8年5月31日現在）", "令和8年度\n（令和8年9月30日現在）", "増減"]
    general = table.rows[0].cells
    assert general[:2] == (GENERAL, 600) and general[3] == general[2] - 600
    assert table.rows[1].cells[1] is None  # 介護保険事業会計 had no file in FY2025


# --- bad input: each kind is rejected with its file and line ---------------------------

def mutate(rows, index, **changes):
    records = [r.as_record() for r in rows]
    records[index] = {**records[index], **changes}
    return records


BAD_FILES = {
    "schema": (mutate(HOUSING, 1, schema="claimdesk-summary/2"), 3, "schema"),
    "code with a space": (mutate(HOUSING, 0, department_code="JUTAKU 01"), 2, "department_code"),
    "amount with a comma": (mutate(HOUSING, 0, assessed="12,345,678"), 2, "桁区切り"),
    "outstanding": (mutate(HOUSING, 0, outstanding="2345679"), 2, "outstanding"),
    "rate": (mutate(HOUSING, 0, collection_rate="97.3"), 2, "97.2"),
    "rate empty": (mutate(HOUSING, 0, collection_rate=""), 2, "空です"),
    "rate with nothing assessed": (mutate(CARE_ROWS, 1, collection_rate="0.0"), 3, "調定額が0"),
    "total amount": (mutate(HOUSING, 2, written_off="123457", outstanding=str(HOUSING[2].outstanding - 1)), 4,
                     "合計の written_off"),
    "total debtors": (mutate(HOUSING, 2, delinquent_debtors="42"), 4, "delinquent_debtors"),
    "as of outside the year": (mutate(HOUSING, 0, as_of="2027-06-01"), 2, "基準日"),
    "two dates in a file": ([*(r.as_record() for r in HOUSING), *(r.as_record() for r in rows_of("JUTAKU01", "住宅課", [
        (GENERAL, "諸収入", "住宅使用料延滞金", "private", (100, 0, 0, 0, 1), (0, 0, 0, 0, 0), None)],
        as_of=date(2026, 9, 29)))], 5, "as_of"),
    "category order": ([HOUSING[1].as_record(), HOUSING[0].as_record(), HOUSING[2].as_record()], 2, "順序"),
    "missing total": ([r.as_record() for r in HOUSING[:2]], 3, "total の行がありません"),
    "duplicate row": ([HOUSING[0].as_record(), *(r.as_record() for r in HOUSING)], 3, "重複"),
    "duplicate claim type": ([*(r.as_record() for r in HOUSING), *(r.as_record() for r in HOUSING)], 5, "重複"),
    "claim type order": ([*(r.as_record() for r in CARE_ROWS[3:]), *(r.as_record() for r in CARE_ROWS[:3])], 5, "位置"),
    "short row": ([list(HOUSING[0].as_record().values())[:-1]], 2, "列の数"),
    "blank line": ([*(r.as_record() for r in HOUSING), [""]], 5, "空の行"),
    "target out of range": (mutate(HOUSING, 2, target_rate="101.0"), 4, "target_rate"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_each_kind_of_bad_row_is_reported_with_its_line(kind):
    records, line, says = BAD_FILES[kind]
    files, problems = validate([("good.csv", csv_bytes(NHI_ROWS)), ("bad.csv", csv_bytes(records))])
    assert files == []
    assert problems, kind
    first = problems[0]
    assert (first.file, first.line) == ("bad.csv", line), [str(p) for p in problems]
    assert says in first.reason, str(first)
    assert str(first).startswith(f"bad.csv:{line}: ")


@pytest.mark.parametrize("data, line, says", [
    (b"", 1, "空"),
    (csv_bytes([]), 1, "見出しの行だけ"),
    (b"PK\x03\x04rest-of-a-zip", 1, "Excelブック"),
    # neither UTF-8 nor cp932 (Excel's Shift_JIS): a lead byte without its trail byte
    (csv_bytes(HOUSING, bom=False).replace("区営住宅使用料".encode(), b"\x81 "), 2, "Shift_JIS"),
    (csv_bytes(HOUSING, header=[c for c in reversed(COLUMNS)]), 1, "順序"),
    (csv_bytes(HOUSING, header=["様式", *COLUMNS[1:]]), 1, "日本語"),
    (csv_bytes(HOUSING, header=[*COLUMNS[:-1], "memo"]), 1, "target_rate"),
])
def test_bad_files_are_reported_at_their_line(data, line, says):
    parsed, problems = read_summary("x.csv", data)
    assert parsed is None
    assert (problems[0].line, says in problems[0].reason) == (line, True), str(problems[0])


def test_every_problem_of_every_file_is_reported_at_once():
    bad1 = csv_bytes(mutate(HOUSING, 0, outstanding="1", collection_rate="1.0"))
    bad2 = csv_bytes(mutate(NHI_ROWS, 1, assessed="x"))
    _, problems = validate([("a.csv", bad1), ("b.csv", bad2), ("c.csv", csv_bytes(CARE_ROWS))])
    # a.csv's wrong outstanding also makes its total row disagree with its parts
    assert [(p.file, p.line) for p in problems] == [("a.csv", 2), ("a.csv", 2), ("a.csv", 4), ("b.csv", 3)]


def test_files_of_one_year_must_share_their_date():
    other = [replace(r, as_of=date(2026, 6, 30)) for r in CARE_ROWS]
    _, problems = validate([*SOURCES[:2], ("kaigo.csv", csv_bytes(other))])
    (p,) = problems
    assert (p.file, p.line) == ("kaigo.csv", 2)
    assert "2026-06-30" in p.reason and "jutaku.csv" in p.reason and "2026-09-30" in p.reason


def test_a_department_may_appear_once_per_year():
    _, problems = validate([*SOURCES, ("jutaku-again.csv", csv_bytes(HOUSING))])
    (p,) = problems
    assert (p.file, p.line) == ("jutaku-again.csv", 2) and "JUTAKU01" in p.reason and "jutaku.csv" in p.reason


def test_at_most_two_fiscal_years():
    def year(fy):
        return csv_bytes(rows_of("JUTAKU01", "住宅課", [
            (GENERAL, "使用料及手数料", "区営住宅使用料", "private", (1000, 400, 0, 0, 1), (0, 0, 0, 0, 0), None),
        ], fy=fy, as_of=date(fy + 1, 5, 31)))
    _, problems = validate([("2023.csv", year(2023)), ("2024.csv", year(2024)), ("2025.csv", year(2025))])
    (p,) = problems
    assert p.file == "2023.csv" and "2つまで" in p.reason and "令和5年度" in p.reason


def saved_by_excel(data: bytes) -> bytes:
    """What Excel on Japanese Windows writes when a clerk opens the file and saves it as CSV."""
    import re

    text = data.decode("utf-8-sig")
    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", lambda m: f"{m[1]}/{int(m[2])}/{int(m[3])}", text)
    text = re.sub(r"(?<=,)(\d+)\.0(?=,|\r\n)", r"\1", text)  # 57.0 → 57, 0.0 → 0
    return text.encode("cp932")


def test_a_file_saved_again_by_excel_merges_to_the_same_result():
    originals = [("jutaku.csv", csv_bytes(HOUSING)), ("hoken.csv", csv_bytes(NHI_ROWS)),
                 ("kaigo.csv", csv_bytes(CARE_ROWS))]
    excel = [(name, saved_by_excel(data)) for name, data in originals]
    assert b"2026/9/30" in excel[0][1] and not excel[0][1].startswith(b"\xef\xbb\xbf")
    assert b",0,0,0,0,0,,0," in excel[0][1] or b",0," in excel[0][1]
    files, problems = validate(originals)
    excel_files, excel_problems = validate(excel)
    assert problems == excel_problems == []
    assert [f.rows for f in excel_files] == [f.rows for f in files]
    assert level_rows(merge(excel_files)) == level_rows(merge(files))


def test_a_file_saved_by_excel_is_still_checked_figure_by_figure():
    bad = saved_by_excel(csv_bytes(mutate(HOUSING, 0, outstanding="1")))
    _, problems = validate([("jutaku.csv", bad)])
    assert problems and (problems[0].line, "収入未済額" in problems[0].reason) == (2, True)
    rate = saved_by_excel(csv_bytes(mutate(HOUSING, 0, collection_rate="97.0")))
    _, problems = validate([("jutaku.csv", rate)])
    assert "収納率" in problems[0].reason and "97" in problems[0].reason


def test_ward_tables_follow_the_budget_order_not_character_order():
    agg = merge(validate(SOURCES)[0])
    default = [r.cells[0] for r in outstanding_by_account(agg).rows]
    assert default[0] == GENERAL and default[-1] == "合計"
    ordered = merge(validate(SOURCES)[0], (GENERAL, NHI, CARE))
    assert [r.cells[0] for r in outstanding_by_account(ordered).rows] == [GENERAL, NHI, CARE, "合計"]
    by_type = [r.cells[0] for r in outstanding_by_claim_type(ordered).rows if r.style == "subtotal"]
    assert by_type == [f"{GENERAL} 計", f"{NHI} 計", f"{CARE} 計"]
    reverse = merge(validate(SOURCES)[0], (CARE, NHI))
    assert [r.cells[0] for r in outstanding_by_account(reverse).rows] == [CARE, NHI, GENERAL, "合計"]
