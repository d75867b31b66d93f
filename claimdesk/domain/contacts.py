"""The contact log (交渉記録): who was contacted, how, what was said, and what it does in law.

Entries are never changed. A correction is a new entry that points at the one it
replaces (`corrects`); a letter that came back undelivered is a new entry that points at
the letter (`returned_letter_of`). Each entry records the legal effect it has on the
limitation clock (a signed pledge is an acknowledgment, a 督促状 a demand …), chosen when
it is written, so that what the clerk saw then is what the ledger keeps.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any, Self

from .claims import LegalNature
from .errors import REASONS, Refusal
from .frozen import made_from_fields

REASONS.update({
    "not_a_choice": "「{text}」は選べません: {choices} のいずれか",
    "next_action_and_date": "次回の対応はその内容と予定日を両方入力してください",
    "next_action_before_entry": "次回の対応予定日が記録の日付より前です",
    "letter_kind_only_for_letters": "文書の種類は文書発送・文書受領の記録にだけ指定できます",
    "decision_needs_approval": "決裁を要する判断には決裁者・決裁日・根拠が必要です",
    "returned_letter_is_letter_in": "返戻の記録は文書受領として入力してください",
    "invocation_by_debtor_only": "時効の援用は債務者（相続人・代理人を含む）だけができます",
})


class _Labelled(str, Enum):
    """An enum stored by its English value and shown by its Japanese label."""

    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a value by its code or its Japanese label."""
        s = unicodedata.normalize("NFKC", str(text)).strip()
        for member in cls:
            if s in (member.value, unicodedata.normalize("NFKC", member.label)):
                return member
        choices = "、".join(m.label for m in cls if m.value)
        raise Refusal(None, "not_a_choice", text=text, choices=choices)


class Channel(_Labelled):
    """How the contact happened."""

    PHONE = "phone"
    VISIT = "visit"
    COUNTER = "counter"
    LETTER_OUT = "letter_out"
    LETTER_IN = "letter_in"
    EMAIL = "email"
    INTERNAL = "internal"  # a decision or a step done at the desk, with nobody contacted
    SMS = "sms"  # a text message to the debtor's mobile (the plan's SMS 催告)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"phone": "電話", "visit": "訪問", "counter": "窓口", "letter_out": "文書発送",
                "letter_in": "文書受領", "email": "メール", "internal": "庁内記録",
                "sms": "SMS"}


class Party(_Labelled):
    """With whom."""

    DEBTOR = "debtor"
    GUARANTOR = "guarantor"
    HEIR = "heir"
    FAMILY = "family"
    LAWYER = "lawyer"
    AGENT = "agent"
    OTHER = "other"
    NONE = "none"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"debtor": "債務者", "guarantor": "連帯保証人", "heir": "相続人", "family": "家族",
                "lawyer": "弁護士", "agent": "代理人", "other": "その他", "none": "なし"}


# Whose words and signatures bind the debtor: an heir stands in the debtor's place, a
# lawyer or agent acts for them. A guarantor's acknowledgment or a letter to a guarantor
# does not touch the debtor's limitation (民法458条・441条: relative effect).
BINDS_DEBTOR = frozenset({Party.DEBTOR, Party.HEIR, Party.LAWYER, Party.AGENT})


class LegalEffect(_Labelled):
    """What an entry does to the limitation clock (docs/domain.md §4)."""

    NONE = ""
    ACKNOWLEDGMENT = "acknowledgment"  # 承認: renewal
    DEMAND = "demand"  # 督促: renewal for public claims, a 催告 for private ones
    REMINDER = "reminder"  # 催告: six months' suspension, once
    NEGOTIATION = "negotiation"  # 協議を行う旨の合意: one year's suspension
    JUDGMENT = "judgment"  # 確定判決・確定した支払督促: renewal for 10 years
    INVOCATION = "invocation"  # 援用: a private claim is extinguished

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"": "なし", "acknowledgment": "債務承認（時効の更新）", "demand": "督促",
                "reminder": "催告（時効の完成猶予）", "negotiation": "協議を行う旨の合意",
                "judgment": "確定判決等（時効の更新）", "invocation": "時効の援用"}


class LetterKind(_Labelled):
    """The letters ClaimDesk prints (docs/domain.md §8)."""

    DEMAND = "demand"
    REMINDER = "reminder"
    FINAL_REMINDER = "final_reminder"
    INSTALMENT_PLEDGE = "instalment_pledge"
    ACKNOWLEDGMENT = "acknowledgment"
    GUARANTOR = "guarantor"
    CONSULTATION = "consultation"
    DIRECT_DEBIT = "direct_debit"  # 口座振替のご案内 (勧奨)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"demand": "督促状", "reminder": "催告書", "final_reminder": "最終催告書",
                "instalment_pledge": "債務承認及び分納誓約書", "acknowledgment": "債務承認書",
                "guarantor": "保証人への履行請求書", "consultation": "納付相談のご案内",
                "direct_debit": "口座振替のご案内"}


class Decision(_Labelled):
    """Decisions that need an approver (決裁者), a date and a basis."""

    DEFERMENT = "deferment"
    COLLECTION_SUSPENSION = "collection_suspension"
    ENFORCEMENT_SUSPENSION = "enforcement_suspension"
    LAWYER_REFERRAL = "lawyer_referral"
    COURT_ACTION = "court_action"
    EXEMPTION = "exemption"
    WAIVER = "waiver"
    WRITE_OFF = "write_off"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"deferment": "履行延期", "collection_suspension": "徴収停止",
                "enforcement_suspension": "執行停止", "lawyer_referral": "弁護士委任",
                "court_action": "訴訟・支払督促", "exemption": "免除", "waiver": "債権放棄",
                "write_off": "不納欠損"}


_ALL_DECISIONS = frozenset(Decision)
# 令171条の2〜7 (court action, suspension, deferment, exemption) exclude claims collected
# like tax; those have 執行停止 (地方税法15条の7) instead.
ALLOWED_DECISIONS = {
    LegalNature.ENFORCED_PUBLIC: frozenset({Decision.ENFORCEMENT_SUSPENSION, Decision.LAWYER_REFERRAL,
                                            Decision.WAIVER, Decision.WRITE_OFF}),
    LegalNature.PUBLIC: _ALL_DECISIONS - {Decision.ENFORCEMENT_SUSPENSION},
    LegalNature.PRIVATE: _ALL_DECISIONS - {Decision.ENFORCEMENT_SUSPENSION},
}


def default_effect(channel: Channel, letter: LetterKind | None, party: Party) -> LegalEffect:
    """The legal effect an entry has unless the clerk says otherwise."""
    if party not in BINDS_DEBTOR or letter is None:
        return LegalEffect.NONE
    if channel is Channel.LETTER_OUT:
        if letter is LetterKind.DEMAND:
            return LegalEffect.DEMAND
        if letter in (LetterKind.REMINDER, LetterKind.FINAL_REMINDER):
            return LegalEffect.REMINDER
    if channel is Channel.LETTER_IN and letter in (LetterKind.INSTALMENT_PLEDGE, LetterKind.ACKNOWLEDGMENT):
        return LegalEffect.ACKNOWLEDGMENT  # the signed form came back
    return LegalEffect.NONE


@dataclass(frozen=True)
class ContactEntry:
    """One entry of the contact log; `claim_ids` are the claims it concerns (one debtor's)."""

    debtor_id: str
    claim_ids: tuple[str, ...]
    on: date
    channel: Channel
    summary: str
    at: time | None = None
    party: Party = Party.DEBTOR
    party_name: str = ""
    liable_party_id: int | None = None  # the guarantor or heir (guarantors table)
    contact_person: str = ""  # who on our side spoke or wrote
    reason: str = ""  # 滞納理由
    household: str = ""  # 生活状況
    agreement: str = ""
    next_action: str = ""
    next_action_on: date | None = None
    legal_effect: LegalEffect = LegalEffect.NONE
    step_id: str = ""
    checklist: tuple[str, ...] = ()
    letter_kind: LetterKind | None = None
    document_hash: str = ""
    document_path: str = ""
    decision: Decision | None = None
    approver: str = ""
    approved_on: date | None = None
    basis: str = ""
    corrects: int | None = None
    retracted: bool = False
    correction_reason: str = ""
    returned_letter_of: int | None = None
    entry_id: int | None = None
    operator: str = ""
    entered_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.claim_ids:
            raise Refusal("claim_id", "claim_required")
        if not self.summary.strip():
            raise Refusal("summary", "text_required", label="内容（要旨）")
        if bool(self.next_action.strip()) != (self.next_action_on is not None):
            raise Refusal("next_action_on", "next_action_and_date")
        if self.next_action_on is not None and self.next_action_on < self.on:
            raise Refusal("next_action_on", "next_action_before_entry")
        if self.letter_kind is not None and self.channel not in (Channel.LETTER_OUT, Channel.LETTER_IN):
            raise Refusal("letter_kind", "letter_kind_only_for_letters")
        if self.decision is not None:
            for field, value in (("approver", self.approver), ("basis", self.basis)):
                if not value.strip():
                    raise Refusal(field, "decision_needs_approval")
            if self.approved_on is None:
                raise Refusal("approved_on", "decision_needs_approval")
        if self.corrects is not None and not self.correction_reason.strip():
            raise Refusal("correction_reason", "text_required", label="訂正・取消の理由")
        if self.returned_letter_of is not None and self.channel is not Channel.LETTER_IN:
            raise Refusal("channel", "returned_letter_is_letter_in")
        if self.legal_effect is LegalEffect.INVOCATION and self.party not in BINDS_DEBTOR:
            raise Refusal("party", "invocation_by_debtor_only")

    @classmethod
    def restore(cls, **fields: Any) -> ContactEntry:
        """An entry read back from the ledger, where it was checked when written.

        Skips the checks and the frozen dataclass's field-by-field setattr: the worklist
        reads tens of thousands of entries, and this is ten times faster. Every field
        must be given.
        """
        return cls.from_fields(fields)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> ContactEntry:
        """`restore` from a dict of every field the caller made (it becomes the entry's own)."""
        return made_from_fields(cls, fields)

    @property
    def when_text(self) -> str:
        return self.on.isoformat() + (f" {self.at:%H:%M}" if self.at else "")


@dataclass(frozen=True)
class LogView:
    """The log as it stands: current entries, and what replaced or returned which."""

    current: tuple[ContactEntry, ...]  # newest first, corrections applied, retractions dropped
    superseded_by: dict[int | None, int | None]  # entry id → id of the correction that replaced it
    returned: dict[int | None, ContactEntry]  # letter entry id → the entry recording its return

    def for_claim(self, claim_id: str) -> LogView:
        """The part of a debtor's log that concerns one claim."""
        return LogView(tuple(e for e in self.current if claim_id in e.claim_ids), self.superseded_by,
                       {k: v for k, v in self.returned.items() if claim_id in v.claim_ids})


def resolve_log(entries: Iterable[ContactEntry]) -> LogView:
    """Apply corrections: each entry is replaced by its latest correction; retracted ones go."""
    entries = list(entries)
    superseded_by: dict[int | None, int | None] = {
        e.corrects: e.entry_id for e in entries if e.corrects is not None}
    current = [e for e in entries if e.entry_id not in superseded_by and not e.retracted]
    current.sort(key=lambda e: (e.on, e.at or time(0), e.entry_id or 0), reverse=True)
    returned: dict[int | None, ContactEntry] = {}
    for e in current:
        if e.returned_letter_of is not None:
            letter: int | None = e.returned_letter_of
            while letter in superseded_by:  # the letter's entry was corrected since
                letter = superseded_by[letter]
            returned[letter] = e
    return LogView(tuple(current), superseded_by, returned)


def delivered(entry: ContactEntry, log: LogView) -> bool:
    """A letter that came back undelivered had no effect (to be served again, or publicly)."""
    return entry.entry_id not in log.returned
