"""Liable parties: guarantors (連帯保証人, 保証人) and heirs (相続人) added, ended or replaced.

A guarantor answers for the claim's balance beside the debtor. An heir stands in the
deceased debtor's place (contacts.BINDS_DEBTOR) for the share of the debt they took over:
a money debt divides among the heirs by their 法定相続分, which the clerk records (when
known) and the heir's letters state in yen (domain.liable). A guarantor's contacts never
move the debtor's limitation clock (民法458条・441条).

Nothing is changed in place: an end is a new row (storage.parties), a replacement is a new
party plus the old one's end naming it, and each is also written in the contact log, so
the claim's history tells who was liable when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..domain.claims import Guarantor
from ..domain.contacts import Channel, Party
from ..domain.enforcement import required
from ..domain.errors import REASONS, Refusal
from ..domain.liable import ROLE_LABELS, Share
from ..storage.ledger import Ledger
from .casework_view import LiableParty, liable_parties
from .clock import today as clock_today
from .contact_log import _claims, add_liable_party, log_contact
from .refusals import unknown_role

ROLES = ROLE_LABELS

REASONS.update({
    "party_unknown": "保証人・相続人 {party_id} は台帳にありません",
    "share_for_heirs_only": "法定相続分は相続人にだけ記録できます",
    "share_of_non_heir": "{name} は{role}です。法定相続分は相続人にだけ記録できます",
    "party_already_ended": "{name} は{ended_on}に終了を記録済みです",
    "heirs_required": "法定相続分を記録する相続人を選んでください",
})


def _party(ledger: Ledger, party_id: int) -> LiableParty:
    row = ledger.parties.claim_of(party_id)
    if row is None:
        raise Refusal("party_id", "party_unknown", party_id=party_id)
    return next(p for p in liable_parties(ledger, row) if p.party_id == party_id)


def _not_ended(party: LiableParty) -> None:
    if party.ended_on is not None:
        raise Refusal("party_id", "party_already_ended", name=party.name, ended_on=party.ended_on)


def _check_day(on: date, today: date) -> None:
    if on > today:
        raise Refusal("on", "date_after_today", on=on)


def add_party(ledger: Ledger, claim_ids: str | Sequence[str], person: Guarantor, role: str = "guarantor", *,
              on: date | None = None, today: date | None = None, share: Share | None = None) -> list[int]:
    """Make `person` liable for each of the claims (one debtor's) from `on`; their ids, per claim.

    `share`: an heir's 法定相続分, when known (refused for a guarantor)."""
    if role not in ROLES:
        raise unknown_role()
    if share is not None and role != "heir":
        raise Refusal("share", "share_for_heirs_only")
    today = today or clock_today()
    on = on or today
    _check_day(on, today)
    claims = _claims(ledger, claim_ids)
    with ledger.atomic():
        ids = [add_liable_party(ledger, c.claim_id, person, role) for c in claims]
        if share is not None:
            for party_id in ids:
                ledger.parties.add_share(party_id, share)
        extra = "、".join(x for x in (person.relation.strip(), f"法定相続分 {share.label}" if share else "") if x)
        log_contact(ledger, [c.claim_id for c in claims], Channel.INTERNAL,
                    f"{ROLES[role]} {person.name.strip()} を登録" + (f"（{extra}）" if extra else ""),
                    on=on, party=Party.NONE, today=today)
    return ids


def record_share(ledger: Ledger, party_ids: int | Sequence[int], share: Share, *, on: date | None = None,
                 today: date | None = None) -> list[LiableParty]:
    """Record (or correct) an heir's 法定相続分 on each of their claims; the earlier one stays in the history."""
    today = today or clock_today()
    on = on or today
    _check_day(on, today)
    parties = [_party(ledger, i) for i in ([party_ids] if isinstance(party_ids, int) else party_ids)]
    for party in parties:
        if party.role != "heir":
            raise Refusal("party_id", "share_of_non_heir", name=party.name, role=party.role_label)
        _not_ended(party)
    if not parties:
        raise Refusal("party_id", "heirs_required")
    before = f"（{parties[0].share.label} から訂正）" if parties[0].share else ""
    with ledger.atomic():
        for party in parties:
            ledger.parties.add_share(party.party_id, share)
        log_contact(ledger, list(dict.fromkeys(p.claim_id for p in parties)), Channel.INTERNAL,
                    f"相続人 {parties[0].name} の法定相続分を {share.label} と記録{before}", on=on,
                    party=Party.NONE, today=today)
    return [_party(ledger, p.party_id) for p in parties]


def end_party(ledger: Ledger, party_id: int, on: date, reason: str, *, today: date | None = None,
              replaced_by: int | None = None) -> LiableParty:
    """From `on`, the party is liable no more (保証契約の解除, 相続放棄 …): letters stop going to them."""
    today = today or clock_today()
    party = _party(ledger, party_id)
    required("reason", "終了の理由", reason)
    _not_ended(party)
    _check_day(on, today)
    with ledger.atomic():
        ledger.parties.end_party(party_id, on, reason.strip(), replaced_by)
        log_contact(ledger, [party.claim_id], Channel.INTERNAL,
                    f"{party.role_label} {party.name} の責任終了: {reason.strip()}", on=on, party=Party.NONE,
                    today=today)
    return _party(ledger, party_id)


def replace_party(ledger: Ledger, party_id: int, person: Guarantor, on: date, reason: str, *,
                  today: date | None = None, share: Share | None = None) -> int:
    """A new guarantor or heir in the place of `party_id` from `on`; returns the new party's id."""
    old = _party(ledger, party_id)
    required("name", "新しい保証人・相続人の氏名", person.name)
    with ledger.atomic():
        (new_id,) = add_party(ledger, old.claim_id, replace(person, claim_id=old.claim_id), old.role,
                              on=on, today=today, share=share)
        end_party(ledger, party_id, on, f"{reason.strip()}（後任: {person.name.strip()}）" if reason.strip() else "",
                  today=today, replaced_by=new_id)
    return new_id
