"""The register's 時効 column: the casework's limitation date per page, not due date + 5 years."""

from datetime import date

from PySide6.QtCore import Qt

from claimdesk.domain.claims import LegalNature
from claimdesk.services import casework
from claimdesk.ui.register_model import COLUMNS, RegisterModel
from claimdesk.ui.register_view import RegisterView

LIMITATION = [key for key, _ in COLUMNS].index("limitation_date")


def limitation_cell(model, row, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, LIMITATION), role)


def test_the_column_counts_renewals(qtbot, qtmodeltester, session):
    model = RegisterModel(session)
    qtmodeltester.check(model)
    assert limitation_cell(model, 0) == "令和13年4月30日"  # C0001: due 2026-04-30, nothing since
    casework.create_instalment_plan(session.ledger, "C0001", signed_on=date(2026, 11, 30), total=50000, count=5,
                                    first_due=date(2026, 12, 31), today=session.today())
    model.reload()
    assert limitation_cell(model, 0) == "令和13年11月30日"  # the signed pledge renewed it
    tip = limitation_cell(model, 0, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("進行中\n根拠: 債務承認及び分納誓約書") and "令和8年11月30日" in tip
    assert model.limitation_of("C0001")[0].limitation_date == date(2031, 11, 30)


def test_the_kind_filter_reads_back_an_enum(qtbot, session):
    view = RegisterView(session)
    qtbot.addWidget(view)
    view.nature.setCurrentIndex(view.nature.findText("私債権"))
    assert view.model.query.legal_nature is LegalNature.PRIVATE and view.model.rowCount() == 2
