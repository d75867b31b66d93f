"""引継書 as PDF: the department's open cases on a day, for the clerk who takes over.

1 案件の区分（回収・整理）, 2 段階ごとの案件と次の対応・期限, 3 12か月以内に時効を迎える債権,
4 履行中の分納, 5 目標収納率と年度の現況.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ..domain.casefile import Handover
from ..domain.dates import format_fiscal_year, format_wareki
from ..domain.money import format_amount, format_yen
from ..domain.targets import format_rate
from .pdf_text import NONE, WIDTH, build, day, para, ruled, styles


def write_handover_pdf(data: Handover, path: str | Path) -> Path:
    """Write the 引継書 to `path`; the service makes the write atomic."""
    st = styles()
    story = [
        para(f"{data.department_name}　基準日 {format_wareki(data.as_of)}", st["sub"]),
        para("引継書（債権管理）", st["title"]),
        para(f"未納の債権 {format_amount(sum(c.claims for c in data.classes))}件 "
             f"{format_yen(sum(c.balance for c in data.classes))}（うち納期限を過ぎたもの・交渉記録のあるもの "
             f"{format_amount(len(data.cases))}件 {format_yen(sum(c.balance for c in data.cases))}）", st["sub"]),
        Spacer(0, 2 * mm),
        para("1　案件の区分（回収・整理）", st["head"]),
    ]
    rows = [["区分", "件数", "未納残高（円）"]]
    rows += [[c.case_class.full_label, format_amount(c.claims), format_amount(c.balance)] for c in data.classes]
    rows.append(["合計", format_amount(sum(c.claims for c in data.classes)),
                 format_amount(sum(c.balance for c in data.classes))])
    story.append(ruled(rows, [50 * mm, 30 * mm, 40 * mm], cell=st["cell"], right=(1, 2)))
    story.append(para("※ 回収＝手順に沿って回収を進める案件。整理＝分納中・交渉中・執行停止・時効経過・生活困窮"
                      "（生活困窮者自立支援・法テラスへつないだもの）。", st["note"]))
    story.append(para("2　段階ごとの案件と次の対応・期限", st["head"]))
    for stage, cases in data.stages():
        shown = cases[:data.shown_per_stage]
        story.append(para(f"{stage}　{len(cases)}件 {format_yen(sum(c.balance for c in cases))}", st["head2"]))
        rows = [["債権番号", "債務者", "債権名", "未納残高", "次の対応", "期限", "区分"]]
        rows += [[c.claim_id, c.debtor_name, c.claim_type, format_amount(c.balance), c.next_step or NONE,
                  day(c.deadline), c.case_class.label if c.case_class else NONE] for c in shown]
        story.append(ruled(rows, [27 * mm, 24 * mm, 37 * mm, 18 * mm, WIDTH - 151 * mm, 27 * mm, 18 * mm],
                           cell=st["cell"], right=(3,)))
        if len(cases) > len(shown):
            story.append(para(f"ほか {len(cases) - len(shown)}件（期限の遅いもの）は本日の作業・台帳で確認してください。",
                              st["note"]))
    story.append(para(f"3　12か月以内に時効を迎える債権（{format_wareki(data.as_of)}から）", st["head"]))
    if data.near_limitation:
        rows = [["時効期限", "債権番号", "債務者", "未納残高", "根拠"]]
        near = data.near_limitation
        rows += [[day(c.limitation_date), c.claim_id, c.debtor_name, format_amount(c.balance),
                  c.limitation_basis.text(format_wareki) if c.limitation_basis else NONE]
                 for c in near[:data.shown_near]]
        story.append(ruled(rows, [27 * mm, 27 * mm, 26 * mm, 20 * mm, WIDTH - 100 * mm], cell=st["cell"], right=(3,)))
        if len(near) > data.shown_near:
            story.append(para(f"ほか {len(near) - data.shown_near}件（時効期限の遅いもの）。計 {len(near)}件 "
                              f"{format_yen(sum(c.balance for c in near))}。本日の作業の「時効間近」で確認してください。",
                              st["note"]))
    else:
        story.append(para("該当なし", st["text"]))
    story.append(para("4　履行中の分納", st["head"]))
    if data.plans:
        rows = [["債務者", "債権", "種類・締結日", "総額", "納付済", "未納", "次回"]]
        # Plans in arrears first: those are the successor's first calls.
        ordered = sorted(data.plans, key=lambda p: (-p.state.arrears, p.state.signed_on))
        for p in ordered[:data.shown_plans]:
            s = p.state
            upcoming = next((l.instalment for l in s.lines if l.paid < l.instalment.amount), None)
            rows.append([p.debtor_name, "\n".join(p.claim_ids), f"{s.kind.label}\n{day(s.signed_on)}",
                         format_amount(s.total), format_amount(s.paid), format_amount(s.arrears),
                         f"{day(upcoming.due_on)} {format_amount(upcoming.amount)}円" if upcoming else NONE])
        story.append(ruled(rows, [26 * mm, 27 * mm, 30 * mm, 18 * mm, 18 * mm, 16 * mm, WIDTH - 135 * mm],
                           cell=st["cell"], right=(3, 4, 5)))
        if len(ordered) > data.shown_plans:
            story.append(para(f"ほか {len(ordered) - data.shown_plans}件（未納額の少ないもの）。履行中の分納 計 {len(ordered)}件。",
                              st["note"]))
    else:
        story.append(para("該当なし", st["text"]))
    story.append(para(f"5　目標収納率と{format_fiscal_year(data.fiscal_year)}の現況（{format_wareki(data.as_of)}現在）",
                      st["head"]))
    rows = [["債権名", "区分", "調定額", "収入済額", "収入未済額", "収納率（％）", "目標（％）"]]
    rows += [[t.claim_type, t.category_label, format_amount(t.assessed), format_amount(t.collected),
              format_amount(t.outstanding), format_rate(t.actual, NONE), format_rate(t.target, NONE)]
             for t in data.targets]
    story.append(ruled(rows, [WIDTH - 136 * mm, 22 * mm, 24 * mm, 24 * mm, 24 * mm, 20 * mm, 22 * mm],
                       cell=st["cell"], right=(2, 3, 4, 5, 6)))
    return build(path, story, title="引継書", author=data.department_name, subject="引継書（債権管理）")
