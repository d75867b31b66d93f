"""The window words refusals itself: 和暦 dates, its own menus, no internal field names."""

from datetime import date

from claimdesk.domain.dates import check_as_of
from claimdesk.domain.errors import InvalidValue, Refusal
from claimdesk.ui.error_texts import reason_text


def test_a_refusals_dates_are_written_in_wareki(qapp):
    r = Refusal("on", "date_after_today", on=date(2026, 7, 1))
    assert r.reason == "記録の日付（2026-07-01）が今日より後です"  # the command line's words
    assert reason_text(r) == "記録の日付（令和8年7月1日）が今日より後です"


def test_an_as_of_outside_the_year_in_wareki(qapp):
    try:
        check_as_of(2026, date(2028, 2, 29))
    except Refusal as r:
        assert reason_text(r) == ("基準日 令和10年2月29日 は令和8年度（令和8年4月1日〜令和9年5月31日、"
                                  "出納整理期間を含む）の外です")
    else:
        raise AssertionError("2028-02-29 is outside FY2026")


def test_the_department_refusal_points_to_the_menu(qapp):
    text = reason_text(Refusal("department", "department_unset"))
    assert "ファイル → 所管課の設定" in text and "--" not in text


def test_a_plain_invalid_value_keeps_its_reason(qapp):
    assert reason_text(InvalidValue("金額が不正です", "amount")) == "金額が不正です"
