"""The command line's whole output of refused commands, byte for byte (the CLI is a contract).

Services refuse with data (a field, a reason code, parameters, the rows concerned) and the
command line words it; these are the exact bytes scripts saw before that was so, for a
letter batch refused claim by claim, letters without their settings, an import with bad
rows and an aggregate of bad files.
"""

from datetime import date

from claimdesk.cli import main
from claimdesk.domain.claims import Claim, Debtor, EventKind, new_event
from claimdesk.storage.ledger import Ledger
from tests.cli.test_aggregate_cli import files  # noqa: F401 (a fixture)
from tests.cli.test_letters_cli import RENT


def run(capsys, *args):
    """Exit status, stdout and stderr of `claimdesk ARGS`."""
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_batch_refused_claim_by_claim(db, tmp_path, capsys):
    with Ledger.open(db) as led:
        led.add_claims([Claim("P", "D1", RENT.name, 2026, date(2026, 4, 1), 5_000, date(2026, 4, 30))])
        led.add_event(new_event(led.claim("P"), EventKind.RECEIPT, date(2026, 5, 1), 5_000))
    assert run(capsys, "letters", "--db", db, "--kind", "reminder", "--claims", "A,B,P", "--as-of", "2026-05-31",
               "--output", tmp_path / "r.pdf") == (2, "", (
        "claimdesk: B: 納期限を過ぎていません（催告書は作成できません）\n"
        "claimdesk: P: 発行日に未納額がありません（催告書は作成できません）\n"
        "claimdesk: 催告書は作成しませんでした（ファイルは書いていません）\n"))
    assert run(capsys, "letters", "--db", db, "--kind", "payment_slip", "--claims", "P", "--as-of", "2026-05-31",
               "--output", tmp_path / "s.pdf") == (2, "", (
        "claimdesk: P: 発行日に未納額がありません（納付書は作成できません）\n"
        "claimdesk: 納付書は作成しませんでした（ファイルは書いていません）\n"))


def test_letters_without_their_settings(tmp_path, capsys):
    path = tmp_path / "fresh.sqlite3"
    with Ledger.open(path) as led:
        led.add_claim_type(RENT)
        led.save_debtor(Debtor("D1", "山田 太郎"))
        led.add_claims([Claim("A", "D1", RENT.name, 2026, date(2026, 4, 1), 12_000, date(2026, 4, 30))])
    assert run(capsys, "letters", "--db", path, "--kind", "demand", "--claims", "A", "--as-of", "2026-11-30",
               "--output", tmp_path / "d.pdf") == (2, "", (
        "claimdesk: 文書の設定 letter_municipality（自治体名）がされていません\n"
        "claimdesk: 文書の設定 letter_issuer（発行者）がされていません\n"
        "claimdesk: 文書の設定 letter_contact（問合せ先の電話番号・受付時間など）がされていません\n"
        "claimdesk: 設定するまで文書は作成しません。claimdesk letter-settings KEY=VALUE で設定してください"
        "（例: claimdesk letter-settings letter_municipality=…）\n"))


def test_an_import_with_bad_rows(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_TODAY", "2026-11-30")
    claims = tmp_path / "claims.csv"
    claims.write_text("債権番号,債務者番号,氏名,債権名,債権の種類,会計,款,年度,調定日,調定額,納期限\n"
                      "K1,D1,山田 太郎,区営住宅使用料,私債権,一般会計,使用料及手数料,2026,2026-04-01,12000,2026-04-30\n"
                      "K2,D1,山田 太郎,区営住宅使用料,私債権,一般会計,使用料及手数料,2026,2026-04-01,-5,2026-04-30\n",
                      encoding="utf-8")
    events = tmp_path / "tx.csv"
    events.write_text("債権番号,日付,区分,金額\nK1,2026-12-01,収納,100\n", encoding="utf-8")
    db = tmp_path / "l.sqlite3"
    Ledger.open(db).close()
    status, out, err = run(capsys, "import", "--db", db, "--claims", claims, "--transactions", events)
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[-1] == "取込みを中止しました: 2件の誤りがあります。台帳は変更していません。"
    assert lines[:-1] == [f"{claims}:3: 調定額: 金額は1円以上の整数で入力してください（-5）",
                          f"{events}:2: 日付: 日付が今日（2026-11-30）より後です。将来の日付の取引は取り込めません"]


def test_an_aggregate_of_bad_files(files, tmp_path, capsys):  # noqa: F811 (the fixture)
    status, out, err = run(capsys, "aggregate", files[0], tmp_path / "none.csv", "--output", tmp_path / "w.xlsx")
    assert (status, out) == (2, "")
    assert err == (f"{tmp_path / 'none.csv'}:1: ファイルがありません\n"
                   "claimdesk: 集計できません: 1件の誤りがあります。何も出力していません\n")
