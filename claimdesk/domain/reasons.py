"""The reasons many checks give alike: a field left empty, a date that does not exist…

A reason code lives next to the check that raises it (`REASONS.update` in its module).
These few are raised by several modules that do not import one another, so they are
registered here, and the package imports this module first (domain/__init__.py): any
module that raises one has them in `REASONS`.
"""

from __future__ import annotations

from .errors import REASONS

REASONS.update({
    "not_entered": "{label}が入力されていません",
    "text_required": "{label}を入力してください",
    "claim_required": "対象の債権を指定してください",
    "amount_whole_yen": "金額は1円以上の整数で入力してください",
    "no_such_date": "存在しない日付です（{text}）",
    "unknown_choice": "{label}が不明です（{text}）: {choices} のいずれか",
})
