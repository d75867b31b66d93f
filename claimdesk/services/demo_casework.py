"""The demo ledger's casework: what a diligent but busy department did about its arrears.

demo.py hands `Casework.add` each batch of claims with their money, and this writes the
history their debtors would have, in bulk (storage.casework.add_history). When each next
step is done is demo_schedule.py's; letters going astray demo_mail.py's; promises and
plans demo_arrangements.py's:

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
from collections import defaultdict
from datetime import date

from ..domain.claims import EventKind
from ..domain.contacts import Channel, ContactEntry, Decision, LetterKind, Party, default_effect
from ..domain.money import format_yen
from . import demo_phrases as say
from .casework_settings import casework_settings
from .demo_arrangements import NEVER, Arrangements
from .demo_mail import Mail
from .demo_schedule import Schedule, _Case
from .procedures import load_procedures

_R, _A, _F = EventKind.RECEIPT, EventKind.ADJUSTMENT, EventKind.REFUND


class Casework(Arrangements, Schedule, Mail):
    """The casework of the demo ledger, written batch by batch as demo.py writes the money."""

    def __init__(self, ledger, seed: int, today: date, share: float = 1.0):
        self.ledger, self.today, self.T = ledger, today, today.toordinal()
        # every n-th debtor, by number: no random draw, so the money stays as it was
        self.every = max(1, round(1 / share))
        # Where only some debtors are worked on (the large department), they are the hard
        # cases: more promises made and broken, more plans that break (issue 13's ~5,000
        # promises and ~3,000 plans). The small demo, worked whole, keeps its draws.
        self.hard_cases = share < 1
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
            deltas: list[tuple[int, int]] = []
            paid: defaultdict[int, int] = defaultdict(int)
            wo_on = NEVER
            for o, kind, amount in money:
                amount = int(amount)  # (int yen already; kept so a float never reaches the ledger)
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
        assert c.next, "a claim is taken along only once its next action is known"
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
