"""No export leaves the office with personal data: every output scanned for every debtor.

The standard summary, the 個票 and the aggregate are sent to the finance department and
printed in the plan; none may carry a name, kana, address, phone number, or a debtor or
claim id (docs/exchange-format.md §1). Checked on the demo ledger, whose debtors are many and
varied (persons, corporations, guarantors).
"""

import re
import zipfile
from datetime import date

import pytest
from plain_sql import plain
from pypdf import PdfReader

from claimdesk.services.aggregate import export_aggregate
from claimdesk.services.demo import fill_demo
from claimdesk.services.sheets import export_sheets
from claimdesk.services.summary_export import export_summary
from claimdesk.services.targets import set_targets
from claimdesk.storage.ledger import Ledger

TODAY = date(2026, 9, 30)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every kind of export of the small demo ledger, and the personal data in it."""
    folder = tmp_path_factory.mktemp("exports")
    with Ledger.open(folder / "demo.sqlite3") as ledger:
        fill_demo(ledger, "small", today=TODAY)
        set_targets(ledger, "区営住宅使用料", 2026, {"total": "90.0"}, "過去3年間の平均収納率", "口座振替の勧奨")
        personal = _personal(ledger)
        files = [folder / name for name in ("summary.csv", "summary.xlsx", "sheets.pdf", "sheets.xlsx")]
        for path in files[:2]:
            export_summary(ledger, 2026, TODAY, path)
        for path in files[2:]:
            export_sheets(ledger, 2026, TODAY, path)
        export_summary(ledger, 2025, date(2026, 5, 31), folder / "summary-2025.csv")
    for suffix in (".csv", ".xlsx", ".pdf"):
        out = folder / f"aggregate{suffix}"
        export_aggregate([folder / "summary.csv", folder / "summary-2025.csv"], out)
        files.append(out)
    return files, personal


def _personal(ledger) -> set[str]:
    values = set()
    queries = (
        "SELECT debtor_id, name, kana, address, phone, postal_code, workplace, representative FROM debtors",
        "SELECT claim_id, name, kana, address, phone, postal_code, '', '' FROM guarantors",
        "SELECT claim_id, debtor_id, '', '', '', '', '', '' FROM claims",
    )
    for sql in queries:
        for row in plain(ledger).execute(sql):
            values.update(v for v in row if v)
    return values


def _text(path) -> str:
    if path.suffix == ".pdf":
        reader = PdfReader(str(path))
        return "\n".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    if path.suffix == ".xlsx":  # every part of the book: cells, sheet names, charts, properties
        with zipfile.ZipFile(path) as book:
            return "\n".join(book.read(name).decode("utf-8") for name in book.namelist())
    return path.read_bytes().decode("utf-8-sig")


def test_the_demo_has_personal_data_to_look_for(outputs):
    _, personal = outputs
    assert len(personal) > 500
    assert any(v.startswith("D0") for v in personal) and any(re.fullmatch(r"\d{2,3}-\d{4}-\d{4}", v) for v in personal)


def test_no_export_contains_any_of_it(outputs):
    files, personal = outputs
    assert len(files) == 7
    for path in files:
        text = _text(path)
        squeezed = re.sub(r"\s+", "", text)
        assert "区営住宅使用料" in text, path  # the scan reads the text it should
        found = sorted(v for v in personal if v in text or re.sub(r"\s+", "", v) in squeezed)
        assert found == [], f"{path.name}: {found[:10]}"
