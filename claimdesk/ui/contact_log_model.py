"""The contact log (交渉記録) as a table, newest first.

The log is never edited: a correction is a new entry pointing at the one it replaces,
and a returned letter is a new entry pointing at the letter. The table says so on both
sides: 「［No.12を訂正］」 on the correction, the replaced version (shown on request)
struck through with 「→ No.15で訂正」, and 「（返戻）」 in red on a letter that came back.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.contacts import LegalEffect, Party
from ..domain.dates import format_wareki
from ..domain.text import search_key
from ..services.casework import LogLine
from .rows_model import RowsModel

COLUMNS = (
    QT_TRANSLATE_NOOP("ContactLogModel", "No."),
    QT_TRANSLATE_NOOP("ContactLogModel", "日時"),
    QT_TRANSLATE_NOOP("ContactLogModel", "方法"),
    QT_TRANSLATE_NOOP("ContactLogModel", "相手"),
    QT_TRANSLATE_NOOP("ContactLogModel", "担当"),
    QT_TRANSLATE_NOOP("ContactLogModel", "内容"),
    QT_TRANSLATE_NOOP("ContactLogModel", "合意事項"),
    QT_TRANSLATE_NOOP("ContactLogModel", "次の対応"),
    QT_TRANSLATE_NOOP("ContactLogModel", "債権"),
)
NO, WHEN, CHANNEL, PARTY, PERSON, SUMMARY, AGREEMENT, NEXT, CLAIMS = range(len(COLUMNS))
LineRole = Qt.ItemDataRole.UserRole  # the LogLine of a row
_GREY, _RED = QColor("#8a8a8a"), QColor("#b00020")


def line_key(line: LogLine) -> str:
    """The folded text the log's search box matches (kana and width folded, like the register)."""
    e = line.entry
    return search_key(e.summary, e.reason, e.household, e.agreement, e.next_action, e.party_name,
                      e.contact_person, e.basis, e.approver, e.correction_reason, " ".join(e.claim_ids))


class ContactLogModel(RowsModel):
    """LogLines from services.casework.contact_log, in the order given (newest first)."""

    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names: dict[int, str] = {}
        self._kinds: dict[int, str] = {}

    def set_lines(self, lines: list[LogLine], party_names: dict[int, str] | None = None,
                  party_kinds: dict[int, str] | None = None) -> None:
        """Show `lines`; `party_names` (and `party_kinds`) name the guarantors and heirs the entries refer to by id."""
        self._names = dict(party_names or {})
        self._kinds = dict(party_kinds or {})
        self._set_rows(lines)

    def line(self, row: int) -> LogLine:
        return self._rows[row]

    def _text(self, line: LogLine, column: int) -> str:
        e = line.entry
        if column == NO:
            return str(e.entry_id)
        if column == WHEN:
            return format_wareki(e.on) + (f" {e.at:%H:%M}" if e.at else "")
        if column == CHANNEL:
            text = e.channel.label
            if e.letter_kind is not None:
                text += f"・{e.letter_kind.label}"
            return text + (self.tr("（返戻）") if line.returned is not None else "")
        if column == PARTY:
            if e.party in (Party.NONE, Party.OTHER):
                return e.party_name or ("" if e.party is Party.NONE else e.party.label)
            name = e.party_name or self._names.get(e.liable_party_id, "")
            kind = self._kinds.get(e.liable_party_id, e.party.label) if e.liable_party_id else e.party.label
            return f"{kind}（{name}）" if name else kind
        if column == PERSON:
            return e.contact_person
        if column == SUMMARY:
            return self._summary(line)
        if column == AGREEMENT:
            return e.agreement
        if column == NEXT:
            if e.next_action_on is None:
                return ""
            return f"{format_wareki(e.next_action_on)} {e.next_action}"
        if column == CLAIMS:  # the first and how many more: the tooltip lists them all
            first, more = e.claim_ids[0] if e.claim_ids else "", len(e.claim_ids) - 1
            return self.tr("{0} 他{1}件").format(first, more) if more > 0 else first
        return ""

    def _summary(self, line: LogLine) -> str:
        e = line.entry
        marks = []
        if e.corrects is not None and not e.retracted:
            marks.append(self.tr("［No.{0}を訂正］").format(e.corrects))
        if line.retracted_by is not None:
            marks.append(self.tr("［取消: {0}］").format(line.retracted_by.correction_reason))
        elif e.retracted:
            marks.append(self.tr("［No.{0}の取消］").format(e.corrects))
        elif line.superseded_by is not None:
            marks.append(self.tr("［→ No.{0}で訂正］").format(line.superseded_by))
        if e.decision is not None:
            marks.append(self.tr("［決裁: {0}］").format(e.decision.label))
        return "".join(marks) + e.summary

    def _data(self, line: LogLine, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.superseded_by is not None:
                return QBrush(_GREY)
            if column == CHANNEL and line.returned is not None:
                return QBrush(_RED)
            return None
        if role == Qt.ItemDataRole.FontRole and line.superseded_by is not None:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line)
        if role == LineRole:
            return line
        return None

    def _tooltip(self, line: LogLine) -> str:
        """Everything the entry records, for the clerk who hovers over it."""
        e = line.entry
        rows = [(self.tr("内容"), e.summary)]
        if len(e.claim_ids) > 1:
            rows.append((self.tr("対象債権"), "、".join(e.claim_ids)))
        for label, value in ((self.tr("滞納理由"), e.reason), (self.tr("生活状況"), e.household),
                             (self.tr("合意事項"), e.agreement)):
            if value:
                rows.append((label, value))
        if e.legal_effect is not LegalEffect.NONE:
            rows.append((self.tr("時効への効果"), e.legal_effect.label))
        if e.decision is not None:
            approved = format_wareki(e.approved_on) if e.approved_on else ""
            rows.append((self.tr("決裁"), f"{e.decision.label}　{e.approver}　{approved}　{e.basis}"))
        if e.checklist:
            rows.append((self.tr("確認事項"), "、".join(e.checklist)))
        if e.corrects is not None:
            rows.append((self.tr("訂正"), self.tr("No.{0}を訂正（理由: {1}）").format(e.corrects, e.correction_reason)))
        if line.retracted_by is not None:
            r = line.retracted_by
            rows.append((self.tr("取消"), self.tr("No.{0}で取消（理由: {1}、{2}）").format(
                r.entry_id, r.correction_reason, r.operator)))
        elif line.superseded_by is not None:
            rows.append((self.tr("訂正"), self.tr("No.{0}で訂正されました").format(line.superseded_by)))
        if line.returned is not None:
            rows.append((self.tr("返戻"), self.tr("{0}に返戻（No.{1}）").format(
                format_wareki(line.returned.on), line.returned.entry_id)))
        if e.document_path:
            rows.append((self.tr("文書"), e.document_path))
        entered = f"{e.operator}　{format_wareki(e.entered_at.date())} {e.entered_at:%H:%M}" if e.entered_at else e.operator
        rows.append((self.tr("入力"), entered))
        body = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows)
        return f"<table>{body}</table>"
