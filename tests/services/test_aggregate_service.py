"""The aggregator on files: three departments' exported summaries merged into xlsx, csv, pdf."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services.aggregate import AggregateFailed, aggregate_csv_text, aggregate_files, export_aggregate
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.summary_export import export_summary
from claimdesk.services.targets import set_targets
from claimdesk.storage.ledger import Ledger

AS_OF = date(2026, 9, 30)
DEPARTMENTS = (
    ("JUTAKU01", "住宅課", ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料"), 12_000, 5_000),
    ("HOKEN01", "保険年金課", ClaimType("国民健康保険料", LegalNature.ENFORCED_PUBLIC, "国民健康保険事業会計",
                                        "国民健康保険料"), 98_765, 43_211),
    ("GAKUMU01", "学務課", ClaimType("学校給食費", LegalNature.PRIVATE, "一般会計", "諸収入"), 4_500, 3_000),
)


@pytest.fixture
def files(tmp_path):
    """Each department's standard summary of FY2026, exported as the department would."""
    paths = []
    for code, name, claim_type, amount, paid in DEPARTMENTS:
        with Ledger.open(tmp_path / f"{code}.sqlite3") as led:
            set_department(led, code, name)
            add_claim_type(led, claim_type)
            add_debtor(led, Debtor("D1", "山田 太郎"))
            add_claim(led, Claim("C1", "D1", claim_type.name, 2026, date(2026, 4, 1), amount, date(2026, 4, 30)))
            record_event(led, "C1", EventKind.RECEIPT, date(2026, 5, 20), paid, method="窓口")
            if code == "JUTAKU01":
                set_targets(led, claim_type.name, 2026, {"current": "98.0"}, "前年度実績")
            export_summary(led, 2026, AS_OF, tmp_path / f"{code}.csv")
            paths.append(tmp_path / f"{code}.csv")
    return paths


def test_the_ward_sums_are_the_sums_of_the_files(files):
    agg = aggregate_files(files)
    records = list(csv.DictReader(io.StringIO(aggregate_csv_text(agg))))
    ward_total = next(r for r in records if r["level"] == "ward" and r["category"] == "total")
    assert ward_total["outstanding"] == str((12_000 - 5_000) + (98_765 - 43_211) + (4_500 - 3_000))
    assert ward_total["assessed"] == str(12_000 + 98_765 + 4_500)
    assert ward_total["collection_rate"] == "44.4"  # 51,211 / 115,265 = 44.43 %
    general = next(r for r in records if r["level"] == "account" and r["account"] == "一般会計" and r["category"] == "total")
    assert general["outstanding"] == "8500"
    housing = next(r for r in records if r["level"] == "department_claim_type" and r["department_code"] == "JUTAKU01"
                   and r["category"] == "current")
    assert (housing["target_rate"], housing["legal_nature"]) == ("98.0", "private")
    assert {r["level"] for r in records} == {"ward", "account", "budget_section", "claim_type", "department",
                                             "department_claim_type"}
    assert all(r["schema"] == "claimdesk-aggregate/1" for r in records)


def test_csv_output_is_utf8_with_bom_and_crlf(files, tmp_path):
    out = export_aggregate(files, tmp_path / "out" / "ward.csv")
    data = (tmp_path / "out" / "ward.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfschema,fiscal_year,as_of,level,") and b"\r\n" in data
    assert len(out.files) == 3


def test_xlsx_output_has_the_sources_and_each_table_in_yen_and_thousand_yen(files, tmp_path):
    export_aggregate(files, tmp_path / "ward.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "ward.xlsx")
    assert wb.sheetnames == ["集計元", "会計別（千円）", "会計別（円）", "債権名別（千円）", "債権名別（円）", "収納率 令和8年度"]
    yen = [list(r) for r in wb["会計別（円）"].iter_rows(min_row=4, values_only=True)]
    assert yen[:3] == [["一般会計", 8500], ["国民健康保険事業会計", 55554], ["合計", 64054]]
    thousand = [list(r) for r in wb["会計別（千円）"].iter_rows(min_row=4, max_row=6, values_only=True)]
    # 8,500円 → 9千円 and 55,554円 → 56千円 (half up); the total 64,054円 → 64千円, not 9 + 56.
    assert thousand == [["一般会計", 9], ["国民健康保険事業会計", 56], ["合計", 64]]
    sources = [r[:3] for r in wb["集計元"].iter_rows(min_row=5, values_only=True)]
    assert sources == [("GAKUMU01.csv", "GAKUMU01", "学務課"), ("HOKEN01.csv", "HOKEN01", "保険年金課"),
                       ("JUTAKU01.csv", "JUTAKU01", "住宅課")]
    assert {r[3:5] for r in wb["集計元"].iter_rows(min_row=5, values_only=True)} == {("令和8年度", "令和8年9月30日")}


def test_pdf_output_shows_the_tables(files, tmp_path):
    export_aggregate(files, tmp_path / "ward.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(str(tmp_path / "ward.pdf")).pages)
    for expected in ("各課集計", "会計別 収入未済額", "会計・款・債権名別 収入未済額", "所管課・債権名別 収納率",
                     "国民健康保険事業会計", "保険年金課", "64,054", "四捨五入", "参考 円単位の数値", "98.0"):
        assert expected in text, expected


def test_a_bad_file_writes_nothing_and_leaves_an_earlier_output_alone(files, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(files[0].read_bytes().replace(b",7000,", b",7001,"))
    out = tmp_path / "ward.xlsx"
    out.write_bytes(b"the earlier aggregate")
    with pytest.raises(AggregateFailed) as e:
        export_aggregate([*files[1:], bad, tmp_path / "missing.csv"], out)
    assert [str(p).split(": ")[0] for p in e.value.problems] == [f"{tmp_path / 'missing.csv'}:1", f"{bad}:2", f"{bad}:4"]
    assert out.read_bytes() == b"the earlier aggregate"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no half-written file


def test_a_wrong_suffix_is_refused_before_reading(files, tmp_path):
    from claimdesk.domain.errors import InvalidValue

    with pytest.raises(InvalidValue):
        export_aggregate(files, tmp_path / "ward.docx")
