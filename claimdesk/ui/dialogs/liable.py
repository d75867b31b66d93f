"""Guarantors (連帯保証人, 保証人) and heirs (相続人): add one, end one, put another in their
place, or record an heir's 法定相続分.

Each party has their own address (their letters go there). Nothing is changed in place:
an end, a replacement or a corrected share is recorded beside the party.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.claims import Guarantor
from ...domain.dates import format_wareki
from ...domain.liable import ROLE_LABELS, parse_share
from ...services.casework_view import LiableParty, debtor_liable_parties
from ...services.changes import Changes, Kind
from ...services.details import claim_detail, debtor_detail
from ...services.parties import add_party, end_party, record_share, replace_party
from ..choice_combo import ChoiceCombo
from ..fields import DateField, TextField
from .base import EntryDialog
from .parties import _postal_code


class _PersonRows:
    """The rows naming a person: name, kana, postal code, address, phone, relation."""

    def _person_rows(self) -> None:
        self.name_field = self.add_row(self.tr("氏名"), TextField(missing=self.tr("氏名を入力してください")), "name")
        self.kana_field = self.add_row(self.tr("フリガナ"), TextField(required=False), "kana")
        self.postal_field = self.add_row(self.tr("郵便番号"), TextField(required=False), "postal_code")
        self.address_field = self.add_row(self.tr("住所"), TextField(required=False), "address")
        self.phone_field = self.add_row(self.tr("電話番号"), TextField(required=False), "phone")
        self.relation_field = self.add_row(self.tr("続柄・備考"), TextField(required=False), "relation")
        self.relation_field.setPlaceholderText(self.tr("例: 長女"))

    def _share_row(self) -> None:
        self.share_field = self.add_row(self.tr("法定相続分"), TextField(required=False), "share")
        self.share_field.setPlaceholderText(self.tr("例: 1/2（分からなければ空欄）"))
        self.share_field.setToolTip(self.tr("相続人あての文書に、未納額のうちこの割合の額（債権ごとに1円未満切捨て）を載せます"))

    def person(self, claim_id: str = "") -> Guarantor:
        return Guarantor(claim_id, self.name_field.text().strip(), self.kana_field.text().strip(),
                         _postal_code(self.postal_field.text()), self.address_field.text().strip(),
                         self.phone_field.text().strip(), self.relation_field.text().strip())


class AddPartyDialog(_PersonRows, EntryDialog):
    """A new guarantor or heir of the claim (an heir, by default, of every claim of the debtor)."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.claim_id = claim_id
        detail = claim_detail(session.ledger, claim_id)
        self.others = [c.claim_id for c in debtor_detail(session.ledger, detail.debtor.debtor_id).claims
                       if c.claim_id != claim_id and c.balance > 0]
        self.setWindowTitle(self.tr("保証人・相続人の追加"))
        self.header.setText(self.claim_header(detail))
        self.role_combo = ChoiceCombo()
        self.role_combo.set_choices([(self.tr(ROLE_LABELS[r]), r) for r in ("guarantor", "surety", "heir")],
                                    "guarantor")
        self.add_row(self.tr("種別"), self.role_combo, "role")
        self._person_rows()
        self._share_row()
        self.date_field = self.add_row(self.tr("登録日"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.all_check = QCheckBox(self.tr("この債務者の他の債権（{0}件）にも登録する").format(len(self.others)))
        self.all_check.setEnabled(bool(self.others))
        self.add_row("", self.all_check)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self._finish()
        self.name_field.setFocus()

        self._role_changed()

    def _role_changed(self, *_args) -> None:
        # An heir takes over all the debtor's debts: offered for every claim; only an heir has a share.
        heir = self.role_combo.value() == "heir"
        self.all_check.setChecked(heir and bool(self.others))
        self.share_field.setEnabled(heir)
        self.form.setRowVisible(self.share_field.parentWidget(), heir)

    def claim_ids(self) -> list[str]:
        return [self.claim_id] + (self.others if self.all_check.isChecked() else [])

    def _save(self):
        heir = self.role_combo.value() == "heir"
        return add_party(self.session.ledger, self.claim_ids(), self.person(), self.role_combo.value(),
                         on=self.date_field.value(), today=self.session.today(),
                         share=parse_share(self.share_field.text()) if heir else None)

    def changes(self) -> Changes:
        return Changes.of(Kind.CASEWORK, Kind.DEBTOR, claims=self.claim_ids())


class EndPartyDialog(EntryDialog):
    """The party is liable no more from a day (保証契約の解除・相続放棄 …)."""

    def __init__(self, session, party: LiableParty, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.party = party
        self.setWindowTitle(self.tr("保証人・相続人の終了"))
        self.header.setText(self.tr("{0} {1}（債権 {2}）の責任の終了を記録します。以後の文書は送られません。").format(
            party.role_label, party.name, party.claim_id))
        self.date_field = self.add_row(self.tr("終了日"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.reason_field = self.add_row(self.tr("理由"), TextField(missing=self.tr("終了の理由を入力してください")),
                                        "reason")
        self.reason_field.setPlaceholderText(self.tr("例: 相続放棄（家庭裁判所の受理証明あり）"))
        self._finish()
        self.reason_field.setFocus()

    def _save(self):
        return end_party(self.session.ledger, self.party.party_id, self.date_field.value(),
                         self.reason_field.text(), today=self.session.today())

    def changes(self) -> Changes:
        return Changes.of(Kind.CASEWORK, Kind.DEBTOR, claims=[self.party.claim_id])


class ReplacePartyDialog(_PersonRows, EntryDialog):
    """Another person in the party's place from a day (保証人の変更)."""

    def __init__(self, session, party: LiableParty, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.party = party
        self.setWindowTitle(self.tr("保証人・相続人の交代"))
        self.header.setText(self.tr("{0} {1}（債権 {2}）に代わる人を登録します（{3}）。").format(
            party.role_label, party.name, party.claim_id, format_wareki(session.today())))
        self._person_rows()
        self._share_row()
        self.form.setRowVisible(self.share_field.parentWidget(), party.role == "heir")
        self.share_field.setEnabled(party.role == "heir")
        self.date_field = self.add_row(self.tr("交代日"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.reason_field = self.add_row(self.tr("理由"), TextField(missing=self.tr("交代の理由を入力してください")),
                                        "reason")
        self._finish()
        self.name_field.setFocus()

    def _save(self):
        return replace_party(self.session.ledger, self.party.party_id, self.person(), self.date_field.value(),
                             self.reason_field.text(), today=self.session.today(),
                             share=parse_share(self.share_field.text()) if self.party.role == "heir" else None)

    def changes(self) -> Changes:
        return Changes.of(Kind.CASEWORK, Kind.DEBTOR, claims=[self.party.claim_id])


class ShareDialog(EntryDialog):
    """An heir's 法定相続分 recorded or corrected (the earlier one stays in the history)."""

    def __init__(self, session, party: LiableParty, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.party = party
        claim = session.ledger.claim(party.claim_id)
        # The same person as heir of the debtor's other claims (an heir's share is of the estate).
        same = [p for p in debtor_liable_parties(session.ledger, _claims_of(session, claim.debtor_id))
                if p.role == "heir" and p.ended_on is None and (p.name, p.address) == (party.name, party.address)]
        self.others = [p for p in same if p.party_id != party.party_id]
        self.setWindowTitle(self.tr("法定相続分の記録"))
        self.header.setText(self.tr("相続人 {0}（債権 {1}）の法定相続分を記録します。現在: {2}").format(
            party.name, party.claim_id, party.share.label if party.share else self.tr("未記録")))
        self.share_field = self.add_row(self.tr("法定相続分"), TextField(
            missing=self.tr("法定相続分を入力してください")), "share")
        self.share_field.setPlaceholderText(self.tr("例: 1/2"))
        self.date_field = self.add_row(self.tr("記録日"), DateField(), "on")
        self.date_field.set_date(session.today())
        self.all_check = QCheckBox(self.tr("この債務者の他の債権（{0}件）の同じ相続人にも記録する").format(len(self.others)))
        self.all_check.setChecked(bool(self.others))
        self.all_check.setEnabled(bool(self.others))
        self.add_row("", self.all_check)
        self._finish()
        self.share_field.setFocus()

    def party_ids(self) -> list[int]:
        return [self.party.party_id] + ([p.party_id for p in self.others] if self.all_check.isChecked() else [])

    def _save(self):
        share = parse_share(self.share_field.text())
        assert share is not None  # the field is required
        return record_share(self.session.ledger, self.party_ids(), share, on=self.date_field.value(),
                            today=self.session.today())

    def changes(self) -> Changes:
        claims = [p.claim_id for p in [self.party, *self.others]]
        return Changes.of(Kind.CASEWORK, Kind.DEBTOR, claims=claims)


def _claims_of(session, debtor_id: str) -> list[str]:
    return [c.claim_id for c in debtor_detail(session.ledger, debtor_id).claims]
