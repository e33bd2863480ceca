"""Rectification items: created and edited as a register, moved by their steps
(workflow.TABLE), each step one transaction with its history row, its deadline
and one audit event (oversight.rectification.<verb>)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core import audit
from fazhi.core.registers.actions import (
    action_date,
    change_state,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.law import RuleError
from fazhi.oversight import rules, selectors, workflow
from fazhi.oversight.choices import RectificationStatus
from fazhi.oversight.models import Rectification, RectificationStep


def _differs(obj: Any, data: dict[str, Any]) -> list[str]:
    """The fields of `data` whose value differs from the record's."""
    changed = []
    for name, value in data.items():
        field = obj._meta.get_field(name)
        if audit._plain(getattr(obj, field.attname)) != audit._plain(value):
            changed.append(name)
    return changed


@audit.audited
def create_rectification(*, actor: Any, data: dict[str, Any]) -> Rectification:
    """A new item, open (待整改) whatever the data says."""
    data = {**data, "status": RectificationStatus.OPEN, "closed_on": None}
    return create_record(Rectification, actor=actor, data=data)


@audit.audited
def update_rectification(rectification: Rectification, *, actor: Any, data: dict[str, Any]) -> Rectification:
    """Edit the item's description. A closed-out item is a record of what was done:
    it no longer changes (an unchanged import row of it is still fine)."""
    if rectification.status == RectificationStatus.CLOSED and _differs(rectification, data):
        raise RuleError("已销号的整改事项不能修改", code="rectification_closed")
    return update_record(rectification, actor=actor, data=data)


def _transition(rectification: Rectification, action: str, actor: Any, *, on: dt.date | None,
                note: str = "", changes: dict[str, Any] | None = None) -> Rectification:  # fmt: skip
    on = action_date(on)
    if not actor.has_perm(workflow.PERMISSIONS[action]):
        raise PermissionDenied(f"您的角色不能对整改事项“{workflow.ACTION_LABELS[action]}”")
    ensure_in_scope(actor, rectification)
    item = Rectification.objects.select_for_update().get(pk=rectification.pk)
    target = workflow.next_status(item.status, action)
    if action == "submit" and not selectors.evidence_count(item):
        raise RuleError("提交销号前须在本事项的“附件”中上传至少一份整改佐证材料", code="evidence_required")
    if action in ("close_out", "reject"):
        if not rules.may_approve(actor, item):
            raise RuleError("提交销号的人员不能审核本事项的销号，须由其他有销号审核权限的人员审核",
                            code="approver_is_submitter")  # fmt: skip
        if item.submitted_on and on < item.submitted_on:
            raise RuleError("审核日期不能早于提交销号日期", code="date_before_submission")
    before, after = change_state(item, status=target, changes=changes)
    RectificationStep.objects.create(rectification=item, action=action, label=workflow.ACTION_LABELS[action],
                                     on=on, actor=actor, note=note)  # fmt: skip
    audit.record(actor=actor, action=f"oversight.rectification.{workflow.AUDIT_VERBS[action]}", target=item,
                 old=before, new=after, message=note[:500])  # fmt: skip
    return item


@audit.audited
def start_rectification(rectification: Rectification, *, actor: Any, on: dt.date | None = None,
                        note: str = "") -> Rectification:  # fmt: skip
    """待整改 → 整改中."""
    return _transition(rectification, "start", actor, on=on, note=note)


@audit.audited
def submit_rectification(rectification: Rectification, *, actor: Any, result: str, on: dt.date | None = None
                         ) -> Rectification:  # fmt: skip
    """整改中 → 已提交销号, with what was done (整改情况) and at least one file of
    evidence (佐证材料) attached to the item beforehand (`fazhi.core.files.store`)."""
    result = (result or "").strip()
    if not result:
        raise RuleError("提交销号须填写整改情况", code="result_required")
    on = action_date(on)
    return _transition(rectification, "submit", actor, on=on, note=result,
                       changes={"result": result, "submitted_by": actor, "submitted_on": on})  # fmt: skip


@audit.audited
def close_out_rectification(rectification: Rectification, *, actor: Any, on: dt.date | None = None,
                            note: str = "") -> Rectification:  # fmt: skip
    """已提交销号 → 已销号 (销号), by an approver other than the submitter."""
    on = action_date(on)
    return _transition(rectification, "close_out", actor, on=on, note=note,
                       changes={"closed_by": actor, "closed_on": on})  # fmt: skip


@audit.audited
def reject_rectification(rectification: Rectification, *, actor: Any, reason: str, on: dt.date | None = None
                         ) -> Rectification:  # fmt: skip
    """已提交销号 → 整改中: the approver sends it back, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("退回整改须说明理由", code="reason_required")
    return _transition(rectification, "reject", actor, on=on, note=reason,
                       changes={"submitted_by": None, "submitted_on": None})  # fmt: skip


STEPS = {
    "start": lambda r, actor, on, note: start_rectification(r, actor=actor, on=on, note=note),
    "submit": lambda r, actor, on, note: submit_rectification(r, actor=actor, on=on, result=note),
    "close_out": lambda r, actor, on, note: close_out_rectification(r, actor=actor, on=on, note=note),
    "reject": lambda r, actor, on, note: reject_rectification(r, actor=actor, on=on, reason=note),
}


def take_step(rectification: Rectification, action: str, *, actor: Any, on: dt.date | None = None,
              note: str = "") -> Rectification:  # fmt: skip
    """Take one step by its name, as the page and the API do; `note` is the step's
    text (the 整改情况 of a submission, the reason of a rejection)."""
    if action not in STEPS:
        raise RuleError("未知的整改环节", code="unknown_step")
    return STEPS[action](rectification, actor, on, note)
