"""Contact-log rows and the domain's objects: the columns read and written, and the
mapping both ways (storage/casework.py reads and writes through these).

The bulk reads of 本日の作業 and the case classes make tens of thousands of entries and
instalments; those are built from one dict each, not through the frozen dataclasses'
field-by-field __init__.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

from ..domain.contacts import Channel, ContactEntry, Decision, LegalEffect, LetterKind, Party
from ..domain.frozen import made_from_fields
from ..domain.instalments import Instalment
from ..domain.text import search_key

ENTRY_COLUMNS = (
    "debtor_id", "contact_date", "contact_time", "channel", "party", "party_name", "liable_party_id",
    "contact_person", "summary", "reason", "household", "agreement", "next_action", "next_action_on",
    "legal_effect", "step_id", "checklist", "letter_kind", "document_hash", "document_path",
    "decision", "approver", "approved_on", "basis", "corrects", "retracted", "correction_reason",
    "returned_letter_of", "search_key", "operator", "entered_at",
)
ENTRY_SELECT = (
    "SELECT e.id, e.debtor_id, e.contact_date, e.contact_time, e.channel, e.party, e.party_name,"
    " e.liable_party_id, e.contact_person, e.summary, e.reason, e.household, e.agreement,"
    " e.next_action, e.next_action_on, e.legal_effect, e.step_id, e.checklist, e.letter_kind,"
    " e.document_hash, e.document_path, e.decision, e.approver, e.approved_on, e.basis, e.corrects,"
    " e.retracted, e.returned_letter_of, e.operator, e.entered_at, e.correction_reason,"
    " (SELECT group_concat(claim_id, char(31)) FROM contact_entry_claims l WHERE l.entry_id = e.id)"
    " FROM contact_entries e"
)


# What the casework rules read of an entry (domain/case.py, case_class.py, worklist.py): the
# bulk reads of 本日の作業 and the case classes leave out the free texts (要旨, 生活状況 …),
# which were most of the time spent reading tens of thousands of entries.
RULE_COLUMNS = (
    "SELECT e.id, e.debtor_id, e.contact_date, e.contact_time, e.channel, e.party, e.liable_party_id,"
    " e.next_action, e.next_action_on, e.legal_effect, e.step_id, e.letter_kind, e.decision, e.approved_on,"
    " e.corrects, e.retracted, e.returned_letter_of, e.entered_at"
)
RULE_SELECT = (
    RULE_COLUMNS + ", (SELECT group_concat(claim_id, char(31)) FROM contact_entry_claims l WHERE l.entry_id = e.id)"
    " FROM contact_entries e"
)


def day_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


_CHANNELS = {m.value: m for m in Channel}
_PARTIES = {m.value: m for m in Party}
_EFFECTS = {m.value: m for m in LegalEffect}
_LETTERS = {m.value: m for m in LetterKind} | {"": None}
_DECISIONS = {m.value: m for m in Decision} | {"": None}


def entry_from_row(r) -> ContactEntry:
    """A contact entry from a row of ENTRY_SELECT (checked when it was written)."""
    return ContactEntry.restore(
        debtor_id=r[1], claim_ids=tuple(sorted((r[31] or "").split("\x1f"))), on=date.fromisoformat(r[2]),
        at=time.fromisoformat(r[3]) if r[3] else None, channel=_CHANNELS[r[4]], party=_PARTIES[r[5]],
        party_name=r[6], liable_party_id=r[7], contact_person=r[8], summary=r[9], reason=r[10],
        household=r[11], agreement=r[12], next_action=r[13], next_action_on=day_or_none(r[14]),
        legal_effect=_EFFECTS[r[15]], step_id=r[16], checklist=tuple(json.loads(r[17])) if r[17] else (),
        letter_kind=_LETTERS[r[18]], document_hash=r[19], document_path=r[20], decision=_DECISIONS[r[21]],
        approver=r[22], approved_on=day_or_none(r[23]), basis=r[24], corrects=r[25], retracted=bool(r[26]),
        correction_reason=r[30], returned_letter_of=r[27], entry_id=r[0], operator=r[28],
        entered_at=datetime.fromisoformat(r[29]),
    )


def names_one_of(claims: str, wanted: set[str]) -> bool:
    """Whether an entry's claims (as group_concat gives them) include one of `wanted`."""
    return claims in wanted or ("\x1f" in claims and not wanted.isdisjoint(claims.split("\x1f")))


def rule_entry_from_row(r) -> ContactEntry:
    """An entry from a row of RULE_SELECT: what the rules read, the free texts left empty.

    Its fields written out as one dict, not passed by keyword: the bulk reads make tens of
    thousands of entries, and this is a third faster.
    """
    fromiso = date.fromisoformat
    return ContactEntry.from_fields({
        "debtor_id": r[1], "claim_ids": tuple(sorted((r[18] or "").split("\x1f"))), "on": fromiso(r[2]),
        "channel": _CHANNELS[r[4]], "summary": "", "at": time.fromisoformat(r[3]) if r[3] else None,
        "party": _PARTIES[r[5]], "party_name": "", "liable_party_id": r[6], "contact_person": "", "reason": "",
        "household": "", "agreement": "", "next_action": r[7], "next_action_on": fromiso(r[8]) if r[8] else None,
        "legal_effect": _EFFECTS[r[9]], "step_id": r[10], "checklist": (), "letter_kind": _LETTERS[r[11]],
        "document_hash": "", "document_path": "", "decision": _DECISIONS[r[12]], "approver": "",
        "approved_on": fromiso(r[13]) if r[13] else None, "basis": "", "corrects": r[14], "retracted": bool(r[15]),
        "correction_reason": "", "returned_letter_of": r[16], "entry_id": r[0], "operator": "",
        "entered_at": datetime.fromisoformat(r[17]),
    })


def instalment_from_row(seq: int, due_on: date, amount: int) -> Instalment:
    """An instalment read back (checked when written), made without the frozen dataclass's
    field-by-field setattr: the worklist reads some 40,000 of them on the large demo."""
    return made_from_fields(Instalment, {"seq": seq, "due_on": due_on, "amount": amount})


def entry_values(e: ContactEntry, operator: str, entered_at: str) -> tuple:
    """The row of contact_entries for an entry (in the order of ENTRY_COLUMNS)."""
    key = search_key(e.summary, e.reason, e.household, e.agreement, e.next_action, e.party_name,
                     e.contact_person, e.basis, e.approver)
    return (
        e.debtor_id, e.on.isoformat(), e.at.strftime("%H:%M") if e.at else "", e.channel.value,
        e.party.value, e.party_name, e.liable_party_id, e.contact_person, e.summary, e.reason,
        e.household, e.agreement, e.next_action,
        e.next_action_on.isoformat() if e.next_action_on else None, e.legal_effect.value, e.step_id,
        json.dumps(list(e.checklist), ensure_ascii=False) if e.checklist else "",
        e.letter_kind.value if e.letter_kind else "", e.document_hash, e.document_path,
        e.decision.value if e.decision else "", e.approver,
        e.approved_on.isoformat() if e.approved_on else None, e.basis, e.corrects, int(e.retracted),
        e.correction_reason, e.returned_letter_of, key, operator, entered_at,
    )
