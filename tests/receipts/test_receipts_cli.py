"""`claimdesk receipts` and `claimdesk import --transactions` alone, as scripts use them."""

from datetime import date

from claimdesk.cli import main
from claimdesk.storage.ledger import Ledger
from tests.receipt_builders import Line, zengin_file


def run(*args):
    return main([str(a) for a in args])


def test_receipts_taken_exit_0_with_a_summary(debits, tmp_path, capsys):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("1001", 12000), Line("1002", 8500, "1")])
    assert run("receipts", "--db", debits, f) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "収納データを取り込みました: 1ファイル、収納 12,000円、振替不能 1件"
    assert out[1] == "kekka.txt: 口座振替結果（全銀） 収納 1件 12,000円、振替不能 1件 8,500円（取込み番号 1）"


def test_receipts_refused_exit_2_with_every_reason_and_nothing_changed(debits, tmp_path, capsys):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("1001", 12000), Line("7777", 100)], count=3)
    assert run("receipts", "--db", debits, "--format", "zengin", f) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{f}:3: 顧客番号 7777 で口座振替を登録した債務者がいません",
                   f"{f}:4: トレーラーの合計件数 3件 がデータ・レコードの 2件 と合いません",
                   "収納データの取込みを中止しました: 2件の誤りがあります。台帳は変更していません。"]
    with Ledger.open(debits) as ledger:
        assert ledger.event_count() == 0 and ledger.receipt_files.all() == []


def test_a_file_of_no_known_format_is_refused(debits, tmp_path, capsys):
    f = tmp_path / "x.txt"
    f.write_text("hello\n")
    assert run("receipts", "--db", debits, f) == 2
    assert capsys.readouterr().err.startswith(f"{f}:1: 形式を判別できません")


def test_import_transactions_alone(debits, tmp_path, capsys):
    tx = tmp_path / "receipts.csv"
    tx.write_text("債権番号,日付,区分,金額,納付方法\nC1,2026-06-10,収納,5000,窓口\nC3,2026-06-11,収納,8500,窓口\n",
                  encoding="cp932")
    assert run("import", "--db", debits, "--transactions", tx) == 0
    assert "取引 2件" in capsys.readouterr().out
    with Ledger.open(debits) as ledger:
        assert [e.amount for e in ledger.events("C1")] == [5000]
        (batch,) = ledger.imports.all()
        assert (batch.claims_file, batch.transactions_file, batch.files) == ("", "receipts.csv", "receipts.csv")
    assert run("import", "--db", debits, "--transactions", tx) == 2
    assert "receipts.csv: この内容は" in capsys.readouterr().err


def test_import_transactions_alone_names_unknown_claims_by_line(debits, tmp_path, capsys):
    tx = tmp_path / "receipts.csv"
    tx.write_text("claim_id,date,kind,amount\nC1,2026-06-10,receipt,5000\nZZ,2026-06-10,receipt,1\n")
    assert run("import", "--db", debits, "--transactions", tx) == 2
    assert f"{tx}:3: claim_id: 債権番号 ZZ は取込む債権にも台帳にもありません" in capsys.readouterr().err
    with Ledger.open(debits) as ledger:
        assert ledger.event_count() == 0


def test_import_needs_claims_or_transactions(debits, capsys):
    assert run("import", "--db", debits) == 2
    assert "--transactions で取引のCSV" in capsys.readouterr().err


def test_direct_debits_lists_registrations_and_debtors_without(debits, capsys):
    assert run("direct-debits", "--db", debits) == 0
    assert capsys.readouterr().out.splitlines() == [
        "D1\t0001\t001\t普通\t1234567\tﾔﾏﾀﾞ ﾀﾛｳ\t1001\t2026-04-01\t",
        "D2\t0005\t123\t普通\t7654321\tｽｽﾞｷ ﾊﾅｺ\t1002\t2026-04-01\t"]
    assert run("direct-debits", "--db", debits, "--without", "--as-of", "2026-06-30") == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == ["D3\t佐藤 次郎\t\t1件\t5,000円"]
    assert out.err == "口座振替を利用していない滞納者: 1人、滞納額 計 5,000円\n"


def test_a_file_of_another_collector_code_is_refused(debits, tmp_path, capsys):
    f = zengin_file(tmp_path / "kekka.txt", date(2026, 6, 27), [Line("1001", 12000)])  # 委託者コード 1234567890
    assert run("direct-debits", "--db", debits, "--collector-code", "12345") == 0
    assert capsys.readouterr().out == "委託者コードを設定しました: 12345\n"
    assert run("receipts", "--db", debits, f) == 2
    assert capsys.readouterr().err.startswith(
        f"{f}:1: 委託者コード 1234567890 がこの台帳の設定（direct_debit_collector_code 12345）と違います")
    assert run("direct-debits", "--db", debits, "--collector-code", "１２３４５６７８９０") == 0
    assert run("receipts", "--db", debits, f) == 0
    assert run("direct-debits", "--db", debits, "--collector-code", "12-3") == 2
    assert "collector_code: 委託者コードは10桁までの数字です（12-3）" in capsys.readouterr().err
