"""The demo's casework, continued: what debtors say and agree to, and how claims are given up.

The half of demo_casework.Casework that talks: calls and visits with a reason for not
paying and the household; promises and 分納誓約 on terms the receipts already in the
ledger bear out (kept, or broken once nothing more comes); the 分納誓約 signed when a
返還金 was assessed; and, before each 不納欠損 in the money, what led to it and the
decisions with their approver. A mixin: the entries are written by Casework._entry.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from ..domain.claims import LegalNature
from ..domain.contacts import Channel, ContactEntry, Decision, LegalEffect, LetterKind, Party
from ..domain.dates import format_wareki
from ..domain.instalments import Payment, Plan, PlanKind, PlanStatus, explicit_schedule, match_plan
from ..domain.money import format_yen
from . import demo_phrases as say
from .demo_state import CaseworkState, FollowUp

NEVER = 1 << 40  # a day that never comes
_REACH = {"good": 0.85, "late": 0.75, "struggling": 0.6, "defaulting": 0.45}  # answers the phone
_COMES = {"good": 0.8, "late": 0.7, "struggling": 0.6, "defaulting": 0.35}  # comes to talk it over


def _month_end(o: int) -> int:
    d = date.fromordinal(o)
    return date(d.year + d.month // 12, d.month % 12 + 1, 1).toordinal() - 1


def _at_pace(schedule: list[tuple[int, int]], total: int, last: int, owed: int, piece: int) -> list[tuple[int, int]]:
    """`schedule` (paying `total` up to `last`) continued by month ends of `piece` until `owed`; the 60th takes the rest."""
    while total < owed:
        last = _month_end(last + 1)
        amount = owed - total if len(schedule) >= 59 else min(piece, owed - total)
        schedule.append((last, amount))
        total += amount
    return schedule


class Arrangements(CaseworkState):
    """Calls, visits, promises, plans and the giving up of claims (Casework inherits these)."""

    # --- talking with the debtor, and what they agree to -----------------------------

    def _talk(self, day: int, cases, step, tag=None) -> None:
        who, rnd = cases[0].who, self.rnd
        phone = who.phone and rnd() < 0.85
        channel = Channel.PHONE if phone else Channel.VISIT
        why = {None: "", "retry": "前回連絡が取れなかったため再度", "promise": "約束の期日を過ぎても入金がないため",
               "plan": "分納の支払が滞っているため"}[tag[0] if tag else None]
        place = "事業所" if who.corporate else "自宅"
        text = (why or "督促後も納付がないため") + ("電話。" if phone else f"{place}を訪問。")
        step_id = step.id if step is not None else ""
        reach = _REACH[who.habit] + (0.15 if tag and tag[0] == "retry" else 0)
        if rnd() >= reach:
            if phone and not who.corporate and rnd() < 0.3:
                relation = self.rng.choice(say.FAMILY)
                self._entry(cases, day, channel, text + say.family_message(relation), party=Party.FAMILY,
                            party_name=relation, step_id=step_id)
                return
            again = day + 5 + int(rnd() * 6)
            retry = phone and again <= self.T and rnd() < 0.5
            missed = self.rng.choice(say.NOT_REACHED_CALL if phone else say.NOT_REACHED_VISIT)
            self._entry(cases, day, channel, text + missed, step_id=step_id, next_action=say.NEXT_CALL if phone else "",
                        next_action_on=date.fromordinal(again) if phone else None)
            if retry:
                follow = (again, ("retry", self.entry_id - 1))
                for c in cases:
                    c.followup = follow
            return
        reason = self.rng.choice(say.REASONS["corporate" if who.corporate else who.habit])
        household = "" if who.corporate or rnd() < 0.5 else self.rng.choice(say.HOUSEHOLDS)
        owed = sum(c.owed(day) for c in cases)
        text += ("" if phone else "代表者と面談。" if who.corporate else "本人と面談。") + \
            f"未納の{cases[0].claim.claim_type}（{len(cases)}件、計{format_yen(owed)}）について、{reason}とのこと。"
        terms = self._promise_terms(cases, day, owed)
        if terms is None:
            refusal = self.rng.choice(say.NO_PROMISE_CORPORATE if who.corporate else say.NO_PROMISE)
            self._entry(cases, day, channel, text + refusal, reason=reason,
                        household=household, step_id=step_id)
            return
        amount, due = terms
        agreement = f"{format_yen(amount)}を{format_wareki(date.fromordinal(due))}までに納付する"
        e = self._entry(cases, day, channel, f"{text}{agreement}と約束。", reason=reason, household=household,
                        agreement=agreement, step_id=step_id)
        self._promise(cases, e, amount, due)

    def _consult(self, step, day: int, cases) -> None:
        who = cases[0].who
        comes = self.rnd() < _COMES[who.habit]
        if step.letter is not None and not comes:  # (those who come were asked in by phone)
            self._entry(cases, day, Channel.LETTER_OUT, f"{step.letter.label}を送付（宛先: {who.name} 様）",
                        party_name=who.name, letter_kind=step.letter)
            return
        channel = Channel.COUNTER if self.rnd() < 0.7 else Channel.VISIT
        where = ("来庁し納付相談。" if channel is Channel.COUNTER
                 else f"{'事業所' if who.corporate else '自宅'}を訪問し納付相談。")
        household = "代表者と面談。" if who.corporate else self.rng.choice(say.HOUSEHOLDS) + "。"
        terms = self._plan_terms(cases, day) if self._free(who, day, None) else None
        if terms is not None:
            text = f"{where}{household}収入と支出を聞き取り、月{format_yen(terms[1])}ずつの分納で合意した。"
            self._entry(cases, day, channel, text, household=household, step_id=step.id)
            self._arrange_plan(cases, day, None, terms)
            return
        owed = sum(c.owed(day) for c in cases)
        promise = self._promise_terms(cases, day, owed)
        if promise is None:
            self._entry(cases, day, channel, f"{where}{household}給与明細などの提出を求め、改めて相談することとした。",
                        household=household, step_id=step.id)
            return
        agreement = f"{format_yen(promise[0])}を{format_wareki(date.fromordinal(promise[1]))}までに納付する"
        e = self._entry(cases, day, channel, f"{where}{household}{agreement}と約束。", household=household,
                        agreement=agreement, step_id=step.id)
        self._promise(cases, e, *promise)

    def _follows(self, broken_on: int) -> bool:
        """Whether the clerk follows up a broken arrangement (behind with the last month's)."""
        return self.rnd() < (0.85 if broken_on < self.T - 30 else 0.4)

    def _paid(self, cases, start: int, end: int = NEVER) -> list[tuple[int, int]]:
        """Receipts on the cases' claims from `start` to `end`, merged by day."""
        days: defaultdict[int, int] = defaultdict(int)
        for c in cases:
            for o, amount in c.receipts:
                if start <= o <= end:
                    days[o] += amount
        return sorted(days.items())

    def _free(self, who, start: int, end: int | None) -> bool:
        """Whether an arrangement made on `start` (due `end`) supersedes none and is superseded by none."""
        for made, due in self.arranged[who.debtor_id]:
            if made == start or (due is not None and made < start <= due + self.grace):
                return False
            if end is not None and start < made <= end + self.grace:
                return False
        return True

    def _promise_terms(self, cases, day: int, owed: int) -> tuple[int, int] | None:
        """(amount, due) of a promise the money will keep, or one it will break; None for neither."""
        later = self._paid(cases, day)
        total, paid_off = 0, None
        for o, amount in later:
            total += amount
            if total >= owed:
                paid_off = o
                break
        if paid_off is not None and paid_off - day <= 60:
            terms = owed, paid_off + int(self.rnd() * 5)
        elif later and later[0][0] - day <= 45:
            first = later[0][1]
            terms = (first // 1000 * 1000 or first), later[0][0] + int(self.rnd() * 5)
        elif (not later or later[0][0] - day > 60) and self.rnd() < (0.8 if self.hard_cases else 0.45):
            terms = (owed if owed < 50_000 else owed // 2000 * 1000), day + 10 + int(self.rnd() * 20)
        else:
            return None
        return terms if self._free(cases[0].who, day, terms[1]) else None

    def _promise(self, cases, e: ContactEntry, amount: int, due: int) -> None:
        day = e.on.toordinal()
        assert e.entry_id is not None  # the demo gives every entry its id
        self.promises.append((e.entry_id, e.on, amount, date.fromordinal(due)))
        self.arranged[e.debtor_id].append((day, due))
        limit, need, kept = due + self.grace, amount, None
        for o, paid in self._paid(cases, day, min(limit, self.T)):
            need -= paid
            if need <= 0:
                kept = o
                break
        if kept is None and limit >= self.T:  # still running today
            for c in cases:
                c.closed = True
            return
        end = kept or limit + 1
        follow: FollowUp | None = (end + 3 + int(self.rng.expovariate(1 / 14)), ("promise", e.entry_id))  # busy
        follow = follow if kept is None and self._follows(end) else None
        for c in cases:
            c.resume = max(c.resume, end)
            c.followup = follow or c.followup

    def _plan_terms(self, cases, day: int) -> tuple[list[tuple[int, int]], int] | None:
        """Instalments the pieces paid from `day` fit, and the rest at that pace: (schedule, piece)."""
        owed = sum(c.owed(day) for c in cases)
        later = self._paid(cases, day)
        if owed <= 0:
            return None
        if not later or later[0][0] - day > 45:
            # The hard cases are put on plans too, that nothing in the money will pay.
            return self._plan_to_break(day, owed) if self.hard_cases and self.rnd() < 0.85 else None
        schedule, total, last, previous = [], 0, day - 1, None
        for o, amount in later:
            if total >= owed or (previous is not None and o - previous > 62):
                break
            last = _month_end(max(o, last + 1))
            schedule.append((last, min(amount, owed - total)))
            total, previous = total + min(amount, owed - total), o
        if total >= owed and len(schedule) < 2:
            return None  # paid at once: a promise, not a plan
        piece = max(a for _, a in schedule)
        return _at_pace(schedule, total, last, owed, piece), piece

    def _plan_to_break(self, day: int, owed: int) -> tuple[list[tuple[int, int]], int]:
        """Monthly instalments from next month end that nothing in the money pays: a plan broken."""
        piece = max(1000, owed // (6 + int(self.rnd() * 19)) // 1000 * 1000)
        return _at_pace([], 0, _month_end(day), owed, piece), piece

    def _arrange_plan(self, cases, day: int, step, terms=None) -> bool:
        """A signed 分納誓約 (or, for `step` 履行延期, an approved deferment) on the terms given or found."""
        terms = terms or (self._plan_terms(cases, day) if self._free(cases[0].who, day, None) else None)
        if terms is None:
            return False
        schedule = explicit_schedule([(date.fromordinal(o), a) for o, a in terms[0]])
        kind = PlanKind.PLEDGE if step is None else PlanKind.DEFERMENT
        text = (f"{kind.label}: 総額{format_yen(sum(i.amount for i in schedule))}、{len(schedule)}回"
                f"（{format_wareki(schedule[0].due_on)}〜{format_wareki(schedule[-1].due_on)}）")
        if step is None:
            e = self._entry(cases, day, Channel.LETTER_IN, f"債務承認及び分納誓約書を受領。{text}", agreement=text,
                            letter_kind=LetterKind.INSTALMENT_PLEDGE)
        else:
            e = self._entry(cases, day, Channel.LETTER_IN, f"履行延期の申請を承認。{text}", agreement=text,
                            legal_effect=LegalEffect.ACKNOWLEDGMENT, decision=Decision.DEFERMENT,
                            approver=say.SECTION_CHIEF, approved_on=date.fromordinal(day),
                            basis=say.DECISION_BASIS["deferment"], step_id=step.id)
        self._plan(cases, e, kind, schedule)
        return True

    def _contract(self, c, schedule) -> None:
        """The 分納誓約 taken when the 返還金 was assessed, on the schedule the money followed."""
        insts = explicit_schedule([(date.fromordinal(o), a) for o, a in schedule])
        text = f"分納誓約: 総額{format_yen(c.claim.amount)}、{len(insts)}回（{insts[0].due_on}〜{insts[-1].due_on}）"
        e = self._entry([c], c.ao, Channel.LETTER_IN, f"返還金の決定通知時に債務承認及び分納誓約書を受領。{text}",
                        agreement=text, letter_kind=LetterKind.INSTALMENT_PLEDGE)
        self._plan([c], e, PlanKind.PLEDGE, insts)

    def _plan(self, cases, e: ContactEntry, kind: PlanKind, instalments) -> None:
        day = e.on.toordinal()
        plan = Plan(e.debtor_id, e.claim_ids, kind, e.on, instalments, self.plan_id, e.entry_id)
        self.plan_id += 1
        self.plans.append(plan)
        self.arranged[e.debtor_id].append((day, None))
        paid = [Payment(date.fromordinal(o), a, c.claim.claim_id) for c in cases for o, a in c.receipts]
        state = match_plan(instalments, paid, e.on, self.today, self.plan_rules, kind=kind)
        if state.status is PlanStatus.ACTIVE:
            for c in cases:
                c.closed = True
            return
        broken = state.status is PlanStatus.BROKEN
        ended = state.broken_on if broken else max(line.covered_on or self.today for line in state.lines)
        assert ended is not None  # a broken plan has the day it broke; a completed one, every line covered
        end = ended.toordinal()
        follow: FollowUp | None = (end + 3 + int(self.rng.expovariate(1 / 14)), ("plan", plan.plan_id))
        follow = follow if broken and self._follows(end) else None
        for c in cases:
            c.resume = max(c.resume, end)
            c.followup = follow or c.followup

    # --- giving a claim up, where the money wrote it off -----------------------------

    def _give_up(self, cases) -> None:
        who = cases[0].who
        wd, situation = who.write_off
        gone = [c for c in cases if c.wo_on == wd]
        by_nature = defaultdict(list)
        for c in gone:
            by_nature[c.proc.legal_nature].append(c)
        for n, (nature, group) in enumerate(sorted(by_nature.items(), key=lambda kv: kv[0].value)):
            floor = max(c.ao for c in group)
            on = lambda days, floor=floor: max(floor, wd - days - int(self.rnd() * 10))  # noqa: E731
            if n == 0:
                for channel, party, name, days, text in say.SITUATION_NOTES[situation]:
                    self._entry(group, on(days), Channel(channel), text, party=Party(party), party_name=name)
            total = format_yen(sum(c.written_off for c in group))
            approved: dict[str, Any] = dict(party=Party.NONE, approver=say.SECTION_CHIEF)
            if nature is LegalNature.ENFORCED_PUBLIC:
                day = on(5)
                why = "執行停止による即時消滅"
                self._entry(group, day, Channel.INTERNAL, "滞納処分の執行を停止し、納付義務を直ちに消滅させることを決定",
                            decision=Decision.ENFORCEMENT_SUSPENSION, approved_on=date.fromordinal(day),
                            basis=say.ENFORCED_EXTINCTION, **approved)
            else:
                if situation == "no_assets" and not all("collection_suspension" in c.done for c in group):
                    day = on(370)
                    self._entry(group, day, Channel.INTERNAL, "徴収停止を決定（生活困窮・差し押さえる財産なし）",
                                decision=Decision.COLLECTION_SUSPENSION, approved_on=date.fromordinal(day),
                                basis=say.DECISION_BASIS["collection_suspension"], **approved)
                day = on(3)
                why = f"{format_wareki(date.fromordinal(day))}の債権放棄"
                self._entry(group, day, Channel.INTERNAL, f"債権の放棄を決定（{len(group)}件）",
                            decision=Decision.WAIVER, approved_on=date.fromordinal(day),
                            basis=say.WAIVER_BASIS[situation], party=Party.NONE, approver=say.DIRECTOR)
            self._entry(group, wd, Channel.INTERNAL, f"不納欠損を決定（{len(group)}件、計{total}）",
                        decision=Decision.WRITE_OFF, approved_on=date.fromordinal(wd),
                        basis=f"{why}により債権が消滅したため、不納欠損として整理する", **approved)
