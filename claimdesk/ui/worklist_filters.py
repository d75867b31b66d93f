"""The filters of 「本日の作業」: 作業, 債権名, 種類, 区分, the search text and 債務者ごと.

They only narrow the list already built, so they answer at once. What the clerk chose is
their own view, kept per user in QSettings (like the register's columns), not in the
ledger, which colleagues share.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ..domain.case_class import SETTLE, CaseClass, in_class
from ..domain.claims import LegalNature
from ..domain.text import search_key
from ..domain.worklist import WorkKind
from . import worklist_model as wm
from .choice_combo import ChoiceCombo, class_choices

FILTER_DELAY_MS = 150  # typing in the search box: one filtering after the last key


class WorklistFilters(QWidget):
    """The filter bar; `changed` when a filter changes, `grouping_changed` for 債務者ごと."""

    changed = Signal()
    grouping_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind_combo = ChoiceCombo()
        self.type_combo = ChoiceCombo()
        self.nature_combo = ChoiceCombo()
        self.class_combo = ChoiceCombo()
        self.search = QLineEdit(placeholderText=self.tr("債権番号・債務者・債権名・作業で絞り込み"))
        self.search.setClearButtonEnabled(True)
        self.grouped_check = QCheckBox(self.tr("債務者ごと"))
        self.grouped_check.setToolTip(self.tr("債務者ごとに1行にまとめ、その債権と作業を下に並べます（文書は債務者ごとに1通）"))
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS, timeout=self.changed.emit)
        self.fill({}, [])
        self._lay_out()
        for combo in self.combos():
            combo.currentIndexChanged.connect(self._chosen)
        self.search.textChanged.connect(self._timer.start)
        self.grouped_check.toggled.connect(self.grouping_changed.emit)

    def _chosen(self, _index: int) -> None:
        self.changed.emit()

    def combos(self) -> tuple[ChoiceCombo, ...]:
        return self.kind_combo, self.type_combo, self.nature_combo, self.class_combo

    def _lay_out(self) -> None:
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        for text, combo in zip((self.tr("作業"), self.tr("債権名"), self.tr("種類"), self.tr("区分")),
                               self.combos(), strict=True):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo, 1)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.grouped_check)

    def fill(self, counts: dict, claim_types: list[str]) -> None:
        """Offer the work kinds (with how many of each) and the claim types, keeping the choices."""
        everything = (self.tr("すべて"), None)
        kinds = [(self.tr("{0}（{1:,}）").format(k.label, counts[k]) if counts.get(k) else k.label, k)
                 for k in WorkKind]
        for combo, choices in ((self.kind_combo, kinds), (self.type_combo, [(n, n) for n in claim_types]),
                               (self.nature_combo, [(n.label, n) for n in LegalNature])):
            combo.set_choices([everything] + choices, combo.value())
        self.class_combo.set_choices([everything] + class_choices(), self.class_combo.value())

    def set_values(self, *, kind: WorkKind | None = None, claim_type: str | None = None,
                   nature: LegalNature | None = None, text: str = "") -> None:
        """Choose the filters as the clerk would, without `changed` (the caller filters)."""
        for widget, value in ((self.kind_combo, kind), (self.type_combo, claim_type), (self.nature_combo, nature)):
            widget.blockSignals(True)
            widget.set_value(value)
            widget.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)

    def passing(self, rows: list[wm.WorkRow]) -> list[wm.WorkRow]:
        """The rows that pass every filter and the search text (a typed text pending included)."""
        self._timer.stop()
        kind, claim_type, nature, cls = (c.value() for c in self.combos())
        key = search_key(self.search.text())
        return [r for r in rows
                if (kind is None or r.item.kind is kind)
                and in_class(r.item.claim.case_class, cls)
                and (claim_type is None or r.item.claim.claim_type == claim_type)
                and (nature is None or r.item.claim.legal_nature is nature)
                and (not key or key in r.key)]

    def is_grouped(self) -> bool:
        return self.grouped_check.isChecked()

    def restore(self, s: QSettings) -> None:
        """The choices last saved, without `changed`."""
        for widget in (*self.combos(), self.search, self.grouped_check):
            widget.blockSignals(True)
        kinds = {k.value: k for k in WorkKind}
        natures = {n.value: n for n in LegalNature}
        self.kind_combo.set_value(kinds.get(s.value("worklist/kind", "")))
        self.type_combo.set_value(s.value("worklist/claim_type", "") or None)
        self.nature_combo.set_value(natures.get(s.value("worklist/nature", "")))
        classes: dict[str, object] = {c.value: c for c in CaseClass} | {SETTLE: SETTLE}
        self.class_combo.set_value(classes.get(s.value("worklist/case_class", "")))
        self.search.setText(s.value("worklist/text", "") or "")
        self.grouped_check.setChecked(s.value("worklist/grouped") in (True, "true"))
        for widget in (*self.combos(), self.search, self.grouped_check):
            widget.blockSignals(False)

    def save(self, s: QSettings) -> None:
        kind, nature, cls = self.kind_combo.value(), self.nature_combo.value(), self.class_combo.value()
        s.setValue("worklist/kind", kind.value if kind else "")
        s.setValue("worklist/claim_type", self.type_combo.value() or "")
        s.setValue("worklist/nature", nature.value if nature else "")
        s.setValue("worklist/case_class", cls.value if isinstance(cls, CaseClass) else (cls or ""))
        s.setValue("worklist/text", self.search.text())
        s.setValue("worklist/grouped", self.is_grouped())
