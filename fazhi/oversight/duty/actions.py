"""Writes of the leaders' duty registers. Each is one transaction with the record,
its deadlines and one audit event (oversight.<model>.<verb>).

A task's status is not typed in: it follows its completion date and the
progress reported (`report_progress`, the one step of a task)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import audit, deadlines
from fazhi.core.registers.actions import (
    action_date,
    clean_record,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.law import RuleError
from fazhi.oversight.choices import TaskStatus
from fazhi.oversight.models import (
    Admonition,
    ConductTraining,
    DutyReport,
    LeadingGroupMember,
    Meeting,
    OfficerAssessment,
    OfficerPost,
    Task,
    TaskProgress,
    WorkPlan,
)

PROGRESS_FIELDS = ("status", "done_on", "progress_percent", "progress_on", "progress_note", "progress_by_id")


# -- plans and tasks --------------------------------------------------------------------------


@audit.audited
def create_plan(*, actor: Any, data: dict[str, Any]) -> WorkPlan:
    return create_record(WorkPlan, actor=actor, data=data)


@audit.audited
def update_plan(plan: WorkPlan, *, actor: Any, data: dict[str, Any]) -> WorkPlan:
    return update_record(plan, actor=actor, data=data)


def _status(done_on: dt.date | None, percent: int) -> str:
    if done_on is not None:
        return TaskStatus.DONE
    return TaskStatus.IN_PROGRESS if percent > 0 else TaskStatus.NOT_STARTED


@audit.audited
def create_task(*, actor: Any, data: dict[str, Any]) -> Task:
    """A task of a plan. With a completion date (a plan entered after the year) it is done."""
    done_on = data.get("done_on")
    data = {**data, "status": _status(done_on, 100 if done_on else 0)}
    if done_on is not None:
        data["progress_percent"] = 100
    return create_record(Task, actor=actor, data=data)


@audit.audited
def update_task(task: Task, *, actor: Any, data: dict[str, Any]) -> Task:
    """Edit what was asked, of whom and by when. Setting or clearing the completion
    date moves the status; the progress reported stays as it was."""
    done_on = data.get("done_on", task.done_on)
    percent = 100 if done_on is not None else min(task.progress_percent, 99)
    data = {**data, "status": _status(done_on, percent)}
    if done_on is not None or task.done_on is not None:
        data["progress_percent"] = percent
    return update_record(task, actor=actor, data=data)


def may_report(user: Any, task: Task) -> bool:
    """The office and the leaders report on any task they see; an officer only on the
    tasks of a post their person holds."""
    if not user.has_perm("oversight.report_task"):
        return False
    if user.has_perm("oversight.change_task"):
        return True
    return bool(
        user.person_id
        and task.responsible_post_id
        and task.responsible_post.holders.filter(pk=user.person_id).exists()
    )


@audit.audited
def report_progress(task: Task, *, actor: Any, percent: int, text: str, on: dt.date | None = None) -> Task:
    """Post progress on a task: the day, how far it is and what was done. 100% completes
    the task on that day (closing its deadline). A completed task takes no more reports."""
    ensure_in_scope(actor, task)
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("responsible_post", "org_unit")
        .get(pk=task.pk)
    )
    if not may_report(actor, task):
        raise PermissionDenied("只能填报本岗位任务的进度")
    if task.status == TaskStatus.DONE:
        raise RuleError("该任务已完成，不能再填报进度", code="task_done")
    on = action_date(on, "进展日期")
    if task.progress_on and on < task.progress_on:
        raise RuleError(
            f"进展日期不能早于上次填报的日期（{task.progress_on:%Y-%m-%d}）", code="progress_out_of_order"
        )
    if percent is None or not 0 <= int(percent) <= 100:
        raise ValidationError({"percent": "进度应在0至100之间"})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "请填写进展情况"})
    percent = int(percent)
    before = {name: audit._plain(getattr(task, name)) for name in PROGRESS_FIELDS}
    entry = TaskProgress(task=task, on=on, percent=percent, text=text, by=actor)
    clean_record(entry)
    entry.save()
    done_on = on if percent == 100 else None
    task.status = _status(done_on, percent)
    task.done_on = done_on
    task.progress_percent, task.progress_on, task.progress_note, task.progress_by = percent, on, text, actor
    clean_record(task)
    task.save()
    deadlines.sync(task)
    after = {name: audit._plain(getattr(task, name)) for name in PROGRESS_FIELDS}
    changed = [k for k in PROGRESS_FIELDS if before[k] != after[k]]
    audit.record(actor=actor, action="oversight.task.progress_reported", target=task,
                 old={k: before[k] for k in changed}, new={k: after[k] for k in changed})  # fmt: skip
    return task


# -- the leading group, admonition talks, duty reports, meetings ----------------------------------


@audit.audited
def add_group_member(*, actor: Any, data: dict[str, Any]) -> LeadingGroupMember:
    return create_record(LeadingGroupMember, actor=actor, data=_member_name(data))


@audit.audited
def update_group_member(
    member: LeadingGroupMember, *, actor: Any, data: dict[str, Any]
) -> LeadingGroupMember:
    return update_record(member, actor=actor, data=_member_name(data))


def _member_name(data: dict[str, Any]) -> dict[str, Any]:
    """A member named by account keeps the account's name too, for lists and exports."""
    user = data.get("user")
    if user is not None and not (data.get("name") or "").strip():
        return {**data, "name": str(user)[:60]}
    return data


@audit.audited
def record_admonition(*, actor: Any, data: dict[str, Any]) -> Admonition:
    return create_record(Admonition, actor=actor, data=data)


@audit.audited
def update_admonition(admonition: Admonition, *, actor: Any, data: dict[str, Any]) -> Admonition:
    return update_record(admonition, actor=actor, data=data)


@audit.audited
def record_duty_report(*, actor: Any, data: dict[str, Any]) -> DutyReport:
    return create_record(DutyReport, actor=actor, data=data)


@audit.audited
def update_duty_report(report: DutyReport, *, actor: Any, data: dict[str, Any]) -> DutyReport:
    return update_record(report, actor=actor, data=data)


@audit.audited
def record_meeting(*, actor: Any, data: dict[str, Any]) -> Meeting:
    return create_record(Meeting, actor=actor, data=data)


@audit.audited
def update_meeting(meeting: Meeting, *, actor: Any, data: dict[str, Any]) -> Meeting:
    return update_record(meeting, actor=actor, data=data)


# -- enforcement responsibility ---------------------------------------------------------------


@audit.audited
def assign_officer_post(*, actor: Any, data: dict[str, Any]) -> OfficerPost:
    return create_record(OfficerPost, actor=actor, data=data)


@audit.audited
def update_officer_post(record: OfficerPost, *, actor: Any, data: dict[str, Any]) -> OfficerPost:
    return update_record(record, actor=actor, data=data)


def _with_quarter(data: dict[str, Any]) -> dict[str, Any]:
    on = data.get("on")
    return {**data, "quarter": (on.month - 1) // 3 + 1} if on is not None else data


@audit.audited
def record_conduct_training(*, actor: Any, data: dict[str, Any]) -> ConductTraining:
    return create_record(ConductTraining, actor=actor, data=_with_quarter(data))


@audit.audited
def update_conduct_training(
    training: ConductTraining, *, actor: Any, data: dict[str, Any]
) -> ConductTraining:
    return update_record(training, actor=actor, data=_with_quarter(data))


@audit.audited
def record_assessment(*, actor: Any, data: dict[str, Any]) -> OfficerAssessment:
    return create_record(OfficerAssessment, actor=actor, data=data)


@audit.audited
def update_assessment(
    assessment: OfficerAssessment, *, actor: Any, data: dict[str, Any]
) -> OfficerAssessment:
    return update_record(assessment, actor=actor, data=data)
