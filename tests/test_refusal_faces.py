"""A refusal from below the faces, worded by each face: 和暦 in the window, ISO on the command line.

The domain and storage refuse with a code and its dates as dates; the window writes them
in 和暦 (`ui.error_texts.reason_text`), the command line as it always did, in ISO
(`cli.texts.error_text`). A reason about 和暦 itself says the same thing on both faces.
"""

from datetime import date

import pytest

from claimdesk.cli import main
from claimdesk.cli.texts import error_text
from claimdesk.domain.dates import format_wareki, parse_date
from claimdesk.domain.direct_debit import direct_debit
from claimdesk.domain.errors import Refusal
from claimdesk.domain.payment_slips import payment_number
from claimdesk.storage.ledger import Ledger
from tests.ledger_files import filled_ledger
from tests.storage.test_payment_slips import slip


def refused(make) -> Refusal:
    with pytest.raises(Refusal) as caught:
        make()
    return caught.value


def window(error: Refusal) -> str:
    from claimdesk.ui.error_texts import reason_text

    return reason_text(error)


def test_a_registration_ending_before_it_starts(qapp):
    error = refused(lambda: direct_debit("D1", "0001", "001", "1", "1", "ﾔﾏﾀﾞ", "1", date(2026, 4, 1),
                                         date(2026, 3, 31)))
    assert (error.code, error.params) == ("ends_before_starts",
                                          {"ends_on": date(2026, 3, 31), "starts_on": date(2026, 4, 1)})
    assert window(error) == "終了日（令和8年3月31日）が開始日（令和8年4月1日）より前です"
    assert error_text(error) == "ends_on: 終了日（2026-03-31）が開始日（2026-04-01）より前です"


def test_a_slip_recorded_before_with_other_content(qapp, tmp_path):
    number = payment_number(1, 1)
    printed = slip(number).printed_number
    with Ledger.open(filled_ledger(tmp_path / "l.sqlite3")) as led:
        led.payments.record_slips([slip(number)])
        error = refused(lambda: led.payments.record_slips([slip(number, principal=1)]))
        twice = refused(lambda: led.payments.record_slips([slip(number), slip(number, principal=1)]))
        issue = refused(lambda: led.payments.record_slips([slip(number, issue=2)]))
    assert window(error) == (f"納付番号 {printed} の納付書は、別の内容ですでに記録されています"
                             "（令和8年1月5日 発行、11,600円）。納付書を作り直してください")
    assert error_text(error) == (f"payment_number: 納付番号 {printed} の納付書は、別の内容ですでに記録されています"
                                 "（2026-01-05 発行、11,600円）。納付書を作り直してください")
    assert error_text(twice) == f"payment_number: 納付番号 {printed} の納付書が別の内容で2枚あります"
    assert error_text(issue) == f"payment_number: 納付番号 {number} は2回目の納付書の番号ではありません"


def test_a_reason_about_wareki_reads_alike_on_both_faces(qapp):
    other_era = refused(lambda: parse_date("平成32年4月1日"))
    before_meiji = refused(lambda: format_wareki(date(1800, 1, 1)))
    assert window(other_era) == error_text(other_era) == "平成32年4月1日 は令和2年4月1日です（元号が違います）"
    # The window cannot write a day before 明治 in 和暦: the reason carries it as text.
    assert window(before_meiji) == error_text(before_meiji) == "1800-01-01 は和暦で表せません（明治より前）"


def test_the_command_line_names_its_options_the_window_does_not(qapp, tmp_path, capsys):
    db = tmp_path / "none.sqlite3"  # both are refused before the ledger is opened
    assert main(["log", "--db", str(db), "--claim", "A", "--channel", "電話", "--summary", "x",
                 "--next-action", "電話"]) == 2
    assert main(["targets", "--db", str(db), "--fiscal-year", "2026", "--claim-type", "x",
                 "--expected-collected-current", "1.5"]) == 2
    assert capsys.readouterr() == ("", "claimdesk: next_date: --next-action と --next-date は両方指定してください\n"
                                       "claimdesk: expected-collected-current: 金額は1円単位の整数で入力してください（1.5）\n")
    assert window(Refusal("next_date", "next_action_without_date")) == "次回の対応とその予定日は両方指定してください"
