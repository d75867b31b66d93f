"""What a write changed: which claims and debtors, and which kinds of data.

A page asks `changes.concerns(...)` and re-reads only then, instead of every page
recomputing after any edit (the worklist takes about 2 s on a large ledger).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """A kind of data a write may change."""

    MONEY = "money"  # receipts, reversals, amounts owed
    CASEWORK = "casework"  # contact log, steps, promises, plans, letters sent
    DEBTOR = "debtor"  # a debtor's name, address, contacts
    REGISTER = "register"  # claims or claim types added (an import, a new claim)
    TARGETS = "targets"  # target collection rates
    SETTINGS = "settings"  # the department and other ledger settings
    DAY = "day"  # the day the window works as of: everything dated is read again


class _All:
    """Every claim (or debtor): for writes that touch too many to name."""

    def __contains__(self, _item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "ALL"


ALL = _All()


@dataclass(frozen=True)
class Changes:
    """A write's change record: the claims and debtors it touched and the kinds of data."""

    kinds: frozenset[Kind]
    claims: frozenset[str] | _All = frozenset()
    debtors: frozenset[str] | _All = frozenset()

    @classmethod
    def of(cls, *kinds: Kind, claims: Iterable[str] | _All = (), debtors: Iterable[str] | _All = ()) -> Changes:
        """A record for `kinds` on the given claims and debtors (ALL for every one)."""
        return cls(frozenset(kinds), claims if isinstance(claims, _All) else frozenset(claims),
                   debtors if isinstance(debtors, _All) else frozenset(debtors))

    def concerns(self, *kinds: Kind, claims: Iterable[str] = (), debtor: str | None = None) -> bool:
        """True if a kind in `kinds` changed (DAY always counts), for one of `claims` or `debtor` if given."""
        if Kind.DAY in self.kinds:
            return True
        if not self.kinds.intersection(kinds):
            return False
        claims = list(claims)
        if not claims and debtor is None:
            return True  # a page about the whole ledger
        return any(c in self.claims for c in claims) or (debtor is not None and debtor in self.debtors)

    def __or__(self, other: Changes) -> Changes:
        def union(a, b):
            return ALL if isinstance(a, _All) or isinstance(b, _All) else a | b

        return Changes(self.kinds | other.kinds, union(self.claims, other.claims), union(self.debtors, other.debtors))


EVERYTHING = Changes(frozenset(Kind) - {Kind.DAY}, ALL, ALL)  # an import, or a write that cannot say
NEW_DAY = Changes(frozenset({Kind.DAY}), ALL, ALL)


def changes_of(written: object) -> Changes:
    """What a write changed, from what the service returned: the record it wrote.

    The window asks this instead of each dialog declaring its own; a result it does not
    know (or None) says EVERYTHING, so a page never misses a change.
    """
    # The records' modules load here, at the first write: the window imports this module
    # before its first paint (issue 13), and they are ~30 ms of imports it need not wait for.
    from ..domain.claims import Claim, Debtor, MoneyEvent
    from ..domain.contacts import ContactEntry
    from ..domain.direct_debit import DirectDebit
    from ..domain.enforcement import AssetInquiry, Referral, Seizure, Suspension
    from ..domain.instalments import Plan
    from ..domain.promises import Promise
    from ..domain.targets import SheetNotes

    if isinstance(written, MoneyEvent):
        return Changes.of(Kind.MONEY, claims=[written.claim_id])
    if isinstance(written, ContactEntry):
        # A decision (徴収停止, 不納欠損 …) may change what is owed as well as the casework.
        kinds = (Kind.CASEWORK, Kind.MONEY) if written.decision is not None else (Kind.CASEWORK,)
        return Changes.of(*kinds, claims=written.claim_ids)
    if isinstance(written, (Promise, Plan)):
        return Changes.of(Kind.CASEWORK, claims=written.claim_ids)
    if isinstance(written, Claim):
        return Changes.of(Kind.REGISTER, Kind.MONEY, claims=[written.claim_id], debtors=[written.debtor_id])
    if isinstance(written, (Debtor, DirectDebit)):  # a 口座振替 registration is the debtor's
        return Changes.of(Kind.DEBTOR, debtors=[written.debtor_id])
    if isinstance(written, (AssetInquiry, Seizure, Suspension, Referral)):
        # A 執行停止 (or its cancellation) decides whether the claim is extinguished, like a decision.
        kinds = (Kind.CASEWORK, Kind.MONEY) if isinstance(written, Suspension) else (Kind.CASEWORK,)
        return Changes.of(*kinds, claims=written.claim_ids)
    if isinstance(written, SheetNotes):
        return Changes.of(Kind.TARGETS)
    return EVERYTHING
