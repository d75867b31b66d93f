"""The reconciliation report read back: PDF text and the xlsx cells, taken and refused files."""

from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from claimdesk.cli import main
from claimdesk.domain.errors import InvalidValue
from claimdesk.services.receipt_report import save_reconciliation
from claimdesk.services.receipts import ReceiptsRefused, take_receipt_files
from claimdesk.storage.ledger import Ledger
from tests.receipt_builders import Line, zengin_file


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages).replace("\n", "")


def test_the_report_of_a_taken_file_reads_back(debits, tmp_path):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("1001", 12000), Line("1002", 8500, "1")])
    with Ledger.open(debits) as ledger:
        taken = take_receipt_files(ledger, [f])
        save_reconciliation(ledger, taken, tmp_path / "r.pdf")
        save_reconciliation(ledger, taken, tmp_path / "r.xlsx")
    text = pdf_text(tmp_path / "r.pdf")
    for part in ("収納データ照合結果", "kekka.txt", "口座振替結果（全銀）", "取込済み（取込み番号 1）", "12,000円",
                 "振替不能", "資金不足", "鈴木 花子", "C3"):
        assert part in text, part
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    summary = book["集計"]
    assert [c.value for c in summary[5]][:8] == ["kekka.txt", "口座振替結果（全銀）", "2026-06-27",
                                                   "取込済み（取込み番号 1）", 1, 12000, 1, 8500]
    rows = [[c.value for c in row] for row in book["明細"].iter_rows(min_row=2)]
    assert rows == [["kekka.txt", 2, "収納", "1001", "D1 山田 太郎", "C1", "2026-06-27", 12000, None],
                    ["kekka.txt", 3, "振替不能", "1002", "D2 鈴木 花子", "C3", "2026-06-27", 8500, "資金不足"]]


def test_a_refused_file_is_reported_with_its_reasons(debits, tmp_path, capsys):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("4444", 100)])
    assert main(["receipts", "--db", str(debits), str(f), "--report", str(tmp_path / "r.pdf")]) == 2
    text = pdf_text(tmp_path / "r.pdf")
    assert "取込み中止" in text and "4444で口座振替を登録した債務者がいません" in text
    with Ledger.open(debits) as ledger:
        with pytest.raises(ReceiptsRefused):
            take_receipt_files(ledger, [f])
        with pytest.raises(InvalidValue, match="report: 照合結果の出力先は .pdf か .xlsx です"):
            save_reconciliation(ledger, [], tmp_path / "r.csv")
