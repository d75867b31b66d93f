"""How casework reads on screen: work items and deadlines in 和暦, and why an item is listed.

Services give dates as dates (a work item's `Phrase`); the window writes them in 和暦 here.
A contact entry's own text is shown as it was written: it is the record, never rewritten.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain.claims import LegalNature
from ..domain.dates import format_wareki
from ..domain.worklist import WRITE_OFF_NEEDED, WorkItem, WorkKind

_CONTEXT = "casework_texts"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def work_text(item: WorkItem) -> str:
    """The work item's line with its dates in 和暦."""
    return item.phrase.text(format_wareki)


def days_text(day: date, today: date) -> str:
    """「あと19日」, 「本日」 or 「3日超過」: how far `day` is from `today`."""
    days = (day - today).days
    if days > 0:
        return _tr("あと{0:,}日").format(days)
    if days == 0:
        return _tr("本日")
    return _tr("{0:,}日超過").format(-days)


def deadline_text(deadline: date, today: date) -> str:
    """「令和8年7月20日まで（あと19日）」: a deadline in 和暦 with the days left or over."""
    return _tr("{0}まで（{1}）").format(format_wareki(deadline), days_text(deadline, today))


# Why an item that is not a procedure step is on the list; a step says why itself (its
# `why` in the procedure file, which the department edits).
_REASONS = {
    WorkKind.NEXT_ACTION: QT_TRANSLATE_NOOP(
        _CONTEXT, "交渉記録で決めた次回の対応日です。対応したら交渉記録に残します。"),
    WorkKind.PROMISE_BROKEN: QT_TRANSLATE_NOOP(
        _CONTEXT, "約束の期日までに約束の額の納付がありません。事情を確認し、次の手順（催告・納付相談）に進みます。"),
    WorkKind.INSTALMENT_MISSED: QT_TRANSLATE_NOOP(
        _CONTEXT, "分納の納付日を過ぎても納付がありません。未納が重なると期限の利益喪失条項により残額を一括で請求することになります。"),
    WorkKind.PLAN_BROKEN: QT_TRANSLATE_NOOP(
        _CONTEXT, "期限の利益喪失条項により残額全部の納付期限が到来しました。残額を一括で請求し、法的措置を検討します。"),
    WorkKind.LIMITATION_NEAR: QT_TRANSLATE_NOOP(
        _CONTEXT, "時効が近づいています。債務の承認（分納誓約書・債務承認書・一部納付）で更新し、催告で完成を6か月猶予できます（民法147〜152条）。"),
    WorkKind.LETTER_RETURNED: QT_TRANSLATE_NOOP(
        _CONTEXT, "返戻された文書は到達していないため効力がありません。住所を調べて送り直します。"),
    WorkKind.REFUND: QT_TRANSLATE_NOOP(
        _CONTEXT, "残高を超える収納があり、過誤納金として預かっています。還付の手続をして還付を記録します。"),
    WorkKind.TRANSFER_FAILED: QT_TRANSLATE_NOOP(
        _CONTEXT, "口座振替ができませんでした（口座振替結果の振替不能）。納付書を送るか連絡して納付を求め、"
                  "残高不足などが続くときは口座の確認を依頼します。収納か交渉記録があれば一覧から消えます。"),
    WorkKind.FINAL_MISSING: QT_TRANSLATE_NOOP(
        _CONTEXT, "コンビニ収納の速報で収納を記録しましたが、待つ日数（設定 cvs_final_wait_days）を過ぎても確報が届いていません。"
                  "収納代行会社に確認します。確報を取り込むと一覧から消えます。"),
}
_PASSED_PUBLIC = QT_TRANSLATE_NOOP(
    _CONTEXT, "公債権は時効期間の経過で援用を要せず消滅します（地方自治法236条2項）。不納欠損の手続が必要です。")
_PASSED_INVOKED = QT_TRANSLATE_NOOP(
    _CONTEXT, "債務者が時効を援用したため消滅しました（民法145条）。不納欠損の手続が必要です。")
_PASSED_STANDING = QT_TRANSLATE_NOOP(
    _CONTEXT, "私債権は時効期間が過ぎても債務者が援用するまで消滅しません（民法145条）。援用の有無を確認します。")


def item_reason(item: WorkItem, step_why: str = "") -> str:
    """Why `item` is on the worklist, in words; a step's own reason when it is a step."""
    if item.kind is WorkKind.STEP:
        return step_why
    if item.kind is WorkKind.LIMITATION_PASSED:
        if item.claim.legal_nature is not LegalNature.PRIVATE:
            return _tr(_PASSED_PUBLIC)
        # The service says which: a private claim still standing, or one invoked and gone.
        return _tr(_PASSED_INVOKED if item.phrase.template == WRITE_OFF_NEEDED else _PASSED_STANDING)
    return _tr(_REASONS.get(item.kind, ""))
