"""What a letter says, as plain data, and the placeholders a form may use to say it.

The services gather a `LetterData` per recipient from the ledger; the letters package
only turns it into pages. Keeping the data frozen and complete means a batch can be
rendered in a worker thread, or rendered again identically for the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.claims import LegalNature
from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.letters import Instalment, LetterKind
from ..domain.liable import ROUNDING, Share, share_of_claims
from ..domain.money import Yen, format_yen


@dataclass(frozen=True)
class Party:
    """Who a letter goes to, or whose debt it is: what the envelope window shows."""

    name: str
    postal_code: str = ""
    address: str = ""
    corporate: bool = False
    representative: str = ""  # a corporation's 代表者, to whom the letter is addressed
    reference: str = ""  # 債務者番号, printed small so returned mail can be matched
    party_id: int | None = None  # a guarantor's id in the ledger, for the contact log
    kind: str = ""  # 連帯保証人 / 保証人 / 相続人 when the letter goes to one; empty for the debtor


@dataclass(frozen=True)
class ClaimLine:
    """One claim in a letter's table, with its amounts on the issue date."""

    claim_id: str
    claim_type: str
    cause: str
    fiscal_year: int
    due_date: date
    principal: Yen  # what is still owed of the claim itself
    late_charge: Yen = 0

    @property
    def total(self) -> Yen:
        return self.principal + self.late_charge


@dataclass(frozen=True)
class Sender:
    """The department that sends the letter, from the ledger's settings."""

    municipality: str
    issuer: str
    department: str
    address: str = ""
    contact: str = ""
    payment_info: str = ""
    appeal_authority: str = ""
    defendant: str = ""
    defendant_representative: str = ""


@dataclass(frozen=True)
class LetterData:
    """Everything one letter to one recipient says."""

    template: str  # the form's name (its file name without .txt)
    kind: LetterKind
    nature: LegalNature
    recipient: Party
    debtor: Party
    claims: tuple[ClaimLine, ...]
    issued_on: date
    deadline: date
    sender: Sender
    instalments: tuple[Instalment, ...] = ()
    acceleration_misses: int = 2
    copy: bool = False  # a copy of the debtor's letter sent to a guarantor
    to_guarantor: bool = False
    to_heir: bool = False  # the debtor's letter sent to an heir (相続人), who stands in their place
    heir_share: Share | None = None  # that heir's 法定相続分, when recorded
    western_year: bool = False

    @property
    def principal(self) -> Yen:
        return sum(c.principal for c in self.claims)

    @property
    def late_charges(self) -> Yen:
        return sum(c.late_charge for c in self.claims)

    @property
    def total(self) -> Yen:
        return self.principal + self.late_charges

    @property
    def share_amount(self) -> Yen | None:
        """An heir's part of the balance: each claim's share cut to 1円; None unless recorded."""
        if not self.to_heir or self.heir_share is None:
            return None
        return share_of_claims(self.heir_share, [c.principal for c in self.claims])

    @property
    def share_late_charge(self) -> Yen | None:
        """An heir's part of the 延滞金 / 遅延損害金, cut per claim like the balance; None unless recorded.

        A money debt passes to the heirs divided by their shares, its late charge with it:
        an heir is never asked the whole of the deceased's charge."""
        if not self.to_heir or self.heir_share is None:
            return None
        return share_of_claims(self.heir_share, [c.late_charge for c in self.claims])

    @property
    def asked(self) -> Yen:
        """What the recipient is asked to pay: an heir their share (when recorded), others the balance."""
        share = self.share_amount
        return self.principal if share is None else share

    def share_sentence(self) -> str:
        """What a letter to an heir with a recorded share says of it, with the rounding; else empty."""
        share, charge = self.share_amount, self.share_late_charge
        if share is None or charge is None or self.heir_share is None:
            return ""
        charges = (f"、{self.late_charge_name} {format_yen(self.late_charges)} のうち {format_yen(charge)}"
                   if self.late_charges else "")
        return (f"相続により承継した額は、法定相続分（{self.heir_share.label}）に応じて、"
                f"下記の未納額 {format_yen(self.principal)} のうち {format_yen(share)}{charges} です"
                f"（{ROUNDING}）。")

    @property
    def late_charge_name(self) -> str:
        return "遅延損害金" if self.nature is LegalNature.PRIVATE else "延滞金"

    def date_text(self, d: date | None) -> str:
        """A date as the letter prints it: 和暦, with the Western year if the department wants."""
        return format_wareki(d, western=self.western_year) if d else ""


# Placeholder → what it stands for; forms/README.md lists the same names.
PLACEHOLDERS = {
    "宛名": "受取人の氏名・名称（保証人あての文書では保証人）",
    "債務者氏名": "債務者の氏名・名称",
    "債務者住所": "債務者の住所・所在地",
    "債務者番号": "債務者番号",
    "保証人氏名": "保証人あての文書の保証人の氏名（債務者あてでは空）",
    "債権名": "一覧の債権名（複数は「、」区切り）",
    "年度": "一覧の債権の年度（複数は「、」区切り）",
    "件数": "一覧の債権の件数",
    "未納額": "未納の額の合計（例 12,000円）",
    "延滞金": "延滞金（私債権は遅延損害金）の合計、発行日現在",
    "延滞金の名称": "「延滞金」（公債権）または「遅延損害金」（私債権）",
    "合計額": "未納額と延滞金の合計",
    "納期限": "一覧のうち最も早い納期限",
    "発行日": "発行日",
    "納付期限": "この文書の期限（発行日＋設定の日数）",
    "自治体": "自治体名（設定 letter_municipality）",
    "発行者": "発行者（設定 letter_issuer）",
    "所管課": "所管課名（設定 department_name）",
    "所在地": "所管課の所在地（設定 department_address）",
    "連絡先": "問合せ先（設定 letter_contact）",
    "納付方法": "納付方法の案内（設定 letter_payment_info）",
    "根拠法令": "督促の根拠法令（公債権・私債権で異なる）",
    "次の手続": "納付がないときに取る手続（債権の種類で異なる）",
    "審査請求先": "教示の審査請求先（設定 letter_appeal_authority）",
    "被告": "教示の取消訴訟の被告（設定 letter_defendant）",
    "被告代表者": "訴訟で被告を代表する者（設定 letter_defendant_representative）",
    "分納回数": "分納の回数",
    "分納額": "毎回の分納額（最終回は残額）",
    "分納開始日": "第1回の納付期限",
    "分納最終日": "最終回の納付期限",
    "期限の利益喪失回数": "何回怠ると残額を一括して納付するか（交渉記録の設定 casework.instalments.missed_to_break）",
    "宛先の立場": "受取人の立場: 債務者、相続人、連帯保証人、保証人",
    "被相続人": "相続人あての文書で、亡くなった債務者の氏名（債務者あてでは空）",
    "相続分": "相続人の法定相続分（例 2分の1。記録がなければ空）",
    "相続分の額": "未納額のうち相続人の法定相続分に応じた額（債権ごとに1円未満切捨て。記録がなければ空）",
    "相続分の延滞金": "延滞金（遅延損害金）のうち相続人の法定相続分に応じた額（同じく切捨て。記録がなければ空）",
    "請求額": "受取人に納付を求める額: 相続分の記録がある相続人にはその額、ほかは未納額",
}

_BASIS = {
    LegalNature.ENFORCED_PUBLIC: "地方自治法第231条の3第1項",
    LegalNature.PUBLIC: "地方自治法第231条の3第1項",
    LegalNature.PRIVATE: "地方自治法施行令第171条",
}
_NEXT_STEP = {
    LegalNature.ENFORCED_PUBLIC: "地方税の滞納処分の例により、財産の差押え等の滞納処分",
    LegalNature.PUBLIC: "支払督促の申立て、訴訟の提起等の法的措置",
    LegalNature.PRIVATE: "支払督促の申立て、訴訟の提起等の法的措置",
}


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def placeholder_values(data: LetterData) -> dict[str, str]:
    """The text each placeholder stands for in this letter."""
    s, first, last = data.sender, data.instalments[:1], data.instalments[-1:]
    return {
        "宛名": data.recipient.name,
        "債務者氏名": data.debtor.name,
        "債務者住所": data.debtor.address,
        "債務者番号": data.debtor.reference,
        "保証人氏名": data.recipient.name if data.to_guarantor else "",
        "債権名": "、".join(_unique(c.claim_type for c in data.claims)),
        "年度": "、".join(format_fiscal_year(y) for y in sorted(_unique(c.fiscal_year for c in data.claims))),
        "件数": f"{len(data.claims)}件",
        "未納額": format_yen(data.principal),
        "延滞金": format_yen(data.late_charges),
        "延滞金の名称": data.late_charge_name,
        "合計額": format_yen(data.total),
        "納期限": data.date_text(min((c.due_date for c in data.claims), default=None)),
        "発行日": data.date_text(data.issued_on),
        "納付期限": data.date_text(data.deadline),
        "自治体": s.municipality,
        "発行者": s.issuer,
        "所管課": s.department,
        "所在地": s.address,
        "連絡先": s.contact,
        "納付方法": s.payment_info,
        "根拠法令": _BASIS[data.nature],
        "次の手続": _NEXT_STEP[data.nature],
        "審査請求先": s.appeal_authority,
        "被告": s.defendant,
        "被告代表者": s.defendant_representative,
        "分納回数": f"{len(data.instalments)}回" if data.instalments else "",
        "分納額": format_yen(first[0].amount) if first else "",
        "分納開始日": data.date_text(first[0].due_date) if first else "",
        "分納最終日": data.date_text(last[0].due_date) if last else "",
        "期限の利益喪失回数": f"{data.acceleration_misses}回",
        "宛先の立場": data.recipient.kind or "債務者",
        "被相続人": data.debtor.name if data.to_heir else "",
        "相続分": data.heir_share.label if data.to_heir and data.heir_share else "",
        "相続分の額": format_yen(share) if (share := data.share_amount) is not None else "",
        "相続分の延滞金": format_yen(charge) if (charge := data.share_late_charge) is not None else "",
        "請求額": format_yen(data.asked),
    }
