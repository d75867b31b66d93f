"""The limitation clock (docs/domain.md §4), pinned with dated cases.

Dates are the last day of the period: the claim is time-barred from the next day. Every
period starts the day after the event it runs from (初日不算入).
"""

from datetime import date

from claimdesk.domain.claims import LegalNature
from claimdesk.domain.contacts import LegalEffect
from claimdesk.domain.instalments import Payment
from claimdesk.domain.limitation import LimitationFact, LimitationRules, LimitationState, limitation

PRIVATE, PUBLIC, ENFORCED = LegalNature.PRIVATE, LegalNature.PUBLIC, LegalNature.ENFORCED_PUBLIC
ACK, DEMAND, REMINDER = LegalEffect.ACKNOWLEDGMENT, LegalEffect.DEMAND, LegalEffect.REMINDER


def fact(on, effect, what="記録"):
    return LimitationFact(on, effect, what)


def test_five_years_from_the_day_after_the_due_date():
    # due 2025-06-30: counting starts 2025-07-01, five years end on 2030-06-30
    lim = limitation(PRIVATE, date(2025, 6, 30), [], date(2026, 1, 1))
    assert lim.limitation_date == date(2030, 6, 30)
    assert lim.basis.text() == "納期限 2025-06-30 の翌日から5年"
    assert lim.state(date(2030, 6, 30), 180) is LimitationState.APPROACHING
    # 2030-01-01 is 180 days before the date: the warning starts that day
    assert lim.days_left(date(2030, 1, 1)) == 180
    assert lim.state(date(2030, 1, 1), 180) is LimitationState.APPROACHING
    assert lim.state(date(2029, 12, 31), 180) is LimitationState.RUNNING
    assert lim.state(date(2030, 7, 1), 180) is LimitationState.STANDING


def test_a_leap_day_due_date_ends_on_the_28th():
    assert limitation(PUBLIC, date(2024, 2, 29), [], date(2024, 3, 1)).limitation_date == date(2029, 2, 28)


def test_a_part_payment_moves_the_limitation_date():
    # due 2023-05-31 → 2028-05-31; paid in part on 2024-08-15 (承認): a new five years
    # from 2024-08-16 → 2029-08-15
    due = date(2023, 5, 31)
    assert limitation(PUBLIC, due, [], date(2024, 8, 14)).limitation_date == date(2028, 5, 31)
    lim = limitation(PUBLIC, due, [], date(2024, 9, 1), payments=[Payment(date(2024, 8, 15), 3000)])
    assert lim.limitation_date == date(2029, 8, 15)
    assert lim.rests_on.text() == "一部納付 3,000円（2024-08-15、承認）の翌日から5年（更新）"
    assert tuple(n.text() for n in lim.notes) == ("2024-08-15 一部納付 3,000円: 時効の更新",)


def test_payments_after_the_day_asked_for_are_not_counted():
    lim = limitation(PUBLIC, date(2023, 5, 31), [], date(2024, 8, 14), payments=[Payment(date(2024, 8, 15), 3000)])
    assert lim.limitation_date == date(2028, 5, 31)


def test_a_run_of_monthly_payments_is_one_line_and_the_last_one_counts():
    payments = [Payment(date(2024, m, 27), 10000) for m in range(1, 13)]
    lim = limitation(PRIVATE, date(2023, 12, 31), [], date(2025, 1, 1), payments=payments)
    assert lim.limitation_date == date(2029, 12, 27)
    assert tuple(n.text() for n in lim.notes) == ("2024-01-27〜2024-12-27 一部納付 12回: そのつど時効の更新（最後は 2024-12-27）",)


def test_a_payment_before_the_due_date_renews_nothing_earlier_than_the_due_date():
    lim = limitation(PRIVATE, date(2025, 6, 30), [], date(2025, 7, 1), payments=[Payment(date(2025, 6, 10), 100)])
    assert (lim.limitation_date, lim.rests_on.text()) == (date(2030, 6, 30), "納期限 2025-06-30 の翌日から5年")


def test_a_public_claims_demand_renews_from_the_tenth_day_after_issue():
    # 督促 issued 2023-06-10; the period restarts from 2023-06-20, counting from 06-21:
    # five years end on 2028-06-20
    lim = limitation(ENFORCED, date(2023, 5, 31), [fact(date(2023, 6, 10), DEMAND, "督促状")], date(2023, 7, 1))
    assert lim.limitation_date == date(2028, 6, 20)
    assert lim.rests_on.text() == "督促（2023-06-10発付）により2023-06-20の翌日から5年（更新）"


def test_only_the_first_demand_renews_a_public_claim():
    facts = [fact(date(2023, 6, 10), DEMAND), fact(date(2024, 2, 1), DEMAND)]
    lim = limitation(PUBLIC, date(2023, 5, 31), facts, date(2024, 3, 1))
    assert lim.limitation_date == date(2028, 6, 20)  # the second is a 催告, too early to matter


def test_a_private_claims_demand_is_only_a_reminder():
    # private due 2020-06-30 → 2025-06-30; a 督促状 on 2025-02-01 suspends completion
    # for six months: to 2025-08-01
    lim = limitation(PRIVATE, date(2020, 6, 30), [fact(date(2025, 2, 1), DEMAND)], date(2025, 3, 1))
    assert (lim.period_end, lim.limitation_date) == (date(2025, 6, 30), date(2025, 8, 1))
    assert lim.suspended_by.text() == "催告（2025-02-01）により2025-08-01まで完成猶予"


def test_the_second_reminder_does_not_extend():
    # due 2020-06-30 → 2025-06-30. 催告 on 2025-03-10: completion suspended to 2025-09-10.
    # A second 催告 on 2025-08-20, during that suspension, gives nothing (民法150条2項).
    due = date(2020, 6, 30)
    first, second = fact(date(2025, 3, 10), REMINDER, "催告書"), fact(date(2025, 8, 20), REMINDER, "催告書")
    lim = limitation(PRIVATE, due, [first, second], date(2025, 9, 10))
    assert lim.limitation_date == date(2025, 9, 10)
    assert lim.notes[-1].text() == "2025-08-20 催告書: 再度の催告のため完成猶予なし（民法150条2項）"
    assert lim.state(date(2025, 9, 11), 180) is LimitationState.STANDING


def test_a_reminder_long_before_the_end_neither_helps_nor_uses_up_the_one_suspension():
    due = date(2020, 6, 30)
    early, late = fact(date(2024, 1, 10), REMINDER), fact(date(2025, 5, 1), REMINDER)
    lim = limitation(PRIVATE, due, [early, late], date(2025, 6, 1))
    assert lim.limitation_date == date(2025, 11, 1)
    assert "完成猶予は生じない" in lim.notes[0].text()


def test_a_renewal_after_a_reminder_starts_afresh():
    facts = [fact(date(2025, 3, 10), REMINDER), fact(date(2025, 4, 1), ACK, "債務承認書")]
    lim = limitation(PRIVATE, date(2020, 6, 30), facts, date(2025, 5, 1))
    assert (lim.limitation_date, lim.suspended_by) == (date(2030, 4, 1), None)


def test_a_public_claim_is_extinguished_on_the_day_after_its_date():
    # 生活保護法63条返還金 due 2019-05-31: extinguished without 援用 from 2024-06-01
    lim = limitation(PUBLIC, date(2019, 5, 31), [], date(2024, 7, 1), payments=[Payment(date(2024, 7, 1), 5000)])
    assert lim.limitation_date == date(2024, 5, 31)
    assert lim.state(date(2024, 5, 31), 180) is LimitationState.APPROACHING
    assert lim.state(date(2024, 6, 1), 180) is LimitationState.EXTINGUISHED
    # a payment after extinction does not revive a public claim (it is an overpayment)
    assert tuple(n.text() for n in lim.notes) == ("2024-07-01 一部納付 5,000円: 時効完成後のため効果なし（公債権は援用を要せず消滅）",)


def test_a_private_claim_still_stands_until_invoked():
    due = date(2019, 5, 31)
    lim = limitation(PRIVATE, due, [], date(2024, 7, 1))
    assert lim.state(date(2024, 7, 1), 180) is LimitationState.STANDING
    invoked = limitation(PRIVATE, due, [fact(date(2024, 7, 1), LegalEffect.INVOCATION, "時効援用通知")], date(2024, 7, 2))
    assert invoked.invoked_on == date(2024, 7, 1)
    assert invoked.state(date(2024, 7, 2), 180) is LimitationState.INVOKED


def test_invoking_before_the_date_does_nothing():
    lim = limitation(PRIVATE, date(2022, 5, 31), [fact(date(2024, 7, 1), LegalEffect.INVOCATION)], date(2024, 7, 2))
    assert lim.invoked_on is None and tuple(n.text() for n in lim.notes) == ("2024-07-01 記録: 時効完成前の援用のため効果なし",)


def test_paying_a_barred_private_claim_renews_it_and_forfeits_invocation():
    lim = limitation(PRIVATE, date(2019, 5, 31), [], date(2024, 8, 1), payments=[Payment(date(2024, 7, 1), 5000)])
    assert lim.limitation_date == date(2029, 7, 1)
    assert "以後は時効を援用できない" in lim.notes[0].text()


def test_an_agreement_to_negotiate_suspends_for_a_year_and_five_years_at_most():
    due = date(2020, 6, 30)  # → 2025-06-30
    negotiation = LegalEffect.NEGOTIATION
    one = limitation(PRIVATE, due, [fact(date(2025, 5, 1), negotiation)], date(2025, 6, 1))
    assert one.limitation_date == date(2026, 5, 1)
    # renewed agreements each give a year, but never past 2030-06-30 (five years after the end)
    agreements = [fact(date(y, 4, 1), negotiation) for y in range(2025, 2031)]
    capped = limitation(PRIVATE, due, agreements, date(2030, 5, 1))
    assert capped.limitation_date == date(2030, 6, 30)


def test_a_reminder_while_negotiation_suspends_gives_nothing():
    due = date(2020, 6, 30)
    facts = [fact(date(2025, 5, 1), LegalEffect.NEGOTIATION), fact(date(2026, 4, 1), REMINDER)]
    assert limitation(PRIVATE, due, facts, date(2026, 4, 2)).limitation_date == date(2026, 5, 1)


def test_a_final_judgment_gives_ten_years():
    lim = limitation(PRIVATE, date(2022, 5, 31), [fact(date(2024, 3, 15), LegalEffect.JUDGMENT, "確定判決")],
                     date(2024, 4, 1))
    assert lim.limitation_date == date(2034, 3, 15)


def test_the_period_of_a_claim_type_and_the_rules_are_settings():
    rules = LimitationRules(demand_renewal_days=15)
    lim = limitation(PUBLIC, date(2023, 5, 31), [fact(date(2023, 6, 10), DEMAND)], date(2023, 7, 1), rules, years=2)
    assert lim.limitation_date == date(2025, 6, 25)


# --- every period counted by 民法140条・143条 (month ends, leap years) ---------------------

def test_the_limitation_date_at_month_ends_and_leap_days():
    # five years from the day after the due date end on the day before the same day
    for due, end in [(date(2027, 2, 28), date(2032, 2, 29)),  # starts 3/1: ends 2/29 of a leap year
                     (date(2023, 2, 28), date(2028, 2, 29)),
                     (date(2028, 2, 29), date(2033, 2, 28)),
                     (date(2026, 1, 30), date(2031, 1, 30)),
                     (date(2026, 1, 31), date(2031, 1, 31)),
                     (date(2026, 3, 31), date(2031, 3, 31)),
                     (date(2026, 4, 30), date(2031, 4, 30))]:
        assert limitation(PUBLIC, due, [], due).limitation_date == end, due


def test_the_demand_renews_from_its_tenth_day_counted_by_the_period_rule():
    # 督促 issued 2027-02-18: its effect on the 10th day, 2027-02-28; five years from there
    # start on 3/1 and end on 2032-02-29 (not 2/28).
    lim = limitation(PUBLIC, date(2027, 1, 31), [fact(date(2027, 2, 18), DEMAND, "督促状")], date(2027, 3, 1))
    assert lim.limitation_date == date(2032, 2, 29)
    assert tuple(n.text() for n in lim.notes) == ("2027-02-18 督促状: 時効の更新（2027-02-28の翌日から起算）",)
    # 2028 is a leap year: issued 2028-02-19, effect on 2/29, five years end 2033-02-28
    lim = limitation(PUBLIC, date(2028, 1, 31), [fact(date(2028, 2, 19), DEMAND)], date(2028, 3, 1))
    assert lim.limitation_date == date(2033, 2, 28)


def test_a_reminder_suspends_for_six_months_counted_by_the_period_rule():
    # due 2022-03-15 → 2027-03-15. 催告 on 2027-02-28: six months start 3/1, end 2027-08-31.
    lim = limitation(PRIVATE, date(2022, 3, 15), [fact(date(2027, 2, 28), REMINDER, "催告書")], date(2027, 3, 1))
    assert lim.limitation_date == date(2027, 8, 31)
    # due 2021-04-30 → 2026-04-30; 催告 on that last day: to 2026-10-31 (the 30th of a 30-day month)
    lim = limitation(PRIVATE, date(2021, 4, 30), [fact(date(2026, 4, 30), REMINDER)], date(2026, 5, 1))
    assert lim.limitation_date == date(2026, 10, 31)
    # 催告 on 2027-08-31: to 2028-02-29, a leap day
    lim = limitation(PRIVATE, date(2022, 9, 15), [fact(date(2027, 8, 31), REMINDER)], date(2027, 9, 1))
    assert lim.limitation_date == date(2028, 2, 29)


def test_an_agreement_to_negotiate_one_year_and_five_at_most_counted_by_the_period_rule():
    NEG = LegalEffect.NEGOTIATION
    # due 2022-03-15 → 2027-03-15; agreed 2027-02-28: one year from 3/1 ends 2028-02-29
    lim = limitation(PRIVATE, date(2022, 3, 15), [fact(date(2027, 2, 28), NEG)], date(2027, 3, 1))
    assert lim.limitation_date == date(2028, 2, 29)
    # due 2022-02-28 → 2027-02-28; agreements renewed each year: five years at most from
    # the day the period would have ended, 2032-02-29 (from 2027-03-01, a leap year's 2/29)
    agreed = [date(2027, 2, 1), date(2028, 1, 15), date(2029, 1, 10), date(2030, 1, 5), date(2031, 1, 2),
              date(2031, 12, 20)]
    lim = limitation(PRIVATE, date(2022, 2, 28), [fact(d, NEG) for d in agreed], date(2032, 1, 1))
    assert lim.limitation_date == date(2032, 2, 29)
    assert lim.notes[-1].text() == "2031-12-20 記録: 完成猶予（2032-02-29まで）"


# --- a final judgment: 10 years, and every renewal after it 10 years again -------------

def test_after_a_judgment_a_part_payment_renews_for_ten_years():
    JUDGMENT = LegalEffect.JUDGMENT
    facts = [fact(date(2024, 3, 15), JUDGMENT, "確定判決")]
    lim = limitation(PRIVATE, date(2022, 5, 31), facts, date(2025, 2, 1), payments=[Payment(date(2025, 1, 10), 5000)])
    # not 2030-01-10 (five years): that would be earlier than the judgment's 2034-03-15
    assert lim.limitation_date == date(2035, 1, 10)
    assert lim.rests_on.text() == "一部納付 5,000円（2025-01-10、承認）の翌日から10年（更新）"
    facts.append(fact(date(2026, 6, 30), ACK, "債務承認書"))
    lim = limitation(PRIVATE, date(2022, 5, 31), facts, date(2026, 7, 1), payments=[Payment(date(2025, 1, 10), 5000)])
    assert lim.limitation_date == date(2036, 6, 30)
    assert lim.notes[-1].text() == "2026-06-30 債務承認書: 時効の更新（10年）"


def test_a_confirmed_payment_order_on_a_public_claim_and_a_demand_after_it():
    # 非強制徴収公債権: 支払督促 confirmed 2026-02-28 → ten years from 3/1 end 2036-02-29.
    facts = [fact(date(2026, 2, 28), LegalEffect.JUDGMENT, "支払督促（確定）")]
    lim = limitation(PUBLIC, date(2021, 6, 30), facts, date(2026, 3, 1))
    assert lim.limitation_date == date(2036, 2, 29)
    assert lim.rests_on.text() == "支払督促（確定）（2026-02-28、確定判決等）の翌日から10年（更新）"
    # a 督促 after it renews for ten years, not five
    facts.append(fact(date(2026, 5, 1), DEMAND, "督促状"))
    lim = limitation(PUBLIC, date(2021, 6, 30), facts, date(2026, 6, 1))
    assert lim.limitation_date == date(2036, 5, 11)


def test_no_renewal_moves_the_date_earlier():
    # A claim type with a 2-year period: a judgment gives 10 years; an acknowledgment a year
    # later renews for 10 years from its day, never back to two.
    facts = [fact(date(2024, 1, 31), LegalEffect.JUDGMENT), fact(date(2025, 1, 31), ACK)]
    lim = limitation(PRIVATE, date(2023, 6, 30), facts, date(2025, 2, 1), years=2)
    assert lim.limitation_date == date(2035, 1, 31)


# --- 民法151条3項: a 催告 and an agreement do not stack --------------------------------

def test_an_agreement_while_a_reminder_suspends_has_no_effect():
    NEG = LegalEffect.NEGOTIATION
    # due 2021-04-30 → 2026-04-30; 催告 2026-03-31 → suspended to 2026-09-30. An agreement
    # on 2026-06-01 falls in that suspension (after 4/30): no effect; the date stays 9/30.
    facts = [fact(date(2026, 3, 31), REMINDER, "催告書"), fact(date(2026, 6, 1), NEG, "協議の合意書")]
    lim = limitation(PRIVATE, date(2021, 4, 30), facts, date(2026, 6, 2))
    assert lim.limitation_date == date(2026, 9, 30)
    assert lim.notes[-1].text() == "2026-06-01 協議の合意書: 効果なし: 催告による猶予中の協議の合意（民法151条3項）"
    # The same agreement before 4/30, while the period still runs, suspends for a year.
    facts = [fact(date(2026, 3, 31), REMINDER), fact(date(2026, 4, 15), NEG)]
    assert limitation(PRIVATE, date(2021, 4, 30), facts, date(2026, 6, 2)).limitation_date == date(2027, 4, 15)


def test_a_reminder_while_an_agreement_suspends_has_no_effect_and_says_so():
    due = date(2020, 6, 30)  # → 2025-06-30; agreed 2025-05-01 → suspended to 2026-05-01
    facts = [fact(date(2025, 5, 1), LegalEffect.NEGOTIATION), fact(date(2026, 4, 1), REMINDER, "催告書")]
    lim = limitation(PRIVATE, due, facts, date(2026, 4, 2))
    assert lim.limitation_date == date(2026, 5, 1)
    assert lim.notes[-1].text() == "2026-04-01 催告書: 効果なし: 協議の合意による猶予中の催告（民法151条3項）"


def test_the_grounds_keep_their_dates_for_the_window_to_write_in_wareki():
    from claimdesk.domain.dates import format_wareki

    lim = limitation(PRIVATE, date(2020, 6, 30), [fact(date(2025, 2, 1), DEMAND)], date(2025, 3, 1))
    assert lim.basis.text(format_wareki) == (
        "納期限 令和2年6月30日 の翌日から5年、催告（令和7年2月1日）により令和7年8月1日まで完成猶予")
    assert lim.notes[0].text(format_wareki) == "令和7年2月1日 記録: 完成猶予（令和7年8月1日まで）"
