"""The two clocks running on an unpaid claim: its limitation (時効) and its late charge.

The limitation box says the date, what it rests on (every renewal and suspension in
words) and what passing it means for this kind of claim: a public claim is extinguished
and must be written off; a private one stands until the debtor invokes it. The late
charge is worked out for a day the clerk can change (the day the debtor means to pay).
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..domain.dates import format_wareki
from ..domain.errors import ClaimDeskError
from ..domain.limitation import LimitationState
from ..domain.money import format_yen
from ..services.casework import CaseworkView, LateCharge, late_charge
from .casework_texts import days_text
from .error_texts import error_text
from .fields import DateField
from .page_parts import value_label

TRAIL_SHOWN = 2
_STATE_COLORS = {LimitationState.APPROACHING: "#b36b00", LimitationState.EXTINGUISHED: "#b00020",
                 LimitationState.INVOKED: "#b00020", LimitationState.STANDING: "#b00020"}


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class LimitationBox(QGroupBox):
    """「時効」: the limitation date, its state, and what it rests on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("時効"), parent)
        self.date_label = _bold(value_label(), 1.2)
        self.state_label = _bold(value_label())
        self.basis_label = value_label()
        self.trail_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        form = QFormLayout()
        form.addRow(self.tr("根拠"), self.basis_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.date_label)
        layout.addWidget(self.state_label)
        layout.addLayout(form)
        layout.addWidget(self.trail_label)

    def show_view(self, view: CaseworkView) -> None:
        lim, state, today = view.limitation, view.limitation_state, view.today
        self.date_label.setText(self.tr("{0}（{1}）").format(format_wareki(lim.limitation_date),
                                                         days_text(lim.limitation_date, today)))
        self.state_label.setText(self._state_text(view))
        color = _STATE_COLORS.get(state)
        self.state_label.setStyleSheet(f"color: {color};" if color else "")
        self.basis_label.setText(lim.basis.text(format_wareki))
        notes = [html.escape(n.text(format_wareki)) for n in lim.notes]
        # The latest events decide the date; older ones stay one hover away.
        shown = notes[-TRAIL_SHOWN:]
        lines = [f"・{n}" for n in shown]
        if len(notes) > len(shown):
            lines.insert(0, self.tr("（ほか以前の{0}件: ポイントすると表示）").format(len(notes) - len(shown)))
        self.trail_label.setText(self.tr("時効に関わる出来事:") + "<br>" + "<br>".join(lines)
                                if notes else self.tr("時効に関わる出来事はまだありません（納付・督促・承認など）。"))
        self.trail_label.setToolTip("<br>".join(f"・{n}" for n in notes) if len(notes) > len(shown) else "")

    def _state_text(self, view: CaseworkView) -> str:
        state = view.limitation_state
        if view.balance <= 0:
            return self.tr("残高がないため時効の管理は不要です")
        if state is LimitationState.RUNNING:
            return self.tr("進行中")
        if state is LimitationState.APPROACHING:
            return self.tr("時効間近: 承認（分納誓約書・債務承認書・一部納付）による更新、催告による完成猶予を検討")
        if state is LimitationState.EXTINGUISHED:
            return self.tr("時効完成: 公債権は援用を要せず消滅しました。不納欠損が必要です")
        if state is LimitationState.INVOKED:
            return self.tr("時効援用済: 消滅しました。不納欠損が必要です")
        return self.tr("時効期間経過: 私債権は債務者が援用するまで存続します（援用の有無を確認）")


class LateChargeBox(QGroupBox):
    """延滞金 (public) or 遅延損害金 (private) up to a day the clerk picks."""

    def __init__(self, session, claim_id: str, parent: QWidget | None = None):
        super().__init__(self.tr("延滞金"), parent)
        self.session, self.claim_id = session, claim_id
        self.charge: LateCharge | None = None
        self._followed: date | None = None  # the day shown by default, until the clerk picks another
        self.as_of_field = DateField()
        self.as_of_field.setToolTip(self.tr("この日に納付するとした場合の額を計算します"))
        self.amount_label = _bold(value_label(), 1.2)
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail_label = value_label()
        self.notes_label = value_label()
        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("基準日")))
        line.addWidget(self.as_of_field, 1)
        line.addWidget(self.amount_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.as_of_field.message_label)  # shown only for a date it cannot read
        layout.addWidget(self.detail_label)
        layout.addWidget(self.notes_label)
        self.as_of_field.textChanged.connect(self.recompute)

    def show_view(self, view: CaseworkView) -> None:
        """Follow the page's day unless the clerk chose another one."""
        if self._followed is None or self.as_of_field.value() == self._followed:
            self._followed = view.today
            self.as_of_field.set_date(view.today)
        self.recompute()

    def recompute(self, *_args) -> None:
        as_of = self.as_of_field.value()
        # The field already reads as 和暦; its confirming hint would only repeat it.
        self.as_of_field.message_label.setVisible(self.as_of_field.message_label.is_error())
        if as_of is None:
            return
        try:
            self.charge = late_charge(self.session.ledger, self.claim_id, as_of)
        except ClaimDeskError as e:
            self.amount_label.setText("")
            self.detail_label.setText(error_text(e))
            return
        c = self.charge
        self.setTitle(c.name)
        self.amount_label.setText(format_yen(c.outstanding))
        detail = self.tr("発生 {0}　うち納付済 {1}").format(format_yen(c.amount), format_yen(c.paid))
        self.detail_label.setText(detail)
        self.notes_label.setText("\n".join(n.text(format_wareki) for n in c.notes))
        self.setToolTip("\n".join(
            self.tr("{0}〜{1}　{2}日　基礎 {3}　年{4}%　{5}").format(
                format_wareki(s.start), format_wareki(s.end), s.days, format_yen(s.principal), s.rate,
                format_yen(s.amount)) for s in c.segments))
