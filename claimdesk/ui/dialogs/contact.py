"""Writing the contact log (交渉記録): a new entry, a correction of one, a returned letter.

docs/domain.md §7: when, how, with whom, who on our side, what was said, why unpaid, the
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

    manual_anchor = "casework"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, *, claim_id: str | None = None, debtor_id: str | None = None,
                 correcting: ContactEntry | None = None, parent: QWidget | None = None):
        super().__init__(session, parent)
        ledger = session.ledger
        self.correcting = correcting
        self.claim_checks: list[QCheckBox] = []
        fixed = list(correcting.claim_ids) if correcting else [claim_id] if claim_id else []
        self.setWindowTitle(self.tr("交渉記録の訂正") if correcting else self.tr("交渉記録の追加"))
        self._fixed_claims = fixed
        if fixed:
            header = self.claim_header(claim_detail(ledger, fixed[0])) if len(fixed) == 1 else \
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
                self.claim_checks.append(check)
            self.add_row(self.tr("対象の債権"), box, "claim_id")

        self.date_field = self.add_row(self.tr("日付"), DateField(), "on")
        self.time_field = self.add_row(self.tr("時刻"), TimeField(), "at")
        self.channel_combo = self.add_row(self.tr("方法"), channel_combo(), "channel")
        self.letter_combo = self.add_row(self.tr("文書"), letter_combo(), "letter_kind")
        self.party_combo = self.add_row(self.tr("相手"), PartyCombo(), "party")
        self.party_name_field = self.add_row(self.tr("相手の氏名"), TextField(required=False), "party_name")
        self.party_name_field.setPlaceholderText(self.tr("例: 妻 山田 花子（債務者以外のとき）"))
        self.person_field = self.add_row(self.tr("担当"), TextField(required=False), "contact_person")
        self.summary_edit = self.add_row(self.tr("内容"), QPlainTextEdit(), "summary")
        self.summary_edit.setPlaceholderText(self.tr("話した内容・送った文書など（必須）"))
        self.summary_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.reason_field = self.add_row(self.tr("滞納理由"), TextField(required=False), "reason")
        self.household_field = self.add_row(self.tr("生活状況"), TextField(required=False), "household")
        self.agreement_field = self.add_row(self.tr("合意事項"), TextField(required=False), "agreement")
        self.next_action_field = self.add_row(self.tr("次回の対応"), TextField(required=False), "next_action")
        self.next_date_field = self.add_row(self.tr("次回の予定日"), DateField(required=False), "next_action_on")
        self.effect_combo = self.add_row(self.tr("時効への効果"), effect_combo(), "legal_effect")
        self.correction_field = None
        if correcting:
            self.correction_field = self.add_row(self.tr("訂正の理由"), TextField(
                missing=self.tr("訂正の理由を入力してください")), "correction_reason")

        self._fill(correcting)
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.summary_edit.textChanged.connect(self._changed)
        for combo in (self.letter_combo, self.party_combo, self.effect_combo):
            combo.currentIndexChanged.connect(self._changed)
        self._finish()
        self.setMinimumWidth(560)
        self._channel_changed()

    def _fill(self, e: ContactEntry | None) -> None:
        self._claims_changed()
        if e is None:
            self.date_field.set_date(self.session.today())
            self.person_field.setText(self.session.ledger.operator)
            return
        self.date_field.set_date(e.on)
        self.time_field.set_time(e.at)
        self.channel_combo.set_value(e.channel)
        self.letter_combo.set_value(e.letter_kind)
        self.party_combo.set_party(e.party, e.liable_party_id)
        self.effect_combo.set_value(e.legal_effect)
        for field, value in ((self.party_name_field, e.party_name), (self.person_field, e.contact_person),
                             (self.reason_field, e.reason), (self.household_field, e.household),
                             (self.agreement_field, e.agreement), (self.next_action_field, e.next_action)):
            field.setText(value)
        self.summary_edit.setPlainText(e.summary)
        self.next_date_field.set_date(e.next_action_on)

    def claim_ids(self) -> list[str]:
        """The claims the entry will concern."""
        if not self.claim_checks:
            return list(self._fixed_claims)
        return [c.property("claim_id") for c in self.claim_checks if c.isChecked()]

    def _claims_changed(self, *_args) -> None:
        # The guarantors offered are those of the claims ticked.
        chosen = self.party_combo.value() or (Party.DEBTOR, None)
        liable = [p for claim_id in self.claim_ids() for p in casework.liable_parties(self.session.ledger, claim_id)]
        self.party_combo.set_parties(liable)
        self.party_combo.set_value(chosen)
        self._changed()

    def _channel_changed(self, *_args) -> None:
        letter = self.channel_combo.value() in _LETTERS
        self.letter_combo.setEnabled(letter)
        if not letter:
            self.letter_combo.set_value(None)
        self._changed()

    def _extra_problems(self) -> list[str]:
        problems = []
        if not self.claim_ids():
            problems.append(self.tr("対象の債権: 1件以上選んでください"))
        if not self.summary_edit.toPlainText().strip():
            problems.append(self.tr("内容: 入力してください"))
        if bool(self.next_action_field.text().strip()) != (self.next_date_field.value() is not None):
            problems.append(self.tr("次回の対応: 内容と予定日を両方入力してください"))
        return problems

    def values(self) -> dict:
        """The entry's fields as the services take them."""
        values = dict(
            on=self.date_field.value(), at=self.time_field.value(), channel=self.channel_combo.value(),
            summary=self.summary_edit.toPlainText().strip(), party=self.party_combo.party(),
            liable_party_id=self.party_combo.liable_party_id(), party_name=self.party_name_field.text().strip(),
            contact_person=self.person_field.text().strip(), reason=self.reason_field.text().strip(),
            household=self.household_field.text().strip(), agreement=self.agreement_field.text().strip(),
            next_action=self.next_action_field.text().strip(), next_action_on=self.next_date_field.value(),
            letter_kind=self.letter_combo.value())
        if self.effect_combo.value() is not None:  # otherwise the channel and letter decide
            values["legal_effect"] = self.effect_combo.value()
        return values

    def _save(self):
        values = self.values()
        if self.correcting is not None:
            return casework.correct_entry(self.session.ledger, self.correcting.entry_id,
                                          self.correction_field.text().strip(), **values)
        channel, summary = values.pop("channel"), values.pop("summary")
        return casework.log_contact(self.session.ledger, self.claim_ids(), channel, summary,
                                    today=self.session.today(), **values)

    def changes(self) -> Changes:
        claims = self.correcting.claim_ids if self.correcting is not None else self.claim_ids()
        return Changes.of(Kind.CASEWORK, claims=claims)


class ReturnedLetterDialog(EntryDialog):
    """A letter came back undelivered (宛所不明): it then counts for nothing."""

    manual_anchor = "casework"  # its section of the 操作マニュアル (F1)

    def __init__(self, session, letter: ContactEntry, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.letter = letter
        what = letter.letter_kind.label if letter.letter_kind else self.tr("文書")
        self.setWindowTitle(self.tr("宛所不明として記録"))
        self.header.setText(self.tr("{0}（{1}発送、No.{2}）が返戻されたことを記録します。"
                                    "返戻された文書は督促・催告の効果を持ちません。").format(
            what, format_wareki(letter.on), letter.entry_id))
        self.date_field = self.add_row(self.tr("返戻日"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.reason_field = self.add_row(self.tr("理由"), TextField(), "reason")
        self.reason_field.setText(self.tr("宛所不明"))
        self._finish()

    def _save(self):
        return casework.mark_letter_returned(self.session.ledger, self.letter.entry_id, on=self.date_field.value(),
                                             reason=self.reason_field.text().strip(), today=self.session.today())
