"""The demo department's make-up: its claim types, its debtors' paying habits and methods.

Tables of chances the builder draws from (demo_builder.py); tuning the demo's mix of
good payers, late payers and write-offs is done here.
"""

from __future__ import annotations

from ..domain.claims import ClaimType, Debtor, DebtorKind, LegalNature

_P, _PU, _EP = LegalNature.PRIVATE, LegalNature.PUBLIC, LegalNature.ENFORCED_PUBLIC
# code, claim type, share of the claims, chance of an adjustment, (increase, decrease) notes
TYPES = (
    ("JU", ClaimType("区営住宅使用料", _P, "一般会計", "使用料及手数料"), 0.21, 0.02,
     ("収入再認定による使用料の増額", "収入再認定による使用料の減額")),
    ("KY", ClaimType("学校給食費", _P, "一般会計", "諸収入"), 0.16, 0.03,
     ("給食回数の追加による増額", "欠食による減額")),
    ("SH", ClaimType("奨学資金等貸付金返還金", _P, "一般会計", "諸収入"), 0.33, 0.0, ("", "")),
    ("SE", ClaimType("生活保護費返還金", _PU, "一般会計", "諸収入"), 0.05, 0.03,
     ("返還額の再算定による増額", "返還額の再算定による減額")),
    ("HO", ClaimType("保育園保育料", _EP, "一般会計", "分担金及負担金"), 0.16, 0.04,
     ("税額更正による保育料の再算定（増額）", "税額更正による保育料の再算定（減額）")),
    ("MO", ClaimType("行政財産目的外使用料", _PU, "一般会計", "使用料及手数料"), 0.04, 0.02,
     ("使用面積の変更による増額", "使用面積の変更による減額")),
    ("JI", ClaimType("児童手当等返還金", _PU, "一般会計", "諸収入"), 0.05, 0.0, ("", "")),
)

# paying habit: cumulative chances (on time, late, in pieces; the rest unpaid),
# mean days late, chance of stopping after each piece
HABITS = {
    "good": ((0.95, 0.99, 0.997), 20, 0.05),
    "late": ((0.55, 0.90, 0.97), 50, 0.15),
    "struggling": ((0.25, 0.55, 0.80), 150, 0.35),
    "defaulting": ((0.04, 0.12, 0.35), 300, 0.60),
}
HABIT_TABLE = ["good"] * 74 + ["late"] * 16 + ["struggling"] * 7 + ["defaulting"] * 3
DEBIT, SLIP, COUNTER = "口座振替", "納付書", "窓口"
METHODS = {  # how a debtor usually pays, by claim type
    "monthly": [DEBIT] * 70 + [SLIP] * 18 + ["コンビニ"] * 8 + ["スマホ決済"] * 3 + ["クレジット"],
    "one_off": [SLIP] * 45 + [COUNTER] * 35 + ["コンビニ"] * 15 + ["スマホ決済"] * 5,
    "corporate": [SLIP] * 90 + [DEBIT] * 10,
}
LATE_METHODS = [SLIP] * 45 + ["コンビニ"] * 30 + [COUNTER] * 17 + ["スマホ決済"] * 7 + ["その他"]

WRITE_OFF_GROUNDS = {  # (debtor's situation, legal nature) → why the claim is extinguished
    "bankrupt": "破産免責決定により債権放棄（債権管理条例）",
    "deceased": "債務者死亡・相続人不存在により債権放棄（債権管理条例）",
    "no_assets": "徴収停止後、無資力のため債権放棄（債権管理条例）",
    "dissolved": "法人の清算結了により債権放棄（債権管理条例）",
    "enforced": "執行停止（滞納処分をすることができる財産がない）による即時消滅",
}


class Who:
    """A demo debtor and how they behave."""

    __slots__ = ("debtor_id", "habit", "method", "family", "write_off", "name", "phone", "corporate")

    def __init__(self, debtor_id, habit, method, family, debtor: Debtor):
        self.debtor_id, self.habit, self.method = debtor_id, habit, method
        self.family = family  # (surname, kana) that relatives share; None for a company
        self.write_off: tuple[int, str] | None = None  # (ordinal date, situation)
        self.name, self.phone = debtor.name, bool(debtor.phone)  # for the casework
        self.corporate = debtor.kind is DebtorKind.CORPORATION
