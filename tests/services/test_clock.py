"""One today: CLAIMDESK_TODAY sets it for every view; a mistyped one is one clear line."""

from datetime import date

import pytest

from claimdesk.cli import main
from claimdesk.services import clock


def test_today_is_the_computer_s_date_unless_set(monkeypatch):
    monkeypatch.delenv("CLAIMDESK_TODAY", raising=False)
    assert clock.today() == date.today()
    monkeypatch.setenv("CLAIMDESK_TODAY", "2028-02-29")
    assert clock.today() == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["2026-02-30", "2026/12/01", "R8.12.1", "tomorrow", "2026-1-5"])
def test_a_mistyped_today_is_refused_in_one_line(monkeypatch, capsys, tmp_path, text):
    monkeypatch.setenv("CLAIMDESK_TODAY", text)
    with pytest.raises(clock.InvalidToday):
        clock.today()
    assert main(["worklist", "--db", str(tmp_path / "l.sqlite3")]) == 2
    assert capsys.readouterr().err == (
        f"claimdesk: 環境変数 CLAIMDESK_TODAY は YYYY-MM-DD の日付で指定してください（{text}）\n")
