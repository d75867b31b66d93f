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


def test_missing_letter_settings_are_named_as_the_settings_dialog_names_them(qapp):
    from claimdesk.services.letter_settings import LetterSettingsMissing
    from claimdesk.ui.error_box import error_message

    message, details = error_message(LetterSettingsMissing(["letter_issuer", "letter_contact"]))
    assert message == ("文書の設定がされていません: 発行者、問合せ先の電話番号・受付時間など。"
                       "設定するまで文書は作成しません（設定: ファイル → 設定 の「文書」）。")
    assert "letter_" not in message and details == ""


def test_a_failed_import_says_the_count_and_the_first_row_and_lists_them_all(qapp):
    from claimdesk.services.csvfiles import ImportProblem
    from claimdesk.services.importer import ImportFailed
    from claimdesk.ui.error_box import error_message

    problems = [ImportProblem("c.csv", 3, "調定額", "金額は1円以上の整数で入力してください（-5）"),
                ImportProblem("t.csv", 2, "日付", "日付が今日より後です")]
    message, details = error_message(ImportFailed(problems))
    assert message == ("取込みを中止しました: 2件の誤りがあります。台帳は変更していません。\n"
                       "c.csv:3: 調定額: 金額は1円以上の整数で入力してください（-5）")
    assert details == "c.csv:3: 調定額: 金額は1円以上の整数で入力してください（-5）\nt.csv:2: 日付: 日付が今日より後です"


def test_batch_refusals_read_in_the_window_as_in_the_plain_text(qapp):
    from claimdesk.domain.letter_rules import Unsendable
    from claimdesk.domain.letters import LetterKind
    from claimdesk.services.letters import LettersRefused, NothingToSend

    refused = LettersRefused(LetterKind.DEMAND, [("B", Unsendable.NOT_OVERDUE)])
    assert reason_text(refused) == f"督促状を作成できない債権があります: B（{Unsendable.NOT_OVERDUE.label}）"
    nothing = NothingToSend(LetterKind.DEMAND, [("B", Unsendable.NOT_OVERDUE)])
    assert reason_text(nothing) == f"作成する督促状がありません（B: {Unsendable.NOT_OVERDUE.label}）"
