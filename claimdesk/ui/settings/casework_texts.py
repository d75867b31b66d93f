"""The casework settings as a clerk reads them: a Japanese name and how the value is typed."""

from __future__ import annotations

# key (after "casework.") → (name, kind, explanation); kinds: int, rate, flag, date, days,
# table (claim type → value, typed 「債権名=値」), rates (year → low/high rates).
CASEWORK_FIELDS: dict[str, tuple[str, str, str]] = {
    "limitation.years": ("時効の期間（年）", "int", "地方自治法236条・民法166条"),
    "limitation.judgment_years": ("判決等の後の時効期間（年）", "int", "確定判決・支払督促の確定後（民法169条）"),
    "limitation.demand_renewal_days": ("督促による更新（日）", "int", "督促状の発行からこの日数目に時効が更新"),
    "limitation.reminder_months": ("催告による完成猶予（か月）", "int", "一度だけ（民法150条）"),
    "limitation.negotiation_months": ("協議の合意による完成猶予（か月）", "int", "民法151条"),
    "limitation.negotiation_max_years": ("協議の合意の猶予の上限（年）", "int", "通算の上限"),
    "limitation.warn_days": ("時効の警告（日前）", "int", "本日の作業で、時効のこの日数前から警告"),
    "limitation.enforcement_suspension_years": ("執行停止による消滅（年）", "int", "地方税法15条の7第4項"),
    "limitation.years_by_claim_type": ("債権名ごとの時効期間（年）", "table:int",
                                       "例: 水道料金（旧）=2　（「、」で区切る。空なら一律）"),
    "calendar.closing_days": ("閉庁日", "days", "毎年なら MM-DD、一度なら YYYY-MM-DD を「、」で区切る。"
                                                "土日・祝日は常に閉庁"),
    "promises.grace_days": ("納付約束の猶予（日）", "int", "約束の日からこの日数を過ぎると不履行"),
    "instalments.missed_to_break": ("分納の失効（回）", "int", "この回数の不履行で分納計画が失効"),
    "instalments.grace_days": ("分納の猶予（日）", "int", "各回の期日からの猶予"),
    "worklist.urgent_days": ("急ぎの時効（日以内）", "int", "本日の作業で時効がこの日数以内なら先頭に"),
    "worklist.answer_wait_days": ("財産調査の回答待ち（日）", "int", "照会からこの日数で回答がなければ、回答の確認を促す"),
    "worklist.seizure_check_days": ("差押え後の確認（日）", "int", "差押えからこの日数で、取立て・配当と終了の確認を促す"),
    "worklist.suspension_notice_days": ("執行停止の消滅の予告（日前）", "int", "執行停止の満了のこの日数前から、資力回復の確認を促す"),
    "late_charge.public.base_low": ("延滞金 本則の低い割合（%）", "rate", "納期限の翌日から1か月まで"),
    "late_charge.public.base_high": ("延滞金 本則の高い割合（%）", "rate", "1か月を過ぎた後"),
    "late_charge.public.switch_months": ("低い割合の期間（か月）", "int", "納期限の翌日から"),
    "late_charge.public.days_per_year": ("延滞金 年の日数", "int", "うるう年も365日"),
    "late_charge.public.principal_unit": ("延滞金 元金の端数（円）", "int", "元金をこの単位で切り捨て"),
    "late_charge.public.principal_minimum": ("延滞金 元金の下限（円）", "int", "これ未満の元金には延滞金なし"),
    "late_charge.public.total_unit": ("延滞金 端数（円）", "int", "延滞金をこの単位で切り捨て"),
    "late_charge.public.total_minimum": ("延滞金 下限（円）", "int", "これ未満の延滞金は徴収しない"),
    "late_charge.public.principal_first": ("延滞金 収納を元金に先に充てる", "flag", "公債権"),
    "late_charge.public.special": ("特例割合（この台帳で追加・訂正する年）", "rates",
                                   "例: 2027=2.9/9.2（年=低い割合/高い割合、「、」で区切る）。"
                                   "既定の表にない年は本則で計算"),
    "late_charge.private.legal_rate": ("遅延損害金 法定利率（%）", "rate", "民法404条"),
    "late_charge.private.old_legal_rate": ("遅延損害金 旧法定利率（%）", "rate", "改正前に遅滞となったもの"),
    "late_charge.private.old_rate_before": ("旧法定利率の適用（この日より前）", "date", "民法改正の施行日"),
    "late_charge.private.days_per_year": ("遅延損害金 年の日数", "int", ""),
    "late_charge.private.principal_first": ("遅延損害金 収納を元金に先に充てる", "flag", "民法489条: 通常は利息が先"),
    "late_charge.contract_rates": ("債権名ごとの約定利率（%）", "table:rate", "例: 奨学資金等貸付金返還金=5"),
    "late_charge.principal_first_by_claim_type": ("債権名ごとの元金優先", "table:flag",
                                                  "例: 区営住宅使用料=はい（はい・いいえ）"),
}
