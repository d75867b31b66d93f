"""The collection procedure (docs/domain.md §3) as data: steps read from plain mappings.

A department edits its steps (days, wording, checklists, even the steps themselves), so
they are data, checked when read: `parse_procedure` refuses a wrong definition with a
`ProcedureError` that names the source and the step, e.g.
``private.toml: steps[3] (id = "final_reminder"): deadline_days: days 以上にしてください``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from .claims import LegalNature
from .contacts import ALLOWED_DECISIONS, Channel, Decision, LegalEffect, LetterKind, Party, default_effect
from .errors import ClaimDeskError

ANCHORS = ("due_date", "previous")
TRIGGERS = ("", "extinguished")
CONDITIONS = ("", "guarantors")
_ID = re.compile(r"[a-z][a-z0-9_]*")
_KNOWN = {"id", "title", "stage", "what", "why", "after", "days", "deadline_days", "letter",
          "reply_days", "checklist", "approval", "decision", "effect", "group", "only_if",
          "requires", "when", "script"}


class ProcedureError(ClaimDeskError):
    """A procedure definition that cannot be used; the text names the file and the entry."""


@dataclass(frozen=True)
class StepDef:
    """One step: what to do, why, by when, with which letter, and what it needs."""

    id: str
    title: str
    stage: str  # the stage a claim is in while this step is next (督促, 催告 …)
    what: str  # what the clerk does
    why: str  # the legal basis in words
    after: str  # 'due_date', 'previous' or the id of an earlier step
    days: int  # due this many days after that …
    deadline_days: int  # … to be done by this many days after it
    letter: LetterKind | None = None
    reply_days: int | None = None  # the payment deadline printed on the letter
    checklist: tuple[str, ...] = ()
    approval: bool = False
    decision: Decision | None = None
    effect: LegalEffect = LegalEffect.NONE
    group: str = ""  # steps of one group are alternatives: one done is enough
    only_if: str = ""  # 'guarantors': only for claims with a guarantor or heir
    requires: str = ""  # applies only once this step is done (放棄 after 徴収停止)
    when: str = ""  # 'extinguished': due once the claim is legally extinguished
    script: str = ""  # what to say on the phone (the 電話催告 list shows it); a call step has one


@dataclass(frozen=True)
class Procedure:
    legal_nature: LegalNature
    title: str
    steps: tuple[StepDef, ...]
    source: str  # where it was read from, for messages

    def step(self, step_id: str) -> StepDef | None:
        return next((s for s in self.steps if s.id == step_id), None)


def parse_procedure(data: Mapping[str, Any], source: str, nature: LegalNature | None = None) -> Procedure:
    """Check a definition read from TOML and build it; `nature` is what the file must be for."""
    def fail(where: str, reason: str) -> ProcedureError:
        return ProcedureError(f"{source}: {where}: {reason}")

    unknown_top = set(data) - {"legal_nature", "title", "steps"}
    if unknown_top:
        raise fail(sorted(unknown_top)[0], "不明な項目です（legal_nature, title, steps のみ）")
    try:
        declared = LegalNature(data.get("legal_nature", ""))
    except ValueError:
        raise fail("legal_nature", "enforced_public / public / private のいずれかを指定してください") from None
    if nature is not None and declared is not nature:
        raise fail("legal_nature", f"このファイルは {nature.value} の手順です（{declared.value} と書かれています）")
    title = data.get("title", "")
    if not isinstance(title, str) or not title.strip():
        raise fail("title", "手順の名前を入力してください")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise fail("steps", "[[steps]] を1つ以上書いてください")
    steps: list[StepDef] = []
    for index, raw in enumerate(raw_steps):
        label = f"steps[{index}]"
        if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
            label += f' (id = "{raw["id"]}")'
        try:
            steps.append(_step(raw, steps, declared))
        except _Wrong as e:
            raise fail(f"{label}: {e.key}" if e.key else label, e.reason) from None
    return Procedure(declared, title.strip(), tuple(steps), source)


class _Wrong(Exception):
    def __init__(self, key: str, reason: str):
        self.key, self.reason = key, reason


def _text(raw: Mapping[str, Any], key: str, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _Wrong(key, "文字列で書いてください")
    if required and not value.strip():
        raise _Wrong(key, "入力してください")
    return value.strip()


def _optional_days(raw: Mapping[str, Any], key: str) -> int | None:
    return _days(raw, key) if key in raw else None


def _days(raw: Mapping[str, Any], key: str) -> int:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Wrong(key, f"0以上の日数（整数）で書いてください（{value!r}）")
    return value


def _choice(raw: Mapping[str, Any], key: str, enum: type[_E]) -> _E | None:
    value = raw.get(key, "")
    if value == "":
        return None
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum if m.value)
        raise _Wrong(key, f"「{value}」は使えません: {choices} のいずれか") from None


_E = TypeVar("_E", bound=Enum)


def _step(raw: Any, earlier: list[StepDef], nature: LegalNature) -> StepDef:
    if not isinstance(raw, Mapping):
        raise _Wrong("", "[[steps]] の表で書いてください")
    unknown = set(raw) - _KNOWN
    if unknown:
        raise _Wrong(sorted(unknown)[0], f"不明な項目です（使える項目: {', '.join(sorted(_KNOWN))}）")
    step_id = _text(raw, "id")
    if not _ID.fullmatch(step_id):
        raise _Wrong("id", "半角英小文字・数字・_ で書いてください（例: final_reminder）")
    ids = [s.id for s in earlier]
    if step_id in ids:
        raise _Wrong("id", "同じ id の手順がすでにあります")
    after = _text(raw, "after")
    if after not in ANCHORS and after not in ids:
        raise _Wrong("after", f"due_date、previous、またはこれより前の手順の id を書いてください（{after}）")
    days, deadline = _days(raw, "days"), _days(raw, "deadline_days")
    if deadline < days:
        raise _Wrong("deadline_days", f"days（{days}）以上にしてください（{deadline}）")
    checklist = raw.get("checklist", [])
    if not isinstance(checklist, list) or not all(isinstance(c, str) and c.strip() for c in checklist):
        raise _Wrong("checklist", '文字列の一覧で書いてください（例: ["住所を確認", "写しを保存"]）')
    approval = raw.get("approval", False)
    if not isinstance(approval, bool):
        raise _Wrong("approval", "true か false で書いてください")
    decision = _choice(raw, "decision", Decision)
    if approval and decision is None:
        raise _Wrong("decision", "決裁が必要な手順には decision（決裁の種類）を書いてください")
    if decision is not None and not approval:
        raise _Wrong("approval", "decision を書いた手順は approval = true にしてください")
    if decision is not None and decision not in ALLOWED_DECISIONS[nature]:
        raise _Wrong("decision", f"{decision.label}はこの種類の債権（{nature.label}）には使えません")
    letter = _choice(raw, "letter", LetterKind)
    reply_days = _optional_days(raw, "reply_days")
    if reply_days is not None and letter is None:
        raise _Wrong("reply_days", "文書（letter）を使う手順にだけ書けます")
    requires = _text(raw, "requires", required=False)
    if requires and requires not in ids:
        raise _Wrong("requires", f"これより前の手順の id を書いてください（{requires}）")
    only_if = _text(raw, "only_if", required=False)
    if only_if not in CONDITIONS:
        raise _Wrong("only_if", "空欄か guarantors にしてください")
    when = _text(raw, "when", required=False)
    if when not in TRIGGERS:
        raise _Wrong("when", "空欄か extinguished にしてください")
    group = _text(raw, "group", required=False)
    if group and not _ID.fullmatch(group):
        raise _Wrong("group", "半角英小文字・数字・_ で書いてください")
    # Unless the file says otherwise, a step has the effect of the letter it sends.
    effect = _choice(raw, "effect", LegalEffect)
    if effect is None and "effect" not in raw and letter is not None:
        effect = default_effect(Channel.LETTER_OUT, letter, Party.DEBTOR)
    return StepDef(
        id=step_id, title=_text(raw, "title"), stage=_text(raw, "stage"), what=_text(raw, "what"),
        why=_text(raw, "why"), after=after, days=days, deadline_days=deadline, letter=letter,
        reply_days=reply_days, checklist=tuple(c.strip() for c in checklist), approval=approval,
        decision=decision, effect=effect or LegalEffect.NONE,
        group=group, only_if=only_if, requires=requires, when=when,
        script=_text(raw, "script", required=False),
    )
