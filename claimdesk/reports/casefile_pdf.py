"""経過記録書 as PDF: one debtor's file, in the order a lawyer or a 支払督促 reads it.

1 債務者と関係人, 2 債権の内訳と残高（基準日現在）, 3 時効（期限と根拠）, 4 収納の履歴,
5 発送した文書（写しのハッシュ）, 6 納付約束・分納・決裁, 7 財産調査・差押・執行停止,
8 交渉経過 (every current entry, oldest first).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from ..domain.casefile import CaseFile, ClaimFile
from ..domain.claims import EventKind
from ..domain.dates import format_wareki
from ..domain.money import format_amount, format_yen
from .pdf_text import NONE, WIDTH, build, day, pairs, para, ruled, styles

_KINDS = {EventKind.RECEIPT: "収納", EventKind.REFUND: "還付", EventKind.WRITE_OFF: "不納欠損",
          EventKind.ADJUSTMENT: "調定増減"}


def write_casefile_pdf(data: CaseFile, path: str | Path) -> Path:
    """Write the 経過記録書 to `path`; the service makes the write atomic."""
    st = styles()
    d = data.debtor
    story = [
        para(f"{data.department_name}　基準日 {format_wareki(data.as_of)}", st["sub"]),
        para(f"経過記録書　{d.name} 様（債務者番号 {d.debtor_id}）", st["title"]),
        para(f"未納残高 {format_yen(data.balance)}　延滞金等（基準日まで）{format_yen(data.late_charges)}"
             f"　債権 {len(data.claims)}件", st["sub"]),
        Spacer(0, 2 * mm),
        para("1　債務者と関係人", st["head"]),
        pairs([("氏名（名称）", d.name), ("フリガナ", d.kana), ("住所（所在地）", f"〒{d.postal_code} {d.address}"
               if d.postal_code else d.address), ("電話", d.phone), ("勤務先", d.workplace),
               ("代表者", d.representative)], st),
    ]
    if data.liable:
        story.append(Spacer(0, 1.5 * mm))
        story.append(ruled([["区分", "氏名", "続柄", "住所", "電話", "債権"]] +
                           [[p.role, p.name, p.relation, p.address, p.phone, p.claim_id] for p in data.liable],
                           [20 * mm, 28 * mm, 16 * mm, WIDTH - 117 * mm, 26 * mm, 27 * mm], cell=st["cell"]))
    story += [para("2　債権の内訳と残高（基準日現在）", st["head"]), _claims_table(data, st)]
    story.append(para("※ 延滞金等は納期限の翌日から基準日までの額（収納済みの分を除く）です。", st["note"]))
    story.append(para("3　時効（消滅時効の期限と、その根拠）", st["head"]))
    for c in data.claims:
        story.append(KeepTogether(_limitation(c, st)))
    story += [para("4　収納の履歴", st["head"]), _events(data, st)]
    story += [para("5　発送した文書", st["head"]), _letters(data, st)]
    story += [para("6　納付約束・分納・決裁", st["head"]), *_arrangements(data, st)]
    story += [para("7　財産調査・差押え・執行停止", st["head"]), *_enforcement(data, st)]
    story += [para("8　交渉経過（古い順）", st["head"]), _log(data, st)]
    story.append(Spacer(0, 3 * mm))
    story.append(para(f"作成: {data.department_name}　{format_wareki(data.as_of)}現在の台帳の記録による。"
                      "記録は追記のみで、訂正・取消は新しい記録として残しています（本書は訂正後の内容）。", st["note"]))
    return build(path, story, title=f"経過記録書 {d.name}", author=data.department_name, subject="経過記録書")


def _claims_table(data: CaseFile, st) -> object:
    rows = [["債権番号", "債権名・年度", "種類", "納期限", "調定額", "収入済額", "未納残高", "延滞金等", "段階・区分"]]
    for c in data.claims:
        cls = c.case_class.full_label if c.case_class else NONE
        rows.append([c.claim.claim_id, f"{c.claim.claim_type}\n{c.claim.fiscal_year}年度", c.legal_nature_label,
                     day(c.claim.due_date), format_amount(c.assessed), format_amount(c.collected),
                     format_amount(c.balance), format_amount(c.late_charge.outstanding), f"{c.stage}\n{cls}"])
    rows.append(["合計", "", "", "", format_amount(sum(c.assessed for c in data.claims)),
                 format_amount(sum(c.collected for c in data.claims)), format_amount(data.balance),
                 format_amount(data.late_charges), ""])
    return ruled(rows, [27 * mm, 27 * mm, 16 * mm, 27 * mm, 17 * mm, 17 * mm, 17 * mm, 15 * mm, WIDTH - 163 * mm],
                 cell=st["cell"], right=(4, 5, 6, 7))


def _limitation(c: ClaimFile, st) -> list:
    lim = c.limitation
    head = para(f"{c.claim.claim_id}　{c.claim.claim_type}（{c.claim.fiscal_year}年度、{c.legal_nature_label}）",
                st["head2"])
    lines = [("時効期限", f"{day(lim.limitation_date)}（{lim.basis.text(format_wareki)}）")]
    if c.extinguished_on is not None:
        lines.append(("消滅", f"{day(c.extinguished_on)}（{c.extinguished_by}）"))
    trail = "\n".join(n.text(format_wareki) for n in lim.notes)
    lines.append(("経過", trail or "更新・完成猶予の事由なし"))
    return [head, pairs(lines, st, 22 * mm)]


def _events(data: CaseFile, st) -> object:
    rows = [["日付", "債権番号", "区分", "金額", "方法・摘要"]]
    events = sorted((e for c in data.claims for e in c.events), key=lambda e: (e.date, e.claim_id, e.event_id or 0))
    for e in events:
        rows.append([day(e.date), e.claim_id, _KINDS.get(e.kind, e.kind.value) + ("（取消）" if e.reverses else ""),
                     format_amount(e.amount), " ".join(x for x in (e.method, e.note) if x)])
    if len(rows) == 1:
        rows.append(["記録なし", "", "", "", ""])
    return ruled(rows, [27 * mm, 27 * mm, 20 * mm, 22 * mm, WIDTH - 96 * mm], cell=st["cell"], right=(3,))


def _letters(data: CaseFile, st) -> object:
    rows = [["発送日", "文書", "宛先", "債権", "送達", "写しのハッシュ（SHA-256）"]]
    for e in data.letters:
        back = data.returned.get(e.entry_id) if e.entry_id is not None else None
        rows.append([day(e.on), e.letter_kind.label if e.letter_kind else "", e.party_name or e.party.label, _ids(e.claim_ids),
                     f"返戻（{day(back)}）" if back else "返戻なし", _hash(e.document_hash)])
    if len(rows) == 1:
        rows.append(["記録なし", "", "", "", "", ""])
    return ruled(rows, [27 * mm, 30 * mm, 20 * mm, 27 * mm, 22 * mm, WIDTH - 126 * mm], cell=st["cell"])


def _ids(claim_ids) -> str:
    """Claim ids one per line (an id must not break inside a narrow cell)."""
    return "\n".join(claim_ids)


def _hash(text: str) -> str:
    """A SHA-256 in hex on two lines (it has no place to break by itself), or 写しなし."""
    return "\n".join(text[i:i + 32] for i in range(0, len(text), 32)) if text else "写しなし"


def _arrangements(data: CaseFile, st) -> list:
    out = []
    promises = {p.promise.promise_id: p for c in data.claims for p in c.promises}
    if promises:
        rows = [["約束日", "金額", "納付期限", "状況", "納付額", "債権"]]
        for p in sorted(promises.values(), key=lambda p: p.promise.made_on):
            rows.append([day(p.promise.made_on), format_amount(p.promise.amount), day(p.promise.due_on),
                         p.status.label, format_amount(p.paid), _ids(p.promise.claim_ids)])
        out += [para("納付約束", st["head2"]),
                ruled(rows, [27 * mm, 22 * mm, 27 * mm, 22 * mm, 22 * mm, WIDTH - 120 * mm], cell=st["cell"],
                      right=(1, 4))]
    plans = {p.plan_id: p for c in data.claims for p in c.plans}
    for plan in sorted(plans.values(), key=lambda p: p.signed_on):
        rows = [["回", "納期限", "金額", "納付額", "状況"]]
        rows += [[str(line.instalment.seq), day(line.instalment.due_on), format_amount(line.instalment.amount),
                  format_amount(line.paid), line.status.label] for line in plan.lines]
        head = (f"{plan.kind.label}（{day(plan.signed_on)}、計{format_yen(plan.total)}、{plan.status.label}"
                + (f"、{day(plan.broken_on)} 期限の利益喪失" if plan.broken_on else "") + "）")
        out += [para(head, st["head2"]),
                ruled(rows, [12 * mm, 30 * mm, 26 * mm, 26 * mm, 30 * mm], cell=st["cell"], right=(2, 3))]
    if data.decisions:
        rows = [["日付", "決裁", "決裁者・決裁日", "根拠", "債権"]]
        rows += [[day(e.on), e.decision.label if e.decision else "", f"{e.approver}（{day(e.approved_on)}）", e.basis,
                  _ids(e.claim_ids)] for e in data.decisions]
        out += [para("決裁", st["head2"]),
                ruled(rows, [27 * mm, 22 * mm, 40 * mm, WIDTH - 116 * mm, 27 * mm], cell=st["cell"])]
    return out or [para("記録なし", st["text"])]


def _enforcement(data: CaseFile, st) -> list:
    inquiries = {i.inquiry_id: i for c in data.claims for i in c.enforcement.inquiries}
    seizures = {s.seizure_id: s for c in data.claims for s in c.enforcement.seizures}
    suspensions = {s.suspension_id: s for c in data.claims for s in c.enforcement.suspensions}
    out = []
    if inquiries:
        rows = [["照会日", "照会先", "照会事項", "回答日", "回答"]]
        rows += [[day(i.asked_on), i.asked_of, i.subject, day(i.answered_on), i.answer or "未回答"]
                 for i in inquiries.values()]
        out += [para("財産調査", st["head2"]),
                ruled(rows, [27 * mm, 36 * mm, 34 * mm, 27 * mm, WIDTH - 124 * mm], cell=st["cell"])]
    if seizures:
        rows = [["差押日", "差押財産", "金額", "終了", "債権"]]
        rows += [[day(s.seized_on), s.property, format_amount(s.amount),
                  f"{day(s.ended_on)} {s.end.label}" if s.ended_on and s.end else "手続中", _ids(s.claim_ids)]
                 for s in seizures.values()]
        out += [para("差押え", st["head2"]),
                ruled(rows, [27 * mm, WIDTH - 130 * mm, 22 * mm, 54 * mm, 27 * mm], cell=st["cell"], right=(2,))]
    if suspensions:
        rows = [["停止日", "根拠", "消滅（予定）日", "債権"]]
        rows += [[day(s.suspended_on), s.law_text,
                  f"{day(s.cancelled_on)} 取消" if s.extinguishes_on() is None else day(s.extinguishes_on()),
                  _ids(s.claim_ids)]
                 for s in suspensions.values()]
        out += [para("執行停止", st["head2"]),
                ruled(rows, [27 * mm, WIDTH - 94 * mm, 40 * mm, 27 * mm], cell=st["cell"])]
    return out or [para("記録なし", st["text"])]


def _log(data: CaseFile, st) -> object:
    rows = [["日時", "方法・相手", "内容", "担当"]]
    for e in data.log:
        parts = [e.summary]
        for label, value in (("滞納理由", e.reason), ("生活状況", e.household), ("合意", e.agreement)):
            if value:
                parts.append(f"{label}: {value}")
        if e.next_action:
            parts.append(f"次回: {e.next_action}（{day(e.next_action_on)}）")
        if e.legal_effect.value:
            parts.append(f"時効への効果: {e.legal_effect.label}")
        if e.corrects:
            parts.append(f"（記録 {e.corrects} を訂正: {e.correction_reason}）")
        who = e.party_name or e.party.label
        when = day(e.on) + (f" {e.at:%H:%M}" if e.at else "")
        rows.append([when, f"{e.channel.label}\n{who}", "\n".join(parts), e.contact_person])
    if len(rows) == 1:
        rows.append(["記録なし", "", "", ""])
    return ruled(rows, [27 * mm, 22 * mm, WIDTH - 71 * mm, 22 * mm], cell=st["cell"])
