"""Errors a user can cause and read: each names the field and the reason."""

from __future__ import annotations

from typing import Any


class ClaimDeskError(Exception):
    """An error caused by input or state a user can fix; its text is shown as is."""


class InvalidValue(ClaimDeskError, ValueError):
    """A value that does not parse or breaks a rule; `field` names where it came from."""

    def __init__(self, reason: str, field: str | None = None):
        self.reason = reason
        self.field = field
        super().__init__(f"{field}: {reason}" if field else reason)

    def for_field(self, field: str) -> "InvalidValue":
        """The same error attributed to `field` (kept if one is already named)."""
        return self if self.field else InvalidValue(self.reason, field)


# The plain Japanese for each reason code, true for either face. A face that can say
# more (the command line names its options, the window its menus) phrases the code
# itself and falls back to these.
REASONS: dict[str, str] = {
    "department_unset": "所管課が設定されていません。所管課コードと所管課名を設定してください",
    "no_step_uses_kind": "{kind}を使う手順はありません。債権を指定してください",
    "claims_or_due": "債権番号か期日の到来した債権のどちらか一方を指定してください",
}


def refusal_text(code: str, params: dict[str, Any]) -> str:
    """The plain Japanese reason for `code` with its parameters."""
    return REASONS[code].format(**params)


class Refusal(InvalidValue):
    """A refusal as data: the `field`, a reason `code` and its `params`, phrased by each face."""

    def __init__(self, field: str, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(refusal_text(code, params), field)

    def for_field(self, field: str) -> "InvalidValue":
        """A refusal always names its field already."""
        return self
