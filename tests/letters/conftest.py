"""Letters built by hand, without a ledger: the letters package only needs the data."""

from dataclasses import replace
from datetime import date

import pytest

from claimdesk.domain.claims import LegalNature
from claimdesk.domain.letters import LetterKind
from claimdesk.letters.model import ClaimLine, LetterData, Party, Sender
from claimdesk.letters.templates import load_forms

SENDER = Sender("みどり区", "みどり区長　緑川　一郎", "区民生活部 債権管理課",
                "〒154-8504 みどり区中央4-21-27", "電話 03-5432-0000", "同封の納付書で納付してください。",
                "みどり区長", "みどり区", "みどり区長")
DEBTOR = Party("山田 太郎", "1540005", "東京都世田谷区三宿3-6-1 区営三宿住宅2号棟503号室", reference="D000001")


def letter(kind=LetterKind.DEMAND, template="demand_public", nature=LegalNature.PUBLIC, claims=None, **changes):
    """A letter to 山田 太郎 about two claims, issued 令和8年11月30日."""
    claims = claims or (
        ClaimLine("SE2025-000001", "生活保護費返還金", "返還金 令和7年度分", 2025, date(2025, 10, 31), 12_000, 0),
        ClaimLine("SE2026-000002", "生活保護費返還金", "返還金 令和8年度分", 2026, date(2026, 6, 30), 34_500, 1_200),
    )
    data = LetterData(template, kind, nature, DEBTOR, DEBTOR, tuple(claims), date(2026, 11, 30),
                      date(2026, 12, 10), SENDER)
    return replace(data, **changes)


@pytest.fixture
def make_letter():
    """`letter(...)`, for tests that build variations."""
    return letter


@pytest.fixture(scope="session")
def forms():
    return load_forms()
