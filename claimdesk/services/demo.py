"""Demo ledgers: a plausible ward department with five fiscal years of claims and money.

`fill_demo` fills an empty ledger for trying ClaimDesk out, for training clerks and for
measuring speed ("large": 200,000 claims, about a million money events). Everything is
invented (names, addresses, phone numbers); the same seed and date give the same ledger.
Claims and money events carry source "demo", so they can always be told apart.

How the money behaves: each debtor has a paying habit (good, late, struggling, defaulting)
that decides, claim by claim, whether an instalment is paid on time, late, in pieces or
not at all. Around that come adjustments (調定増減), refunds of overpayments, cancelled
receipts (a direct debit that bounced, a mistyped amount), a clerk's choice of accounting
year now and then, and write-offs (不納欠損) of old claims of debtors who went bankrupt,
died or have nothing left, each with the legal ground its kind of claim allows.

Around the money, the casework a diligent but busy department would have logged: 督促状,
calls, 催告書, 納付相談, promises and 分納誓約 that the receipts bear out or belie, returned
letters, decisions with their approver (demo_casework.py, demo_arrangements.py). Contact
log entries have no source column: a demo ledger holds nothing else (fill_demo only fills
an empty one), and its entries carry the ledger's operator like the money.

The claims themselves are made kind by kind in demo_claims.py and generated debtor by
debtor in demo_builder.py, from the make-up in demo_profiles.py; names and places come
from demo_people.py, the clerks' words from demo_phrases.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..domain.errors import ClaimDeskError
from ..storage.ledger import Ledger
from .clock import today as clock_today
from .demo_builder import Builder
from .demo_casework import Casework
from .demo_profiles import TYPES
from .department import get_department, set_department

SIZES = {"small": 600, "large": 200_000}  # claims
# The share of debtors whose casework the demo logs. A large department logs the casework
# of the debtors it works on (some 25,000 entries, 5,000 promises, 3,000 plans on 200,000
# claims, issue 13), not a file for every claim in arrears: the benchmarks measure that scale.
CASEWORK_SHARE = {"small": 1.0, "large": 0.2}
DEPARTMENT = ("DEMO01", "区民生活部 債権管理課（デモ）")
# A demo department's letters name a fictitious ward, so they can be printed in training.
LETTER_SENDER = {"letter_municipality": "みどり区（デモ）", "letter_issuer": "みどり区長 緑川 一郎（デモ）",
                 "letter_contact": "電話 03-0000-0000（デモ・平日8時30分〜17時15分）"}


@dataclass(frozen=True)
class DemoResult:
    debtors: int
    claims: int
    events: int
    claim_types: int  # the demo's claim types (added, or found already in the ledger)
    contact_entries: int = 0  # the casework's history (demo_casework.py)


def fill_demo(
    ledger: Ledger,
    size: str = "small",
    *,
    seed: int = 2026,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Fill an empty ledger with a demo department's five fiscal years of claims."""
    if size not in SIZES:
        raise ClaimDeskError(f"デモの規模は {'、'.join(SIZES)} のいずれかです（{size}）")
    if ledger.claim_count():
        raise ClaimDeskError("この台帳にはすでに債権があります。デモデータは空の台帳にだけ作成できます")
    today = today or clock_today()
    builder = Builder(ledger, random.Random(seed), today, SIZES[size], progress)
    with ledger.atomic():
        if not get_department(ledger).code:
            set_department(ledger, *DEPARTMENT)
        for key, value in LETTER_SENDER.items():
            if not ledger.setting(key).strip():
                ledger.set_setting(key, value)
        for _, claim_type, *_ in TYPES:
            if ledger.claim_type(claim_type.name) is None:
                ledger.add_claim_type(claim_type)
        builder.casework = Casework(ledger, seed, today, share=CASEWORK_SHARE[size])
        builder.run()
    return DemoResult(builder.n_debtors, builder.n_claims, builder.n_events, len(TYPES),
                      builder.casework.n_entries)
