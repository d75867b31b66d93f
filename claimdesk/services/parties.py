"""Liable parties: guarantors (連帯保証人) and heirs (相続人) added, ended or replaced.

Each is liable for the claim's one balance beside the debtor (joint liability: an heir
here answers for the whole balance, as a 連帯保証人 does; where heirs split a debt by
statutory shares the clerk records each heir on the claims or sums they took over, and
writes the share in 続柄・備考). A guarantor's contacts never move the debtor's limitation
clock (民法458条・441条); an heir stands in the debtor's place (contacts.BINDS_DEBTOR).

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
from ..domain.errors import InvalidValue, Refusal
from ..storage.ledger import Ledger
from .casework_view import LiableParty, liable_parties
from .clock import today as clock_today
from .contact_log import _claims, add_liable_party, log_contact

ROLES = {"guarantor": "連帯保証人", "heir": "相続人"}


def _party(ledger: Ledger, party_id: int) -> LiableParty:
    row = ledger.parties.claim_of(party_id)
    if row is None:
        raise InvalidValue(f"保証人・相続人 {party_id} は台帳にありません", "party_id")
    return next(p for p in liable_parties(ledger, row) if p.party_id == party_id)


def _check_day(on: date, today: date) -> None:
    if on > today:
        raise Refusal("on", "date_after_today", on=on)


def add_party(ledger: Ledger, claim_ids: str | Sequence[str], person: Guarantor, role: str = "guarantor", *,
              on: date | None = None, today: date | None = None) -> list[int]:
    """Make `person` liable for each of the claims (one debtor's) from `on`; their ids, per claim."""
    if role not in ROLES:
        raise InvalidValue("種別は guarantor（連帯保証人）か heir（相続人）です", "role")
    today = today or clock_today()
    on = on or today
    _check_day(on, today)
    claims = _claims(ledger, claim_ids)
    with ledger.atomic():
        ids = [add_liable_party(ledger, c.claim_id, person, role) for c in claims]
        log_contact(ledger, [c.claim_id for c in claims], Channel.INTERNAL,
                    f"{ROLES[role]} {person.name.strip()} を登録" + (f"（{person.relation.strip()}）"
                                                                  if person.relation.strip() else ""),
                    on=on, party=Party.NONE, today=today)
    return ids


def end_party(ledger: Ledger, party_id: int, on: date, reason: str, *, today: date | None = None,
              replaced_by: int | None = None) -> LiableParty:
    """From `on`, the party is liable no more (保証契約の解除, 相続放棄 …): letters stop going to them."""
    today = today or clock_today()
    party = _party(ledger, party_id)
    if not reason.strip():
        raise InvalidValue("終了の理由を入力してください", "reason")
    if party.ended_on is not None:
        raise InvalidValue(f"{party.name} は{party.ended_on.isoformat()}に終了を記録済みです", "party_id")
    _check_day(on, today)
    with ledger.atomic():
        ledger.parties.end_party(party_id, on, reason.strip(), replaced_by)
        log_contact(ledger, [party.claim_id], Channel.INTERNAL,
                    f"{party.role_label} {party.name} の責任終了: {reason.strip()}", on=on, party=Party.NONE,
                    today=today)
    return _party(ledger, party_id)


def replace_party(ledger: Ledger, party_id: int, person: Guarantor, on: date, reason: str, *,
                  today: date | None = None) -> int:
    """A new guarantor or heir in the place of `party_id` from `on`; returns the new party's id."""
    old = _party(ledger, party_id)
    if not person.name.strip():
        raise InvalidValue("新しい保証人・相続人の氏名を入力してください", "name")
    with ledger.atomic():
        (new_id,) = add_party(ledger, old.claim_id, replace(person, claim_id=old.claim_id), old.role,
                              on=on, today=today)
        end_party(ledger, party_id, on, f"{reason.strip()}（後任: {person.name.strip()}）" if reason.strip() else "",
                  today=today, replaced_by=new_id)
    return new_id
