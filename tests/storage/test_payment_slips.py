"""Claims' payment serials and recorded 納付書, on a real ledger file."""

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.payment_slips import PaymentSlip, payment_number
from claimdesk.storage.ledger import Ledger, LedgerError
from tests.ledger_files import claim, filled_ledger


def slip(number, claim_id="C1", issue=1, **more):
    values = dict(number=number, claim_id=claim_id, issue=issue, issued_on=date(2026, 1, 5),
                  deadline=date(2026, 1, 20), principal=11_600, late_charge=0, barcode=None,
                  batch_path="letters/2026/x.pdf", batch_hash="ab" * 32)
    return PaymentSlip(**(values | more))


def test_every_claim_has_a_serial_in_claim_order_and_new_ones_get_the_next(tmp_path):
    path = filled_ledger(tmp_path / "l.sqlite3")
    with Ledger.open(path) as led:
        assert (led.payments.claim_serial("C1"), led.payments.claim_serial("C2")) == (1, 2)
        led.add_claims([claim(3)])
        assert led.payments.claim_serial("C3") == 3
        assert led.payments.claim_serial("nope") is None


def test_next_numbers_are_stable_until_a_slip_is_recorded(tmp_path):
    path = filled_ledger(tmp_path / "l.sqlite3")
    with Ledger.open(path) as led:
        first = led.payments.next_numbers(["C2", "C1", "C9"])
        assert first == {"C1": (payment_number(1, 1), 1), "C2": (payment_number(2, 1), 1)}
        assert led.payments.next_numbers(["C1"]) == {"C1": first["C1"]}
        assert led.payments.record_slips([slip(first["C1"][0])]) == 1
    with Ledger.open(path) as led:  # kept in the file
        assert led.payments.next_numbers(["C1"]) == {"C1": (payment_number(1, 2), 2)}
        got = led.payments.slip(first["C1"][0])
        assert got == replace(slip(first["C1"][0]), recorded_by="テスト担当", recorded_at=got.recorded_at)
        assert got.amount == 11_600 and got.recorded_at
        assert led.payments.slip("000000001-01-" + first["C1"][0][-1]) == got  # as printed
        assert led.payments.slip("000000009011") is None  # bad check digit: no slip, no error
        assert led.payments.slip(payment_number(1, 2)) is None
        assert [s.number for s in led.payments.slips("C1")] == [first["C1"][0]]


def test_recording_the_same_slip_twice_is_one_slip_but_other_content_is_refused(tmp_path):
    path = filled_ledger(tmp_path / "l.sqlite3")
    with Ledger.open(path) as led:
        n = payment_number(1, 1)
        assert led.payments.record_slips([slip(n)]) == 1
        assert led.payments.record_slips([slip(n)]) == 0
        with pytest.raises(InvalidValue, match="別の内容ですでに記録"):
            led.payments.record_slips([slip(payment_number(2, 1), "C2"), slip(n, principal=1)])
        assert led.payments.slip(payment_number(2, 1)) is None  # all or none
        assert len(led.payments.slips("C1")) == 1


def test_a_number_must_be_its_claims_serial_and_issue(tmp_path):
    path = filled_ledger(tmp_path / "l.sqlite3")
    with Ledger.open(path) as led:
        with pytest.raises(LedgerError, match="納付番号が債権と発行回数に合いません"):
            led.payments.record_slips([slip(payment_number(2, 1), "C1")])
        with pytest.raises(InvalidValue, match="2回目"):
            led.payments.record_slips([slip(payment_number(1, 1), "C1", issue=2)])
        with pytest.raises(LedgerError):
            led.payments.record_slips([slip(payment_number(1, 1), deadline=date(2025, 12, 31))])
        with pytest.raises(LedgerError):
            led.payments.record_slips([slip(payment_number(1, 1), barcode="123")])


def test_slips_and_serials_are_append_only_against_plain_sql(tmp_path):
    path = filled_ledger(tmp_path / "l.sqlite3")
    with Ledger.open(path) as led:
        led.payments.record_slips([slip(payment_number(1, 1), barcode="9" * 44)])
    conn = sqlite3.connect(path)
    for sql in ("UPDATE payment_slips SET amount = 1", "DELETE FROM payment_slips",
                "UPDATE payment_claim_numbers SET serial = 7", "DELETE FROM payment_claim_numbers"):
        with pytest.raises(sqlite3.DatabaseError, match="追記のみ"):
            conn.execute(sql)
    conn.close()
