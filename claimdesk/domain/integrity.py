"""What a check of a ledger can find, and how each finding reads to a clerk.

Storage finds the problems (SQLite's own checks, the history triggers, the running
sums, the hash chain); this module only names them, one line each, so the command line
and the window say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ProblemKind(Enum):
    """The kinds of fault a check reports."""

    DAMAGED = "damaged"                  # integrity_check / quick_check said so
    FOREIGN_KEY = "foreign_key"          # a row points at nothing
    TRIGGER_MISSING = "trigger_missing"  # a history trigger was dropped
    TRIGGER_CHANGED = "trigger_changed"  # … or replaced by another
    SUM_MISMATCH = "sum_mismatch"        # a claim's stored sum differs from its events
    ROW_CHANGED = "row_changed"          # a chained row's content no longer matches its hash
    ROW_DELETED = "row_deleted"          # a chained row is gone
    ROW_UNCHAINED = "row_unchained"      # a row was added without ClaimDesk's chain
    CHAIN_BROKEN = "chain_broken"        # the chain itself was edited (an entry removed or changed)
    SCHEMA = "schema"                    # not a ClaimDesk ledger, or a newer one
    STORED_TOTALS = "stored_totals"      # a closed year's stored totals differ from its sums afresh


TABLE_LABELS = {
    "money_events": "取引", "contact_entries": "交渉記録", "contact_entry_claims": "交渉記録の対象債権",
    "targets": "目標収納率", "promises": "納付約束", "instalment_plans": "分納計画",
    "instalments": "分納の各回", "plan_cancellations": "分納計画の取消", "claims": "債権",
    "import_batches": "取込み", "import_reversals": "取込みの取消", "payment_slips": "納付書",
    "payment_claim_numbers": "納付番号", "liable_party_ends": "保証人・相続人の責任の終了",
    "letter_schedules": "誓約書の分納予定", "signed_returns": "署名済み誓約書の受領",
    "direct_debits": "口座振替", "receipt_files": "収納ファイル", "receipt_lines": "収納ファイルの明細",
    "asset_inquiries": "財産調査", "asset_inquiry_answers": "財産調査の回答", "seizures": "差押",
    "seizure_ends": "差押の解除", "enforcement_suspensions": "執行停止",
    "suspension_cancellations": "執行停止の取消", "hardship_referrals": "生活困窮の相談窓口への案内",
    "target_notes": "個票の説明・検証", "chain_seals": "ハッシュチェーンへの登録",
    "period_totals": "個票の保存済み年度集計", "carried_balances": "個票の保存済み繰越額",
}


@dataclass(frozen=True)
class Problem:
    """One fault found in a ledger: what, where (table and row) and SQLite's detail."""

    kind: ProblemKind
    table: str = ""
    key: str = ""
    detail: str = ""

    def text(self) -> str:
        """The finding as one Japanese line, naming the table and row."""
        where = TABLE_LABELS.get(self.table, self.table)
        row = f"{where}（{self.table}） {self.key}" if self.key else f"{where}（{self.table}）"
        return _TEXTS[self.kind].format(row=row, key=self.key, table=self.table, detail=self.detail)


_TEXTS = {
    ProblemKind.DAMAGED: "ファイルの損傷: {detail}",
    ProblemKind.FOREIGN_KEY: "参照先のない行: {row}: {detail}",
    ProblemKind.TRIGGER_MISSING: "履歴を守るトリガーがありません: {key}（{table}）",
    ProblemKind.TRIGGER_CHANGED: "履歴を守るトリガーが書き換えられています: {key}（{table}）",
    ProblemKind.SUM_MISMATCH: "累計額が取引の合計と一致しません: {row}: {detail}",
    ProblemKind.ROW_CHANGED: "記録が書き換えられています: {row}",
    ProblemKind.ROW_DELETED: "記録が削除されています: {row}",
    ProblemKind.ROW_UNCHAINED: "ClaimDeskを通さずに追加された記録です: {row}",
    ProblemKind.CHAIN_BROKEN: "ハッシュチェーンが途切れています（記録の削除または改ざん）: {detail}",
    ProblemKind.SCHEMA: "台帳の形式: {detail}",
    ProblemKind.STORED_TOTALS: "保存済みの集計が取引から計算し直した値と一致しません: {row}: {detail}",
}


def summary_line(problems: list[Problem]) -> str:
    """The last line of a check: sound, or how many problems."""
    if not problems:
        return "台帳に問題はありません"
    return f"台帳に{len(problems)}件の問題があります"
