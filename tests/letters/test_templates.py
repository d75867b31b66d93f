"""Forms: the shipped ones load; every mistake names the file, the line and what is wrong."""

from pathlib import Path

import pytest

from claimdesk.bundled import forms_dir
from claimdesk.domain.claims import LegalNature
from claimdesk.domain.letters import LetterKind
from claimdesk.letters.model import PLACEHOLDERS
from claimdesk.letters.templates import TemplateError, fill, load_forms, load_template

HEAD = "種類: demand\n表題: 督促状\n---\n"


def write(tmp_path: Path, text: str, name: str = "demand_public.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_has_a_form_for_every_legal_nature(forms):
    for kind in LetterKind:
        for nature in LegalNature:
            assert forms.for_claim(kind, nature).kind is kind
    public = forms.for_claim(LetterKind.DEMAND, LegalNature.PUBLIC)
    private = forms.for_claim(LetterKind.DEMAND, LegalNature.PRIVATE)
    assert any("教示" in "".join(b.parts) for b in public.body)  # 審査請求・取消訴訟の教示
    assert not any("教示" in "".join(b.parts) for b in private.body)
    assert forms.for_claim(LetterKind.REMINDER, LegalNature.PRIVATE).guarantor_copy
    assert forms.for_claim(LetterKind.GUARANTOR, LegalNature.PRIVATE).to_guarantor


def test_the_readme_lists_every_placeholder():
    readme = (forms_dir() / "README.md").read_text(encoding="utf-8")
    for name in PLACEHOLDERS:
        assert f"{{{name}}}" in readme, name


def test_unknown_placeholder_names_file_line_and_placeholder(tmp_path):
    path = write(tmp_path, HEAD + "　{宛名}様\n\n　{納付期日}までに納付してください。\n")
    with pytest.raises(TemplateError) as e:
        load_template(path)
    assert str(e.value) == (f"{path}:6: 不明な差し込み項目 {{納付期日}}（使える項目は forms/README.md を参照）")


def test_every_mistake_is_reported_at_once(tmp_path):
    path = write(tmp_path, "種類: dunning\n表題: 督促状\n対象: 公債権\n色: 赤\n---\n"
                           "{宛名\n閉じ}ます\n@表 債権\n@記 余計\n@見出し\n{宛名}様\n")
    with pytest.raises(TemplateError) as e:
        load_template(path)
    lines = str(e.value).splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (4, 1, 3, 6, 7, 8, 9, 10)]
    text = str(e.value)
    for expected in ("不明な項目「色」", "種類「dunning」が不明", "対象「公債権」が不明", "「{」が閉じていません",
                     "対応する「{」のない「}」", "不明な指示 @表", "@記 の後には何も書けません", "@見出し の後に文字が必要"):
        assert expected in text


def test_missing_body_separator(tmp_path):
    with pytest.raises(TemplateError, match=r":2: 本文の始まりを示す --- の行がありません"):
        load_template(write(tmp_path, "種類: demand\n表題: 督促状\n"))


def test_copy_to_guarantor_needs_its_note(tmp_path):
    with pytest.raises(TemplateError, match="写し注記 が必要"):
        load_template(write(tmp_path, "種類: reminder\n表題: 催告書\n保証人写し: あり\n---\n本文\n"))


def test_braces_are_doubled_to_print_them_and_fields_fill_in(tmp_path):
    t = load_template(write(tmp_path, HEAD + "{{注}} {宛名}様　{合計額}\n"))
    assert fill(t.body[0].parts, {"宛名": "山田 太郎", "合計額": "1,000円"}) == "{注} 山田 太郎様　1,000円"


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "demand_public.txt"
    path.write_bytes(HEAD.encode("cp932"))
    with pytest.raises(TemplateError, match=r"demand_public.txt:1: 文字コードが UTF-8 ではありません"):
        load_template(path)


def test_a_department_folder_replaces_forms_of_the_same_name(tmp_path):
    write(tmp_path, "種類: demand\n表題: 督促状（住宅課）\n対象: 私債権\n---\n独自の本文\n", "demand_private.txt")
    forms = load_forms(tmp_path, forms_dir())
    private = forms.for_claim(LetterKind.DEMAND, LegalNature.PRIVATE)
    assert private.path == tmp_path / "demand_private.txt" and private.title == ("督促状（住宅課）",)
    assert forms.for_claim(LetterKind.DEMAND, LegalNature.PUBLIC).path.parent == forms_dir()


def test_two_forms_for_the_same_kind_and_nature_are_refused(tmp_path):
    write(tmp_path, "種類: demand\n表題: 別の督促状\n対象: 私債権\n---\n本文\n", "demand_extra.txt")
    with pytest.raises(TemplateError, match="demand_extra.txt:1: 督促状（私債権）の書式が demand_private.txt と重複"):
        load_forms(tmp_path, forms_dir())
