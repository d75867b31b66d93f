"""The command line phrases the services' refusals itself, in the exact words it always used."""

from datetime import date

import pytest

from claimdesk.cli.texts import CLI_REASONS, error_text
from claimdesk.domain.errors import REASONS, InvalidValue, Refusal


@pytest.mark.parametrize(("refusal", "line"), [
    (Refusal("department", "department_unset"),
     "department: 所管課が設定されていません。claimdesk department --code CODE --name NAME で設定してください"),
    (Refusal("due", "no_step_uses_kind", kind="催告書"),
     "due: 催告書を使う手順はありません。債権番号を --claims で指定してください"),
    (Refusal("claims", "claims_or_due"), "claims: 債権番号か --due のどちらか一方を指定してください"),
    (Refusal("on", "date_before_assessed", assessed_on=date(2024, 2, 29)),
     "on: 記録の日付が調定日（2024-02-29）より前です"),
    (Refusal("due", "none_due", issued_on=date(2026, 7, 1), kind="督促状"),
     "due: 2026-07-01 に督促状の対象となる債権はありません"),
])
def test_refusals_read_as_they_always_did(refusal, line):
    assert error_text(refusal) == line


def test_every_cli_wording_is_of_a_known_code():
    assert set(CLI_REASONS) <= set(REASONS)


def test_other_errors_keep_their_own_text():
    assert error_text(InvalidValue("金額が不正です", "amount")) == "amount: 金額が不正です"
