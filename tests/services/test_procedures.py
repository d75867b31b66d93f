"""The procedure files: shipped defaults, a department's copy in the ledger, clear errors."""

from datetime import date

import pytest

from claimdesk.domain.claims import LegalNature
from claimdesk.services import procedures
from claimdesk.services.procedures import ProcedureError
from claimdesk.storage.ledger import Ledger


@pytest.fixture
def led(tmp_path):
    with Ledger.open(tmp_path / "p.sqlite3") as led:
        yield led


def test_the_shipped_files_load_and_follow_domain_md(led):
    loaded = procedures.load_procedures(led)
    assert set(loaded) == set(LegalNature)
    private = loaded[LegalNature.PRIVATE]
    assert [s.id for s in private.steps][:5] == ["demand", "reminder_call", "reminder_letter", "consultation",
                                                 "final_reminder"]
    demand = private.step("demand")
    assert (demand.days, demand.deadline_days, demand.reply_days, demand.letter.value) == (1, 20, 10, "demand")
    assert private.step("reminder_letter").days == 90 and private.step("reminder_letter").reply_days == 20
    enforced = loaded[LegalNature.ENFORCED_PUBLIC]
    assert {"asset_investigation", "seizure", "enforcement_suspension"} <= {s.id for s in enforced.steps}
    assert not {"court_action", "deferment"} & {s.id for s in enforced.steps}
    for procedure in loaded.values():
        assert all(s.decision for s in procedure.steps if s.approval)
        assert procedure.source.endswith(f"{procedure.legal_nature.value}.toml")


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_malformed_file_names_the_file_and_the_line(led, tmp_path):
    bad = write(tmp_path / "private.toml", 'legal_nature = "private"\ntitle = "x"\n[[steps]\nid = "demand"\n')
    with pytest.raises(ProcedureError) as e:
        procedures.import_procedure(led, bad)
    assert str(e.value).startswith(f"{bad}: TOMLの書式が正しくありません") and "line 3" in str(e.value)
    assert not procedures.is_department_copy(led, LegalNature.PRIVATE)


def test_a_wrong_entry_names_the_file_the_step_and_the_key_and_nothing_is_stored(led, tmp_path):
    text = procedures.procedure_text(led, LegalNature.PRIVATE).replace(
        'id = "final_reminder"', 'id = "final_reminder"\ncolour = "red"', 1)
    bad = write(tmp_path / "私債権.toml", text)
    with pytest.raises(ProcedureError) as e:
        procedures.import_procedure(led, bad)
    assert str(e.value).startswith(f'{bad}: steps[4] (id = "final_reminder"): colour: 不明な項目です')
    assert procedures.load_procedure(led, LegalNature.PRIVATE).source.endswith("private.toml")


def test_a_department_edits_its_copy_export_edit_import_reset(led, tmp_path):
    written = procedures.export_procedures(led, tmp_path / "手順")
    assert sorted(p.name for p in written) == ["enforced_public.toml", "private.toml", "public.toml"]
    path = tmp_path / "手順" / "private.toml"
    write(path, path.read_text(encoding="utf-8").replace("deadline_days = 20\nletter = \"demand\"",
                                                         "deadline_days = 30\nletter = \"demand\"", 1))
    imported = procedures.import_procedure(led, path)
    assert imported.step("demand").deadline_days == 30
    mine = procedures.load_procedure(led, LegalNature.PRIVATE)
    assert mine.step("demand").deadline_days == 30 and mine.source.startswith("台帳の設定 procedure.private")
    procedures.reset_procedure(led, LegalNature.PRIVATE)
    assert procedures.load_procedure(led, LegalNature.PRIVATE).step("demand").deadline_days == 20


def test_the_department_copy_changes_what_the_claim_page_says(led, tmp_path):
    from claimdesk.domain.claims import Claim, ClaimType, Debtor
    from claimdesk.services import casework, entries

    entries.add_claim_type(led, ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料"))
    entries.add_debtor(led, Debtor("D1", "山田 太郎"))
    entries.add_claim(led, Claim("A", "D1", "区営住宅使用料", 2026, date(2026, 4, 1), 1000, date(2026, 4, 30)))
    path = procedures.export_procedures(led, tmp_path)[2]
    write(path, path.read_text(encoding="utf-8").replace('title = "督促状の発送"', 'title = "督促状を送る（当課）"'))
    procedures.import_procedure(led, path)
    assert casework.claim_casework(led, "A", date(2026, 5, 1)).next_step.step.title == "督促状を送る（当課）"


def test_a_file_for_the_wrong_kind_or_a_broken_stored_copy_is_named(led, tmp_path):
    text = procedures.procedure_text(led, LegalNature.PUBLIC)
    led.set_setting("procedure.private", text)  # as if written by hand into the ledger
    with pytest.raises(ProcedureError, match=r"台帳の設定 procedure.private（p.sqlite3）: legal_nature: このファイルは private"):
        procedures.load_procedure(led, LegalNature.PRIVATE)
