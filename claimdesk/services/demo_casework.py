"""The demo ledger's casework: what a diligent but busy department did about its arrears.

demo.py hands `Casework.add` each batch of claims with their money, and this writes the
history their debtors would have, in bulk (storage.casework.add_history):

- a 督促状 for each claim still unpaid some 8–14 days after its due date (the monthly
  batch; one letter for a debtor's claims due the same day), then the steps of the
  department's procedure as they fall due — a call, a 催告書 with copies to the
  guarantors, the 納付相談, the final reminder, the guarantor's letter, a decision with
  its approver — each done within its window, now and then late, a few not yet;
- in calls and at the counter a reason for not paying, the household, and arrangements
  the receipts already in the ledger bear out: a promise kept by a later receipt, a
  promise broken because nothing came, a 分納誓約 whose instalments are the pieces the
  debtor then paid (and that is missed, or broken, once the pieces stop);
- the 分納誓約 signed at assessment for the 返還金 that the demo repays by instalments;
- now and then a letter returned (宛所不明), traced and sent again;
- before each 不納欠損 in the money, what led to it (a lawyer's notice, heirs renouncing,
  徴収停止) and the decisions to give the claim up and write it off, with approver.

Nothing is dated after `today` or before the assessment of the claims an entry concerns.
Which steps count as done follows the rules of domain/case.py (by step, by delivered
letter, by decision; a broken or kept arrangement resumes the procedure), so the worklist
of `today` shows what such a department would still have to do.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import defaultdict
from datetime import date
from itertools import accumulate

from ..domain.claims import EventKind
from ..domain.contacts import Channel, ContactEntry, Decision, LetterKind, Party, default_effect
from ..domain.money import format_yen
from . import demo_phrases as say
from .casework_settings import casework_settings
from .demo_arrangements import NEVER, Arrangements
from .procedures import load_procedures

_GIVEN_UP = (Decision.WAIVER, Decision.EXEMPTION, Decision.WRITE_OFF)  # only where the money says so
_R, _A, _F = EventKind.RECEIPT, EventKind.ADJUSTMENT, EventKind.REFUND


class _Case:
    """One claim in arrears: its money by day, and how far its procedure got."""

    __slots__ = ("claim", "who", "proc", "ao", "due", "days", "sums", "receipts", "wo_on", "guarantors",
                 "done", "resume", "closed", "next", "followup", "written_off", "end")

    def __init__(self, claim, who, proc, deltas, receipts, wo_on, guarantors):
        self.claim, self.who, self.proc = claim, who, proc
        self.ao, self.due = claim.assessed_on.toordinal(), claim.due_date.toordinal()
        deltas.sort()
        self.days = [day for day, _ in deltas]  # what is owed changes on these days …
        self.sums = list(accumulate((d for _, d in deltas), initial=claim.amount))  # … to these sums
        self.receipts, self.wo_on, self.guarantors = receipts, wo_on, guarantors
        self.end = wo_on  # nothing is done for the claim from this day (set by the debtor's story)
        self.done: dict[str, int] = {}
        self.resume = 0
        self.closed, self.next, self.followup = False, None, None
        self.written_off = sum(-d for day, d in deltas if day == wo_on) if wo_on < NEVER else 0

    def owed(self, o: int) -> int:
        return self.sums[bisect_right(self.days, o)]


class Casework(Arrangements):
    """The casework of the demo ledger, written batch by batch as demo.py writes the money."""

    def __init__(self, ledger, seed: int, today: date, share: float = 1.0):
        self.ledger, self.today, self.T = ledger, today, today.toordinal()
        # every n-th debtor, by number: no random draw, so the money stays as it was
        self.every = max(1, round(1 / share))
        self.rng = random.Random(seed * 7919 + 4)  # apart from the money's, which stays as it was
        self.rnd = self.rng.random
        self.procedures = load_procedures(ledger)
        settings = casework_settings(ledger)
        self.plan_rules, self.grace = settings.instalments, settings.promise_grace_days
        self.marks = {}  # legal nature → (letter kind → step ids, decision → step ids)
        for proc in self.procedures.values():
            by_letter, by_decision = defaultdict(list), defaultdict(list)
            for s in proc.steps:
                if s.letter is not None:
                    by_letter[s.letter].append(s.id)
                if s.decision is not None:
                    by_decision[s.decision].append(s.id)
            self.marks[proc.legal_nature] = (by_letter, by_decision)
        # (keyed by nature: a Procedure is a frozen dataclass, hashed field by field)
        self.order = {n: {s.id: i for i, s in enumerate(p.steps)} for n, p in self.procedures.items()}
        self.groups = {n: {s.id: s.group for s in p.steps if s.group} for n, p in self.procedures.items()}
        self.entry_id, self.plan_id = ledger.casework.next_ids()
        self.entries, self.promises, self.plans = [], [], []
        self.legal = {}  # (debtor, nature) → the lawyer or the court their file went to (step, day)
        self.arranged = defaultdict(list)  # debtor → [(made, due or None)]: no promise may supersede another
        self.moved: dict[str, int | None] = {}  # debtor → from when letters come back (once)
        self.n_entries = 0
        self.now, self.stop = 0, NEVER

    def mark(self) -> int:
        """Call before a batch's guarantors are written: `add` then reads their ids."""
        return self.ledger.casework.last_liable_party_id()

    # --- a batch ---------------------------------------------------------------------

    def add(self, claims, owing, whos, natures, contracts, guarantor_mark: int) -> None:
        """The history of a batch of claims just written with their money, written now too.

        `owing`: claim → its money events as (ordinal day, kind, amount), reversed ones left
        out, for the claims not simply paid by their due date (the others need no casework).
        """
        sureties = defaultdict(list)
        for gid, claim_id, name in self.ledger.casework.liable_parties_after(guarantor_mark):
            sureties[claim_id].append((gid, name))
        by_debtor = defaultdict(list)
        for c in claims:
            money = owing.get(c.claim_id)
            if money is None or c.due_date >= self.today or int(c.debtor_id[1:]) % self.every:
                continue
            deltas, paid, wo_on = [], defaultdict(int), NEVER
            for o, kind, amount in money:
                amount = int(amount)  # (an adjustment is rounded as a float; the ledger stores an integer)
                if kind is _R:
                    deltas.append((o, -amount))
                    paid[o] += amount
                elif kind is _A or kind is _F:
                    deltas.append((o, amount))
                else:
                    deltas.append((o, -amount))
                    wo_on = o
            case = _Case(c, whos[c.debtor_id], self.procedures[natures[c.claim_type]], deltas,
                         sorted(paid.items()), wo_on, sureties.get(c.claim_id, []))
            if c.claim_id in contracts or case.owed(case.due) > 0:
                by_debtor[c.debtor_id].append(case)
        for cases in by_debtor.values():
            self._debtor(cases, contracts)
        self._lately_returned({c.claim.claim_id: c for cases in by_debtor.values() for c in cases})
        self.ledger.casework.add_history(self.entries, self.promises, self.plans)
        self.n_entries += len(self.entries)
        self.entries, self.promises, self.plans = [], [], []

    def _debtor(self, cases, contracts) -> None:
        who = cases[0].who
        notes = say.SITUATION_NOTES[who.write_off[1]] if who.write_off else ()
        # From the death, the lawyer's notice or the winding-up, the procedure stops for the claims
        # given up; the money goes on assessing later ones, and the casework with them (but no
        # longer adds them to a lawyer's or the court's file).
        stop = self.stop = who.write_off[0] - max(n[3] for n in notes) - 10 if notes else NEVER
        for c in cases:
            c.end = min(c.wo_on, stop) if c.wo_on < NEVER else NEVER
            if c.claim.claim_id in contracts:
                self._contract(c, contracts[c.claim.claim_id])
        self.now = 0  # the day of the debtor's last action: what comes next is not before it
        for _ in range(60 * len(cases) + 100):  # every turn does a step or closes a case
            best = None
            for c in cases:
                if c.next is None:
                    c.next = self._schedule(c) or False
                if c.next and (best is None or c.next[0] < best.next[0]):
                    best = c
            if best is None:
                break
            act, what, _ = best.next
            group = [best] + [c for c in cases if c is not best and c.next and self._along(c, what, act)]
            if isinstance(what, tuple):
                for c in group:
                    c.followup = None
                self._trace(what, act, group) if what[0] == "trace" else self._talk(act, group, None, what)
            else:
                self._perform(what, act, group)
                for c in group:  # a step its entry did not complete (a custom procedure): leave it there
                    if c.followup is None and not any(s.id in c.done for s in c.proc.steps
                                                      if s is what or (what.group and s.group == what.group)):
                        c.closed = True
            for c in group:
                c.next = None
            self.now = act
        if cases[0].who.write_off:
            self._give_up(cases)

    def _along(self, c: _Case, what, act: int) -> bool:
        """Whether the clerk doing `what` on `act` takes this claim of the debtor along.

        A follow-up concerns the claims of its arrangement or letter. A step is done for
        the debtor's file, not claim by claim: with it go the claims of the same kind
        whose own next step is the same and due within three months, and (after the 督促)
        those behind it, whose earlier steps it then passes, as the procedure allows.
        """
        if c.next[1] is what:
            return isinstance(what, tuple) or (
                c.next[2] <= act + (0 if what.id == "demand" else 92) and act > c.due and c.owed(act) > 0)
        if isinstance(what, tuple) or isinstance(c.next[1], tuple) or c.proc.step(what.id) is not what \
                or not c.done or act <= c.due or act >= c.end or c.owed(act) <= 0:
            return False
        order = self.order[c.proc.legal_nature]
        if order[c.next[1].id] >= order[what.id]:
            return False
        return (what.only_if != "guarantors" or bool(c.guarantors)) and (not what.requires or what.requires in c.done)

    # --- when the next thing is done -------------------------------------------------

    def _schedule(self, c: _Case):
        """(day, step or follow-up, due from) of the case's next action, or None."""
        if c.closed:
            return None
        if c.followup is not None:
            day, tag = c.followup
            return (day, tag, day) if day <= self.T and day < c.end and c.owed(day) > 0 else None
        step = due_on = None
        steps, done, nature = c.proc.steps, c.done, c.proc.legal_nature
        order, group_of = self.order[nature], self.groups[nature]
        last = max((order[sid] for sid in done), default=-1)
        groups = {group_of[sid] for sid in done if sid in group_of}
        previous = None
        for i, s in enumerate(steps):  # as domain.case._next_step
            if s.id in done:
                previous = max(previous or done[s.id], done[s.id])
                continue
            if s.when or (s.only_if == "guarantors" and not c.guarantors) or (s.requires and s.requires not in done):
                continue
            if i < last or (s.group and s.group in groups):
                continue
            anchor = (c.due if s.after == "due_date" else previous or c.due if s.after == "previous"
                      else done.get(s.after) or previous or c.due)
            due_on, deadline = anchor + s.days, anchor + s.deadline_days
            if c.resume and due_on < c.resume:
                due_on, deadline = c.resume, max(deadline, c.resume + s.deadline_days - s.days)
            step = s
            break
        if step is None:
            return None
        legal = self.legal.get((c.who.debtor_id, nature))
        first = steps[0].id
        if legal is not None and first in done and order[step.id] < order[legal[0].id] and due_on < self.stop:
            # the debtor's file is with a lawyer or in court: this claim is added to it
            step, due_on = legal[0], max(done[first] + 20, legal[1])
            deadline = due_on + 40
        else:
            step = self._choose(c, step, due_on)
            if step is None:
                return None
        if step.id == "realization":  # what the seizure brought in: the next receipt
            act = next((o for o, _ in c.receipts if o >= due_on), None)
        else:
            act = self._when(step, due_on, deadline)
        if act is None:
            return None
        act = max(act, self.now)
        if act > self.T or act >= c.end or c.owed(act) <= 0:
            return None
        return act, step, due_on

    def _when(self, step, due_on: int, deadline: int) -> int | None:
        r = self.rnd()
        if r < 0.025 and step.id == "demand":  # forgotten: the worklist is there to find these
            return None
        if r < 0.045:  # behind with it
            return deadline + 1 + int(self.rng.expovariate(1 / 40))
        if r < 0.06:  # slipped through, found at a review long after
            return deadline + 60 + int(self.rnd() * 300)
        span = deadline - due_on
        if step.letter is not None:  # the batch of that kind of letter, the same day for a due date
            return due_on + span * (4 + due_on % 4) // 10
        if step.approval:  # prepared for the approver soon after it falls due
            return due_on + int(span * self.rnd() * 0.35)
        return due_on + int(span * self.rnd() * 0.85)

    def _choose(self, c: _Case, step, due_on: int):
        """Of a group of alternatives, the one this debtor's situation and money call for."""
        if step.decision in _GIVEN_UP:
            return None
        if not step.group:
            return step
        options = {s.id: s for s in c.proc.steps if s.group == step.group}

        def pick(name):
            return options.get(name, step)

        later = [o for o, _ in c.receipts if o > due_on]
        if "seizure" in options:
            return pick("seizure" if later and later[0] - due_on <= 60 else "enforcement_suspension")
        if c.wo_on < NEVER and c.who.write_off[1] == "no_assets":
            return pick("collection_suspension")
        if len(later) >= 2:
            return pick("deferment")
        return pick("court_action" if c.owed(due_on) >= 100_000 else "lawyer_referral")

    # --- the entries -----------------------------------------------------------------

    def _entry(self, cases, day: int, channel: Channel, summary: str, *, mark: bool = True,
               **fields) -> ContactEntry:
        assert day <= self.T and all(day >= c.ao for c in cases), (day, [c.claim.claim_id for c in cases])
        who = cases[0].who
        party = fields.setdefault("party", Party.DEBTOR)
        if "legal_effect" not in fields:
            fields["legal_effect"] = default_effect(channel, fields.get("letter_kind"), party)
        e = ContactEntry(who.debtor_id, tuple(sorted({c.claim.claim_id for c in cases})), date.fromordinal(day),
                         channel, summary, contact_person=say.STAFF[int(who.debtor_id[1:]) % len(say.STAFF)],
                         entry_id=self.entry_id, **fields)
        self.entry_id += 1
        self.entries.append(e)
        if mark:
            for c in cases:
                by_letter, by_decision = self.marks[c.proc.legal_nature]
                ids = [e.step_id] if e.step_id else []
                if e.letter_kind is not None and channel is Channel.LETTER_OUT:
                    ids += by_letter.get(e.letter_kind, [])
                if e.decision is not None:
                    ids += by_decision.get(e.decision, [])
                for sid in ids:
                    c.done[sid] = max(day, c.done.get(sid, day))
        return e

    def _perform(self, step, day: int, cases) -> None:
        if step.letter is LetterKind.CONSULTATION or step.id == "consultation":
            self._consult(step, day, cases)
        elif step.letter is not None:
            self._letter(step, day, cases)
        elif step.id == "reminder_call":
            self._talk(day, cases, step)
        elif step.decision is Decision.DEFERMENT and self._arrange_plan(cases, day, step):
            pass
        elif step.decision is not None:
            if step.decision is Decision.DEFERMENT:  # no instalments the money would bear: a lawyer
                step = next((s for s in cases[0].proc.steps if s.group == step.group
                             and s.decision is Decision.LAWYER_REFERRAL), step)
            if step.decision in (Decision.LAWYER_REFERRAL, Decision.COURT_ACTION):
                self.legal[(cases[0].who.debtor_id, cases[0].proc.legal_nature)] = (step, day)
            chief = say.DIRECTOR if step.decision is Decision.COURT_ACTION else say.SECTION_CHIEF
            total = format_yen(sum(c.owed(day) for c in cases))
            self._entry(cases, day, Channel.INTERNAL, f"{step.title}を決定（{len(cases)}件、計{total}）",
                        party=Party.NONE, step_id=step.id, decision=step.decision, approver=chief,
                        approved_on=date.fromordinal(day),
                        basis=say.DECISION_BASIS.get(step.decision.value, "債権管理事務取扱要領による"))
        else:
            text = {"asset_investigation": "金融機関3行と勤務先に照会。回答を記録した。",
                    "seizure": "照会で判明した預金を差し押さえ、差押調書の謄本を送付。",
                    "realization": "差押えの後に納付があり、滞納額に充当して差押えを解除。"}
            self._entry(cases, day, Channel.INTERNAL, text.get(step.id, f"{step.title}を実施"),
                        party=Party.NONE, step_id=step.id)

    def _letter(self, step, day: int, cases) -> None:
        kind, who = step.letter, cases[0].who
        if kind is not LetterKind.GUARANTOR:
            back = self._moved(who, day)
            e = self._entry(cases, day, Channel.LETTER_OUT, f"{kind.label}を送付（宛先: {who.name} 様）",
                            party_name=who.name, letter_kind=kind, mark=back is None)
            if back is not None:
                self._returned(e, back, cases)
        if kind in (LetterKind.GUARANTOR, LetterKind.REMINDER):
            copy = "" if kind is LetterKind.GUARANTOR else "（写）"
            sureties = defaultdict(list)
            for c in cases:
                for gid, name in c.guarantors:
                    sureties[name].append((gid, c))
            for name, pairs in sureties.items():
                self._entry([c for _, c in pairs], day, Channel.LETTER_OUT,
                            f"{kind.label}{copy}を送付（宛先: 連帯保証人 {name} 様）", party=Party.GUARANTOR,
                            party_name=name, liable_party_id=pairs[0][0], letter_kind=kind)

    def _moved(self, who, day: int) -> int | None:
        """The day a letter sent on `day` comes back, if the debtor's mail goes astray from then."""
        if who.debtor_id not in self.moved:
            p = 0.06 if who.habit in ("struggling", "defaulting") else 0.01
            self.moved[who.debtor_id] = day + int(self.rnd() * 900) if self.rnd() < p else None
        since = self.moved[who.debtor_id]
        back = day + 5 + int(self.rnd() * 10)
        if since is None or day < since or back > self.T:
            return None
        self.moved[who.debtor_id] = NEVER  # traced once, the mail arrives again
        return back

    def _returned(self, letter: ContactEntry, back: int, cases) -> None:
        self._entry(cases, back, Channel.LETTER_IN,
                    f"{letter.letter_kind.label}（{letter.on.isoformat()}発送）が返戻された（宛所不明）",
                    party=Party.OTHER, party_name="郵便局", letter_kind=letter.letter_kind,
                    returned_letter_of=letter.entry_id, mark=False)
        follow = (back + 7 + int(self.rng.expovariate(1 / 25)), ("trace", letter.entry_id, letter.letter_kind))
        for c in cases:
            c.followup = follow

    def _lately_returned(self, cases_of: dict) -> None:
        """Some letters of the last weeks came back, and nobody has traced the debtor yet.

        (Letters come back now and then in the history too; these few, a quota rather
        than luck, put 所在調査 on today's worklist even in the small demo.)
        """
        latest: dict[str, int] = {}
        for e in self.entries:
            for claim_id in e.claim_ids:
                latest[claim_id] = max(e.on.toordinal(), latest.get(claim_id, 0))
        back_already = {e.returned_letter_of for e in self.entries if e.returned_letter_of is not None}
        recent = []  # (letter, the day it comes back: after anything else done about its claims)
        for e in self.entries:
            sent = e.on.toordinal()
            if e.channel is Channel.LETTER_OUT and e.party is Party.DEBTOR and sent >= self.T - 60 \
                    and e.entry_id not in back_already:
                back = max(sent + 5, max(latest[i] for i in e.claim_ids) + 1)
                if back <= min(sent + 30, self.T) and all(cases_of[i].owed(self.T) > 0 for i in e.claim_ids):
                    recent.append((e, back))
        for e, back in self.rng.sample(recent, max(len(recent) // 30, 1 if recent else 0)):
            self._entry([cases_of[i] for i in e.claim_ids], back, Channel.LETTER_IN,
                        f"{e.letter_kind.label}（{e.on.isoformat()}発送）が返戻された（宛所不明）", party=Party.OTHER,
                        party_name="郵便局", letter_kind=e.letter_kind, returned_letter_of=e.entry_id, mark=False)

    def _trace(self, tag, day: int, cases) -> None:
        found = 0 if self.rnd() < 0.1 else 1 + (self.rnd() < 0.5)
        self._entry(cases, day, Channel.INTERNAL, f"所在調査: {say.trace_result(found)}", party=Party.NONE)
        again = day + 2 + int(self.rnd() * 5)
        if not found or again > self.T:
            for c in cases:
                c.closed = not found
            return
        who = cases[0].who
        self._entry(cases, again, Channel.LETTER_OUT, f"{tag[2].label}を再送（宛先: {who.name} 様、所在確認のうえ）",
                    party_name=who.name, letter_kind=tag[2])
