"""Refusals several services share: a number the ledger does not hold, an output of the wrong kind.

Each is a `Refusal` (field, code, data); the faces phrase it (docs/architecture.md). The
codes a single service raises are registered in that service's module.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import REASONS, Refusal

REASONS.update({
    "claim_unknown": "債権番号 {claim_id} は台帳にありません",
    "debtor_unknown": "債務者番号 {debtor_id} は台帳にありません",
    "event_unknown": "取引 {event_id} は台帳にありません",
    "output_suffix": "出力ファイルは {suffixes} にしてください（{name}）",
    "role_unknown": "種別は guarantor（連帯保証人）、surety（保証人）か heir（相続人）です",
})


def attributed(error: Refusal, field: str) -> Refusal:
    """The same refusal attributed to `field`, even if it already names another (code and data kept)."""
    return Refusal(field, error.code, **error.params)


def unknown_claim(claim_id: str, field: str = "claim_id") -> Refusal:
    """The ledger holds no claim `claim_id`."""
    return Refusal(field, "claim_unknown", claim_id=claim_id)


def unknown_debtor(debtor_id: str, field: str = "debtor_id") -> Refusal:
    """The ledger holds no debtor `debtor_id`."""
    return Refusal(field, "debtor_unknown", debtor_id=debtor_id)


def unknown_event(event_id: int) -> Refusal:
    """The ledger holds no event (取引) `event_id`."""
    return Refusal("event_id", "event_unknown", event_id=event_id)


def wrong_output(output: Path, suffixes: str, field: str = "output") -> Refusal:
    """`output` is not a file of the kinds `suffixes` names ('.pdf または .xlsx')."""
    return Refusal(field, "output_suffix", suffixes=suffixes, name=output.name)


def unknown_role() -> Refusal:
    """A liable party's role that is none of guarantor, surety, heir."""
    return Refusal("role", "role_unknown")
