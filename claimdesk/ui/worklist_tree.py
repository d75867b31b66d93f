"""「本日の作業」 by debtor: one row per debtor (most urgent first) with their claims' work under it.

A clerk calls, visits or writes to a person, not a claim: the debtor's row sums what their
listed claims owe and shows their most urgent item and earliest deadline; selecting it
selects all their claims, so a letter made from it is one letter per debtor.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..domain.money import format_amount
from . import worklist_model as wm


def _item(text: str, sort, claim_ids: tuple[str, ...], row: wm.WorkRow | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort, wm.SortRole)
    item.setData(claim_ids[0] if len(claim_ids) == 1 and row is not None else None, wm.ClaimIdRole)
    item.setData(claim_ids, wm.ClaimIdsRole)
    item.setData(row, wm.ItemRole)
    return item


def debtor_tree(rows: list[wm.WorkRow], flat: wm.WorklistModel) -> QStandardItemModel:
    """A two-level model of `rows` (in their order) under one row per debtor; `flat` words the cells."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels([flat.headerData(c, wm.Qt.Orientation.Horizontal) for c in range(len(wm.COLUMNS))])
    groups: dict[str, list[wm.WorkRow]] = {}
    for r in rows:
        groups.setdefault(r.item.claim.debtor_id, []).append(r)
    for debtor_id, items in groups.items():
        claims = tuple(dict.fromkeys(r.item.claim.claim_id for r in items))
        balances = {r.item.claim.claim_id: r.item.claim.balance for r in items}
        first = min(items, key=lambda r: (r.item.urgency, r.deadline))
        soonest = min(items, key=lambda r: r.deadline)
        head = [
            _item(first.item.urgency.label, int(first.item.urgency), claims),
            _item(flat.cell_text(soonest, wm.DEADLINE), soonest.deadline.toordinal(), claims),
            _item(first.work if len(items) == 1 else flat.tr("{0}ほか 計{1}件").format(first.work, len(items)),
                  len(items), claims),
            _item("", "", claims),
            _item("", "", claims),
            _item(flat.tr("債権 {0}件").format(len(claims)), len(claims), claims),
            _item(f"{first.item.claim.debtor_name}（{debtor_id}）", first.item.claim.debtor_name, claims),
            _item("、".join(dict.fromkeys(r.item.claim.claim_type for r in items)), "", claims),
            _item(format_amount(sum(balances.values())), sum(balances.values()), claims),
        ]
        for child in items:
            head[0].appendRow([_item(flat.cell_text(child, c), flat.sort_key(child, c), (child.item.claim.claim_id,),
                                     child) for c in range(len(wm.COLUMNS))])
        model.appendRow(head)
    return model
