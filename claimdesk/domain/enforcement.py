"""滞納処分 for 強制徴収公債権: 財産調査, 差押 and 執行停止 as records, checked when made.

Only a claim collected like a local tax (地方自治法231条の3第3項) may be enforced by the
municipality itself (自力執行): a 財産調査 or a 差押 on any other claim is refused.
Each record hangs on a contact-log entry (like promises and plans), so it concerns that
entry's claims, shows in the log, marks the procedure's step done, and goes when the
entry is retracted.

What they do in law (domain.md §4):
- 差押 suspends the completion of the limitation while its procedure runs and renews
  the period when it ends (民法148条); ended by 取消 for want of a legal requirement,
  it leaves only six months' suspension from its end (同条1項括弧書).
- 執行停止 stops collection; the limitation keeps running, and the duty to pay is
  extinguished when the suspension has lasted 3 years (地方税法15条の7第4項 / 国税徴収法
  153条4項), or at once where the suspension is for want of property and collection is
  clearly impossible (同第5項).
- 財産調査 has no effect on the limitation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from .claims import LegalNature
from .contacts import ContactEntry, Decision
from .errors import REASONS, Refusal
from .money import Yen
from .periods import period_end

REASONS.update({
    "no_self_enforcement": "{claim_id} は{nature}です。財産調査・差押え・執行停止は強制徴収公債権にだけできます",
    "enforcement_before_due": "{what}の日付（{on}）が納期限（{due_date}）より前です",
    "seizure_ended_before": "差押えの終了日（{ended_on}）が差押えの日（{seized_on}）より前です",
    "seizure_already_ended": "この差押えは{ended_on}に終了として記録済みです",
    "answer_before_asked": "回答日（{answered_on}）が照会日（{asked_on}）より前です",
    "inquiry_already_answered": "この照会の回答は{answered_on}に記録済みです",
    "immediate_needs_no_property": "即時消滅（第5項）は、滞納処分をすることができる財産がない場合（第1号）にだけできます",
    "amount_not_positive": "金額は1円以上で入力してください",
    "suspension_already_cancelled": "この執行停止は{cancelled_on}に取り消されています",
    "cancelled_before_suspended": "取消日（{cancelled_on}）が停止日（{suspended_on}）より前です",
    "suspension_already_extinguished": "この執行停止により債権は{gone}に消滅しています（取り消せません）",
})


def check_self_enforcement(claim_id: str, nature: LegalNature) -> None:
    """Refuse 財産調査・差押・執行停止 on a claim that may not be enforced by the municipality."""
    if nature is not LegalNature.ENFORCED_PUBLIC:
        raise Refusal("claim_id", "no_self_enforcement", claim_id=claim_id, nature=nature.label)


def required(field: str, label: str, text: str) -> str:
    """The text stripped, or a refusal naming the field."""
    text = (text or "").strip()
    if not text:
        raise Refusal(field, "text_required", label=label)
    return text


class SuspensionLaw(str, Enum):
    """Which law's 執行停止 applies: 地方税の例 or 国税徴収の例 (e.g. 生活保護法78条徴収金)."""

    LOCAL_TAX = "local_tax"
    NATIONAL_TAX = "national_tax"

    @property
    def label(self) -> str:
        return {"local_tax": "地方税法15条の7", "national_tax": "国税徴収法153条"}[self.value]


class SuspensionGround(str, Enum):
    """The grounds of 地方税法15条の7第1項 (国税徴収法153条1項 alike)."""

    NO_PROPERTY = "no_property"  # 1号
    HARDSHIP = "hardship"  # 2号
    UNKNOWN = "unknown"  # 3号

    @property
    def label(self) -> str:
        return {"no_property": "第1号 滞納処分をすることができる財産がない",
                "hardship": "第2号 滞納処分により生活を著しく窮迫させるおそれがある",
                "unknown": "第3号 所在及び滞納処分をすることができる財産がともに不明"}[self.value]


class SeizureEnd(str, Enum):
    """How a 差押 ended: its procedure finished (取立て・配当・解除), or it was void (取消)."""

    ENDED = "ended"
    VOID = "void"

    @property
    def label(self) -> str:
        return {"ended": "終了（取立て・配当・解除）", "void": "取消（法律の規定に従わないことによる）"}[self.value]


@dataclass(frozen=True)
class AssetInquiry:
    """財産調査: what was asked, of whom, when, and the answer once it came."""

    claim_ids: tuple[str, ...]
    asked_on: date
    asked_of: str  # 照会先: a bank, an employer, the pension office …
    subject: str  # 照会事項: 預貯金, 給与, 不動産 …
    answered_on: date | None = None
    answer: str = ""
    inquiry_id: int | None = None
    entry_id: int | None = None


@dataclass(frozen=True)
class Seizure:
    """差押: what was seized, when, for how much; its end once recorded."""

    claim_ids: tuple[str, ...]
    seized_on: date
    property: str  # 差押財産: 〇〇銀行普通預金 …
    amount: Yen  # the amount seized (or the property's estimated value)
    ended_on: date | None = None
    end: SeizureEnd | None = None
    end_note: str = ""
    seizure_id: int | None = None
    entry_id: int | None = None

    def running_on(self, day: date) -> bool:
        """Whether the seizure's procedure was under way on `day`."""
        return self.seized_on <= day and (self.ended_on is None or self.ended_on > day)


@dataclass(frozen=True)
class Suspension:
    """執行停止: its law, ground, and whether the claim is extinguished at once."""

    claim_ids: tuple[str, ...]
    suspended_on: date
    law: SuspensionLaw
    ground: SuspensionGround
    immediate: bool = False
    suspension_id: int | None = None
    entry_id: int | None = None
    cancelled_on: date | None = None  # 執行停止の取消 (地方税法15条の8), if recorded
    cancel_entry_id: int | None = None  # the entry the cancellation was made in
    cancellations: tuple[tuple[date, int], ...] = ()  # every one recorded: (day, entry id)

    @property
    def law_text(self) -> str:
        """'地方税法15条の7第1項第1号' and, when immediate, its 5th paragraph."""
        ground = self.ground.label.split(" ")[0]
        text = f"{self.law.label}第1項{ground}"
        return text + "・第5項（即時消滅）" if self.immediate else text

    def extinguishes_on(self, years: int = 3) -> date | None:
        """The day the claim is extinguished: at once, or the day after `years` of suspension;
        None when the suspension was cancelled before that day (地方税法15条の8)."""
        day = self.suspended_on if self.immediate else period_end(self.suspended_on, years=years) + timedelta(days=1)
        if self.cancelled_on is not None and self.cancelled_on < day:
            return None
        return day

    def reason(self, years: int = 3) -> str:
        """How the suspension extinguishes the claim, in words."""
        return "執行停止・即時消滅" if self.immediate else f"執行停止{years}年継続"


@dataclass(frozen=True)
class Referral:
    """A referral to 生活困窮者自立支援 ('self_reliance') or 法テラス ('legal_support')."""

    referral_id: int
    entry_id: int
    debtor_id: str
    claim_ids: tuple[str, ...]
    on: date
    referred_to: str

    @property
    def label(self) -> str:
        return {"self_reliance": "生活困窮者自立支援窓口", "legal_support": "法テラス"}[self.referred_to]


@dataclass(frozen=True)
class FollowUpDays:
    """When the worklist brings a 滞納処分 record back to the clerk, in days (settings worklist.*)."""

    answer_wait: int = 30  # a 財産調査 unanswered this long is chased
    seizure_check: int = 30  # a 差押 this old: has the money come in?
    suspension_notice: int = 90  # a 執行停止's 3 years end this soon: check the debtor's means


@dataclass(frozen=True)
class Enforcement:
    """A claim's 滞納処分 records (current ones: their log entries stand)."""

    inquiries: tuple[AssetInquiry, ...] = ()
    seizures: tuple[Seizure, ...] = ()
    suspensions: tuple[Suspension, ...] = ()

    def for_claim(self, claim_id: str, current_entries: set[int] | None = None) -> Enforcement:
        """The records of one claim whose entries are still current (when `current_entries` is given)."""
        def keep(r: AssetInquiry | Seizure | Suspension) -> bool:
            return claim_id in r.claim_ids and (current_entries is None or r.entry_id in current_entries)

        def standing(s: Suspension) -> Suspension:
            # A cancellation whose entry was retracted (or corrected away) no longer stands.
            if current_entries is None:
                return s
            on, entry = next(((d, e) for d, e in s.cancellations if e in current_entries), (None, None))
            return replace(s, cancelled_on=on, cancel_entry_id=entry)
        return Enforcement(tuple(filter(keep, self.inquiries)), tuple(filter(keep, self.seizures)),
                           tuple(standing(s) for s in filter(keep, self.suspensions)))

    def as_of(self, day: date) -> Enforcement:
        """The records as they stood on `day`: later ones left out, later ends and answers undone."""
        return Enforcement(
            tuple(i if i.answered_on is None or i.answered_on <= day else
                  AssetInquiry(i.claim_ids, i.asked_on, i.asked_of, i.subject, inquiry_id=i.inquiry_id,
                               entry_id=i.entry_id)
                  for i in self.inquiries if i.asked_on <= day),
            tuple(s if s.ended_on is None or s.ended_on <= day else
                  Seizure(s.claim_ids, s.seized_on, s.property, s.amount, seizure_id=s.seizure_id,
                          entry_id=s.entry_id)
                  for s in self.seizures if s.seized_on <= day),
            tuple(_cancelled_by(s, day) for s in self.suspensions if s.suspended_on <= day),
        )

    @property
    def suspension(self) -> Suspension | None:
        """The suspension in force (the latest not cancelled), if any."""
        return max((s for s in self.suspensions if s.cancelled_on is None),
                   key=lambda s: (s.suspended_on, s.suspension_id or 0), default=None)

    @property
    def entry_ids(self) -> set[int]:
        """The log entries the suspensions were decided in (their extinction is the records' to say)."""
        return {s.entry_id for s in self.suspensions if s.entry_id is not None}

    def __bool__(self) -> bool:
        return bool(self.inquiries or self.seizures or self.suspensions)


def _cancelled_by(s: Suspension, day: date) -> Suspension:
    """The suspension with only the cancellations recorded for a day on or before `day`."""
    kept = tuple(c for c in s.cancellations if c[0] <= day)
    first = kept[0] if kept else (None, None)
    return replace(s, cancellations=kept, cancelled_on=first[0], cancel_entry_id=first[1])


def check_seizure_end(seizure: Seizure, ended_on: date) -> None:
    """Refuse a second end, or an end before the seizure."""
    if seizure.ended_on is not None:
        raise Refusal("seizure_id", "seizure_already_ended", ended_on=seizure.ended_on)
    if ended_on < seizure.seized_on:
        raise Refusal("ended_on", "seizure_ended_before", ended_on=ended_on, seized_on=seizure.seized_on)


def check_answer(inquiry: AssetInquiry, answered_on: date) -> None:
    """Refuse a second answer, or an answer before the question."""
    if inquiry.answered_on is not None:
        raise Refusal("inquiry_id", "inquiry_already_answered", answered_on=inquiry.answered_on)
    if answered_on < inquiry.asked_on:
        raise Refusal("answered_on", "answer_before_asked", answered_on=answered_on, asked_on=inquiry.asked_on)


def check_cancellation(suspension: Suspension, cancelled_on: date, years: int = 3) -> None:
    """Refuse a second cancellation, one before the suspension, or one after the claim is gone."""
    if suspension.cancelled_on is not None:
        raise Refusal("suspension_id", "suspension_already_cancelled", cancelled_on=suspension.cancelled_on)
    if cancelled_on < suspension.suspended_on:
        raise Refusal("cancelled_on", "cancelled_before_suspended", cancelled_on=cancelled_on,
                      suspended_on=suspension.suspended_on)
    gone = suspension.extinguishes_on(years)
    if gone is not None and cancelled_on >= gone:
        raise Refusal("cancelled_on", "suspension_already_extinguished", gone=gone)


def check_suspension(ground: SuspensionGround, immediate: bool) -> None:
    """第5項 applies only where there is no property to seize (第1号)."""
    if immediate and ground is not SuspensionGround.NO_PROPERTY:
        raise Refusal("immediate", "immediate_needs_no_property")


def decided_only(entries: Iterable[ContactEntry], enforcement: Enforcement) -> list[ContactEntry]:
    """執行停止 recorded as a bare decision (決裁の記録), as ledgers did before the 滞納処分
    record existed: they still count as they did (3 years from the decision extinguish the
    claim) until the entry is retracted. Entries that carry a record are the record's."""
    recorded = enforcement.entry_ids
    return [e for e in entries if e.decision is Decision.ENFORCEMENT_SUSPENSION and e.entry_id not in recorded]


def decided_extinguishes_on(decided_on: date, years: int = 3) -> date:
    """The day a suspension decided on `decided_on` extinguishes the claim: after `years` of it."""
    return period_end(decided_on, years=years) + timedelta(days=1)
