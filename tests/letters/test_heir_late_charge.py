"""An heir is asked their share of the late charge too, never the deceased's whole charge."""

from datetime import date

from claimdesk.domain.claims import LegalNature
from claimdesk.domain.letters import LetterKind
from claimdesk.domain.liable import Share
from claimdesk.letters.model import ClaimLine, Party, placeholder_values

HEIR = Party("山田 花子", "1520023", "目黒区八雲1-1", kind="相続人")
# 1,201円 and 999円 of 延滞金: two thirds is 800.66… and 666 per claim, 1,466円 (not 1,466.66 cut once)
CLAIMS = (ClaimLine("A", "保育所保育料", "", 2025, date(2025, 4, 30), 40_000, 1_201),
          ClaimLine("B", "保育所保育料", "", 2025, date(2025, 5, 31), 40_000, 999))


def test_the_share_of_the_late_charge_is_cut_per_claim_and_said(make_letter):
    data = make_letter(kind=LetterKind.REMINDER, template="reminder", claims=CLAIMS, recipient=HEIR,
                       to_heir=True, heir_share=Share(2, 3))
    assert (data.share_amount, data.share_late_charge) == (53_332, 800 + 666)
    assert data.share_sentence() == ("相続により承継した額は、法定相続分（3分の2）に応じて、下記の未納額 80,000円 のうち"
                                     " 53,332円、延滞金 2,200円 のうち 1,466円 です（債権ごとに1円未満切捨て）。")
    values = placeholder_values(data)
    assert (values["相続分の額"], values["相続分の延滞金"]) == ("53,332円", "1,466円")


def test_a_private_claim_says_遅延損害金_and_none_owed_says_nothing_of_it(make_letter):
    data = make_letter(kind=LetterKind.REMINDER, template="reminder", nature=LegalNature.PRIVATE, recipient=HEIR,
                       claims=CLAIMS, to_heir=True, heir_share=Share(1, 2))
    assert "遅延損害金 2,200円 のうち 1,099円" in data.share_sentence()
    bare = make_letter(kind=LetterKind.REMINDER, template="reminder", recipient=HEIR, to_heir=True,
                       heir_share=Share(1, 2), claims=tuple(ClaimLine(c.claim_id, c.claim_type, c.cause, c.fiscal_year,
                                                                      c.due_date, c.principal) for c in CLAIMS))
    assert bare.share_sentence().endswith("下記の未納額 80,000円 のうち 40,000円 です（債権ごとに1円未満切捨て）。")


def test_without_a_recorded_share_or_to_the_debtor_there_is_no_share(make_letter):
    assert make_letter(claims=CLAIMS, recipient=HEIR, to_heir=True).share_late_charge is None
    assert make_letter(claims=CLAIMS, heir_share=Share(1, 2)).share_late_charge is None
    assert placeholder_values(make_letter(claims=CLAIMS))["相続分の延滞金"] == ""
