"""The 個票's words and expected amounts: entered with the targets, printed on the PDF and xlsx."""

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.services.department import set_department
from claimdesk.services.entries import add_claim, add_claim_type, add_debtor, record_event
from claimdesk.services.sheets import claim_type_sheets, export_sheets
from claimdesk.services.targets import set_sheet_notes, set_targets, sheet_notes_of
from claimdesk.storage.ledger import Ledger

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
AS_OF = date(2026, 9, 30)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "l.sqlite3"
    with Ledger.open(path, operator="佐藤") as led:
        set_department(led, "JUTAKU", "住宅課")
        add_claim_type(led, RENT)
        add_debtor(led, Debtor("D1", "山田 太郎"))
        add_claim(led, Claim("A", "D1", RENT.name, 2025, date(2025, 6, 1), 12000, date(2025, 6, 30)))
        add_claim(led, Claim("B", "D1", RENT.name, 2026, date(2026, 9, 1), 8000, date(2026, 10, 31)))
        record_event(led, "A", EventKind.RECEIPT, date(2026, 7, 1), 4000, method="窓口", today=AS_OF)
        set_targets(led, RENT.name, 2026, {"total": "60.0"}, "過去3年の平均", "夜間の電話催告")
    return path


def test_notes_are_appended_and_the_newest_is_in_force(db):
    with Ledger.open(db, operator="佐藤") as led:
        set_sheet_notes(led, RENT.name, 2026, explanation_current="口座振替が増え現年分は改善",
                        expected_collected={"total": 1_234_567})
        set_sheet_notes(led, RENT.name, 2026, explanation_current="口座振替が増え現年分は改善した",
                        explanation_carried="高額滞納者3名が分納中", review="夜間催告で接触率が上がった",
                        expected_collected={"current": 9_800_000, "total": 10_500_000},
                        expected_outstanding={"total": 700_000})
        notes = sheet_notes_of(led, 2026)[RENT.name]
        assert notes.explanation_current.endswith("改善した") and notes.expected_collected == {
            "current": 9_800_000, "total": 10_500_000}
        assert notes.entered_by == "佐藤"
        with pytest.raises(InvalidValue) as e:
            set_sheet_notes(led, RENT.name, 2026, expected_outstanding={"total": -1})
        assert e.value.field == "expected_outstanding_total"
        assert sheet_notes_of(led, 2025) == {}


def test_the_sheet_prints_the_words_the_amounts_and_the_classes(db, tmp_path):
    with Ledger.open(db) as led:
        set_sheet_notes(led, RENT.name, 2026, explanation_current="口座振替が増え現年分は改善した",
                        explanation_carried="高額滞納者3名が分納中", review="夜間催告で接触率が上がった",
                        expected_collected={"total": 10_500_000}, expected_outstanding={"total": 700_400})
        (sheet,) = claim_type_sheets(led, 2026, AS_OF)
        assert [(c.case_class.label, c.claims, c.balance) for c in sheet.classes if c.claims] == [("回収", 2, 16000)]
        export_sheets(led, 2026, AS_OF, tmp_path / "個票.pdf")
        export_sheets(led, 2026, AS_OF, tmp_path / "個票.xlsx")
    pages = PdfReader(str(tmp_path / "個票.pdf")).pages
    text = "".join(p.extract_text() for p in pages)
    for expected in ("収納状況に関する説明", "口座振替が増え現年分は改善した", "高額滞納者3名が分納中",
                     "滞納整理に関する取組みの検証", "夜間催告で接触率が上がった", "見込み収入額", "10,500", "700",
                     "案件の区分", "回収"):
        assert expected in text, expected
    book = openpyxl.load_workbook(tmp_path / "個票.xlsx")
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    for expected in ("4　収納状況に関する説明", "口座振替が増え現年分は改善した", "夜間催告で接触率が上がった",
                     "見込み収入額（千円）", 10500, 700, "回収"):
        assert expected in cells, expected


def test_the_targets_command_sets_the_words_and_amounts(db, capsys):
    assert main(["targets", "--db", str(db), "--fiscal-year", "R8", "--claim-type", RENT.name,
                 "--status-current", "改善した", "--expected-collected-total", "10,500,000円"]) == 0
    assert main(["targets", "--db", str(db), "--fiscal-year", "R8", "--claim-type", RENT.name,
                 "--review", "効果あり"]) == 0
    assert "個票の記述を記録しました" in capsys.readouterr().out
    with Ledger.open(db) as led:
        notes = sheet_notes_of(led, 2026)[RENT.name]
        assert (notes.explanation_current, notes.review, notes.expected_collected) == (
            "改善した", "効果あり", {"total": 10_500_000})
        assert str(led.targets.in_force(2026)[0].rate) == "60.0"  # the rates were left alone
    assert main(["targets", "--db", str(db), "--fiscal-year", "R8", "--claim-type", RENT.name,
                 "--expected-outstanding-total", "たくさん"]) == 2
