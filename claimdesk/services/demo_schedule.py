"""The demo's casework: when a claim's next step is done, and which of a group of
alternatives a debtor's situation and money call for (a mixin of demo_casework.Casework)."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from ..domain.contacts import Decision
from .demo_arrangements import NEVER
from .demo_state import CaseworkState

_GIVEN_UP = (Decision.WAIVER, Decision.EXEMPTION, Decision.WRITE_OFF)  # only where the money says so


# Here, not in demo_casework, so that the schedule that reads it needs nothing from above.
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


class Schedule(CaseworkState):
    """The timing of the procedure's steps, on the state of demo_casework.Casework."""

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
        if step is None or due_on is None:  # (both are set together)
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
