import pytest

from claimdesk.domain.text import search_key


@pytest.mark.parametrize("typed", ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "ヤ マ ダ", "やまだ　たろう", "ﾔﾏﾀﾞﾀﾛｳ"])
def test_kana_in_any_form_and_spacing_folds_alike(typed):
    assert search_key(typed) in search_key("山田 太郎", "ヤマダ タロウ")


def test_phone_and_ids_fold_hyphens_and_width():
    assert search_key("03-5565-9633") == search_key("０３５５６５９６３３") == "0355659633"
    assert search_key("Ｄ0990026") == "d0990026"


def test_long_vowel_is_kept():
    assert search_key("ユーザー") == "ユーザー"
