"""Writing the contact log (交渉記録): a new entry, a correction of one, a returned letter.

domain.md §7: when, how, with whom, who on our side, what was said, why unpaid, the
household, what was agreed, and the next action with its date. Entries are never
changed in place: 「訂正…」 writes a new entry that points at the old one, with a reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QVBoxLayout, QWidget

from ...domain.contacts import Channel, ContactEntry, Party
from ...domain.dates import format_wareki
from ...domain.money import format_yen
from ...services import casework
from ...services.changes import Changes, Kind
from ...services.details import claim_detail, debtor_detail
from ..fields import DateField, TextField
from .base import EntryDialog
from .contact_fields import PartyCombo, TimeField, channel_combo, effect_combo, letter_combo

_LETTERS = (Channel.LETTER_OUT, Channel.LETTER_IN)


class ContactDialog(EntryDialog):
    """A new entry on one claim (`claim_id`), on claims of a debtor chosen in the dialog
    (`debtor_id`), or the correction of `correcting`."""

    def __init__(self, session, *, claim_id: str | None = None, debtor_id: str | None = None,
                 correcting: ContactEntry | None = None, parent: QWidget | None = None):
        super().__init__(session, parent)
        ledger = session.ledger
        self.correcting = correcting
        self.claimChecks: list[QCheckBox] = []
        fixed = list(correcting.claim_ids) if correcting else [claim_id] if claim_id else []
        self.setWindowTitle(self.tr("交渉記録の訂正") if correcting else self.tr("交渉記録の追加"))
        self._fixed_claims = fixed
        if fixed:
            header = self.claimHeader(claim_detail(ledger, fixed[0])) if len(fixed) == 1 else \
                self.tr("債権 {0}").format("、".join(fixed))
            if correcting:
                header += self.tr("\n訂正する記録: No.{0}（{1}）").format(correcting.entry_id, format_wareki(correcting.on))
            self.header.setText(header)
        else:
            detail = debtor_detail(ledger, debtor_id, session.today())
            self.header.setText(self.tr("債務者 {0}　{1}").format(detail.debtor.debtor_id, detail.debtor.name))
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            for row in detail.claims:
                check = QCheckBox(self.tr("{0}　{1}　残高 {2}").format(row.claim_id, row.claim_type,
                                                                     format_yen(row.balance)))
                check.setProperty("claim_id", row.claim_id)
                check.setChecked(row.balance > 0)
                check.toggled.connect(self._claims_changed)
                column.addWidget(check)
                self.claimChecks.append(check)
            self.addRow(self.tr("対象の債権"), box, "claim_id")

        self.dateField = self.addRow(self.tr("日付"), DateField(), "on")
        self.timeField = self.addRow(self.tr("時刻"), TimeField(), "at")
        self.channelCombo = self.addRow(self.tr("方法"), channel_combo(), "channel")
        self.letterCombo = self.addRow(self.tr("文書"), letter_combo(), "letter_kind")
        self.partyCombo = self.addRow(self.tr("相手"), PartyCombo(), "party")
        self.partyNameField = self.addRow(self.tr("相手の氏名"), TextField(required=False), "party_name")
        self.partyNameField.setPlaceholderText(self.tr("例: 妻 山田 花子（債務者以外のとき）"))
        self.personField = self.addRow(self.tr("担当"), TextField(required=False), "contact_person")
        self.summaryEdit = self.addRow(self.tr("内容"), QPlainTextEdit(), "summary")
        self.summaryEdit.setPlaceholderText(self.tr("話した内容・送った文書など（必須）"))
        self.summaryEdit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.reasonField = self.addRow(self.tr("滞納理由"), TextField(required=False), "reason")
        self.householdField = self.addRow(self.tr("生活状況"), TextField(required=False), "household")
        self.agreementField = self.addRow(self.tr("合意事項"), TextField(required=False), "agreement")
        self.nextActionField = self.addRow(self.tr("次回の対応"), TextField(required=False), "next_action")
        self.nextDateField = self.addRow(self.tr("次回の予定日"), DateField(required=False), "next_action_on")
        self.effectCombo = self.addRow(self.tr("時効への効果"), effect_combo(), "legal_effect")
        self.correctionField = None
        if correcting:
            self.correctionField = self.addRow(self.tr("訂正の理由"), TextField(
                missing=self.tr("訂正の理由を入力してください")), "correction_reason")

        self._fill(correcting)
        self.channelCombo.currentIndexChanged.connect(self._channel_changed)
        self.summaryEdit.textChanged.connect(self._changed)
        for combo in (self.letterCombo, self.partyCombo, self.effectCombo):
            combo.currentIndexChanged.connect(self._changed)
        self._finish()
        self.setMinimumWidth(560)
        self._channel_changed()

    def _fill(self, e: ContactEntry | None) -> None:
        self._claims_changed()
        if e is None:
            self.dateField.setDate(self.session.today())
            self.personField.setText(self.session.ledger.operator)
            return
        self.dateField.setDate(e.on)
        self.timeField.setTime(e.at)
        self.channelCombo.setValue(e.channel)
        self.letterCombo.setValue(e.letter_kind)
        self.partyCombo.setParty(e.party, e.liable_party_id)
        self.effectCombo.setValue(e.legal_effect)
        for field, value in ((self.partyNameField, e.party_name), (self.personField, e.contact_person),
                             (self.reasonField, e.reason), (self.householdField, e.household),
                             (self.agreementField, e.agreement), (self.nextActionField, e.next_action)):
            field.setText(value)
        self.summaryEdit.setPlainText(e.summary)
        self.nextDateField.setDate(e.next_action_on)

    def claimIds(self) -> list[str]:
        """The claims the entry will concern."""
        if not self.claimChecks:
            return list(self._fixed_claims)
        return [c.property("claim_id") for c in self.claimChecks if c.isChecked()]

    def _claims_changed(self, *_args) -> None:
        # The guarantors offered are those of the claims ticked.
        chosen = self.partyCombo.value() or (Party.DEBTOR, None)
        liable = [p for claim_id in self.claimIds() for p in casework.liable_parties(self.session.ledger, claim_id)]
        self.partyCombo.setParties(liable)
        self.partyCombo.setValue(chosen)
        self._changed()

    def _channel_changed(self, *_args) -> None:
        letter = self.channelCombo.value() in _LETTERS
        self.letterCombo.setEnabled(letter)
        if not letter:
            self.letterCombo.setValue(None)
        self._changed()

    def _extra_problems(self) -> list[str]:
        problems = []
        if not self.claimIds():
            problems.append(self.tr("対象の債権: 1件以上選んでください"))
        if not self.summaryEdit.toPlainText().strip():
            problems.append(self.tr("内容: 入力してください"))
        if bool(self.nextActionField.text().strip()) != (self.nextDateField.value() is not None):
            problems.append(self.tr("次回の対応: 内容と予定日を両方入力してください"))
        return problems

    def values(self) -> dict:
        """The entry's fields as the services take them."""
        values = dict(
            on=self.dateField.value(), at=self.timeField.value(), channel=self.channelCombo.value(),
            summary=self.summaryEdit.toPlainText().strip(), party=self.partyCombo.party(),
            liable_party_id=self.partyCombo.liablePartyId(), party_name=self.partyNameField.text().strip(),
            contact_person=self.personField.text().strip(), reason=self.reasonField.text().strip(),
            household=self.householdField.text().strip(), agreement=self.agreementField.text().strip(),
            next_action=self.nextActionField.text().strip(), next_action_on=self.nextDateField.value(),
            letter_kind=self.letterCombo.value())
        if self.effectCombo.value() is not None:  # otherwise the channel and letter decide
            values["legal_effect"] = self.effectCombo.value()
        return values

    def _save(self):
        values = self.values()
        if self.correcting is not None:
            return casework.correct_entry(self.session.ledger, self.correcting.entry_id,
                                          self.correctionField.text().strip(), **values)
        channel, summary = values.pop("channel"), values.pop("summary")
        return casework.log_contact(self.session.ledger, self.claimIds(), channel, summary,
                                    today=self.session.today(), **values)

    def changes(self) -> Changes:
        claims = self.correcting.claim_ids if self.correcting is not None else self.claimIds()
        return Changes.of(Kind.CASEWORK, claims=claims)


class ReturnedLetterDialog(EntryDialog):
    """A letter came back undelivered (宛所不明): it then counts for nothing."""

    def __init__(self, session, letter: ContactEntry, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.letter = letter
        what = letter.letter_kind.label if letter.letter_kind else self.tr("文書")
        self.setWindowTitle(self.tr("宛所不明として記録"))
        self.header.setText(self.tr("{0}（{1}発送、No.{2}）が返戻されたことを記録します。"
                                    "返戻された文書は督促・催告の効果を持ちません。").format(
            what, format_wareki(letter.on), letter.entry_id))
        self.dateField = self.addRow(self.tr("返戻日"), DateField(), "on")
        self.dateField.setDate(session.today())
        self.reasonField = self.addRow(self.tr("理由"), TextField(), "reason")
        self.reasonField.setText(self.tr("宛所不明"))
        self._finish()

    def _save(self):
        return casework.mark_letter_returned(self.session.ledger, self.letter.entry_id, on=self.dateField.value(),
                                             reason=self.reasonField.text().strip(), today=self.session.today())

    def changes(self) -> Changes:
        return Changes.of(Kind.CASEWORK, claims=self.letter.claim_ids)
