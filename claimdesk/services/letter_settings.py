"""What letters take from the ledger's settings: the sender, deadlines, envelope, forms.

Each value is a row of the settings table (key → text). Unset keys fall back to the
defaults below; `set_letter_settings` checks values before anything is stored. Who
sends a letter and whom to call have no default: a letter that says 「○○区長」 with no
telephone number must not leave, so letters are refused until `REQUIRED` are set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..domain.cvs_barcode import DEFAULT_STORE_LIMIT, check_company_code
from ..domain.errors import REASONS, Refusal
from ..domain.letters import DEFAULT_DEADLINE_DAYS, LetterKind
from ..letters.envelope import Window
from ..letters.model import Sender
from ..storage.ledger import Ledger

_PAYMENT = ("同封の納付書により、納付書裏面に記載の金融機関、コンビニエンスストア又は"
            "{所管課}の窓口で納付してください。納付書がお手元にない場合は、お問い合わせください。")

# Until the department names its banks, the slip names them by their role (地方自治法235条).
_BANKS = "取扱金融機関: {自治体}の指定金融機関、指定代理金融機関及び収納代理金融機関の本店・支店"

# key → (default, kind, what it is); kinds: text, int, flag, mm, cvs (a 6-digit company code)
SETTINGS: dict[str, tuple[str, str, str]] = {
    "letter_municipality": ("", "text", "自治体名（文書の「{自治体}」。例: みどり区）"),
    "letter_issuer": ("", "text", "発行者（区長名。例: みどり区長 緑川 一郎）"),
    "department_address": ("", "text", "所管課の所在地（問合せ先に表示）"),
    "letter_contact": ("", "text", "問合せ先の電話番号・受付時間など（例: 電話 03-5432-0000（平日8時30分〜17時））"),
    "letter_payment_info": (_PAYMENT, "text", "納付方法の案内（{所管課} を使えます）"),
    "letter_appeal_authority": ("", "text", "教示の審査請求先（空なら「自治体名＋長」）"),
    "letter_defendant": ("", "text", "教示の取消訴訟の被告（空なら自治体名）"),
    "letter_defendant_representative": ("", "text", "被告を代表する者（空なら「自治体名＋長」）"),
    "letter_western_year": ("0", "flag", "日付に西暦を併記する（1）"),
    "letter_deadline_skip_weekends": ("1", "flag", "期限が土日・祝日・閉庁日なら翌開庁日にする（1）"),
    "letter_pledge_instalments": ("12", "int", "分納誓約書の既定の分納回数"),
    "letter_instalment_unit": ("100", "int", "分納額の端数を切り上げる単位（円）"),
    "letter_window_left_mm": ("23", "mm", "封筒の窓: 用紙の左端からの位置（mm）"),
    "letter_window_top_mm": ("13", "mm", "封筒の窓: 用紙の上端からの位置（mm）"),
    "letter_window_width_mm": ("90", "mm", "封筒の窓の幅（mm）"),
    "letter_window_height_mm": ("45", "mm", "封筒の窓の高さ（mm）"),
    "letter_fold_marks": ("1", "flag", "三つ折りの目印を左端に印刷する（1）"),
    "letter_forms_dir": ("", "text", "書式の差し替えフォルダ（同名の .txt が標準の書式に優先）"),
    "letter_payment_banks": (_BANKS, "text", "納付書の取扱金融機関（納付書の下部に印刷。改行は \\n、{自治体} を使えます）"),
    "payment_slip_deadline_days": ("14", "int", "納付書だけを送るときの納付期限（発行日からの日数）"),
    "cvs_company_code": ("", "cvs", "コンビニ収納の収納企業コード（請求書発行企業コード6桁。設定すると納付書にバーコードを印刷）"),
    "cvs_limit": (str(DEFAULT_STORE_LIMIT), "int", "コンビニで納付できる上限額（円。超える納付書にはバーコードを印刷しない）"),
    "cvs_final_wait_days": ("20", "int", "コンビニ収納の確報を待つ日数（収納日からこの日数を過ぎても確報のない速報を本日の作業に表示）"),
} | {
    f"letter_deadline_days_{kind.value}": (str(days), "int",
                                           f"{kind.label}の期限（発行日からの日数。手順の reply_days が優先）")
    for kind, days in DEFAULT_DEADLINE_DAYS.items()
}
# Without these a letter would go out with blanks: who sends it and whom to call.
REQUIRED = ("letter_municipality", "letter_issuer", "letter_contact")
_FLAGS = {"1": True, "0": False, "true": True, "false": False, "はい": True, "いいえ": False}

REASONS.update({
    "letter_setting_unknown": "文書の設定にない項目です（使える項目: {known}）",
    "letter_setting_not_count": "0以上の整数で指定してください（{value}）",
    "letter_setting_not_flag": "1（する）か 0（しない）で指定してください（{value}）",
    "letter_setting_below_one": "1以上にしてください",
})


@dataclass(frozen=True)
class LetterSettings:
    """The letter settings of one ledger, typed."""

    values: Mapping[str, str]
    department_name: str = ""

    def text(self, key: str) -> str:
        return self.values.get(key) or SETTINGS[key][0]

    def number(self, key: str) -> int:
        return int(self.text(key))

    def flag(self, key: str) -> bool:
        return _FLAGS[self.text(key).strip().lower()]

    def deadline_days(self, kind: LetterKind) -> int:
        return self.number(f"letter_deadline_days_{kind.value}")

    @property
    def window(self) -> Window:
        n = self.number
        return Window(n("letter_window_left_mm"), n("letter_window_top_mm"),
                      n("letter_window_width_mm"), n("letter_window_height_mm"))

    @property
    def forms_dir(self) -> Path | None:
        folder = self.text("letter_forms_dir").strip()
        return Path(folder) if folder else None

    def sender(self) -> Sender:
        """The department as letters name it, blanks filled from the municipality's name."""
        town = self.text("letter_municipality").strip()
        head = f"{town}長"
        issuer = self.text("letter_issuer").strip() or head  # (REQUIRED: empty only in previews)
        return Sender(
            municipality=town,
            issuer=issuer,
            department=self.department_name or town,
            address=self.text("department_address").strip(),
            contact=self.text("letter_contact").strip(),
            payment_info=self.text("letter_payment_info").replace("{所管課}", self.department_name or town),
            appeal_authority=self.text("letter_appeal_authority").strip() or head,
            defendant=self.text("letter_defendant").strip() or town,
            defendant_representative=self.text("letter_defendant_representative").strip() or head,
        )


class LetterSettingsMissing(Refusal):
    """Letters refused: `keys` are the settings still to be set (see REQUIRED), `names` their names."""

    def __init__(self, keys: list[str]):
        self.keys = keys
        super().__init__("letter_settings", "letter_settings_missing", keys=tuple(keys),
                         names="、".join(setting_name(k) for k in keys),
                         settings="、".join(f"{k}（{setting_name(k)}）" for k in keys))


def setting_name(key: str) -> str:
    """A setting's short Japanese name (its explanation up to the first bracket)."""
    return SETTINGS[key][2].split("（")[0]


def missing_settings(settings: LetterSettings) -> list[str]:
    """The settings a letter needs that are not set yet (REQUIRED, in order)."""
    return [key for key in REQUIRED if not settings.values.get(key, "").strip()]


def require_letter_settings(settings: LetterSettings) -> None:
    """Refuse letters while who sends them or whom to call is not set."""
    if missing := missing_settings(settings):
        raise LetterSettingsMissing(missing)


def letter_settings(ledger: Ledger) -> LetterSettings:
    """The ledger's letter settings, defaults for those not set."""
    values = {key: ledger.setting(key) for key in SETTINGS}
    return LetterSettings(values, ledger.setting("department_name"))


def _check(key: str, value: str) -> str:
    if key not in SETTINGS:
        raise Refusal(key, "letter_setting_unknown", known=", ".join(sorted(SETTINGS)))
    kind = SETTINGS[key][1]
    value = value.strip() if kind != "text" else value
    if not value.strip():
        return ""  # back to the default (a required one stays missing: letters say so)
    if kind in ("int", "mm"):
        if not value.isdecimal():
            raise Refusal(key, "letter_setting_not_count", value=value)
        value = str(int(value))
    elif kind == "flag" and value.lower() not in _FLAGS:
        raise Refusal(key, "letter_setting_not_flag", value=value)
    elif kind == "cvs":
        value = check_company_code(value)
    return value


def check_letter_settings(ledger: Ledger, values: Mapping[str, str]) -> dict[str, str]:
    """The values as they would be stored; a Refusal (naming the key) if one is wrong.

    Nothing is stored: the window checks as the clerk types.
    """
    checked = {key: _check(key, str(value)) for key, value in values.items()}
    merged = {key: ledger.setting(key) for key in SETTINGS} | checked
    trial = LetterSettings(merged, ledger.setting("department_name"))
    try:
        trial.window  # noqa: B018 (the window's own checks: size and place on the sheet)
    except Refusal as e:  # the envelope's own rules (letters.envelope.Window)
        raise e.for_field("letter_window") from None
    for key in SETTINGS:
        if SETTINGS[key][1] == "int" and key.startswith("letter_pledge") and trial.number(key) < 1:
            raise Refusal(key, "letter_setting_below_one")
    return checked


def set_letter_settings(ledger: Ledger, values: Mapping[str, str]) -> LetterSettings:
    """Check and store letter settings (an empty value returns a key to its default)."""
    checked = check_letter_settings(ledger, values)
    with ledger.atomic():
        for key, value in checked.items():
            ledger.set_setting(key, value)
    return letter_settings(ledger)
