"""The limitation clock (時効, docs/domain.md §4): a claim's limitation date and what it rests on.

The date is derived from the claim's history every time — due date, part payments,
demands, reminders, signed pledges — never stored, so a late entry or a correction
moves it at once. Dates are the last day of the period: the claim is time-barred from
the next day. Every period is counted by `periods.period_end` (民法140条・143条).

Once a final judgment or a final 支払督促 has fixed the claim, its period is 10 years
(民法169条) and every later renewal starts 10 years again; no renewal ever brings the
date earlier than the one already running.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .claims import LegalNature
from .contacts import LegalEffect
from .enforcement import Seizure, SeizureEnd
from .instalments import Payment
from .limitation_record import (
    RENEWED,
    Limitation,
    LimitationFact,
    LimitationRules,
    LimitationState,
    PaymentRun,
    as_fact,
)
from .periods import period_end
from .text import Phrase

# The record's types are part of this module's interface (callers import them from here).
__all__ = ["Limitation", "LimitationFact", "LimitationRules", "LimitationState", "PaymentRun",
           "earliest_limitation_date", "limitation"]

_ORDER = {LegalEffect.JUDGMENT: 0, LegalEffect.ACKNOWLEDGMENT: 1, LegalEffect.DEMAND: 2,
          LegalEffect.NEGOTIATION: 3, LegalEffect.REMINDER: 4, LegalEffect.INVOCATION: 5}


class _Clock:
    """The limitation clock run forward fact by fact; texts are made once, at the end."""

    def __init__(self, public: bool, due_date: date, years: int, rules: LimitationRules):
        self.public, self.rules, self.years = public, rules, years
        self.trail: list[tuple[LimitationFact | PaymentRun, Phrase]] = []
        self.seizing: Seizure | None = None
        self.invoked_on: date | None = None
        self.demand_used = False
        self.due_date = due_date
        self.end = period_end(due_date, years=years)
        self.suspended_until: date | None = None
        self.renew(due_date, years, None)

    def renew(self, point: date, years: int, fact: LimitationFact | Payment | None) -> None:
        """A new period of `years` counted from the day after `point` (更新)."""
        # Nothing runs before the claim can be exercised: a payment ahead of the due
        # date renews nothing; the period still runs from the due date.
        if point <= self.due_date:
            point, fact = self.due_date, None
        # A renewal never brings the date earlier than the one already running (a judgment's
        # 10 years are not cut short by a later 5-year renewal, nor a suspension ended early).
        self.end = max(period_end(point, years=years), self.settled)
        self.renewed = (fact, point, years)
        self.suspended_until = None
        self.suspended_by: Phrase | None = None
        self.suspension_kind: LegalEffect | None = None
        self.reminder_used = False

    def pay(self, payments: list[Payment]) -> None:
        """Part payments in date order: each an acknowledgment (民法152条) that renews the period.

        The common case is kept cheap: while each payment falls less than 365 days a year
        after the one before, it is certainly inside the period that one renewed, so only
        the last of such a stretch needs the calendar.
        """
        i, n, inside = 0, len(payments), 365 * self.years
        while i < n:
            if payments[i].on > self.effective:
                self.apply(as_fact(payments[i]))  # after completion: the rules of apply()
                i += 1
                continue
            j = i
            while j + 1 < n and payments[j + 1].on.toordinal() - payments[j].on.toordinal() < inside:
                j += 1
            self.renew(payments[j].on, self.years, payments[j])
            self.trail.append((PaymentRun(payments[i], payments[j], j - i + 1), Phrase.of(RENEWED)))
            i = j + 1

    @property
    def rests_on(self) -> Phrase:
        fact, point, years = self.renewed
        fact = as_fact(fact) if fact is not None else None
        if fact is None:
            return Phrase.of("納期限 {point} の翌日から{years}年", point=point, years=years)
        if fact.effect is LegalEffect.NONE:  # the end of a 差押
            return Phrase.of("{label}の翌日から{years}年（更新）", label=fact.label, years=years)
        if fact.effect is LegalEffect.DEMAND:
            return Phrase.of("督促（{on}発付）により{point}の翌日から{years}年（更新）",
                             on=fact.on, point=point, years=years)
        kind = "確定判決等" if fact.effect is LegalEffect.JUDGMENT else "承認"
        return Phrase.of("{label}（{on}、{kind}）の翌日から{years}年（更新）",
                         label=fact.label, on=fact.on, kind=kind, years=years)

    @property
    def effective(self) -> date:
        if self.seizing is not None:  # nothing completes while a 差押 runs (民法148条1項)
            return date.max
        return self.settled

    @property
    def settled(self) -> date:
        """The date as it stands apart from a running 差押."""
        return max(self.end, self.suspended_until or self.end)

    def seize(self, s: Seizure) -> None:
        """A 差押 begins: completion is suspended until its procedure ends."""
        fact = LimitationFact(s.seized_on, LegalEffect.NONE, what=f"差押（{s.property}）")
        if s.seized_on > self.effective:
            return self.note(fact, "時効完成後の差押のため効果なし")
        self.seizing = s
        self.note(fact, "完成猶予（差押の手続が終わるまで、民法148条1項）")

    def seizure_ended(self, s: Seizure) -> None:
        """A 差押 ends: the period starts again, or (取消) six months' suspension are left."""
        if self.seizing is not s:
            return  # it began after completion: nothing to end
        self.seizing = None
        assert s.ended_on is not None and s.end is not None
        fact = LimitationFact(s.ended_on, LegalEffect.NONE, what=f"差押（{s.seized_on.isoformat()}）の終了")
        if s.end is SeizureEnd.VOID:
            until = period_end(s.ended_on, months=self.rules.reminder_months)
            if until > self.effective:
                self.suspended_until, self.suspension_kind = until, None
                self.suspended_by = Phrase.of("差押の取消（{on}）により{until}まで完成猶予", on=s.ended_on, until=until)
            return self.note(fact, Phrase.of("取消による終了: {until}まで完成猶予（民法148条1項括弧書）", until=until))
        self.renew(s.ended_on, self.years, fact)
        self.note(fact, f"{RENEWED}（民法148条2項）")

    def note(self, fact: LimitationFact, outcome: str | Phrase) -> None:
        self.trail.append((fact, outcome if isinstance(outcome, Phrase) else Phrase.of(outcome)))

    def apply(self, fact: LimitationFact) -> None:
        effect, rules = fact.effect, self.rules
        completed = fact.on > self.effective
        if effect is LegalEffect.DEMAND:
            if self.public and not self.demand_used:
                self.demand_used = True
                if completed:
                    return self.note(fact, "時効完成後の督促のため効果なし")
                point = period_end(fact.on, days=rules.demand_renewal_days)
                self.renew(point, self.years, fact)
                return self.note(fact, Phrase.of(RENEWED + "（{point}の翌日から起算）", point=point))
            # A private claim's 督促, or a public claim's second one, is only a 催告.
            effect = LegalEffect.REMINDER
        if effect in (LegalEffect.ACKNOWLEDGMENT, LegalEffect.JUDGMENT):
            if effect is LegalEffect.JUDGMENT and not (completed and self.public):
                # 民法169条: from now on every period of this claim is the judgment's.
                self.years = max(self.years, rules.judgment_years)
            years = self.years
            if completed and self.public:
                return self.note(fact, "時効完成後のため効果なし（公債権は援用を要せず消滅）")
            self.renew(fact.on, years, fact)
            if completed:
                # 最判昭41.4.20: acknowledging a barred debt forfeits the right to invoke.
                return self.note(fact, f"時効完成後の承認: 以後は時効を援用できない（信義則）・{RENEWED}")
            return self.note(fact, f"{RENEWED}（{years}年）")
        if effect is LegalEffect.REMINDER:
            return self._reminder(fact, completed)
        if effect is LegalEffect.NEGOTIATION:
            return self._negotiation(fact, completed)
        if effect is LegalEffect.INVOCATION:
            if self.public:
                return self.note(fact, "公債権は援用を要しないため記録のみ")
            if not completed:
                return self.note(fact, "時効完成前の援用のため効果なし")
            self.invoked_on = fact.on
            return self.note(fact, "時効の援用により消滅")

    def _reminder(self, fact: LimitationFact, completed: bool) -> None:
        if completed:
            return self.note(fact, "時効完成後の催告のため効果なし")
        if self.reminder_used:
            return self.note(fact, "再度の催告のため完成猶予なし（民法150条2項）")
        if self.suspension_kind is LegalEffect.NEGOTIATION and fact.on > self.end:
            return self.note(fact, "効果なし: 協議の合意による猶予中の催告（民法151条3項）")
        until = period_end(fact.on, months=self.rules.reminder_months)
        if until <= self.effective:
            return self.note(fact, f"{self.rules.reminder_months}か月以内に時効期間が満了しないため完成猶予は生じない")
        self.reminder_used = True
        self.suspended_until, self.suspension_kind = until, LegalEffect.REMINDER
        self.suspended_by = Phrase.of("催告（{on}）により{until}まで完成猶予", on=fact.on, until=until)
        self.note(fact, Phrase.of("完成猶予（{until}まで）", until=until))

    def _negotiation(self, fact: LimitationFact, completed: bool) -> None:
        rules = self.rules
        if completed:
            return self.note(fact, "時効完成後の合意のため効果なし")
        # 民法151条3項: "while suspended" means after the period would have ended (一問一答
        # Q25 注): an agreement made before that day suspends as usual.
        if self.suspension_kind is LegalEffect.REMINDER and fact.on > self.end:
            return self.note(fact, "効果なし: 催告による猶予中の協議の合意（民法151条3項）")
        cap = period_end(self.end, years=rules.negotiation_max_years)  # 5 years at most in all
        until = min(period_end(fact.on, months=rules.negotiation_months), cap)
        if until <= self.effective:
            return self.note(fact, "完成猶予の期間が延びないため効果なし")
        self.suspended_until, self.suspension_kind = until, LegalEffect.NEGOTIATION
        self.suspended_by = Phrase.of("協議を行う旨の合意（{on}）により{until}まで完成猶予", on=fact.on, until=until)
        self.note(fact, Phrase.of("完成猶予（{until}まで）", until=until))


def earliest_limitation_date(due_date: date, years: int) -> date:
    """No history can make a claim's limitation date earlier than this.

    Renewals count from a day no earlier than the due date, and suspensions only
    postpone: so a claim whose earliest date is far off needs no look at its payments
    to know that its limitation is not near (the worklist relies on it).
    """
    return period_end(due_date, years=years)


def limitation(
    nature: LegalNature,
    due_date: date,
    facts: Iterable[LimitationFact],
    as_of: date,
    rules: LimitationRules = LimitationRules(),
    years: int | None = None,
    payments: Iterable[Payment] = (),
    seizures: Iterable[Seizure] = (),
) -> Limitation:
    """The limitation date of a claim as of `as_of`, from its history up to that day.

    `facts` are the log's entries with a legal effect; `payments` the part payments (each
    an acknowledgment); `seizures` the 差押 of an enforced public claim. `years` overrides
    the period of the claim type (e.g. 2 for old water fees).
    """
    public = nature in (LegalNature.ENFORCED_PUBLIC, LegalNature.PUBLIC)
    clock = _Clock(public, due_date, years or rules.years, rules)
    # A 差押 is two events, its start and its end; on one day, like an acknowledgment.
    events: list[tuple[date, int, int, LimitationFact | tuple[str, Seizure]]] = [
        (f.on, _ORDER[f.effect], i, f) for i, f in enumerate(facts)
        if f.on <= as_of and f.effect is not LegalEffect.NONE]
    for i, s in enumerate(seizures):
        if s.seized_on <= as_of:
            events.append((s.seized_on, 1, -2 * i - 2, ("seize", s)))
            if s.ended_on is not None and s.ended_on <= as_of:
                events.append((s.ended_on, 1, -2 * i - 1, ("end", s)))
    events.sort(key=lambda e: e[:3])
    ordered = [(on, order, item) for on, order, _, item in events]
    # Same day: a payment before the log's entries, like an acknowledgment.
    paid = [p for p in payments if p.amount > 0 and p.on <= as_of]
    paid.sort(key=lambda p: p.on)
    i = 0
    for on, order, fact in ordered:
        j = i
        while j < len(paid) and (paid[j].on < on or (paid[j].on == on and order >= 1)):
            j += 1
        clock.pay(paid[i:j])
        if isinstance(fact, LimitationFact):
            clock.apply(fact)
        elif fact[0] == "seize":
            clock.seize(fact[1])
        else:
            clock.seizure_ended(fact[1])
        i = j
    clock.pay(paid[i:])
    if clock.seizing is not None:
        # Still running: the period will start again the day after it ends, so the date
        # is at least the one a seizure ending today would give.
        s, years = clock.seizing, clock.years
        until = max(clock.settled, period_end(as_of, years=years))
        held = Phrase.of("差押（{on}）の手続中のため完成猶予（終了の翌日から{years}年で更新）", on=s.seized_on, years=years)
        return Limitation(public, until, clock.end, clock.rests_on, held, tuple(clock.trail), clock.invoked_on)
    return Limitation(public, clock.effective, clock.end, clock.rests_on, clock.suspended_by,
                      tuple(clock.trail), clock.invoked_on)
