"""A sentence kept as data: each face writes its dates (ISO for scripts, 和暦 on screen)."""

from datetime import date

from claimdesk.domain.dates import format_wareki
from claimdesk.domain.text import Phrase


def test_a_phrase_writes_dates_as_each_face_asks():
    p = Phrase.of("時効まで{days}日（{on}）", days=29, on=date(2026, 6, 30))
    assert p.text() == "時効まで29日（2026-06-30）"
    assert p.text(format_wareki) == "時効まで29日（令和8年6月30日）"
    assert p.param("on") == date(2026, 6, 30) and p.param("days") == 29


def test_a_leap_day_in_a_phrase():
    assert Phrase.of("期限 {on}", on=date(2028, 2, 29)).text(format_wareki) == "期限 令和10年2月29日"
