"""Dialogs that enter things in the ledger: money events, reversals, debtors, claims.

Each dialog checks its fields as they are typed and keeps OK disabled while any is
invalid; that plumbing is in `base`. The dialogs are grouped by what they enter: money
on a claim (`money`), or a debtor or a claim itself (`parties`).
"""

from .base import EntryDialog
from .money import LEGAL_BASES, EventDialog, ReversalDialog
from .parties import ClaimDialog, DebtorDialog

__all__ = ["LEGAL_BASES", "ClaimDialog", "DebtorDialog", "EntryDialog", "EventDialog", "ReversalDialog"]
