"""The register page driven as a clerk would: typing narrows it, filters, sorting."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from claimdesk.domain.claims import Claim, ClaimType, Debtor, EventKind, LegalNature
from claimdesk.services import entries
from claimdesk.ui.register_model import COLUMNS, PAGE_SIZE, ClaimIdRole, DebtorIdRole, RegisterDelegate, RegisterModel
from claimdesk.ui.register_view import RegisterView
from claimdesk.ui.session import Session

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
FEE = ClaimType("保育園保育料", LegalNature.ENFORCED_PUBLIC, "一般会計", "分担金及負担金")


@pytest.fixture
def session(tmp_path):
    s = Session(tmp_path / "l.sqlite3", today=date(2026, 11, 30))
    led = s.ledger
    entries.add_claim_type(led, RENT)
    entries.add_claim_type(led, FEE)
    entries.add_debtor(led, Debtor("D1", "山田 太郎", "ヤマダ タロウ", phone="03-1234-5678"))
    entries.add_debtor(led, Debtor("D2", "鈴木 花子", "スズキ ハナコ"))
    entries.add_claim(led, Claim("R001", "D1", RENT.name, 2026, date(2026, 4, 1), 50000, date(2026, 4, 30)))
    entries.add_claim(led, Claim("R002", "D2", RENT.name, 2025, date(2025, 4, 1), 48000, date(2025, 4, 30)))
    entries.add_claim(led, Claim("F001", "D2", FEE.name, 2026, date(2026, 11, 1), 12000, date(2026, 12, 15)))
    entries.record_event(led, "R002", EventKind.RECEIPT, date(2025, 5, 1), 48000)
    yield s
    s.close()


def shown(view):
    m = view.model
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def test_typing_narrows_the_register(qtbot, session, typist):
    view = RegisterView(session)
    qtbot.addWidget(view)
    assert shown(view) == ["F001", "R001", "R002"]
    typist(view.search, "すずき")
    qtbot.waitUntil(lambda: shown(view) == ["F001", "R002"], timeout=2000)
    assert view.count_label.text() == "2 件"
    view.search.clear()
    typist(view.search, "ﾔﾏﾀﾞ")
    qtbot.waitUntil(lambda: shown(view) == ["R001"], timeout=2000)


def test_filters_and_overdue(qtbot, session):
    view = RegisterView(session)
    qtbot.addWidget(view)
    view.claim_type.setCurrentIndex(view.claim_type.findData(FEE.name))
    assert shown(view) == ["F001"]
    view.claim_type.setCurrentIndex(0)
    view.overdue.setChecked(True)
    assert shown(view) == ["R001"]
    view.overdue.setChecked(False)
    view.fiscal_year.setCurrentIndex(view.fiscal_year.findData(2025))
    assert shown(view) == ["R002"]
    assert view.fiscal_year.currentText() == "令和7年度"


def test_cells_are_japanese_and_amounts_formatted(qtbot, session):
    view = RegisterView(session)
    qtbot.addWidget(view)
    m = view.model
    row = shown(view).index("R001")
    cells = {COLUMNS[c][0]: m.index(row, c).data() for c in range(m.columnCount())}
    assert cells["fiscal_year"] == "令和8年度" and cells["due_date"] == "令和8年4月30日"
    assert cells["balance"] == "50,000" and cells["status"] == "滞納" and cells["legal_nature"] == "私債権"
    assert m.index(row, 8).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert m.headerData(8, Qt.Orientation.Horizontal) == "残高"
    assert m.headerData(8, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert m.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) is None
    # the row numbers, and nothing else the header asks as it measures itself after each search
    assert [m.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == [1, 2, 3]
    assert m.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.FontRole) is None


def test_overdue_rows_show_red_and_ids_ride_along(qtbot, session):
    view = RegisterView(session)
    qtbot.addWidget(view)
    m = view.model
    keys = [key for key, _ in COLUMNS]
    overdue, paid = shown(view).index("R001"), shown(view).index("R002")

    def fg(row, key):
        color = m.index(row, keys.index(key)).data(Qt.ItemDataRole.ForegroundRole)
        return color.name() if color is not None else None

    assert [fg(overdue, k) for k in ("balance", "status", "claim_id")] == ["#b00020", "#b00020", None]
    assert [fg(paid, k) for k in ("balance", "status", "limitation_date")] == [None, None, None]
    assert m.index(paid, keys.index("fiscal_year")).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    assert m.index(overdue, 3).data(ClaimIdRole) == "R001" and m.index(overdue, 3).data(DebtorIdRole) == "D1"
    assert m.index(overdue, 0).data(Qt.ItemDataRole.ToolTipRole) is None  # tips on 時効 only
    assert m.index(overdue, 0).data(Qt.ItemDataRole.DecorationRole) is None


def test_the_delegate_paints_what_qt_paints_from_the_roles(qtbot, session):
    """RegisterDelegate sets each cell's style option from the row the model made: the same
    pixels as QStyledItemDelegate asking the seven roles (red amounts, alignments, a selection)."""
    from PySide6.QtWidgets import QStyledItemDelegate

    view = RegisterView(session)
    qtbot.addWidget(view)
    view.resize(1300, 300)
    view.show()
    qtbot.waitExposed(view)
    view.table.selectRow(shown(view).index("R002"))  # R001 stays unselected, in red
    assert isinstance(view.table.itemDelegate(), RegisterDelegate)
    ours = view.table.viewport().grab().toImage()
    view.table.setItemDelegate(QStyledItemDelegate(view.table))
    assert view.table.viewport().grab().toImage() == ours
    view.search.setText("該当なし")
    view.apply_filters()
    assert view.table.viewport().grab().toImage() != ours  # the picture shows the rows


def test_sorting_by_clicking_the_header(qtbot, session):
    view = RegisterView(session)
    qtbot.addWidget(view)
    view.table.sortByColumn(8, Qt.SortOrder.DescendingOrder)  # 残高
    assert shown(view) == ["R001", "F001", "R002"]


def test_activating_opens_claim_or_debtor(qtbot, session):
    view = RegisterView(session)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.open_claim) as claim:
        view.table.activated.emit(view.model.index(0, 0))
    assert claim.args == ["F001"]
    with qtbot.waitSignal(view.open_debtor) as debtor:
        view.table.activated.emit(view.model.index(0, 1))
    assert debtor.args == ["D2"]


def test_model_passes_qt_model_tester(qtmodeltester, session):
    qtmodeltester.check(RegisterModel(session))


def test_pages_are_fetched_on_demand(session):
    led = session.ledger
    entries.add_debtor(led, Debtor("D3", "大量 一郎"))
    led.add_claims(Claim(f"X{i:05d}", "D3", RENT.name, 2026, date(2026, 4, 1), 1000, date(2026, 4, 30))
                   for i in range(PAGE_SIZE * 3 + 7))
    model = RegisterModel(session)
    assert model.rowCount() == PAGE_SIZE * 3 + 10
    assert model._pages == {}
    assert model.index(PAGE_SIZE * 3 + 9, 0).data() == f"X{PAGE_SIZE * 3 + 6:05d}"
    assert list(model._pages) == [3]


def test_limitation_date_only_where_something_is_owed(qtbot, session):
    view = RegisterView(session)
    qtbot.addWidget(view)
    m = view.model
    rows = {m.index(r, 0).data(): r for r in range(m.rowCount())}
    col = [key for key, _ in COLUMNS].index("limitation_date")
    assert m.index(rows["R001"], col).data() == "令和13年4月30日"
    assert m.index(rows["R002"], col).data() == ""  # paid in full


@pytest.mark.parametrize("sort", ["claim_id", "debtor_kana"])
def test_many_claims_are_read_by_position_and_show_as_by_keys(session, monkeypatch, sort):
    """Above KEYS_AT_MOST claims (in the claim id order) the model reads pages by position."""
    from dataclasses import replace

    from claimdesk.ui import register_model

    led = session.ledger
    entries.add_debtor(led, Debtor("D3", "大量 一郎"))
    led.add_claims(Claim(f"X{i:05d}", "D3", RENT.name, 2026, date(2026, 4, 1), 1000, date(2026, 4, 30))
                   for i in range(PAGE_SIZE * 2 + 7))
    by_keys = RegisterModel(session)
    monkeypatch.setattr(register_model, "KEYS_AT_MOST", 5)
    for text in ("", "1", "x001", "大量", "ﾔﾏﾀﾞ"):
        query = replace(by_keys.query, text=text, sort=sort)
        by_keys_rows = [by_keys.row_at(r).claim_id for r in range(by_keys.rowCount())]
        model = RegisterModel(session, query=query)
        monkeypatch.setattr(register_model, "KEYS_AT_MOST", 10_000)
        by_keys = RegisterModel(session, query=query)
        monkeypatch.setattr(register_model, "KEYS_AT_MOST", 5)
        by_keys_rows = [by_keys.row_at(r).claim_id for r in range(by_keys.rowCount())]
        assert model.rowCount() == by_keys.rowCount() > 0, text
        assert (model._ids is None) == (sort == "claim_id" and model.rowCount() > 5)
        assert [model.row_at(r).claim_id for r in range(model.rowCount())] == by_keys_rows, text


@pytest.mark.parametrize("descending", [False, True])
def test_a_search_shows_its_first_pages_by_position_and_reads_its_keys_on_scrolling(session, monkeypatch, descending):
    """A search finding KEYS_LATER_FROM claims or more: the first pages by position, then
    every key once the clerk scrolls past PAGES_BEFORE_KEYS; the rows are those of the keys."""
    from dataclasses import replace

    from claimdesk.ui import register_model

    led = session.ledger
    entries.add_debtor(led, Debtor("D3", "大量 一郎"))
    led.add_claims(Claim(f"X{i:05d}", "D3", RENT.name, 2026, date(2026, 4, 1), 1000, date(2026, 4, 30))
                   for i in range(PAGE_SIZE * 4 + 7))
    for text in ("1", "x0", "大量"):
        query = replace(RegisterModel(session).query, text=text, descending=descending)
        by_keys = RegisterModel(session, query=query)
        assert by_keys._ids is not None  # fewer than KEYS_LATER_FROM: the keys at once
        monkeypatch.setattr(register_model, "KEYS_LATER_FROM", 3)
        model = RegisterModel(session, query=query)
        monkeypatch.undo()
        assert model.rowCount() == by_keys.rowCount() > PAGE_SIZE * 2, text
        first = [model.row_at(r).claim_id for r in range(PAGE_SIZE * register_model.PAGES_BEFORE_KEYS)]
        assert model._ids is None  # the first pages read by position
        rest = [model.row_at(r).claim_id for r in range(len(first), model.rowCount())]
        assert model._ids is not None and len(model._ids) == model.rowCount()
        assert first + rest == [by_keys.row_at(r).claim_id for r in range(by_keys.rowCount())], text
