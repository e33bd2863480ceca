"""Writes of emergency management. Each is one transaction with its deadlines and
its audit event (emergency.<model>.<verb>).

A plan and its versions are written together: creating a plan records its first
version; giving the plan a new version number (on its page, in a ledger row, or
through the revise step) records a revision, a new `PlanVersion`, and moves the
next revision due date; correcting the date or the approving body of the version
in force corrects its row. Drills, teams, members and equipment are simple
records on the register base."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core import audit, deadlines
from fazhi.core.models import Attachment
from fazhi.core.registers.actions import (
    action_name,
    clean_record,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.emergency.choices import PlanStatus
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, PlanVersion, TeamEquipment, TeamMember
from fazhi.law import RuleError
from fazhi.law.counting import add_months

# The version's fields as the plan holds them, and as a PlanVersion row names them.
VERSION_FIELDS = {"version": "number", "revised_on": "approved_on", "approved_by": "approved_by",
                  "changes": "changes"}  # fmt: skip


def next_revision_due(revised_on: dt.date, years: int) -> dt.date:
    """The day a plan revised on `revised_on` is due for its next revision: the same
    day `years` years later (29 February becomes 28 February)."""
    return add_months(revised_on, 12 * years)


def _with_due(plan: EmergencyPlan) -> None:
    if plan.revised_on and plan.revision_years:
        plan.next_revision_due = next_revision_due(plan.revised_on, plan.revision_years)


def _check_file(plan: EmergencyPlan, file: Attachment | None) -> None:
    """A version's text is one of the plan's own attachments."""
    if file is None:
        return
    owner = (
        (file.content_type.app_label, file.content_type.model, file.object_id)
        if file.content_type_id
        else None
    )
    if owner != ("emergency", "emergencyplan", str(plan.pk)):
        raise ValidationError({"file": "预案文本应为本预案的附件"})


def _version_values(plan: EmergencyPlan) -> dict[str, Any]:
    return {row: getattr(plan, field) for field, row in VERSION_FIELDS.items()}


def _record_version(plan: EmergencyPlan, file: Attachment | None = None) -> PlanVersion:
    version = PlanVersion(plan=plan, file=file, **_version_values(plan))
    clean_record(version)
    version.save()
    return version


def _version_snapshot(version: PlanVersion) -> dict[str, Any]:
    return {"number": version.number, "approved_on": version.approved_on.isoformat(),
            "approved_by": version.approved_by, "changes": version.changes, "file": version.file_id}  # fmt: skip


@audit.audited
def create_plan(*, actor: Any, data: dict[str, Any], file: Attachment | None = None) -> EmergencyPlan:
    """Register a plan with the version in force: its first PlanVersion row is
    written with it."""
    plan = EmergencyPlan(**data)
    _with_due(plan)
    ensure_in_scope(actor, plan)
    clean_record(plan)
    plan.save()
    version = _record_version(plan, file)
    deadlines.sync(plan, new=True)
    audit.record(actor=actor, action=action_name(EmergencyPlan, "created"), target=plan,
                 new={**audit.snapshot(plan), "versions": [_version_snapshot(version)]})  # fmt: skip
    return plan


def _previous_versions(plan: EmergencyPlan) -> list[PlanVersion]:
    return list(PlanVersion.objects.filter(plan=plan).order_by("-approved_on", "-id"))


@audit.audited
def update_plan(
    plan: EmergencyPlan, *, actor: Any, data: dict[str, Any], file: Attachment | None = None
) -> EmergencyPlan:
    """Apply `data`. A new version number is a revision: a new PlanVersion row, and
    the next revision due date counted from its date (event `revised`). Otherwise
    a change to the version's date, approving body or changes corrects the row of
    the version in force (event `changed`). Nothing changed, nothing written."""
    ensure_in_scope(actor, plan)
    plan = EmergencyPlan.objects.select_for_update().get(pk=plan.pk)
    before = audit.raw_values(plan)
    old_number = plan.version
    for name, value in data.items():
        setattr(plan, name, value)
    ensure_in_scope(actor, plan)
    _with_due(plan)
    changed = audit.changed_fields(before, audit.raw_values(plan))
    plan.fazhi_changed = bool(changed) or file is not None
    if not plan.fazhi_changed:
        return plan
    clean_record(plan)
    versions = _previous_versions(plan)
    revised = plan.version != old_number
    if revised and plan.status != PlanStatus.IN_FORCE:
        raise RuleError("已被替代或废止的预案不能再登记修订", code="plan_not_in_force")
    if revised and any(v.number == plan.version for v in versions):
        raise ValidationError({"version": f"版本号“{plan.version}”已登记过，请填写新的版本号"})
    if revised and versions and plan.revised_on < versions[0].approved_on:
        raise ValidationError(
            {"revised_on": f"新版本的修订日期不能早于上一版本（{versions[0].approved_on:%Y-%m-%d}）"}
        )
    _check_file(plan, file)
    plan.save()
    old = {k: v for k, v in audit.snapshot(plan, before).items() if k in changed}
    new = {k: v for k, v in audit.snapshot(plan).items() if k in changed}
    if revised:
        new["versions"] = [_version_snapshot(_record_version(plan, file))]
    else:
        current = next((v for v in versions if v.number == plan.version), None)
        if current is None:  # a plan from before the history was kept: start it now
            new["versions"] = [_version_snapshot(_record_version(plan, file))]
        elif _version_values(plan) != _version_values_of(current) or file is not None:
            old["versions"] = [_version_snapshot(current)]
            for name, value in _version_values(plan).items():
                setattr(current, name, value)
            if file is not None:
                current.file = file
            clean_record(current)
            current.save()
            new["versions"] = [_version_snapshot(current)]
    deadlines.sync(plan)
    verb = "revised" if revised else "changed"
    audit.record(actor=actor, action=action_name(EmergencyPlan, verb), target=plan, old=old, new=new)
    return plan


def _version_values_of(version: PlanVersion) -> dict[str, Any]:
    return {row: getattr(version, row) for row in VERSION_FIELDS.values()}


@audit.audited
def revise_plan(
    plan: EmergencyPlan,
    *,
    actor: Any,
    number: str,
    approved_on: dt.date,
    approved_by: str,
    changes: str = "",
    file: Attachment | None = None,
) -> EmergencyPlan:
    """The revision step: a new version approved on `approved_on`, with what changed.
    The next revision falls due `revision_years` after it."""
    number = (number or "").strip()
    if not number:
        raise ValidationError({"version": "请填写新的版本号"})
    if number == plan.version:
        raise ValidationError({"version": "新版本号应与现行版本号不同"})
    data = {"version": number, "revised_on": approved_on, "approved_by": (approved_by or "").strip(),
            "changes": (changes or "").strip()}  # fmt: skip
    return update_plan(plan, actor=actor, data=data, file=file)


# -- drills, teams, members, equipment ------------------------------------------------------


@audit.audited
def record_drill(*, actor: Any, data: dict[str, Any]) -> Drill:
    return create_record(Drill, actor=actor, data=data)


@audit.audited
def update_drill(drill: Drill, *, actor: Any, data: dict[str, Any]) -> Drill:
    return update_record(drill, actor=actor, data=data)


@audit.audited
def create_team(*, actor: Any, data: dict[str, Any]) -> EmergencyTeam:
    return create_record(EmergencyTeam, actor=actor, data=data)


@audit.audited
def update_team(team: EmergencyTeam, *, actor: Any, data: dict[str, Any]) -> EmergencyTeam:
    return update_record(team, actor=actor, data=data)


@audit.audited
def add_member(*, actor: Any, data: dict[str, Any]) -> TeamMember:
    return create_record(TeamMember, actor=actor, data=data)


@audit.audited
def update_member(member: TeamMember, *, actor: Any, data: dict[str, Any]) -> TeamMember:
    return update_record(member, actor=actor, data=data)


@audit.audited
def add_equipment(*, actor: Any, data: dict[str, Any]) -> TeamEquipment:
    return create_record(TeamEquipment, actor=actor, data=data)


@audit.audited
def update_equipment(item: TeamEquipment, *, actor: Any, data: dict[str, Any]) -> TeamEquipment:
    return update_record(item, actor=actor, data=data)
