"""口座振替 registrations: the 全銀協 fields' rules, history kept, the import's columns, the 勧奨 list."""

from datetime import date

import pytest

from claimdesk.domain.direct_debit import AccountType, account_number, bank_code, zengin_kana
from claimdesk.domain.errors import InvalidValue
from claimdesk.services.changes import Kind, changes_of
from claimdesk.services.direct_debits import (
    arrears_without_direct_debit,
    direct_debit_history,
    end_direct_debit,
    register_direct_debit,
)
from claimdesk.storage.ledger import Ledger


@pytest.mark.parametrize("written, kept", [
    ("やまだ　たろう", "ﾔﾏﾀﾞ ﾀﾛｳ"), ("ヤマダ ジョウ", "ﾔﾏﾀﾞ ｼﾞﾖｳ"), ("ｶ)ﾐﾄﾞﾘｼｮｳｼﾞ", "ｶ)ﾐﾄﾞﾘｼﾖｳｼﾞ"),
    ("ﾊﾟｰｸ", "ﾊﾟ-ｸ"), ("ｓｍｉｔｈ", "SMITH"), ("ヴイ", "ｳﾞｲ")])
def test_holders_are_kept_in_the_zengin_character_set(written, kept):
    assert zengin_kana(written) == kept


@pytest.mark.parametrize("call, message", [
    (lambda: zengin_kana("山田 太郎"), "account_holder_kana: 口座名義に全銀協の文字（半角カナ・英大文字・数字・一部の記号）で書けない文字「山」があります"),
    (lambda: zengin_kana("ｱ" * 31), "account_holder_kana: 口座名義は30文字（半角）までです（31文字）"),
    (lambda: bank_code("123"), "bank_code: 銀行コードは4桁の数字です（3桁）"),
    (lambda: bank_code("12a4"), "bank_code: 銀行コードは数字で入力してください（12a4）"),
    (lambda: account_number("12345678"), "account_number: 口座番号は1〜7桁の数字です（8桁）"),
    (lambda: AccountType.parse("定期"), "account_type: 預金種目が不明です（定期）: 1/普通、2/当座、3/納税準備、4/貯蓄、9/その他 のいずれか"),
])
def test_each_field_names_its_reason(call, message):
    with pytest.raises(InvalidValue) as e:
        call()
    assert str(e.value) == message


def test_registration_history_is_append_only(debits):
    with Ledger.open(debits) as ledger:
        entry = register_direct_debit(ledger, "D3", bank="０００９", branch="010", account_type="普通預金",
                                               number="123", holder="さとう じろう", customer="3003",
                                               starts_on=date(2026, 6, 1))
        assert (entry.bank_code, entry.account_number, entry.holder_kana, entry.account_type) == (
            "0009", "0000123", "ｻﾄｳ ｼﾞﾛｳ", AccountType.ORDINARY)
        assert "D3" in changes_of(entry).debtors and changes_of(entry).concerns(Kind.DEBTOR, debtor="D3")
        end_direct_debit(ledger, "D3", date(2026, 9, 30))
        history = direct_debit_history(ledger, "D3")
        assert [(e.starts_on, e.ends_on) for e in history] == [(date(2026, 6, 1), None),
                                                               (date(2026, 6, 1), date(2026, 9, 30))]
        with pytest.raises(InvalidValue, match="終了済み"):
            end_direct_debit(ledger, "D3", date(2026, 10, 1))
        with pytest.raises(InvalidValue, match="customer_number: 顧客番号 1001 は債務者 D1 に登録されています"):
            register_direct_debit(ledger, "D3", bank="0009", branch="010", account_type="1", number="1",
                                  holder="ｻﾄｳ", customer="1001", starts_on=date(2026, 6, 1))


def test_the_entries_cannot_be_rewritten(debits):
    import sqlite3
    conn = sqlite3.connect(debits)
    with pytest.raises(sqlite3.DatabaseError, match="追記のみ"):
        conn.execute("UPDATE direct_debits SET customer_number = '9'")
    conn.close()


def test_debtors_with_arrears_without_direct_debit(debits):
    with Ledger.open(debits) as ledger:
        listed = arrears_without_direct_debit(ledger, date(2026, 6, 30))
        assert [(n.debtor_id, n.claims, n.owed) for n in listed] == [("D3", 1, 5000)]
        end_direct_debit(ledger, "D2", date(2026, 5, 31))
        listed = arrears_without_direct_debit(ledger, date(2026, 6, 30))
        assert [(n.debtor_id, n.owed) for n in listed] == [("D2", 8500), ("D3", 5000)]


CLAIMS = ("債権番号,債務者番号,氏名,債権名,債権の種類,会計,款,年度,調定日,調定額,納期限,"
          "銀行コード,支店コード,預金種目,口座番号,口座名義,顧客番号\n")


def test_the_claims_file_registers_direct_debits(debits, tmp_path):
    from claimdesk.services.importer import ImportFailed, import_ledger
    row = "{id},{d},{name},保育所保育料,強制徴収公債権,一般会計,分担金及負担金,2026,2026-06-01,9000,2026-06-30,"
    f = tmp_path / "claims.csv"
    f.write_text(CLAIMS + row.format(id="C9", d="D9", name="田中 一") + "0001,002,1,998877,ﾀﾅｶ ﾊｼﾞﾒ,9009\n"
                 + row.format(id="C10", d="D9", name="田中 一") + "0001,002,普通,998877,タナカ ハジメ,0009009\n"
                 + row.format(id="C11", d="D3", name="佐藤 次郎") + ",,,,,\n", encoding="cp932")
    with Ledger.open(debits) as ledger:
        import_ledger(ledger, f)
        (entry,) = direct_debit_history(ledger, "D9")
        assert (entry.customer_number, entry.account_number, entry.starts_on) == ("9009", "0998877", date(2026, 6, 30))
        assert direct_debit_history(ledger, "D3") == []
    bad = tmp_path / "bad.csv"
    bad.write_text(CLAIMS + row.format(id="C20", d="D20", name="木村 葵") + "0001,02,1,1,ｷﾑﾗ,1001\n"
                   + row.format(id="C21", d="D21", name="林 翔") + "0001,002,1,1,林,\n", encoding="utf-8")
    with Ledger.open(debits) as ledger:
        with pytest.raises(ImportFailed) as failed:
            import_ledger(ledger, bad)
    assert [str(p) for p in failed.value.problems] == [
        f"{bad}:2: 支店コード: 支店コードは3桁の数字です（2桁）",
        f"{bad}:3: 口座名義: 口座名義に全銀協の文字（半角カナ・英大文字・数字・一部の記号）で書けない文字「林」があります"]


def test_the_direct_debit_letter_prints_and_is_logged(debits, tmp_path, capsys, letters_ready):
    from pypdf import PdfReader

    from claimdesk.cli import main
    from claimdesk.domain.contacts import Channel, LegalEffect
    from claimdesk.domain.letters import LetterKind
    from claimdesk.services import casework
    from claimdesk.services.letter_log import confirm_sent
    from claimdesk.services.letters import render_batch
    with Ledger.open(debits) as ledger:
        letters_ready(ledger)
    out = tmp_path / "annai.pdf"
    assert main(["letters", "--db", str(debits), "--kind", "direct_debit", "--claims", "C4", "--as-of", "2026-06-30",
                 "--output", str(out)]) == 0
    assert "口座振替のご案内 1通" in capsys.readouterr().out
    text = "".join(p.extract_text().replace("\n", "") for p in PdfReader(out).pages)
    for part in ("口座振替のご案内", "佐藤 次郎", "預金口座振替依頼書", "令和8年7月30日までに", "C4保育所保育料"):
        assert part in text, part
    with Ledger.open(debits) as ledger:
        batch = render_batch(ledger, LetterKind.DIRECT_DEBIT, tmp_path / "b.pdf", date(2026, 6, 30), claim_ids=["C4"])
        confirm_sent(ledger, batch, date(2026, 6, 30))
        (line,) = casework.contact_log(ledger, debtor_id="D3")
        assert (line.entry.channel, line.entry.letter_kind, line.entry.legal_effect) == (
            Channel.LETTER_OUT, LetterKind.DIRECT_DEBIT, LegalEffect.NONE)
