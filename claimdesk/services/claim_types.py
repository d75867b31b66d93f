"""The department's claim types (債権名) with their legal kind and budget classification."""

from __future__ import annotations

from ..domain.claims import ClaimType
from ..storage.ledger import Ledger


def claim_types(ledger: Ledger) -> list[ClaimType]:
    """All claim types, in the order of (会計, 款, 債権名)."""
    return ledger.claim_types()


def claim_type_names(ledger: Ledger) -> list[str]:
    return [ct.name for ct in ledger.claim_types()]
