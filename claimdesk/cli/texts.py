"""How the command line words a refusal: like the window, but naming its own options."""

from __future__ import annotations

from ..domain.errors import REASONS, ClaimDeskError, Refusal, refusal_text

# Refusals only the command line makes, of its own options: their plain words (no option named).
REASONS.update({
    "next_action_without_date": "次回の対応とその予定日は両方指定してください",
})

# The exact texts scripts have seen so far (tests outside the project match them).
CLI_REASONS = {
    "department_unset": "所管課が設定されていません。claimdesk department --code CODE --name NAME で設定してください",
    "no_step_uses_kind": "{kind}を使う手順はありません。債権番号を --claims で指定してください",
    "claims_or_due": "債権番号か --due のどちらか一方を指定してください",
    "next_action_without_date": "--next-action と --next-date は両方指定してください",
}


def reason(error: Refusal) -> str:
    """The reason of a refusal as the command line words it, without the field."""
    return refusal_text(error.code, error.params, template=CLI_REASONS.get(error.code))


def error_text(error: ClaimDeskError) -> str:
    """The one line after `claimdesk: ` for a refused command: FIELD: reason, or the error's text."""
    if isinstance(error, Refusal):
        return f"{error.field}: {reason(error)}" if error.field else reason(error)
    return str(error)
