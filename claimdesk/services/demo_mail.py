"""The demo's casework: letters sent, some coming back undelivered (宛所不明), the debtor
traced and the letter sent again (a mixin of demo_casework.Casework)."""

from __future__ import annotations

from collections import defaultdict

from ..domain.contacts import Channel, ContactEntry, LetterKind, Party
from ..domain.dates import format_wareki
from . import demo_phrases as say
from .demo_arrangements import NEVER
from .demo_state import CaseworkState


def _kind(letter: ContactEntry) -> str:
    """The kind of letter sent, as its returned entry names it."""
    return letter.letter_kind.label if letter.letter_kind else "文書"


class Mail(CaseworkState):
    """Letters out and back, on the state of demo_casework.Casework."""

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
                    f"{_kind(letter)}（{format_wareki(letter.on)}発送）が返戻された（宛所不明）",
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
                        f"{_kind(e)}（{format_wareki(e.on)}発送）が返戻された（宛所不明）", party=Party.OTHER,
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
