"""Letters to heirs: whose debt it was, that it passed by 相続, and the heir's share in exact yen.

Also the kinds of liable party (連帯保証人 / 保証人 / 相続人) as lists and letters name them.
"""

from datetime import date

import pytest
from pypdf import PdfReader

from claimdesk.domain.claims import ClaimType, Guarantor, LegalNature
from claimdesk.domain.errors import InvalidValue
from claimdesk.domain.letters import LetterKind
from claimdesk.domain.liable import Share, parse_share
from claimdesk.services import casework
from claimdesk.services.casework_view import liable_parties
from claimdesk.services.letter_log import confirm_sent
from claimdesk.services.letters import render_batch
from claimdesk.services.parties import add_party, record_share

RENT = ClaimType("区営住宅使用料", LegalNature.PRIVATE, "一般会計", "使用料及手数料")
TODAY = date(2026, 11, 30)


@pytest.fixture
def ledger(rent_ledger):
    return rent_ledger


def pages(path, batch) -> dict[str, str]:
    """Each letter's text by recipient (copies marked), read back from the PDF."""
    reader = PdfReader(str(path))
    out = {}
    for r in batch.letters:
        text = "".join(reader.pages[i].extract_text().replace("\n", "").replace(" ", "")
                       for i in range(r.first_page - 1, r.first_page - 1 + r.pages))
        out[r.recipient + ("（写）" if r.copy else "")] = text
    return out


@pytest.mark.parametrize("text, share", [("1/2", Share(1, 2)), ("２／３", Share(2, 3)), ("3分の1", Share(1, 3)),
                                         ("1/1", Share(1, 1)), ("", None)])
def test_a_share_is_typed_as_a_fraction(text, share):
    assert parse_share(text) == share


@pytest.mark.parametrize("text", ["半分", "0/2", "3/2", "1/0", "0.5"])
def test_a_share_that_is_no_fraction_of_the_whole_is_refused_by_name(text):
    with pytest.raises(InvalidValue, match="法定相続分") as e:
        parse_share(text)
    assert e.value.field == "share"


def test_two_thirds_of_forty_thousand_is_cut_per_claim():
    # 40,000 × 2/3 = 26,666.66… → 26,666 on each claim: 53,332, not 160,000 × 2/3 cut once (53,333).
    share = Share(2, 3)
    assert (share.of(40_000), share.of(40_000) * 2, share.of(80_000)) == (26_666, 53_332, 53_333)


def test_a_letter_to_an_heir_names_the_deceased_the_inheritance_and_the_share_in_yen(ledger, tmp_path):
    add_party(ledger, ["A", "B"], Guarantor("", "山田 花子", postal_code="152-0023", address="目黒区八雲1-1",
                                          relation="長女"), "heir", today=TODAY, share=Share(2, 3))
    add_party(ledger, ["A", "B"], Guarantor("", "山田 一郎", address="大田区蒲田2-2"), "heir", today=TODAY)
    add_party(ledger, "A", Guarantor("", "佐藤 一郎", address="港区芝1-1"), "surety", today=TODAY)
    batch = render_batch(ledger, LetterKind.REMINDER, tmp_path / "r.pdf", TODAY, claim_ids=["A", "B"])
    text = pages(tmp_path / "r.pdf", batch)
    assert set(text) == {"山田 花子", "山田 一郎", "佐藤 一郎（写）"}
    hanako, ichiro, surety = text["山田 花子"], text["山田 一郎"], text["佐藤 一郎（写）"]
    for heir in (hanako, ichiro):
        assert "被相続人山田太郎様の下記の区営住宅使用料は、山田太郎様の死亡により" in heir
        assert "相続人であるあなたが相続により承継しています" in heir
        assert "相続人あて" in heir
        assert "あなたの下記の" not in heir and "保証" not in heir
    # the 遅延損害金 passes by the same share, cut per claim: 1,304円 → 868円, not the whole
    assert ("法定相続分（3分の2）に応じて、下記の未納額80,000円のうち53,332円、遅延損害金1,304円のうち868円です"
            "（債権ごとに1円未満切捨て）") in hanako
    assert "法定相続分" not in ichiro  # none recorded: no share is claimed
    # The 保証人's copy calls them what they are, not 連帯保証人.
    assert "あなたは下記の債権の保証人ですので" in surety and "連帯保証人" not in surety
    assert "（保証人あて）" in surety
    sent = confirm_sent(ledger, batch, TODAY)
    assert sorted(s.summary.split("（宛先: ")[1].split(" 様")[0] for s in sent) == [
        "保証人 佐藤 一郎", "相続人 山田 一郎", "相続人 山田 花子"]


def test_the_debtors_own_letter_keeps_the_debtors_wording(ledger, tmp_path):
    batch = render_batch(ledger, LetterKind.REMINDER, tmp_path / "r.pdf", TODAY, claim_ids=["A"])
    (text,) = pages(tmp_path / "r.pdf", batch).values()
    assert "あなたの下記の区営住宅使用料については" in text and "相続" not in text


def test_an_heir_pledges_their_share_and_signs_as_heir(ledger, tmp_path):
    add_party(ledger, ["A", "B"], Guarantor("", "山田 花子", address="目黒区八雲1-1"), "heir", today=TODAY,
              share=Share(2, 3))
    batch = render_batch(ledger, LetterKind.INSTALMENT_PLEDGE, tmp_path / "p.pdf", TODAY, claim_ids=["A", "B"],
                         instalments=4, first_due=date(2026, 12, 28))
    (record,) = batch.letters
    assert sum(i.amount for i in record.schedule) == 53_332  # the share, not the 80,000 balance
    (text,) = pages(tmp_path / "p.pdf", batch).values()
    assert "被相続人山田太郎の相続人として" in text and "合計80,000円）のうち53,332円を相続により承継した" in text
    assert "分納計画（4回、合計53,332円）" in text and "誓約者（相続人）" in text


def test_a_share_recorded_later_is_corrected_by_a_new_entry_and_listed_with_the_kind(ledger):
    ids = add_party(ledger, ["A", "B"], Guarantor("", "山田 花子"), "heir", today=TODAY)
    (guarantor,) = add_party(ledger, "A", Guarantor("", "佐藤 一郎"), today=TODAY)
    record_share(ledger, ids, Share(1, 2), today=TODAY)
    record_share(ledger, ids, Share(1, 3), today=TODAY)
    kinds = {p.name: p.kind_label for p in liable_parties(ledger, "A")}
    assert kinds == {"山田 花子": "相続人（法定相続分 3分の1）", "佐藤 一郎": "連帯保証人"}
    summaries = [line.entry.summary for line in casework.contact_log(ledger, claim_id="B")]
    assert "相続人 山田 花子 の法定相続分を 3分の1 と記録（2分の1 から訂正）" in summaries
    with pytest.raises(InvalidValue, match="相続人にだけ"):
        record_share(ledger, guarantor, Share(1, 2), today=TODAY)
    with pytest.raises(InvalidValue, match="相続人にだけ"):
        add_party(ledger, "A", Guarantor("", "鈴木 次郎"), "guarantor", today=TODAY, share=Share(1, 2))
