"""The texts the services write into the contact log are the record: in 和暦, as a clerk writes.

Nothing rewrites them later (the window shows them as written: tests/ui/test_casework_panel.py),
so a promise, a plan and a returned letter carry their dates in 和暦 from the start (a
leap day too).
"""

from datetime import date

from claimdesk.services import casework as cw
from tests.services.test_casework import TODAY, led  # noqa: F401 (a fixture)


def test_a_promise_writes_its_due_day_in_wareki(led):  # noqa: F811
    promise = cw.record_promise(led, "A", 12_000, date(2028, 2, 29), on=date(2026, 2, 20), today=TODAY)
    entry = led.casework.entry(promise.entry_id)
    assert entry.summary == entry.agreement == "12,000円を令和10年2月29日までに納付すると約束"


def test_a_plan_writes_its_first_and_last_instalment_in_wareki(led):  # noqa: F811
    plan = cw.create_instalment_plan(led, ["A", "B"], signed_on=date(2026, 2, 27),
                                     schedule=[(date(2026, 3, 31), 60_000), (date(2026, 4, 30), 60_000)], today=TODAY)
    entry = led.casework.entry(plan.entry_id)
    assert entry.agreement == "分納誓約: 総額120,000円、2回（令和8年3月31日〜令和8年4月30日）"


def test_a_returned_letter_writes_the_day_it_was_sent_in_wareki(led):  # noqa: F811
    sent = cw.log_contact(led, "H", "文書発送", "督促状", on=date(2025, 8, 1), letter_kind="demand", today=TODAY)
    back = cw.mark_letter_returned(led, sent.entry_id, on=date(2025, 8, 10), reason="転居先不明", today=TODAY)
    assert back.summary == "督促状（令和7年8月1日発送）が返戻された（転居先不明）"
