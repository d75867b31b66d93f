"""The fields a contact-log entry is made of: time, channel, party, letter, legal effect.

Shared by the contact dialog, the promise dialog and the step dialog, so that a phone
call reads the same wherever it is entered.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time

from PySide6.QtWidgets import QWidget

from ...domain.contacts import Channel, LegalEffect, LetterKind, Party
from ...domain.errors import REASONS, Refusal
from ..choice_combo import ChoiceCombo
from ..fields import ValidatedField

_TIME = re.compile(r"(\d{1,2})[:時](\d{1,2})分?")
REASONS.update({"time_form": "時刻は 14:30 のように入力してください"})

# What the clerk chooses from, in the order of docs/domain.md §7 (庁内記録 last: no one contacted).
CONTACT_CHANNELS = (Channel.PHONE, Channel.VISIT, Channel.COUNTER, Channel.LETTER_OUT, Channel.LETTER_IN,
                    Channel.EMAIL, Channel.SMS, Channel.INTERNAL)
OTHER_PARTIES = (Party.FAMILY, Party.LAWYER, Party.AGENT, Party.OTHER, Party.NONE)


class TimeField(ValidatedField):
    """A time of day typed as 14:30, １４：３０ or 14時30分; empty is allowed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, required=False)
        self.setPlaceholderText(self.tr("例: 14:30"))
        self.setMaximumWidth(120)

    def _parse(self, text: str) -> tuple[time, str]:
        match = _TIME.fullmatch(unicodedata.normalize("NFKC", text).strip())
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise Refusal(None, "time_form")
        return time(int(match[1]), int(match[2])), ""

    def set_time(self, value: time | None) -> None:
        self.setText("" if value is None else f"{value:%H:%M}")


def channel_combo(current: Channel = Channel.PHONE, channels=CONTACT_CHANNELS) -> ChoiceCombo:
    """How the contact happened: 電話, 訪問, 窓口, 文書発送, 文書受領, メール, 庁内記録."""
    combo = ChoiceCombo()
    combo.set_choices([(c.label, c) for c in channels], current)
    return combo


def letter_combo() -> ChoiceCombo:
    """Which letter was sent or received (only for 文書発送・文書受領)."""
    combo = ChoiceCombo()
    combo.set_choices([(combo.tr("（指定なし）"), None)] + [(k.label, k) for k in LetterKind], None)
    return combo


def effect_combo() -> ChoiceCombo:
    """The entry's effect on the limitation clock; by default the one its channel and letter have."""
    combo = ChoiceCombo()
    combo.set_choices([(combo.tr("自動（方法・文書から）"), None)]
                     + [(e.label, e) for e in LegalEffect], None)
    combo.setToolTip(combo.tr("債務承認書の受領は債務承認、催告書の発送は催告など、通常は自動で決まります"))
    return combo


class PartyCombo(ChoiceCombo):
    """With whom: the debtor, one of the claim's guarantors or heirs by name, or others."""

    def set_parties(self, liable, current: Party = Party.DEBTOR) -> None:
        """`liable`: LiableParty objects of the claims concerned (each once)."""
        choices = [(Party.DEBTOR.label, (Party.DEBTOR, None))]
        seen = set()
        for p in liable:
            if p.party_id in seen:
                continue
            seen.add(p.party_id)
            choices.append((f"{p.role_label} {p.name}", (Party.HEIR if p.role == "heir" else Party.GUARANTOR,
                                                         p.party_id)))
        if not seen:  # a guarantor not in the ledger can still be the one spoken to
            choices.append((Party.GUARANTOR.label, (Party.GUARANTOR, None)))
        choices += [(p.label, (p, None)) for p in OTHER_PARTIES]
        self.set_choices(choices, (current, None))

    def party(self) -> Party:
        return self.value()[0]

    def liable_party_id(self) -> int | None:
        return self.value()[1]

    def set_party(self, party: Party, liable_party_id: int | None = None) -> None:
        self.set_value((party, liable_party_id))
