"""Errors a user can cause and read: each names the field and the reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .text import Phrase


class ClaimDeskError(Exception):
    """An error caused by input or state a user can fix; its text is shown as is."""


class InvalidValue(ClaimDeskError, ValueError):
    """A value that does not parse or breaks a rule; `field` names where it came from."""

    def __init__(self, reason: str, field: str | None = None):
        self.reason = reason
        self.field = field
        super().__init__(f"{field}: {reason}" if field else reason)

    def for_field(self, field: str) -> InvalidValue:
        """The same error attributed to `field` (kept if one is already named)."""
        return self if self.field else InvalidValue(self.reason, field)


# The plain Japanese for each reason code, true for either face. A face that can say
# more (the command line names its options, the window its menus) phrases the code
# itself and falls back to these.
REASONS: dict[str, str] = {
    "department_unset": "所管課が設定されていません。所管課コードと所管課名を設定してください",
    "no_step_uses_kind": "{kind}を使う手順はありません。債権を指定してください",
    "claims_or_due": "債権番号か期日の到来した債権のどちらか一方を指定してください",
    "as_of_outside_year": "基準日 {as_of} は{year}（{start}〜{end}、出納整理期間を含む）の外です",
    "date_after_today": "記録の日付（{on}）が今日より後です",
    "date_before_assessed": "記録の日付が調定日（{assessed_on}）より前です",
    "event_before_assessed": "日付が調定日（{assessed_on}）より前です",
    "sent_before_issued": "発送日が発行日（{issued_on}）より前です",
    "none_due": "{issued_on} に{kind}の対象となる債権はありません",
    "suspension_is_a_record": "執行停止は滞納処分の執行停止の記録として記録してください"
                              "（法令・号・即時消滅とともに記録し、消滅の日はその記録から計算します）",
    # A whole batch or file refused: the rows concerned are the error's own data (`refused`,
    # `skipped`, `keys`, `problems`), listed by each face; `claims`/`settings` list them plainly.
    "letters_refused": "{kind}を作成できない債権があります: {claims}",
    "nothing_to_send": "作成する{kind}がありません（{claims}）",
    "letter_settings_missing": "文書の設定がされていません: {settings}",
    "import_failed": "取込みを中止しました: {count}件の誤りがあります。台帳は変更していません。",
    "aggregate_failed": "集計できません: {count}件の誤りがあります。何も出力していません",
}


def refusal_text(code: str, params: dict[str, Any], day: Callable[[date], str] = date.isoformat,
                 template: str | None = None) -> str:
    """The reason for `code` with its parameters (`template` if a face words it), dates written by `day`."""
    return Phrase(template or REASONS[code], tuple(params.items())).text(day)


class Refusal(InvalidValue):
    """A refusal as data: the `field`, a reason `code` and its `params`, phrased by each face."""

    def __init__(self, field: str | None, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(refusal_text(code, params), field)

    def for_field(self, field: str) -> InvalidValue:
        """The same refusal attributed to `field` (kept if one is already named)."""
        return self if self.field else Refusal(field, self.code, **self.params)
