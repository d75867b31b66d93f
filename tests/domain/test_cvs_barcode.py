"""The convenience-store code and the 納付番号: digits and check digits against published examples."""

from datetime import date

import pytest

from claimdesk.domain.cvs_barcode import (
    CvsCode,
    barcode_refusal,
    check_company_code,
    cvs_code,
    human_readable,
    parse_cvs_code,
)
from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.payment_slips import (
    format_payment_number,
    mod10_w31,
    number_parts,
    parse_payment_number,
    payment_number,
)

# Published examples of the guideline's 43 digits and their check digit: the two worked
# examples quoted with the guideline's check-digit rule (both give 3), and a code as a
# payment agent's receipt file (DSK) delivers it, check digit 9 as delivered.
PUBLISHED = [
    ("91" "912345" "012345678901234567890" "1" "010331" "0" "123000", 3),
    ("91" "942386" "178953917853935692730" "1" "030731" "1" "031290", 3),
    ("91" "929023" "219420000000000037554" "3" "999999" "9" "999999", 9),
]


@pytest.mark.parametrize("body, check", PUBLISHED)
def test_the_check_digit_of_published_codes(body, check):
    assert len(body) == 43
    assert mod10_w31(body) == check


def test_the_check_digit_counts_the_ai_too():
    # Left out, the AI "91" would give another digit: the guideline counts all 43.
    body = PUBLISHED[0][0]
    assert mod10_w31(body[2:]) != mod10_w31(body)


def test_a_published_code_reads_back_into_its_fields():
    code = parse_cvs_code("(91)912345-012345678901234567890-1-010331-0-123000-3")
    assert code == CvsCode("912345", "012345678901234567890", 1, date(2001, 3, 31), 123000, False)
    assert code.digits == PUBLISHED[0][0] + "3"
    assert parse_cvs_code(PUBLISHED[1][0] + "3").stamp is True


def test_a_receipt_file_code_with_ean_prefix_and_no_deadline():
    code = parse_cvs_code("EAN91929023219420000000000037554399999999999999")
    assert code.deadline == date.max and code.amount == 999999 and code.reissue == 3


def test_a_wrong_check_digit_or_length_or_ai_is_refused():
    with pytest.raises(InvalidValue, match="検査数字"):
        parse_cvs_code(PUBLISHED[0][0] + "4")
    with pytest.raises(InvalidValue, match="44桁"):
        parse_cvs_code(PUBLISHED[0][0])
    with pytest.raises(InvalidValue, match="AIが91でない"):
        body = "90" + PUBLISHED[0][0][2:]
        parse_cvs_code(body + str(mod10_w31(body)))


def test_a_slip_code_carries_the_payment_number_then_zeros():
    number = payment_number(12345, 1)
    code = cvs_code("912345", number, 0, date(2026, 12, 28), 25_600)
    d = code.digits
    assert len(d) == 44 and d.isdecimal()
    assert d[:2] == "91" and d[2:8] == "912345"
    assert d[8:29] == number + "0" * 9
    assert d[29] == "0" and d[30:36] == "261228" and d[36] == "0" and d[37:43] == "025600"
    assert int(d[43]) == mod10_w31(d[:43])
    assert parse_cvs_code(d).payment_number == number
    assert human_readable(d) == f"(91)912345-{number}000000000-0-261228-0-025600-{d[43]}"


def test_reissue_is_one_digit():
    assert cvs_code("912345", payment_number(1, 12), 11, date(2026, 1, 5), 100).reissue == 9


def test_company_code_is_six_digits_starting_with_9_or_5():
    assert check_company_code(" 912345 ") == "912345"
    assert check_company_code("512345") == "512345"
    for bad in ("91234", "9123456", "91234a", "４１２３４５", "412345", ""):
        with pytest.raises(InvalidValue) as e:
            check_company_code(bad)
        assert e.value.field == "cvs_company_code"


def test_store_limit():
    assert barcode_refusal(300_000, 300_000) is None
    assert "300,000円" in barcode_refusal(300_001, 300_000)
    assert "999,999円" in barcode_refusal(1_000_000, 5_000_000)
    assert barcode_refusal(0, 300_000) == "金額が0円"
    with pytest.raises(InvalidValue):
        cvs_code("912345", payment_number(1, 1), 0, date(2026, 1, 5), 1_000_000)


def test_payment_number_layout_and_check_digit():
    n = payment_number(12345, 1)
    assert n == "000012345" "01" + str(mod10_w31("00001234501"))
    # By hand, from the right: 3×(1+5+3+1+0+0) + (0+4+2+0+0) = 36 → 10 − 6 = 4
    assert n == "000012345014"
    assert number_parts(n) == (12345, 1)
    assert format_payment_number(n) == "000012345-01-4"
    assert payment_number(999_999_999, 99).startswith("99999999999")


def test_payment_number_as_typed():
    assert parse_payment_number("000012345-01-4") == "000012345014"
    assert parse_payment_number("０００ ０１２３４５－０１－４") == "000012345014"
    with pytest.raises(InvalidValue, match="検査数字"):
        parse_payment_number("000012345-01-5")
    with pytest.raises(InvalidValue, match="12桁"):
        parse_payment_number("12345")
    with pytest.raises(InvalidValue, match="納付番号ではありません"):
        parse_payment_number("000000000" "01" + str(mod10_w31("00000000001")))


def test_payment_number_limits():
    with pytest.raises(InvalidValue, match="99回"):
        payment_number(1, 100)
    with pytest.raises(InvalidValue):
        payment_number(0, 1)
