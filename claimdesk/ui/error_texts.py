"""How the window words a refusal: the reason code's plain Japanese, or the window's own.

Services refuse with a field, a reason code and its parameters (domain/errors.py); the
command line names its options in its wording (cli/texts.py), the window its menus here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain.dates import format_wareki
from ..domain.errors import ClaimDeskError, InvalidValue, Refusal, refusal_text

_CONTEXT = "error_texts"

# The reasons the window can say better than the plain text: where in the window to act.
_WINDOW_REASONS = {
    "department_unset": QT_TRANSLATE_NOOP(
        _CONTEXT, "所管課が設定されていません。収納状況の集計と出力には所管課コードと所管課名が必要です"
                  "（設定: ファイル → 所管課の設定）。"),
    "no_step_uses_kind": QT_TRANSLATE_NOOP(
        _CONTEXT, "{kind}を使う手順はありません。一覧で債権を選んでから作成してください"),
    "suspension_is_a_record": QT_TRANSLATE_NOOP(
        _CONTEXT, "執行停止は、債権の画面の「滞納処分・生活困窮」の「執行停止…」で記録してください"
                  "（法令・号・即時消滅を記録し、消滅の日はその記録から計算します）。"),
    # The settings by the names the 設定 dialog shows, not their keys.
    "letter_settings_missing": QT_TRANSLATE_NOOP(
        _CONTEXT, "文書の設定がされていません: {names}。設定するまで文書は作成しません"
                  "（設定: ファイル → 設定 の「文書」）。"),
    # Shown beside the folder field or under a box titled バックアップの保存先: no field name.
    "backup_folder_unwritable": QT_TRANSLATE_NOOP(_CONTEXT, "書き込めません（{error}）: {folder}"),
    # The first bad row under the count; the box's details list them all.
    "import_failed": QT_TRANSLATE_NOOP(
        _CONTEXT, "取込みを中止しました: {count}件の誤りがあります。台帳は変更していません。\n{first}"),
    "receipts_refused": QT_TRANSLATE_NOOP(
        _CONTEXT, "収納データの取込みを中止しました: {count}件の誤りがあります。台帳は変更していません。\n{first}"),
}


def reason_text(error: InvalidValue) -> str:
    """The reason a clerk reads for `error`, its dates in 和暦, without the field's internal name."""
    if not isinstance(error, Refusal):
        return error.reason
    text = _WINDOW_REASONS.get(error.code)
    own = QCoreApplication.translate(_CONTEXT, text) if text else None
    return refusal_text(error.code, error.params, format_wareki, template=own)


def error_text(error: ClaimDeskError) -> str:
    """What a clerk reads for a refused action: a refusal's reason (dates in 和暦), else the error's text."""
    return reason_text(error) if isinstance(error, InvalidValue) else str(error)
